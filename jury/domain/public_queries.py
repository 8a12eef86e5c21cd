"""Reads of the public results pages (winners, engaged employers, employer pages, leaderboard).

The embargo is one selector, ``contest.domain.queries.published_editions()`` / ``is_published()``:
every read of results here starts from it, so nothing of an edition shows before its announcement
time. An employer who opted out of the public list (``Employer.public_opt_out``) never shows by name.

What the youths wrote reaches these pages only as ``Quote`` values: the text of a testimonial whose
author consented to its publication, signed with their first name only where they consented to that
too. No nomination object (with its last name, e-mail, age, school or photo) is handed to a template.
Each read runs a constant number of queries, whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from contest.domain.queries import is_published, published_editions
from contest.enums import AggregationMethod, Phase
from contest.models import Edition, Territory
from jury.domain.ranking import rank_candidacies
from jury.enums import AwardKind
from jury.models import Award
from nominations.enums import COUNTED_STATUSES, NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from nominations.normalize import LEGAL_FORMS

ELIGIBLE = NominationStatus.ELIGIBLE
QUOTE_LENGTH = 300
EMPLOYER_PAGE_QUOTES = 6


@dataclass(frozen=True)
class Quote:
    """An excerpt of a testimonial whose author consented to its publication."""

    text: str
    first_name: str  # empty unless the youth consented to the publication of their first name
    year: int


@dataclass
class PublicDetails:
    """What the public pages show of an employer's eligible nominations in one edition."""

    boss_names: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def quote(self) -> Quote | None:
        return self.quotes[0] if self.quotes else None


# Words left out of an employer's initials: articles, « chez », legal forms.
_NOT_INITIALS = {"l", "le", "la", "les", "d", "de", "du", "des", "chez", "et", "the", "and", "of"}
_NOT_INITIALS |= LEGAL_FORMS | {"ltée"}  # the words keep their accents here


def initials(name: str) -> str:
    """Up to two letters standing for a business without a logo on the public pages (« Resto Chez
    Ginette » → « RG »): the first letters of its first two significant words (not numbers, articles
    or legal forms, unless the name has nothing else)."""
    words = re.findall(r"\w+", name)
    significant = [word for word in words if word[0].isalpha() and word.casefold() not in _NOT_INITIALS]
    significant = significant or words
    return "".join(word[0] for word in significant[:2]).upper()


@dataclass
class AwardEntry:
    """A territory's winner or a regional prize. ``employer`` is None when the laureate opted out of
    the public pages: the page then says that the laureate chose not to appear."""

    award: Award
    employer: Employer | None
    details: PublicDetails

    @property
    def territory(self) -> Territory | None:
        return self.award.territory

    @property
    def initials(self) -> str:
        return initials(self.employer.name) if self.employer is not None else ""


@dataclass
class EditionResults:
    edition: Edition
    winners: list[AwardEntry]  # one per territory, by territory name
    prizes: list[AwardEntry]  # regional prizes, by title

    @property
    def winners_count(self) -> int:
        """The winners shown by name (those who opted out are not counted)."""
        return sum(1 for entry in self.winners if entry.employer is not None)


@dataclass
class Engagement:
    """An edition in which an employer had an eligible nomination, and its awards there."""

    edition: Edition
    awards: list[Award]
    boss_names: list[str]

    @property
    def is_winner(self) -> bool:
        return any(award.kind == AwardKind.TERRITORY_WINNER for award in self.awards)


@dataclass
class EmployerProfile:
    employer: Employer
    engagements: list[Engagement]  # latest edition first
    quotes: list[Quote]

    @property
    def initials(self) -> str:
        return initials(self.employer.name)

    @property
    def latest(self) -> Engagement:
        return self.engagements[0]


@dataclass
class LeaderboardRow:
    rank: int
    employer: Employer
    score: Decimal | None
    is_winner: bool


@dataclass
class TerritoryRanking:
    territory: Territory
    rows: list[LeaderboardRow]
    hidden: int  # ranks within those shown that belong to employers who opted out


@dataclass
class EditionSummary:
    edition: Edition
    phase: Phase
    started: bool
    published: bool


# Editions.


def published_edition(*, year: int | None = None, now: dt.datetime | None = None) -> Edition | None:
    """The published edition of that year, or the latest published one; None under embargo."""
    editions = published_editions(now)
    if year is None:
        return editions.order_by("-year").first()
    return editions.filter(year=year).first()


def other_published_editions(*, edition: Edition | None = None, now: dt.datetime | None = None):
    editions = published_editions(now).order_by("-year")
    return editions.exclude(pk=edition.pk) if edition is not None else editions


def started_edition(*, year: int, now: dt.datetime | None = None) -> Edition | None:
    return Edition.objects.started(now).filter(year=year).first()


def editions_overview(now: dt.datetime | None = None) -> list[EditionSummary]:
    now = now or timezone.now()
    return [
        EditionSummary(
            edition=edition,
            phase=edition.phase_at(now),
            started=edition.nominations_open_at <= now,
            published=is_published(edition, now),
        )
        for edition in Edition.objects.order_by("-year")
    ]


# Quotes and bosses.


def excerpt(text: str, limit: int = QUOTE_LENGTH) -> str:
    """The text on one line; a longer one is cut at the end of a sentence in the second half of
    ``limit`` characters, else after a whole word, and ends with « … »."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    sentence_end = max(cut.rfind(f"{mark} ") for mark in ".!?")
    if sentence_end >= limit // 2:
        return cut[: sentence_end + 1] + " …"
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.!?-–—«(") + "…"


def _quote_of(nomination: Nomination, year: int) -> Quote | None:
    """The free text when there is one, else the first non-empty answer to a criterion's prompt."""
    if not nomination.consent_publish_testimonial:
        return None
    text = nomination.testimonial.strip() or next(
        (answer.text for answer in nomination.published_answers if answer.text.strip()), ""
    )
    if not text:
        return None
    first_name = nomination.first_name.strip() if nomination.consent_publish_first_name else ""
    return Quote(text=excerpt(text), first_name=first_name, year=year)


def _distinct(names: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def public_details(
    *, editions: Iterable[Edition], employer_ids: Iterable[int]
) -> dict[tuple[int, int], PublicDetails]:
    """(edition id, employer id) -> the bosses' names and the consented quotes of the employer's
    eligible nominations in that edition, oldest nomination first. Two queries."""
    years = {edition.pk: edition.year for edition in editions}
    employer_ids = set(employer_ids)
    if not years or not employer_ids:
        return {}
    answers = TestimonialAnswer.objects.filter(nomination__consent_publish_testimonial=True).only(
        "nomination_id", "text"
    )
    nominations = (
        Nomination.objects.filter(status=ELIGIBLE, edition_id__in=years, employer_id__in=employer_ids)
        # The fields a public page may use, and nothing else of the youth.
        .only(
            "edition_id",
            "employer_id",
            "boss_name",
            "first_name",
            "testimonial",
            "consent_publish_first_name",
            "consent_publish_testimonial",
        )
        .prefetch_related(Prefetch("answers", queryset=answers, to_attr="published_answers"))
        .order_by("created_at", "pk")
    )
    names: dict[tuple[int, int], list[str]] = defaultdict(list)
    details: dict[tuple[int, int], PublicDetails] = defaultdict(PublicDetails)
    for nomination in nominations:
        key = (nomination.edition_id, nomination.employer_id)
        names[key].append(nomination.boss_name)
        quote = _quote_of(nomination, years[nomination.edition_id])
        if quote is not None:
            details[key].quotes.append(quote)
    for key, boss_names in names.items():
        details[key].boss_names = _distinct(boss_names)
    return dict(details)


# Winners.


def edition_results(*, edition: Edition) -> EditionResults:
    """The winners and prizes of an edition. The caller has checked that it is published."""
    awards = list(
        Award.objects.filter(edition=edition).select_related(
            "territory", "candidacy__employer__municipality", "candidacy__employer__territory"
        )
    )
    public_ids = {
        award.candidacy.employer_id for award in awards if not award.candidacy.employer.public_opt_out
    }
    details = public_details(editions=[edition], employer_ids=public_ids)
    entries = []
    for award in awards:
        employer = award.candidacy.employer
        shown = not employer.public_opt_out
        entries.append(
            AwardEntry(
                award=award,
                employer=employer if shown else None,
                details=details.get((edition.pk, employer.pk), PublicDetails()) if shown else PublicDetails(),
            )
        )
    winners = sorted(
        (entry for entry in entries if entry.award.kind == AwardKind.TERRITORY_WINNER),
        key=lambda entry: entry.award.territory.name,
    )
    prizes = sorted(
        (entry for entry in entries if entry.award.kind == AwardKind.REGIONAL_PRIZE),
        key=lambda entry: (entry.award.title.casefold(), entry.award.pk),
    )
    return EditionResults(edition=edition, winners=winners, prizes=prizes)


# Engaged employers.


def _eligible_in(editions) -> QuerySet:
    return Nomination.objects.filter(employer=OuterRef("pk"), status=ELIGIBLE, edition__in=editions)


def _won_in(editions) -> QuerySet:
    return Award.objects.filter(
        candidacy__employer=OuterRef("pk"), kind=AwardKind.TERRITORY_WINNER, edition__in=editions
    )


def engaged_employers(now: dt.datetime | None = None) -> QuerySet[Employer]:
    """Employers with an eligible nomination in a published edition, except those who opted out;
    ``is_winner``: « meilleur boss » of a published edition. One query."""
    editions = published_editions(now)
    return (
        Employer.objects.filter(Exists(_eligible_in(editions)), public_opt_out=False)
        .annotate(is_winner=Exists(_won_in(editions)))
        .select_related("municipality", "territory")
        .order_by("name", "pk")
    )


def engaged_in_edition(employers: QuerySet[Employer], *, edition: Edition) -> QuerySet[Employer]:
    """Narrow ``engaged_employers()`` to one (published) edition; ``is_winner`` then means winner of it."""
    editions = Edition.objects.filter(pk=edition.pk)
    return employers.filter(Exists(_eligible_in(editions))).annotate(is_winner=Exists(_won_in(editions)))


def employer_profile(*, pk: int, now: dt.datetime | None = None) -> EmployerProfile | None:
    """An engaged employer's public page; None when it is unknown, opted out, or engaged only in
    editions still under embargo."""
    employer = engaged_employers(now).filter(pk=pk).first()
    if employer is None:
        return None
    editions = list(
        published_editions(now)
        .filter(Exists(Nomination.objects.filter(edition=OuterRef("pk"), employer=employer, status=ELIGIBLE)))
        .order_by("-year")
    )
    awards: dict[int, list[Award]] = defaultdict(list)
    for award in (
        Award.objects.filter(candidacy__employer=employer, edition__in=[edition.pk for edition in editions])
        .select_related("territory")
        .order_by("kind", "title", "pk")
    ):
        awards[award.edition_id].append(award)
    details = public_details(editions=editions, employer_ids=[employer.pk])
    empty = PublicDetails()
    engagements = [
        Engagement(
            edition=edition,
            awards=sorted(awards[edition.pk], key=lambda award: award.kind != AwardKind.TERRITORY_WINNER),
            boss_names=details.get((edition.pk, employer.pk), empty).boss_names,
        )
        for edition in editions
    ]
    quotes = [quote for edition in editions for quote in details.get((edition.pk, employer.pk), empty).quotes]
    return EmployerProfile(employer=employer, engagements=engagements, quotes=quotes[:EMPLOYER_PAGE_QUOTES])


# Leaderboard.


def nomination_counts(*, edition: Edition) -> QuerySet[Territory]:
    """Every territory with its counted nominations (confirmed or eligible) in the edition and the
    number of distinct employers they name. No personal data. One query."""
    counted = Q(employers__nominations__edition=edition, employers__nominations__status__in=COUNTED_STATUSES)
    return Territory.objects.annotate(
        nominations=Count("employers__nominations", filter=counted, distinct=True),
        employers_nominated=Count("employers", filter=counted, distinct=True),
    ).order_by("name")


def _rounded(score: Decimal | None, method: str) -> Decimal | None:
    if score is None:
        return None
    step = Decimal("0.01") if method == AggregationMethod.NORMALISED else Decimal("0.1")
    return score.quantize(step, rounding=ROUND_HALF_UP)


def published_leaderboard(*, edition: Edition) -> list[TerritoryRanking]:
    """Per territory (by name), the first ``edition.leaderboard_size`` ranks. Employers who opted out
    are left out but keep their rank, so the numbers shown stay true. The caller has checked that
    the edition is published."""
    winners = set(
        Award.objects.filter(edition=edition, kind=AwardKind.TERRITORY_WINNER).values_list(
            "candidacy_id", flat=True
        )
    )
    territories: dict[int, TerritoryRanking] = {}
    for ranked in rank_candidacies(edition=edition):
        if ranked.rank is None or ranked.rank > edition.leaderboard_size:
            continue
        employer = ranked.candidacy.employer
        ranking = territories.setdefault(
            employer.territory_id, TerritoryRanking(territory=employer.territory, rows=[], hidden=0)
        )
        if employer.public_opt_out:
            ranking.hidden += 1
            continue
        ranking.rows.append(
            LeaderboardRow(
                rank=ranked.rank,
                employer=employer,
                score=_rounded(ranked.score, edition.aggregation_method),
                is_winner=ranked.candidacy.pk in winners,
            )
        )
    for ranking in territories.values():
        ranking.rows.sort(key=lambda row: (row.rank, row.employer.name))
    return sorted(territories.values(), key=lambda ranking: ranking.territory.name)
