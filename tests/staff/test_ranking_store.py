"""The stored ranking (jury.domain.ranking_store) is never stale: after each change of an input, the
deliberation page and its export show the new ranking at once."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.enums import Phase
from contest.models import Edition
from jury.domain.merge import merge_employers
from jury.domain.panels import set_panel
from jury.domain.ranking import rank_candidacies
from jury.domain.scoring import reopen_evaluation
from jury.models import Evaluation, RankingEntry, RankingState
from nominations.domain.privacy import destroy_nomination
from nominations.domain.screening import screen_nomination
from nominations.enums import NominationStatus
from nominations.models import Nomination
from tests.factories import make_edition
from tests.jury.fixtures_scoring import use_two_criteria
from tests.staff.test_deliberation import SHERBROOKE, build, close_jury, judged, world  # noqa: F401

pytestmark = pytest.mark.django_db


def _cells(html: str) -> list[list[str]]:
    """The text of each cell of the ranking table's body, row by row, as the page was sent."""
    body = re.search(r'<table[^>]*class="ranking"[^>]*>.*?<tbody[^>]*>(.*?)</tbody>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def shown(client) -> list[tuple]:
    """(rank, employer, evaluations, eligible nominations, disagreement) of the page's rows; the
    table as sent (possibly from the cache of rendered tables) says the same rank and employer."""
    response = client.get(SHERBROOKE)
    assert response.status_code == 200
    rows = response.context["table"].page.object_list
    sent = [(cells[0], cells[1]) for cells in _cells(response.content.decode())]
    assert sent == [(str(row.record.rank), row.record.employer_name) for row in rows]
    return [
        (
            row.record.rank,
            row.record.employer_name,
            row.record.evaluations,
            row.record.eligible_nominations,
            row.record.disagreement,
        )
        for row in response.context["table"].page.object_list
    ]


def exported(client) -> list[list[str]]:
    response = client.get(f"{SHERBROOKE}?_export=csv")
    return list(csv.reader(io.StringIO(response.getvalue().decode())))[1:]


def computed(edition) -> list[tuple]:
    """What rank_candidacies says now, in the page's terms."""
    return [
        (row.rank, row.candidacy.employer.name, row.evaluations, row.eligible_nominations, row.disagreement)
        for row in rank_candidacies(edition=Edition.objects.get(pk=edition.pk))
    ]


def test_the_page_reads_the_stored_ranking_until_an_input_changes(world, staff_client):  # noqa: F811
    build(world)
    close_jury(world.edition)
    assert shown(staff_client) == computed(world.edition)
    state = RankingState.objects.get(edition=world.edition)
    assert state.is_fresh
    assert RankingEntry.objects.filter(edition=world.edition).count() == 3

    shown(staff_client)

    assert RankingState.objects.get(edition=world.edition).computed_at == state.computed_at


def test_a_submitted_evaluation_shows_at_once(world, staff_client):  # noqa: F811
    build(world, count=2)
    before = shown(staff_client)

    judged(world, "Charlie", (3, 3), (2, 2))

    after = shown(staff_client)
    assert after != before
    assert after == computed(world.edition)
    assert [row[1] for row in exported(staff_client)] == ["Alpha", "Charlie", "Bravo"]


def test_a_reopened_evaluation_leaves_the_ranking_at_once(world, staff_client):  # noqa: F811
    build(world)  # still in the jury window: staff reopen evaluations only then
    assert ("Alpha", 2) in [(row[1], row[2]) for row in shown(staff_client)]
    evaluation = Evaluation.objects.filter(assignment__candidacy__employer__name="Alpha").first()

    reopen_evaluation(evaluation=evaluation)

    assert ("Alpha", 1) in [(row[1], row[2]) for row in shown(staff_client)]
    assert shown(staff_client) == computed(world.edition)
    assert [row[4] for row in exported(staff_client) if row[1] == "Alpha"] == ["1"]


def test_a_screening_decision_shows_at_once(world, staff_client):  # noqa: F811
    build(world)
    nomination = Nomination.objects.filter(employer__name="Bravo").get()
    assert "Bravo" in [row[1] for row in shown(staff_client)]

    screen_nomination(
        nomination=nomination, decision=NominationStatus.INELIGIBLE, reason="Hors territoire", site_url=""
    )

    assert shown(staff_client) == computed(world.edition)
    assert "Bravo" not in [row[1] for row in shown(staff_client)]


def test_an_employer_merge_shows_at_once(world, staff_client):  # noqa: F811
    alpha, bravo, _charlie = build(world)
    assert len(shown(staff_client)) == 3

    merge_employers(source=bravo.employer, target=alpha.employer)

    assert shown(staff_client) == computed(world.edition)
    assert len(shown(staff_client)) == 2


def test_a_youth_withdrawal_shows_at_once(world, staff_client):  # noqa: F811
    build(world)
    assert [row[3] for row in shown(staff_client) if row[1] == "Charlie"] == [1]
    Nomination.objects.create(
        **{
            field.name: getattr(Nomination.objects.filter(employer__name="Charlie").get(), field.name)
            for field in Nomination._meta.concrete_fields
            if field.name not in {"id", "token_hash", "public_id", "email"}
        },
        email="second@example.org",
    )
    assert [row[3] for row in shown(staff_client) if row[1] == "Charlie"] == [2]

    destroy_nomination(nomination=Nomination.objects.filter(employer__name="Charlie").last())

    assert [row[3] for row in shown(staff_client) if row[1] == "Charlie"] == [1]
    assert shown(staff_client) == computed(world.edition)


def test_an_edition_setting_saved_in_the_admin_shows_at_once(world, admin_client, staff_client):  # noqa: F811
    build(world)
    assert [row[4] for row in shown(staff_client) if row[1] == "Bravo"] == [True]  # spread 50
    edition = Edition.objects.get(pk=world.edition.pk)

    edition.disagreement_threshold = 60
    edition.save()  # what the admin's save does

    assert [row[4] for row in shown(staff_client) if row[1] == "Bravo"] == [False]
    assert shown(staff_client) == computed(world.edition)


def test_a_change_during_a_refresh_leaves_the_ranking_stale(world, staff_client):  # noqa: F811
    build(world)
    shown(staff_client)
    state = RankingState.objects.get(edition=world.edition)
    from jury.domain import ranking_store

    ranking_store.mark_stale(edition=world.edition)
    state.refresh_from_db()
    stale_version = state.version - 1
    state.version = stale_version  # the version a refresh read before the change
    ranking_store.refresh(world.edition, state)

    assert not RankingState.objects.get(edition=world.edition).is_fresh


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize(
    "address",
    [
        "/en/staff/deliberation/?edition={pk}",
        SHERBROOKE + "?edition={pk}",
        SHERBROOKE + "?edition={pk}&sort=-score",
        SHERBROOKE + "?edition={pk}&_export=csv",
        SHERBROOKE + "?edition={pk}&_export=xlsx",
        "/en/staff/publish/?edition={pk}",
    ],
)
def test_deliberation_pages_run_the_same_queries_for_1_and_3_candidacies(world, staff_client, address):  # noqa: F811
    """Both when the stored ranking is computed by the request and when it is read."""
    other = SimpleNamespace(**{**vars(world), "edition": make_edition(Phase.JURY)})
    other.criteria = use_two_criteria(other.edition)
    build(world, 1)
    build(other, 3)
    one_url, three_url = address.format(pk=world.edition.pk), address.format(pk=other.edition.pk)

    computing = (_count(staff_client, one_url), _count(staff_client, three_url))
    reading = (_count(staff_client, one_url), _count(staff_client, three_url))

    assert computing[0] == computing[1]
    assert reading[0] == reading[1]
    assert reading[0] < computing[0]
    assert reading[0] <= 15


def test_a_juror_never_gets_the_per_juror_totals(world, client):  # noqa: F811
    """The juror's ranking reads the aggregated rows only: no juror's totals reach its context."""
    Edition.objects.filter(pk=world.edition.pk).update(jurors_see_deliberation=True)
    build(world)
    close_jury(world.edition)
    set_panel(edition=world.edition, territory=world.sherbrooke, jurors=world.jurors)
    client.force_login(world.jurors[0], backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/en/jury/deliberation/sherbrooke/")

    assert response.status_code == 200
    assert "chart" not in response.context
    body = response.content.decode()
    assert "ana@example.org" not in body and "bob@example.org" not in body
    # Two evaluations each: unranked for the jurors, alphabetical (see test_juror_deliberation).
    assert [row.record.employer_name for row in response.context["table"].page.object_list] == [
        "Alpha",
        "Bravo",
        "Charlie",
    ]
