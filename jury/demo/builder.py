"""Build the demo database of SPEC section 7: a published past edition, the current edition standing
in the phase asked, their employers, nominations and candidacies, the jury's work as far as each
edition's phase goes (panels, conflicts, assignments, evaluations), and the demo accounts.

Territories, municipalities and the default criteria come from the migrations. Everything drawn at
random comes from one ``random.Random(seed)``, so a seed gives the same businesses, people and texts
(only the private-link tokens and the dates, which follow today, differ between runs).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, models, transaction
from django.utils import timezone
from tqdm import tqdm

from contest.domain.editions import create_edition
from contest.domain.roles import JUROR_GROUP, STAFF_GROUP, ensure_role_groups
from contest.enums import Phase
from contest.models import Criterion, Edition, Municipality
from jury.domain import ranking_store
from jury.domain.assignment import assign_jurors
from jury.domain.ranking import rank_candidacies
from jury.domain.scoring import weighted_total
from jury.enums import AwardKind, EvaluationStatus
from jury.models import Assignment, Award, Conflict, Evaluation, PanelMembership, Score
from nominations.domain.tokens import new_private_token
from nominations.enums import NominationStatus, SchoolLevel
from nominations.models import Candidacy, Employer, EmployerNotice, Nomination, TestimonialAnswer
from nominations.normalize import employer_key

from . import vocabulary as words

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published on purpose (SPEC section 7)
DEFAULT_SEED = 2026
DEFAULT_NOMINATIONS = 300
PHASES = (Phase.NOMINATIONS, Phase.JURY, Phase.DELIBERATION, Phase.PUBLISHED)
JUROR_COUNT = 6

# Days from now of each date of the current edition (nominations open, close, jury opens, closes,
# announcement) so that it stands in the phase asked.
PHASE_OFFSETS = {
    Phase.NOMINATIONS: (-10, 20, 25, 40, 50),
    Phase.JURY: (-60, -30, -5, 10, 20),
    Phase.DELIBERATION: (-90, -60, -40, -10, 5),
    Phase.PUBLISHED: (-120, -90, -70, -40, -7),
}
# Local time of each of those dates: windows open in the morning and close at midnight; the
# announcement is an evening gala. Offsets are at least five days from today, so the phase holds.
DATE_TIMES = (dt.time(9), dt.time(23, 59), dt.time(9), dt.time(23, 59), dt.time(19))
# The past edition, announced some ten months ago: its personal data is still within retention.
PAST_OFFSETS = (-400, -370, -360, -330, -300)
# Staff publish the day before the announcement; the results are embargoed until then.
PUBLISHED_BEFORE_ANNOUNCEMENT = dt.timedelta(days=1)
# Editions are numbered from 2020 (the 6th was in 2025).
FIRST_EDITION_YEAR = 2019

# Share (percent) of each status among the current edition's nominations; the rest get the last status.
OPEN_STATUS_MIX = ((NominationStatus.PENDING, 12),)
OPEN_MAIN_STATUS = NominationStatus.CONFIRMED
SCREENED_STATUS_MIX = (
    (NominationStatus.PENDING, 4),
    (NominationStatus.INELIGIBLE, 6),
    (NominationStatus.DUPLICATE, 3),
    (NominationStatus.SPAM, 2),
)
SCREENED_MAIN_STATUS = NominationStatus.ELIGIBLE
SCREENED_STATUSES = (
    NominationStatus.ELIGIBLE,
    NominationStatus.INELIGIBLE,
    NominationStatus.DUPLICATE,
    NominationStatus.SPAM,
)
PAST_STATUS_COUNTS = {
    NominationStatus.ELIGIBLE: 120,
    NominationStatus.INELIGIBLE: 7,
    NominationStatus.DUPLICATE: 3,
    NominationStatus.SPAM: 2,
}

# How many nominations one employer gathers, with relative frequencies (mean about 2.6).
EMPLOYER_SIZES = (1, 2, 3, 4, 5, 6, 8, 10, 14)
EMPLOYER_SIZE_WEIGHTS = (40, 25, 14, 8, 5, 3, 2, 2, 1)
# Share of the past edition's employers that are nominated again this year.
RETURNING_EMPLOYERS = 0.4
# Share of nominations that answer every criterion's prompt; the others skip one to three.
FULL_ANSWERS = 0.85
BATCH_SIZE = 500

# The jury: two panels of four jurors (jurors 3 and 4 sit on both) for three seats per candidacy.
PANEL_A_TERRITORIES = ("Sherbrooke", "Memphrémagog", "Coaticook", "Le Haut-Saint-François", "Le Granit")
PANEL_A_JURORS = (1, 2, 3, 4)
PANEL_B_JURORS = (3, 4, 5, 6)
# How far each juror scores from the candidacy's merit: juror 2 is severe, juror 5 lenient, so that
# the juror-normalised ranking has something to correct.
JUROR_BIAS = {1: 0.0, 2: -0.7, 3: 0.2, 4: -0.1, 5: 0.6, 6: -0.2}
# While the jury is at work: share (percent) of assignments submitted, and in draft; the rest not begun.
JURY_SUBMITTED = 45
JURY_DRAFTS = 15
# Conflicts of interest declared by juror 1 in each edition with a jury.
CONFLICTS_PER_EDITION = 2

# Invented first names of the demo jurors (the reminder e-mail greets them by it).
JUROR_FIRST_NAMES = ["Annie", "Benoît", "Chantal", "Denis", "Émilie", "François", "Geneviève", "Hugo"]


def _fill(template: str, values: dict) -> str:
    """A sentence with its blanks filled; a business name ending in « inc. » does not double the period."""
    return template.format(**values).replace("..", ".")


@dataclass(frozen=True)
class DemoResult:
    past_edition: Edition
    current_edition: Edition
    nominations: int
    employers: int
    candidacies: int
    evaluations: int


@dataclass(frozen=True)
class Boss:
    first_name: str
    last_name: str
    role: str
    feminine: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class DemoEmployer:
    employer: Employer
    bosses: list[Boss]
    youths: list[dict] = field(default_factory=list)


def status_counts(*, total: int, phase: Phase) -> dict[str, int]:
    """How many of the current edition's ``total`` nominations get each status in ``phase``."""
    if phase == Phase.NOMINATIONS:
        mix, main = OPEN_STATUS_MIX, OPEN_MAIN_STATUS
    else:
        mix, main = SCREENED_STATUS_MIX, SCREENED_MAIN_STATUS
    counts = {str(status): total * percent // 100 for status, percent in mix}
    counts[str(main)] = total - sum(counts.values())
    return counts


def contest_data_exists() -> bool:
    return Edition.objects.exists() or Employer.objects.exists()


@transaction.atomic
def delete_contest_data() -> None:
    """Remove editions (with their criteria), employers, nominations, candidacies and the jury's work.

    Territories, municipalities, the default criteria set and the accounts stay.
    """
    # Children first: an evaluation protects its assignment, an award its candidacy.
    Award.objects.all().delete()
    Score.objects.all().delete()
    Evaluation.objects.all().delete()
    Assignment.objects.all().delete()
    Conflict.objects.all().delete()
    PanelMembership.objects.all().delete()
    TestimonialAnswer.objects.all().delete()
    Candidacy.objects.all().delete()
    Nomination.objects.all().delete()
    Employer.objects.all().delete()
    Edition.objects.all().delete()


@transaction.atomic
def create_demo_data(
    *,
    phase: Phase = Phase.NOMINATIONS,
    nominations: int = DEFAULT_NOMINATIONS,
    seed: int = DEFAULT_SEED,
    jurors: list | None = None,
    progress: bool = False,
) -> DemoResult:
    """Create both editions and their data in a database without contest data.

    ``jurors`` (in order, juror 1 first) form the panels and score as far as each edition's phase goes;
    without them there is no jury data.
    """
    if phase not in PHASES:
        raise ValueError(f"phase must be one of {', '.join(PHASES)}")
    if nominations < 0:
        raise ValueError("nominations must not be negative")
    return _DemoBuilder(seed=seed, now=timezone.now()).build(
        phase=phase, nominations=nominations, jurors=list(jurors or []), progress=progress
    )


@dataclass(frozen=True)
class DemoAccounts:
    admin: object
    staff: object
    jurors: list

    @property
    def all(self) -> list:
        return [self.admin, self.staff, *self.jurors]


@transaction.atomic
def create_demo_accounts() -> DemoAccounts:
    """The accounts of SPEC section 7, all with ``DEMO_PASSWORD``; updated if they exist."""
    user_model = get_user_model()
    # One hash for all: the password is the same and public, and hashing is deliberately slow.
    password = make_password(DEMO_PASSWORD)
    ensure_role_groups()
    staff_group = Group.objects.get(name=STAFF_GROUP)
    jurors_group = Group.objects.get(name=JUROR_GROUP)

    def account(email: str, first_name: str, last_name: str, *, superuser=False, group=None):
        user, _ = user_model.objects.get_or_create(username=email, defaults={"email": email})
        user.email = email
        user.first_name = first_name
        user.last_name = last_name
        user.password = password
        user.is_active = True
        user.is_superuser = superuser
        user.is_staff = superuser or group is staff_group
        user.save()
        if group is not None:
            user.groups.add(group)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    return DemoAccounts(
        admin=account("admin@example.org", "Administration", "Démo", superuser=True),
        staff=account("staff@example.org", "Coordination", "Démo", group=staff_group),
        jurors=[
            account(f"juror{n}@example.org", first_name, "Démo", group=jurors_group)
            for n, first_name in enumerate(JUROR_FIRST_NAMES[:JUROR_COUNT], start=1)
        ],
    )


@contextmanager
def _timestamps_as_given(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let bulk_create keep the created/updated dates we set, instead of stamping them with now.

    It changes the models' fields for the whole process while it lasts: for a management command only."""
    stamped = [
        field
        for model in model_classes
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in stamped]
    try:
        for stamped_field in stamped:
            stamped_field.auto_now = stamped_field.auto_now_add = False
        yield
    finally:
        for stamped_field, auto_now, auto_now_add in saved:
            stamped_field.auto_now, stamped_field.auto_now_add = auto_now, auto_now_add


def _insert_rows(model: type[models.Model], fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain INSERTs for the two biggest tables (answers and scores), which hold no derived value:
    bulk_create spends most of its time building and preparing model instances."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model's metadata; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(char for char in plain.lower() if char.isalnum())


def _analyze(*models_written: type[models.Model]) -> None:
    """On PostgreSQL, bring the planner's statistics of the tables just filled in bulk up to date, as
    one does after a bulk load: statistics gathered while they were nearly empty (autovacuum, or a test
    database between tests) made it join thousands of rows by nested loops, and the ranking computed
    right after took minutes instead of milliseconds. ANALYZE counts this transaction's own rows."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models_written)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


class _DemoBuilder:
    def __init__(self, *, seed: int, now: dt.datetime):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible demo data, nothing secret
        self.now = now
        municipalities = list(Municipality.objects.select_related("territory").order_by("pk"))
        if not municipalities:
            raise ValueError("No municipality: run the migrations first (they load the territories).")
        self.territories = sorted({m.territory.name for m in municipalities})
        self.territory_ids = {m.territory.name: m.territory_id for m in municipalities}
        self.by_territory = {
            name: [m for m in municipalities if m.territory.name == name] for name in self.territories
        }
        self.employer_keys: set[tuple[str, int]] = set()
        self.sector_weights = [weight for _sector, weight, _kinds in words.SECTORS]

    # Editions --------------------------------------------------------------------------------------

    def _dates(self, offsets: tuple[int, ...]) -> list[dt.datetime]:
        """The days ``offsets`` from today, at the local times of DATE_TIMES."""
        today = timezone.localdate(self.now)
        return [
            timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), time))
            for days, time in zip(offsets, DATE_TIMES, strict=True)
        ]

    def _edition(self, *, year: int, offsets: tuple[int, ...], published: bool) -> Edition:
        opens, closes, jury_opens, jury_closes, announce = self._dates(offsets)
        edition = create_edition(
            year=year,
            number=year - FIRST_EDITION_YEAR,
            nominations_open_at=opens,
            nominations_close_at=closes,
            jury_open_at=jury_opens,
            jury_close_at=jury_closes,
            announce_at=announce,
        )
        if published:
            # published_at is written by the staff's publish action only; the demo stands in for it.
            published_at = announce - PUBLISHED_BEFORE_ANNOUNCEMENT
            Edition.objects.filter(pk=edition.pk).update(published_at=published_at)
            edition.published_at = published_at
        return edition

    # Employers -------------------------------------------------------------------------------------

    def _sizes(self, total: int) -> list[int]:
        sizes: list[int] = []
        planned = 0
        while planned < total:
            sizes.append(self.rng.choices(EMPLOYER_SIZES, EMPLOYER_SIZE_WEIGHTS)[0])
            planned += sizes[-1]
        if sizes:
            sizes[-1] -= planned - total
        return sizes

    def _municipality(self) -> Municipality:
        territory = self.rng.choices(
            self.territories,
            [words.TERRITORY_WEIGHTS.get(name, words.DEFAULT_TERRITORY_WEIGHT) for name in self.territories],
        )[0]
        candidates = self.by_territory[territory]
        weights = [
            words.MUNICIPALITY_WEIGHTS.get(m.name, 3 if m.designation == "Ville" else 1) for m in candidates
        ]
        return self.rng.choices(candidates, weights)[0]

    def _business_name(self, kind: str, municipality: Municipality) -> str:
        rng = self.rng
        pattern = rng.choices(
            ("surname", "chez", "flourish", "place", "town", "family"), (34, 14, 18, 14, 12, 8)
        )[0]
        if pattern == "surname":
            name = f"{kind} {rng.choice(words.LAST_NAMES)}"
        elif pattern == "chez":
            first_names = words.BOSS_FIRST_NAMES_F + words.BOSS_FIRST_NAMES_M
            name = f"{kind} Chez {rng.choice(first_names)}"
        elif pattern == "flourish":
            name = f"{kind} {rng.choice(words.NAME_FLOURISHES)}"
        elif pattern == "place":
            name = f"{kind} {rng.choice(words.PLACE_SUFFIXES)}"
        elif pattern == "town":
            name = f"{kind} de {municipality.name}"
        else:
            name = f"{kind} {rng.choice(words.LAST_NAMES)} et fils"
        if rng.random() < 0.2:
            name += rng.choice(words.LEGAL_SUFFIXES)
        return name

    def _unique_name(self, kind: str, municipality: Municipality) -> str:
        for _attempt in range(30):
            name = self._business_name(kind, municipality)
            if (employer_key(name), municipality.pk) not in self.employer_keys:
                return name
        # Big towns run out of plain names: tell businesses apart by borough, then by number.
        for borough in words.BOROUGHS:
            name = f"{self._business_name(kind, municipality)} ({borough})"
            if (employer_key(name), municipality.pk) not in self.employer_keys:
                return name
        number = 2
        while (employer_key(f"{kind} no {number}"), municipality.pk) in self.employer_keys:
            number += 1
        return f"{kind} no {number}"

    def _boss(self) -> Boss:
        feminine = self.rng.random() < 0.5
        first_names = words.BOSS_FIRST_NAMES_F if feminine else words.BOSS_FIRST_NAMES_M
        roles = words.BOSS_ROLES_F if feminine else words.BOSS_ROLES_M
        return Boss(
            first_name=self.rng.choice(first_names),
            last_name=self.rng.choice(words.LAST_NAMES),
            role=self.rng.choice(roles),
            feminine=feminine,
        )

    def _employer(self, created_at: dt.datetime) -> DemoEmployer:
        sector, _weight, kinds = self.rng.choices(words.SECTORS, self.sector_weights)[0]
        municipality = self._municipality()
        name = self._unique_name(self.rng.choice(kinds), municipality)
        normalized = employer_key(name)
        self.employer_keys.add((normalized, municipality.pk))
        slug = "".join(char if char.isalnum() else "-" for char in normalized).strip("-")
        employer = Employer(
            name=name,
            normalized_name=normalized,
            municipality=municipality,
            territory_id=municipality.territory_id,
            sector=sector,
            contact_email=f"info@{slug}.example.com" if self.rng.random() < 0.3 else "",
            created_at=created_at,
        )
        bosses = [self._boss() for _ in range(1 if self.rng.random() < 0.8 else 2)]
        return DemoEmployer(employer=employer, bosses=bosses)

    # Nominations -----------------------------------------------------------------------------------

    def _school(self, age: int, territory: str) -> tuple[str, str]:
        rng = self.rng
        if age <= 15:
            level = SchoolLevel.SECONDARY
        elif age == 16:
            level = rng.choices([SchoolLevel.SECONDARY, SchoolLevel.VOCATIONAL], [92, 8])[0]
        elif age == 17:
            level = rng.choices(
                [SchoolLevel.SECONDARY, SchoolLevel.COLLEGE, SchoolLevel.VOCATIONAL, SchoolLevel.ADULT],
                [55, 30, 10, 5],
            )[0]
        elif age <= 19:
            level = rng.choices(
                [SchoolLevel.COLLEGE, SchoolLevel.VOCATIONAL, SchoolLevel.ADULT, SchoolLevel.SECONDARY],
                [60, 18, 12, 10],
            )[0]
        else:
            level = rng.choices(
                [SchoolLevel.COLLEGE, SchoolLevel.UNIVERSITY, SchoolLevel.VOCATIONAL, SchoolLevel.ADULT],
                [35, 35, 15, 15],
            )[0]
        if level == SchoolLevel.SECONDARY:
            schools = words.SECONDARY_SCHOOLS.get(territory) or words.SECONDARY_SCHOOLS["Sherbrooke"]
        else:
            schools = words.SCHOOLS_BY_LEVEL[level]
        return str(level), rng.choice(schools)

    def _email(self, first_name: str, last_name: str, used: set[str]) -> str:
        rng = self.rng
        local = f"{_ascii(first_name)}.{_ascii(last_name)}"
        email = f"{local}@{rng.choice(words.EMAIL_DOMAINS)}"
        while email in used:
            email = f"{local}{rng.randint(1, 9999)}@{rng.choice(words.EMAIL_DOMAINS)}"
        used.add(email)
        return email

    def _youth(self, territory: str) -> dict:
        rng = self.rng
        age = rng.choices(range(14, 23), (8, 14, 18, 18, 14, 10, 7, 6, 5))[0]
        school_level, school = self._school(age, territory)
        return {
            "first_name": rng.choice(words.YOUTH_FIRST_NAMES),
            "last_name": rng.choice(words.LAST_NAMES),
            "age": age,
            "school_level": school_level,
            "school": school,
            "hours_per_week": rng.choices(
                (6, 8, 10, 12, 14, 15, 16, 18, 20, 22, 25), (4, 8, 12, 14, 12, 10, 10, 8, 6, 3, 2)
            )[0],
        }

    def _sentences(self, pool: list[str], count: int, values: dict) -> str:
        return " ".join(_fill(sentence, values) for sentence in self.rng.sample(pool, min(count, len(pool))))

    def _texts(self, criteria: list, values: dict) -> tuple[str, list[tuple[object, str]]]:
        rng = self.rng
        testimonial = " ".join(
            [
                _fill(rng.choice(words.TESTIMONIAL_OPENINGS), values),
                self._sentences(words.TESTIMONIAL_MIDDLES, rng.randint(1, 2), values),
                _fill(rng.choice(words.TESTIMONIAL_CLOSINGS), values),
            ]
        )
        answered = list(criteria)
        if answered and rng.random() >= FULL_ANSWERS:
            skipped = rng.randint(1, min(3, len(answered) - 1)) if len(answered) > 1 else 0
            for criterion in rng.sample(answered, skipped):
                answered.remove(criterion)
        answers = [
            (
                criterion,
                self._sentences(
                    words.ANSWERS.get(criterion.code, words.GENERIC_ANSWERS), rng.randint(1, 3), values
                ),
            )
            for criterion in answered
        ]
        return testimonial, answers

    def _created_at(self, edition: Edition, status: str) -> dt.datetime:
        rng = self.rng
        start = edition.nominations_open_at
        end = min(edition.nominations_close_at, self.now)
        if status == NominationStatus.PENDING and edition.nominations_close_at > self.now:
            # Still waiting: sent in the last few days, the confirmation link not clicked yet.
            start = max(start, self.now - dt.timedelta(days=4))
        # More nominations come in as the deadline nears.
        moment = start + (end - start) * rng.triangular(0, 1, 0.8)
        return min(moment, self.now - dt.timedelta(minutes=5))

    def _nomination(
        self,
        *,
        edition: Edition,
        spec: DemoEmployer,
        status: str,
        created_at: dt.datetime,
        criteria: list,
        emails: set[str],
    ) -> tuple[Nomination, list[tuple[object, str]]]:
        rng = self.rng
        employer = spec.employer
        boss = rng.choice(spec.bosses)
        territory = employer.municipality.territory.name
        if status == NominationStatus.DUPLICATE and spec.youths:
            # The same youth again, through another address.
            youth = dict(rng.choice(spec.youths))
        else:
            youth = self._youth(territory)
            spec.youths.append(youth)
        values = {
            "b": boss.first_name,
            "il": "elle" if boss.feminine else "il",
            "Il": "Elle" if boss.feminine else "Il",
            "lui": "elle" if boss.feminine else "lui",
            "employer": employer.name,
            "h": youth["hours_per_week"],
            "mois": rng.choice((3, 4, 6, 8, 10, 14, 18, 24)),
        }
        if status == NominationStatus.SPAM:
            testimonial, answers = rng.choice(words.SPAM_TEXTS), []
            youth = {**youth, "first_name": "Test", "last_name": rng.choice(("Test", "Asdf", "Boss"))}
        else:
            testimonial, answers = self._texts(criteria, values)
        confirmed_at = screened_at = None
        reason = ""
        if status != NominationStatus.PENDING:
            delay = dt.timedelta(minutes=min(rng.expovariate(1 / 90), 3 * 24 * 60))
            confirmed_at = min(created_at + delay, self.now)
        if status in SCREENED_STATUSES:
            # Staff screen as nominations come in and until the jury opens.
            screened_until = min(edition.jury_open_at, self.now)
            screened_at = confirmed_at + (screened_until - confirmed_at) * rng.random()
            if status == NominationStatus.INELIGIBLE:
                reason = rng.choice(words.INELIGIBLE_REASONS)
        nomination = Nomination(
            # Ids rather than objects: much faster to build by the thousand.
            edition_id=edition.pk,
            employer_id=employer.pk,
            status=status,
            email=self._email(youth["first_name"], youth["last_name"], emails),
            boss_name=boss.name,
            boss_role=boss.role,
            testimonial=testimonial,
            consent_publish_first_name=rng.random() < 0.6,
            consent_publish_testimonial=rng.random() < 0.5,
            consent_tell_employer=rng.random() < 0.45,
            consent_results_email=rng.random() < 0.4,
            language="fr",
            token_hash=new_private_token()[1],
            created_at=created_at,
            updated_at=screened_at or confirmed_at or created_at,
            confirmed_at=confirmed_at,
            screened_at=screened_at,
            screening_reason=reason,
            **youth,
        )
        return nomination, answers

    def _statuses(self, counts: dict[str, int]) -> list[str]:
        statuses = [status for status, count in counts.items() for _ in range(count)]
        self.rng.shuffle(statuses)
        return statuses

    def _plan(self, *, edition: Edition, specs: list[DemoEmployer], sizes: list[int], counts: dict[str, int]):
        slots = [spec for spec, size in zip(specs, sizes, strict=True) for _ in range(size)]
        self.rng.shuffle(slots)
        return edition, list(zip(slots, self._statuses(counts), strict=True))

    def _write_nominations(self, plans: list, bar: tqdm) -> None:
        for edition, slots in plans:
            criteria = list(edition.criteria.order_by("position", "pk"))
            emails: set[str] = set()
            # Dates first, so that rows are written in the order they came in.
            timed = sorted(
                ((self._created_at(edition, status), spec, status) for spec, status in slots),
                key=lambda row: row[0],
            )
            for start in range(0, len(timed), BATCH_SIZE):
                batch = [
                    self._nomination(
                        edition=edition,
                        spec=spec,
                        status=status,
                        created_at=created_at,
                        criteria=criteria,
                        emails=emails,
                    )
                    for created_at, spec, status in timed[start : start + BATCH_SIZE]
                ]
                Nomination.objects.bulk_create([nomination for nomination, _answers in batch])
                _insert_rows(
                    TestimonialAnswer,
                    ("nomination", "criterion", "text"),
                    [
                        (nomination.pk, criterion.pk, text)
                        for nomination, answers in batch
                        for criterion, text in answers
                    ],
                )
                bar.update(len(batch))

    def _write_candidacies(self, edition: Edition) -> int:
        """One candidacy per employer with eligible nominations, formed at the end of screening."""
        employers = (
            Nomination.objects.filter(edition=edition, status=NominationStatus.ELIGIBLE)
            .values_list("employer_id", "employer__contact_email")
            .distinct()
            .order_by("employer_id")
        )
        created_at = min(edition.jury_open_at, self.now)
        employers = list(employers)
        candidacies = Candidacy.objects.bulk_create(
            Candidacy(edition=edition, employer_id=employer_id, created_at=created_at)
            for employer_id, _contact_email in employers
        )
        # Told by e-mail when the candidacy was formed, if we have an address.
        EmployerNotice.objects.bulk_create(
            EmployerNotice(edition=edition, employer_id=employer_id, sent_at=created_at)
            for employer_id, contact_email in employers
            if contact_email
        )
        return len(candidacies)

    def _write_jury(
        self, *, edition: Edition, jurors: list, submitted: int, drafts: int, progress: bool
    ) -> int:
        """Panels, a few declared conflicts, assignments (by the staff's assignment function) and the
        evaluations: ``submitted`` and ``drafts`` percent of the assignments. Returns evaluations made."""
        rng = self.rng
        numbered = dict(enumerate(jurors, start=1))
        panel_a = {self.territory_ids[name] for name in PANEL_A_TERRITORIES if name in self.territory_ids}
        PanelMembership.objects.bulk_create(
            PanelMembership(edition=edition, territory_id=territory_id, juror=numbered[number])
            for territory_id in sorted(self.territory_ids.values())
            for number in (PANEL_A_JURORS if territory_id in panel_a else PANEL_B_JURORS)
            if number in numbered
        )
        candidacies = list(
            Candidacy.objects.filter(edition=edition).select_related("employer").order_by("pk")
        )
        jury_opens = min(edition.jury_open_at, self.now)
        in_panel_a = [candidacy for candidacy in candidacies if candidacy.employer.territory_id in panel_a]
        if 1 in numbered:
            Conflict.objects.bulk_create(
                Conflict(
                    juror=numbered[1],
                    candidacy=candidacy,
                    reason=rng.choice(words.CONFLICT_REASONS),
                    declared_by=numbered[1],
                    created_at=jury_opens,
                )
                for candidacy in rng.sample(in_panel_a, min(CONFLICTS_PER_EDITION, len(in_panel_a)))
            )
        assign_jurors(edition=edition)
        assignments = Assignment.objects.filter(candidacy__edition=edition)
        assignments.update(created_at=jury_opens - dt.timedelta(days=1))

        # A candidacy's merit, on a 0-4 scale: more eligible testimonials make a stronger file.
        testimonials = Counter(
            Nomination.objects.filter(edition=edition, status=NominationStatus.ELIGIBLE).values_list(
                "employer_id", flat=True
            )
        )
        merit = {
            candidacy.pk: rng.gauss(2.3, 0.6) + 0.15 * min(testimonials[candidacy.employer_id] - 1, 4)
            for candidacy in candidacies
        }
        number_of = {juror.pk: number for number, juror in numbered.items()}
        criteria = list(Criterion.objects.for_edition(edition))
        scoring_until = min(edition.jury_close_at, self.now)
        rows = list(assignments.order_by("pk").values_list("pk", "candidacy_id", "juror_id"))
        made = 0
        with tqdm(
            total=len(rows), unit="assignment", disable=not progress, desc=f"Jury {edition.year}"
        ) as bar:
            for start in range(0, len(rows), BATCH_SIZE):
                evaluations, values_of = [], []
                for assignment_id, candidacy_id, juror_id in rows[start : start + BATCH_SIZE]:
                    roll = rng.random() * 100
                    if roll >= submitted + drafts:
                        continue  # not begun
                    is_submitted = roll < submitted
                    values = {}
                    for criterion in criteria:
                        raw = merit[candidacy_id] + JUROR_BIAS.get(number_of[juror_id], 0) + rng.gauss(0, 0.7)
                        span = criterion.scale_max - criterion.scale_min
                        value = criterion.scale_min + round(raw / 4 * span)
                        values[criterion.pk] = max(criterion.scale_min, min(criterion.scale_max, value))
                    if not is_submitted and len(values) > 1:
                        for pk in rng.sample(sorted(values), rng.randint(1, len(values) - 1)):
                            del values[pk]
                    when = jury_opens + (scoring_until - jury_opens) * rng.random()
                    evaluations.append(
                        Evaluation(
                            assignment_id=assignment_id,
                            status=EvaluationStatus.SUBMITTED if is_submitted else EvaluationStatus.DRAFT,
                            comment=rng.choice(words.JURY_COMMENTS) if is_submitted else "",
                            # The scoring function's own computation, as save_evaluation would store it.
                            weighted_total=weighted_total(criteria, values),
                            submitted_at=when if is_submitted else None,
                            updated_at=when,
                        )
                    )
                    values_of.append(values)
                Evaluation.objects.bulk_create(evaluations)
                _insert_rows(
                    Score,
                    ("evaluation", "criterion", "value"),
                    [
                        (evaluation.pk, pk, value)
                        for evaluation, values in zip(evaluations, values_of, strict=True)
                        for pk, value in values.items()
                    ],
                )
                made += len(evaluations)
                bar.update(len(rows[start : start + BATCH_SIZE]))
        return made

    def _write_awards(self, edition: Edition) -> int:
        """The top of each territory's ranking as its « meilleur boss », and one « Coup de cœur »:
        what staff would have chosen (written directly, as the edition is already published)."""
        ranking = rank_candidacies(edition=edition)
        winners = [row for row in ranking if row.rank == 1]
        awards = [
            Award(
                edition=edition,
                kind=AwardKind.TERRITORY_WINNER,
                territory_id=row.candidacy.employer.territory_id,
                candidacy=row.candidacy,
            )
            for row in winners
        ]
        runners_up = [row for row in ranking if row.rank == 2]
        if runners_up:
            awards.append(
                Award(
                    edition=edition,
                    kind=AwardKind.REGIONAL_PRIZE,
                    title="Coup de cœur",
                    candidacy=self.rng.choice(runners_up).candidacy,
                )
            )
        Award.objects.bulk_create(awards)
        return len(awards)

    # The whole --------------------------------------------------------------------------------------

    def build(self, *, phase: Phase, nominations: int, jurors: list, progress: bool) -> DemoResult:
        year = timezone.localdate(self.now).year
        past = self._edition(year=year - 1, offsets=PAST_OFFSETS, published=True)
        # Last year's results e-mails went out long ago.
        Edition.objects.filter(pk=past.pk).update(results_emailed_at=past.announce_at)
        current = self._edition(year=year, offsets=PHASE_OFFSETS[phase], published=phase == Phase.PUBLISHED)

        current_sizes = self._sizes(nominations)
        current_specs = [self._employer(current.nominations_open_at) for _ in current_sizes]
        past_sizes = self._sizes(sum(PAST_STATUS_COUNTS.values()))
        returning = list(current_specs)
        self.rng.shuffle(returning)
        past_specs = []
        for _size in past_sizes:
            if returning and self.rng.random() < RETURNING_EMPLOYERS:
                spec = returning.pop()
                spec.employer.created_at = past.nominations_open_at
                past_specs.append(DemoEmployer(employer=spec.employer, bosses=spec.bosses))
            else:
                past_specs.append(self._employer(past.nominations_open_at))

        plans = [
            self._plan(edition=past, specs=past_specs, sizes=past_sizes, counts=dict(PAST_STATUS_COUNTS)),
            self._plan(
                edition=current,
                specs=current_specs,
                sizes=current_sizes,
                counts=status_counts(total=nominations, phase=phase),
            ),
        ]
        total = sum(len(slots) for _edition, slots in plans)
        # Editions whose nominations have been screened, with the share of assignments submitted and
        # in draft: the jury has finished everywhere except in a current edition still at work.
        judged = [(past, 100, 0)]
        if phase != Phase.NOMINATIONS:
            judged.append((current, *((JURY_SUBMITTED, JURY_DRAFTS) if phase == Phase.JURY else (100, 0))))
        evaluations = candidacies = 0
        with _timestamps_as_given(Employer, Nomination, Candidacy, Conflict, Evaluation):
            # A returning employer appears in both lists: save each business once.
            employers = {id(spec.employer): spec.employer for spec in [*current_specs, *past_specs]}
            Employer.objects.bulk_create(list(employers.values()), batch_size=BATCH_SIZE)
            with tqdm(total=total, unit="nomination", disable=not progress, desc="Nominations") as bar:
                self._write_nominations(plans, bar)
            for edition, submitted, drafts in judged:
                candidacies += self._write_candidacies(edition)
                if jurors:
                    evaluations += self._write_jury(
                        edition=edition, jurors=jurors, submitted=submitted, drafts=drafts, progress=progress
                    )
        _analyze(Employer, Nomination, TestimonialAnswer, Candidacy, EmployerNotice, PanelMembership)
        _analyze(Conflict, Assignment, Evaluation, Score)
        for edition in (past, current):
            if edition.published_at is not None and jurors:
                self._write_awards(edition)
            # Written in bulk, past the domain functions: store the ranking as a first visit would.
            ranking_store.mark_stale(edition=edition)
            ranking_store.refresh(edition)
        return DemoResult(
            past_edition=past,
            current_edition=current,
            nominations=total,
            employers=len(employers),
            candidacies=candidacies,
            evaluations=evaluations,
        )
