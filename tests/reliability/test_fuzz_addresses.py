"""The list pages' filters and query parameters, and every address that holds an id, a year, a slug or a
token, fuzzed with hypothesis: odd values, huge and negative-looking numbers, non-ASCII text, unknown and
repeated parameters.

Whatever is asked: never an error 500 (exports are read to their end), and a GET changes nothing; a
refused POST to an address changes nothing either. ``FUZZ_EXAMPLES`` sets the examples of each group
(tests/reliability/fuzzing.py)."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.http import urlsafe_base64_encode
from hypothesis import strategies as st

from contest.domain.incidents import record_incident
from contest.domain.roles import JUROR_GROUP, STAFF_GROUP
from contest.enums import Phase
from contest.models import Edition, PrivacyIncident, Territory
from jury.domain.awards import add_regional_prize, choose_winner
from jury.domain.invitations import invitation_path
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from jury.models import Assignment, Award, Conflict, Evaluation, PanelMembership
from nominations.domain.employers import make_claim_token
from nominations.domain.privacy import make_parent_code
from nominations.domain.tokens import make_confirmation_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination
from tests.factories import make_edition, make_nomination
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, move_to, use_two_criteria
from tests.reliability.fuzzing import EXAMPLES, EXTRA_NAMES, UNICODE, VALUE, account, fuzz, login

pytestmark = pytest.mark.django_db

# Each group of pages or addresses gets this many times the examples of one form.
GROUP_EXAMPLES = 3 * EXAMPLES

# Values ---------------------------------------------------------------------------------------------------

PARAMETERS = (
    "q",
    "search",
    "sort",
    "page",
    "per_page",
    "edition",
    "territory",
    "status",
    "sector",
    "action",
    "account",
    "since",
    "until",
    "candidacy",
    "municipality",
    "year",
    "lang",
    "_export",
)
# Values a parameter of these pages means something with, and neighbours of them.
MEANINGFUL = st.sampled_from(
    [
        "last",
        "-1",
        "0",
        "1",
        "2",
        "99999999999999999999",
        str(2**63),
        "name",
        "-name",
        "rank",
        "-rank",
        "total",
        "-at",
        "--at",
        "csv",
        "xlsx",
        "json",
        "pdf",
        "fr",
        "en",
        "sherbrooke",
        "coaticook",
        "eligible",
        "food_service",
        "account.login",
        "2026-02-30",
    ]
)
QUERY = st.dictionaries(st.sampled_from(PARAMETERS) | EXTRA_NAMES, st.one_of(MEANINGFUL, VALUE), max_size=4)
# A path segment, percent-encoded as a browser sends it (non-ASCII as UTF-8).
SEGMENT = st.one_of(
    st.sampled_from(
        [
            "-1",
            "0",
            "00",
            "+1",
            "1.0",
            "1e3",
            " 1",
            "١٢",
            "１",
            "²",
            "9" * 18,
            "9" * 19,
            "9" * 40,
            str(2**63 - 1),
            str(2**63),
            "0x10",
            "sherbrooke",
            "SHERBROOKE",
            "sherbrooke-",
            "ÉÀ",
            "%",
            "..",
            # An invitation's account id, base64-encoded: 2**63 and 10**20, beyond a database integer.
            urlsafe_base64_encode(str(2**63).encode()),
            urlsafe_base64_encode(str(10**20).encode()),
            urlsafe_base64_encode(b"-1"),
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(UNICODE, min_size=1, max_size=30),
).map(lambda text: quote(text, safe=""))


# The data -------------------------------------------------------------------------------------------------


def data_state() -> tuple:
    """What a page must not change (the audit log and the stored rankings may grow)."""
    models = (
        Edition,
        Nomination,
        Employer,
        Candidacy,
        Assignment,
        Evaluation,
        Award,
        Conflict,
        PanelMembership,
    )
    counts = tuple(model.objects.count() for model in models)
    return (
        counts,
        sorted(Edition.objects.values_list("pk", "published_at", "announce_at")),
        sorted(Evaluation.objects.values_list("pk", "submitted_at")),
        sorted(User.objects.values_list("pk", "password", "is_active")),
        PrivacyIncident.objects.count(),
    )


@pytest.fixture
def world(db):
    """A published past edition with a winner and a prize; the current edition in its jury window, with
    a panel, assignments, a draft and a submitted evaluation, a conflict, a nomination of each kind;
    a staff member, a juror, an incident."""
    sherbrooke = Territory.objects.get(slug="sherbrooke")
    staff = account("staff@example.org", group=STAFF_GROUP, is_staff=True)
    juror = account("juror@example.org", group=JUROR_GROUP)
    other = account("juror2@example.org", group=JUROR_GROUP)

    past = make_edition(Phase.JURY, year=2024)
    first, second = use_two_criteria(past)
    winner = make_candidacy(past, employer=employer_in(sherbrooke, "Resto Chez Ginette"))
    save_evaluation(assignment=assign(winner, juror), values={first.pk: 4, second.pk: 3}, submit=True)
    move_to(past, Phase.DELIBERATION)
    choose_winner(edition=past, territory=sherbrooke, candidacy=winner, chosen_by=None)
    add_regional_prize(edition=past, title="Coup de cœur", candidacy=winner, chosen_by=None)
    move_to(past, Phase.PUBLISHED)

    edition = make_edition(Phase.JURY)
    set_panel(edition=edition, territory=sherbrooke, jurors=[juror, other])
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Garage Roy"))
    draft = assign(candidacy, juror)
    criteria = list(edition.criteria.all())
    save_evaluation(assignment=draft, values={criteria[0].pk: criteria[0].scale_min}, submit=False)
    submitted = save_evaluation(
        assignment=assign(candidacy, other),
        values={criterion.pk: criterion.scale_max for criterion in criteria},
        submit=True,
    )
    conflicted = make_candidacy(edition, employer=employer_in(sherbrooke, "Épicerie du coin"))
    Conflict.objects.create(juror=other, candidacy=conflicted, reason="Ma cousine.")
    nomination, token = make_nomination(edition=edition, status=NominationStatus.PENDING)
    young, _young_token = make_nomination(
        edition=edition, status=NominationStatus.AWAITING_PARENT, age=13, parent_email="parent@example.org"
    )
    incident = record_incident(
        recorded_by=staff,
        occurred_on=edition.nominations_open_at.date(),
        discovered_on=edition.nominations_open_at.date(),
        nature="Courriel envoyé au mauvais destinataire.",
        data_concerned="Une adresse courriel",
        people_affected="Une personne",
        people_affected_count=1,
        risk_of_serious_injury=False,
        measures_taken="Demande de suppression.",
        reported_to_commission_at=None,
        people_notified_at=None,
    )
    invited = account("nouveau@example.org", group=JUROR_GROUP)
    invited.set_unusable_password()
    invited.save()
    with translation.override("fr"):
        invitation = invitation_path(invited)
    return SimpleNamespace(
        staff=login(staff),
        juror=login(juror),
        public=Client(),
        past=past,
        edition=edition,
        candidacy=candidacy,
        draft=draft,
        submitted=submitted,
        winner=winner,
        prize=Award.objects.get(title="Coup de cœur"),
        nomination=nomination,
        token=token,
        confirm=make_confirmation_code(nomination_id=nomination.pk, token=token),
        parent=make_parent_code(young),
        claim=make_claim_token(winner.employer),
        invitation=invitation,
        incident=incident,
    )


# Running --------------------------------------------------------------------------------------------------


def read(response):
    """The whole response, an export's stream included (a crash mid-stream is an error too)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def get_changes_nothing(client: Client, url: str, query: dict | None = None):
    before = data_state()
    response = read(client.get(url, query or {}))
    assert data_state() == before, f"GET {url} {query!r} changed something"
    return response


def fuzz_pages(name: str, client: Client, urls: list[str]) -> None:
    """Each of ``urls`` with fuzzed query parameters; the first one without any must answer 200."""
    fuzz(
        name,
        post=lambda example: get_changes_nothing(client, *example),
        base=(urls[0], {}),
        examples=st.tuples(st.sampled_from(urls), QUERY),
        snapshot=data_state,
        succeeded=lambda response: response.status_code == 200,
        max_examples=GROUP_EXAMPLES,
    )


def fuzz_addresses(name: str, client: Client, addresses: list[tuple[str, str]], *, valid: tuple) -> None:
    """Each ``(method, template)`` of ``addresses`` with a fuzzed segment in place of ``{}``; ``valid``
    (method, address) must answer under 400. A GET changes nothing; a refused POST neither."""

    def send(example):
        method, url = example
        if method == "get":
            return get_changes_nothing(client, url)
        return read(client.post(url, {}))

    fuzz(
        name,
        post=send,
        base=valid,
        examples=st.builds(
            lambda address, segment: (address[0], address[1].format(segment)),
            st.sampled_from(addresses),
            SEGMENT,
        ),
        snapshot=data_state,
        succeeded=lambda response: response.status_code < 400,
        max_examples=GROUP_EXAMPLES,
    )


# The list pages -------------------------------------------------------------------------------------------


def test_fuzz_public_pages_query_parameters(world):
    fuzz_pages(
        "public pages' parameters",
        world.public,
        [
            "/fr/employers/",
            "/fr/winners/",
            "/fr/winners/2024/",
            "/fr/leaderboard/",
            "/fr/leaderboard/2024/",
            "/fr/editions/",
            "/fr/",
            "/fr/rules/",
            "/fr/nominations/employers/suggest/",
            f"/fr/employers/{world.winner.employer.pk}/",
            f"/fr/employer/{world.claim}/",
            f"/fr/employer/{world.claim}/badge.png",
            f"/fr/employer/{world.claim}/certificate.pdf",
            f"/fr/nominations/mine/{world.token}/data.csv",
        ],
    )


def test_fuzz_staff_list_pages_query_parameters(world):
    fuzz_pages(
        "staff pages' parameters",
        world.staff,
        [
            "/fr/staff/screening/",
            "/fr/staff/",
            "/fr/staff/employers/merge/",
            "/fr/staff/jurors/",
            "/fr/staff/panels/",
            "/fr/staff/panels/sherbrooke/",
            "/fr/staff/conflicts/",
            "/fr/staff/assignments/",
            "/fr/staff/progress/",
            "/fr/staff/deliberation/",
            "/fr/staff/deliberation/sherbrooke/",
            f"/fr/staff/candidacies/{world.candidacy.pk}/",
            "/fr/staff/prizes/",
            "/fr/staff/publish/",
            "/fr/staff/audit/",
            "/fr/staff/incidents/",
        ],
    )


def test_fuzz_juror_pages_query_parameters(world):
    fuzz_pages(
        "juror pages' parameters",
        world.juror,
        [
            "/fr/jury/",
            f"/fr/jury/candidacies/{world.candidacy.pk}/",
            f"/fr/jury/candidacies/{world.candidacy.pk}/evaluate/",
            f"/fr/jury/candidacies/{world.candidacy.pk}/conflict/",
            "/fr/jury/deliberation/sherbrooke/",
        ],
    )


# Ids, years, slugs and tokens in the address ------------------------------------------------------------


def test_fuzz_public_addresses(world):
    fuzz_addresses(
        "public addresses",
        world.public,
        [
            ("get", "/fr/employers/{}/"),
            ("get", "/fr/employers/{}/share.png"),
            ("get", "/fr/winners/{}/"),
            ("get", "/fr/winners/{}/share.png"),
            ("get", "/fr/leaderboard/{}/"),
            ("get", "/fr/nominations/confirm/{}/"),
            ("post", "/fr/nominations/confirm/{}/resend/"),
            ("get", "/fr/nominations/mine/{}/"),
            ("get", "/fr/nominations/mine/{}/edit/"),
            ("get", "/fr/nominations/mine/{}/withdraw/"),
            ("post", "/fr/nominations/mine/{}/withdraw/"),
            ("get", "/fr/nominations/mine/{}/data.json"),
            ("get", "/fr/nominations/mine/{}/data.csv"),
            ("get", "/fr/nominations/parent/{}/"),
            ("post", "/fr/nominations/parent/{}/"),
            ("get", "/fr/employer/{}/"),
            ("get", "/fr/employer/{}/badge.png"),
            ("get", "/fr/employer/{}/certificate.pdf"),
            ("get", "/fr/jury/invitation/{}/x/"),
            ("get", "/fr/jury/invitation/MTI/{}/"),
            ("post", "/fr/jury/invitation/{}/x/"),
        ],
        valid=("get", f"/fr/employers/{world.winner.employer.pk}/"),
    )


def test_fuzz_staff_addresses(world):
    fuzz_addresses(
        "staff addresses",
        world.staff,
        [
            ("get", "/fr/staff/nominations/{}/"),
            ("get", "/fr/staff/candidacies/{}/"),
            ("get", "/fr/staff/incidents/{}/"),
            ("get", "/fr/staff/panels/{}/"),
            ("get", "/fr/staff/deliberation/{}/"),
            ("post", "/fr/staff/deliberation/{}/winner/"),
            ("post", "/fr/staff/assignments/{}/remove/"),
            ("post", "/fr/staff/evaluations/{}/reopen/"),
            ("post", "/fr/staff/prizes/{}/remove/"),
            ("post", "/fr/staff/employers/{}/send-claim-link/"),
        ],
        valid=("get", f"/fr/staff/nominations/{world.nomination.pk}/"),
    )


def test_fuzz_juror_addresses(world):
    fuzz_addresses(
        "juror addresses",
        world.juror,
        [
            ("get", "/fr/jury/candidacies/{}/"),
            ("get", "/fr/jury/candidacies/{}/evaluate/"),
            ("post", "/fr/jury/candidacies/{}/evaluate/"),
            ("get", "/fr/jury/candidacies/{}/conflict/"),
            ("post", "/fr/jury/candidacies/{}/conflict/"),
            ("get", "/fr/jury/deliberation/{}/"),
        ],
        valid=("get", f"/fr/jury/candidacies/{world.candidacy.pk}/"),
    )


# What the fuzzing found (each was an error 500) ---------------------------------------------------------

# Python refuses to read an integer of more than 4,300 digits (ValueError).
THOUSANDS_OF_DIGITS = "9" * 5000


@pytest.mark.parametrize(
    "url",
    [
        "/fr/staff/progress/",
        "/fr/staff/assignments/",
        "/fr/staff/conflicts/",
        "/fr/staff/panels/",
        "/fr/staff/deliberation/",
        "/fr/staff/prizes/",
        "/fr/staff/publish/",
    ],
)
def test_staff_page_of_an_edition_id_of_thousands_of_digits_is_not_found(world, url):
    response = world.staff.get(url, {"edition": THOUSANDS_OF_DIGITS})

    assert response.status_code == 404


def test_list_page_with_a_per_page_of_thousands_of_digits_shows_the_usual_page(world):
    response = world.staff.get("/fr/staff/screening/", {"per_page": THOUSANDS_OF_DIGITS})

    assert response.status_code == 200
