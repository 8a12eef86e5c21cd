"""Every form of the project, fuzzed with hypothesis: empty, very long, control characters, NUL, random
unicode, wrong types (lists, numbers, huge and negative integers), missing and extra fields.

Whatever is posted: never an error 500, and a refused post changes nothing (no half-saved nomination,
an evaluation as it was...). Each example runs in a savepoint rolled back at its end, so every example
starts from the same data. Examples are random on a developer's machine and fixed under CI (CI=true).
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from contest.models import Criterion, Edition, Territory
from jury.models import Assignment, Award, Conflict, Evaluation, PanelMembership
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_employer, make_nomination, nomination_post_data

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 60))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI", "").lower() == "true",
    database=None,
)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# Values ---------------------------------------------------------------------------------------------------

# Any character a browser can send (no lone surrogates: they cannot be encoded in UTF-8).
UNICODE = st.characters(exclude_categories=("Cs",))
CONTROL = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from(
    ["\x7f", "\x85", "\u2028", "\u2029", "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffd"]
)
ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "½",
    "𝟙𝟚",
    "None",
    "null",
    "true",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE nominations_nomination; --",
    "../../etc/passwd",
    "%00",
    "%ff",
    "javascript:alert(1)",
    "http://",
    "https://exa mple.org",
    "a@b",
    "@example.org",
    "2026-02-30T25:61",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
]
LONG = st.sampled_from(["a", "é", "9", "\u200b", "👍"]).map(lambda char: char * 10_000)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**30, -(10**30), 2**63, 2**63 - 1, -(2**63), 2**31, 2**15, -1, 0, 10**18, 10**19]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALAR = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(UNICODE, max_size=40),
    st.text(CONTROL, min_size=1, max_size=10),
    st.builds(lambda a, b: f"{a}\x00{b}", st.text(UNICODE, max_size=5), st.text(UNICODE, max_size=5)),
    LONG,
    NUMBERS,
)
# A list posts the field several times (or not at all when empty).
VALUE = st.one_of(SCALAR, st.lists(SCALAR, max_size=3))
EXTRA_NAMES = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz_0123456789éÀ-[]."), min_size=1, max_size=20)


@st.composite
def mutated(draw, base: dict, *, keep: tuple[str, ...] = ()) -> dict:
    """``base`` with some fields fuzzed, some left out, and maybe a few extra fields; ``keep`` untouched."""
    names = sorted(set(base) - set(keep))
    fuzzed = draw(st.sets(st.sampled_from(names), max_size=len(names))) if names else set()
    dropped = draw(st.sets(st.sampled_from(names), max_size=3)) if names else set()
    data = dict(base)
    for name in sorted(fuzzed):
        data[name] = draw(VALUE)
    for name in dropped:
        data.pop(name, None)
    for name, value in draw(st.dictionaries(EXTRA_NAMES, VALUE, max_size=3)).items():
        if name not in keep:
            data[name] = value
    return data


# Running the examples -----------------------------------------------------------------------------------


class Tally:
    """What became of each form's examples, for the report; a 500 fails the test before it is counted."""

    counts: dict[str, Counter] = defaultdict(Counter)

    @classmethod
    def add(cls, form: str, response, *, accepted: bool) -> None:
        if accepted:
            outcome = "accepted"
        elif response.status_code == 400 and response["Content-Type"].startswith("text/plain"):
            outcome = "malformed (middleware)"
        else:
            outcome = f"refused {response.status_code}"
        cls.counts[form][outcome] += 1


def fuzz(
    form: str,
    *,
    post: Callable[[dict], object],
    base: dict,
    snapshot: Callable[[], object],
    succeeded: Callable[[object], bool],
    keep: tuple[str, ...] = (),
) -> None:
    """Post ``base`` once (it must succeed: the fuzzing starts from a valid form), then fuzzed variants.

    Every post: a status under 500; when refused, ``snapshot()`` unchanged."""

    def one(data: dict, *, must_succeed: bool = False) -> None:
        cache.clear()  # rate limits
        with transaction.atomic():
            before = snapshot()
            response = post(data)
            assert response.status_code < 500, response.status_code
            accepted = succeeded(response)
            if must_succeed:
                assert accepted, (response.status_code, response.content[:3000])
            else:
                Tally.add(form, response, accepted=accepted)
                if not accepted:
                    assert snapshot() == before, f"refused ({response.status_code}) but something changed"
            transaction.set_rollback(True)

    one(base, must_succeed=True)
    started = time.monotonic()

    @FUZZ
    @given(data=mutated(base, keep=keep))
    def run(data):
        one(data)

    run()
    outcomes = Tally.counts[form]
    details = ", ".join(f"{outcome}: {count}" for outcome, count in sorted(outcomes.items()))
    print(
        f"\nfuzz {form}: {sum(outcomes.values())} examples, 0 errors 500, "
        f"{time.monotonic() - started:.1f} s ({details})"
    )


def redirected(response) -> bool:
    return response.status_code == 302


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def account(email: str, *, group: str | None = None, **fields) -> User:
    user = User.objects.create_user(email, email, "un-mot-de-passe-solide-2026", **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def staff(db) -> Client:
    return login(account("staff@example.org", group=STAFF_GROUP, is_staff=True))


@pytest.fixture
def juror(db) -> User:
    return account("juror@example.org", group=JUROR_GROUP)


# The youth's forms --------------------------------------------------------------------------------------


def test_fuzz_public_nomination_form(client, edition, guard_fields):
    def snapshot():
        return (Nomination.objects.count(), Employer.objects.count(), TestimonialAnswer.objects.count())

    fuzz(
        "public nomination form",
        post=lambda data: client.post("/fr/nominations/new/", data),
        base={**nomination_post_data(edition), **guard_fields},
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 302
            and response["Location"] == "/fr/nominations/sent/"
            and Nomination.objects.count() == 1
        ),
        keep=tuple(guard_fields),
    )


def test_fuzz_private_edit_form(client, edition):
    nomination, token = make_nomination(edition=edition)
    base = {
        key: value
        for key, value in nomination_post_data(edition).items()
        if key not in {"email", "employer_name", "municipality", "sector", "employer_contact_email"}
    }

    def snapshot():
        fresh = Nomination.objects.get(pk=nomination.pk)
        return model_to_dict(fresh), sorted(fresh.answers.values_list("criterion_id", "text"))

    fuzz(
        "private edit form",
        post=lambda data: client.post(f"/fr/nominations/mine/{token}/edit/", data),
        base=base,
        snapshot=snapshot,
        succeeded=lambda response: (
            response.status_code == 302 and response["Location"] == f"/fr/nominations/mine/{token}/"
        ),
    )


def test_fuzz_employer_claim_form(client, db):
    employer = make_employer("Resto Chez Ginette")
    token = make_claim_token(employer)

    def snapshot():
        return model_to_dict(Employer.objects.get(pk=employer.pk))

    fuzz(
        "employer claim form",
        post=lambda data: client.post(f"/fr/employer/{token}/", data),
        base={
            "description": "Un resto familial.",
            "website": "https://resto.example.org",
            "public_opt_out": "on",
            "remove_logo": "",
        },
        snapshot=snapshot,
        succeeded=redirected,
    )


# The jury's forms ---------------------------------------------------------------------------------------


@pytest.fixture
def jury_case(db, juror):
    """A juror assigned to a candidacy of an edition in its jury window, with a draft of two scores."""
    edition = make_edition(Phase.JURY)
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    assignment = Assignment.objects.create(candidacy=candidacy, juror=juror)
    criteria = list(Criterion.objects.for_edition(edition))
    evaluation = Evaluation.objects.create(assignment=assignment, comment="Premier jet")
    for criterion in criteria[:2]:
        evaluation.scores.create(criterion=criterion, value=criterion.scale_min)
    return {"client": login(juror), "candidacy": candidacy, "assignment": assignment, "criteria": criteria}


def evaluation_state(assignment):
    evaluation = Evaluation.objects.filter(assignment=assignment).first()
    if evaluation is None:
        return None
    scores = sorted(evaluation.scores.values_list("criterion_id", "value"))
    return model_to_dict(evaluation), scores, Evaluation.objects.count()


def test_fuzz_score_form(jury_case):
    criteria, candidacy = jury_case["criteria"], jury_case["candidacy"]
    base = {f"criterion_{c.pk}": str(c.scale_max) for c in criteria}
    base.update(comment="Un milieu de travail qui respecte les examens.", action="submit")

    fuzz(
        "score form",
        post=lambda data: jury_case["client"].post(f"/fr/jury/candidacies/{candidacy.pk}/evaluate/", data),
        base=base,
        snapshot=lambda: evaluation_state(jury_case["assignment"]),
        succeeded=redirected,
    )


def test_fuzz_juror_conflict_form(jury_case):
    candidacy = jury_case["candidacy"]

    fuzz(
        "conflict form (juror)",
        post=lambda data: jury_case["client"].post(f"/fr/jury/candidacies/{candidacy.pk}/conflict/", data),
        base={"reason": "Ma cousine y travaille."},
        snapshot=lambda: (
            sorted(Conflict.objects.values_list("juror_id", "candidacy_id", "reason")),
            evaluation_state(jury_case["assignment"]),
            Assignment.objects.count(),
        ),
        succeeded=redirected,
    )


def test_fuzz_login_form(client, juror):
    def snapshot():
        return User.objects.get(pk=juror.pk).last_login

    fuzz(
        "login form",
        post=lambda data: client.post("/fr/accounts/login/", data),
        base={"login": "juror@example.org", "password": "un-mot-de-passe-solide-2026", "remember": "on"},
        snapshot=snapshot,
        succeeded=lambda response: response.status_code == 302 and response["Location"] == "/fr/jury/",
    )


# The staff's forms --------------------------------------------------------------------------------------


def test_fuzz_screening_form(staff, edition):
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.CONFIRMED)

    def snapshot():
        return model_to_dict(Nomination.objects.get(pk=nomination.pk)), Candidacy.objects.count()

    fuzz(
        "screening form",
        post=lambda data: staff.post(f"/fr/staff/nominations/{nomination.pk}/", data),
        base={"decision": NominationStatus.INELIGIBLE, "reason": "Tu as moins de 14 ans.", "next": ""},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_merge_form(staff, edition):
    source = make_nomination(edition=edition, employer=make_employer("Resto Ginette"))[0].employer
    target = make_nomination(edition=edition, employer=make_employer("Resto Chez Ginette"))[0].employer

    def snapshot():
        return sorted(Employer.objects.values_list("pk", flat=True)), sorted(
            Nomination.objects.values_list("pk", "employer_id")
        )

    fuzz(
        "merge form",
        post=lambda data: staff.post("/fr/staff/employers/merge/", data),
        base={"q": "ginette", "source": str(source.pk), "target": str(target.pk), "confirm": "1"},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_staff_conflict_form(staff, jury_case):
    edition = jury_case["candidacy"].edition
    other = account("juror2@example.org", group=JUROR_GROUP)

    fuzz(
        "conflict form (staff)",
        post=lambda data: staff.post(f"/fr/staff/conflicts/?edition={edition.pk}", data),
        base={"juror": str(other.pk), "candidacy": str(jury_case["candidacy"].pk), "reason": "Son frère."},
        snapshot=lambda: sorted(Conflict.objects.values_list("juror_id", "candidacy_id", "reason")),
        succeeded=redirected,
    )


def test_fuzz_panel_form(staff, jury_case, juror):
    edition = jury_case["candidacy"].edition
    territory = Territory.objects.get(slug="sherbrooke")
    other = account("juror2@example.org", group=JUROR_GROUP)

    fuzz(
        "panel form",
        post=lambda data: staff.post(f"/fr/staff/panels/{territory.slug}/?edition={edition.pk}", data),
        base={"jurors": [str(juror.pk), str(other.pk)]},
        snapshot=lambda: sorted(
            PanelMembership.objects.values_list("edition_id", "territory_id", "juror_id")
        ),
        succeeded=redirected,
    )


@pytest.fixture
def deliberation(db):
    """An edition whose jury window is closed, with a candidacy that has an eligible nomination."""
    edition = make_edition(Phase.DELIBERATION)
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    return edition, candidacy


def test_fuzz_prize_form(staff, deliberation):
    edition, candidacy = deliberation

    fuzz(
        "prize form",
        post=lambda data: staff.post(f"/fr/staff/prizes/?edition={edition.pk}", data),
        base={"title": "Coup de cœur", "candidacy": str(candidacy.pk), "reason": "Un milieu exemplaire."},
        snapshot=lambda: sorted(Award.objects.values_list("pk", "candidacy_id", "title")),
        succeeded=redirected,
    )


def test_fuzz_publish_form(staff, deliberation):
    edition, _candidacy = deliberation
    announce = edition.announce_at.astimezone().strftime("%Y-%m-%dT%H:%M")

    def snapshot():
        return model_to_dict(Edition.objects.get(pk=edition.pk))

    fuzz(
        "publish form",
        post=lambda data: staff.post(f"/fr/staff/publish/?edition={edition.pk}", data),
        base={"announce_at": announce, "action": "publish"},
        snapshot=snapshot,
        succeeded=redirected,
    )


def test_fuzz_invitation_form(staff, db):
    def snapshot():
        return sorted(User.objects.values_list("email", "first_name", "last_name"))

    fuzz(
        "invitation form",
        post=lambda data: staff.post("/fr/staff/jurors/invite/", data),
        base={"email": "nouveau@example.org", "first_name": "Nadia", "last_name": "Roy", "language": "fr"},
        snapshot=snapshot,
        succeeded=redirected,
    )


# What the fuzzing found (each was an error 500) ---------------------------------------------------------


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_merge_form_with_an_id_beyond_64_bits_is_refused(staff, edition, number):
    target = make_nomination(edition=edition, employer=make_employer("Resto Chez Ginette"))[0].employer

    response = staff.post(
        "/fr/staff/employers/merge/",
        {"q": str(number), "source": str(number), "target": str(target.pk), "confirm": "1"},
    )

    assert response.status_code == 400
    assert Employer.objects.filter(pk=target.pk).exists()


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
def test_panel_form_with_an_id_beyond_64_bits_is_refused(staff, jury_case, number):
    edition = jury_case["candidacy"].edition

    response = staff.post(f"/fr/staff/panels/sherbrooke/?edition={edition.pk}", {"jurors": [str(number)]})

    assert response.status_code == 200
    assert (
        '<p class="error-text" id="id_jurors_error">'
        "Ce membre du jury n&#x27;existe pas ou n&#x27;est plus actif.</p>"
    ) in response.content.decode()
    assert PanelMembership.objects.count() == 0


@pytest.mark.parametrize(
    "next_url", ["0", "home", "staff:home", "javascript:alert(1)", "//evil.example.org/"]
)
def test_screening_with_a_next_address_that_is_not_a_path_goes_back_to_the_queue(staff, edition, next_url):
    nomination, _token = make_nomination(edition=edition, status=NominationStatus.CONFIRMED)

    response = staff.post(
        f"/fr/staff/nominations/{nomination.pk}/",
        {"decision": NominationStatus.ELIGIBLE, "reason": "", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/screening/"


@pytest.mark.parametrize("next_url", ["0", "home", "//evil.example.org/"])
def test_claim_link_with_a_next_address_that_is_not_a_path_goes_back_to_the_staff_home(staff, db, next_url):
    employer = make_employer("Resto Chez Ginette")

    response = staff.post(f"/fr/staff/employers/{employer.pk}/send-claim-link/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/fr/staff/"
