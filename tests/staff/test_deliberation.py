"""The staff's deliberation pages: overview, a territory's ranking and exports, winners, a candidacy's
file, regional prizes and the publication."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from types import SimpleNamespace

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from contest.domain.editions import publish_edition
from contest.enums import Phase
from contest.models import Edition, Territory
from jury.domain.agreement import territory_agreement
from jury.domain.awards import add_regional_prize, choose_winner
from jury.domain.ranking_store import mark_stale
from jury.domain.scoring import save_evaluation
from jury.enums import AwardKind
from jury.models import Award, Evaluation
from jury.tables_deliberation import _number
from jury.views import deliberation as deliberation_views
from nominations.enums import NominationStatus
from nominations.models import Employer
from tests.factories import make_edition
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria

pytestmark = pytest.mark.django_db

OVERVIEW = "/en/staff/deliberation/"
SHERBROOKE = "/en/staff/deliberation/sherbrooke/"
WINNER = "/en/staff/deliberation/sherbrooke/winner/"
PRIZES = "/en/staff/prizes/"
PUBLISH = "/en/staff/publish/"

# (schedule, hours) of each juror, per candidacy; a juror's total is (1.5·schedule + hours)·10.
# Alpha 100 and 100; Bravo 75 and 25 (spread 50: disagreement); Charlie 75 and 50.
JUDGED = [("Alpha", (4, 4), (4, 4)), ("Bravo", (3, 3), (1, 1)), ("Charlie", (3, 3), (2, 2))]


def candidacy_url(candidacy) -> str:
    return f"/en/staff/candidacies/{candidacy.pk}/"


@pytest.fixture
def world(db):
    """An edition in its jury window, two criteria, two jurors."""
    edition = make_edition(Phase.JURY)
    first, second = use_two_criteria(edition)
    return SimpleNamespace(
        edition=edition,
        criteria=(first, second),
        jurors=[make_juror("ana@example.org"), make_juror("bob@example.org")],
        sherbrooke=Territory.objects.get(slug="sherbrooke"),
        coaticook=Territory.objects.get(slug="coaticook"),
    )


def employer_named(territory, name) -> Employer:
    """The same business may be a candidate of several editions."""
    employer = Employer.objects.filter(name=name, territory=territory).first()
    return employer or employer_in(territory, name)


def judged(world, name, *values, territory=None, comment="Beau dossier"):
    """A candidacy scored by the world's jurors, ``values`` being each juror's (schedule, hours)."""
    candidacy = make_candidacy(world.edition, employer=employer_named(territory or world.sherbrooke, name))
    first, second = world.criteria
    for juror, (schedule, hours) in zip(world.jurors, values, strict=False):
        save_evaluation(
            assignment=assign(candidacy, juror),
            values={first.pk: schedule, second.pk: hours},
            comment=f"{comment} ({juror.email})",
            submit=True,
        )
    return candidacy


def build(world, count=3):
    return [judged(world, name, *values) for name, *values in JUDGED[:count]]


def close_jury(edition: Edition) -> Edition:
    Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() - dt.timedelta(hours=1))
    edition.refresh_from_db()
    return edition


def make_public(edition: Edition) -> Edition:
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        jury_close_at=now - dt.timedelta(days=2), announce_at=now - dt.timedelta(days=1)
    )
    edition.refresh_from_db()
    return publish_edition(edition=edition, announce_at=now - dt.timedelta(hours=1))


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def text(response) -> str:
    return response.content.decode()


# --- who may open the pages ----------------------------------------------------------------------


def staff_pages(world):
    candidacy = judged(world, "Alpha", (4, 4))
    prize = add_regional_prize(
        edition=world.edition, title="Coup de cœur", candidacy=candidacy, chosen_by=None
    )
    return {
        "get": [OVERVIEW, SHERBROOKE, candidacy_url(candidacy), PRIZES, PUBLISH],
        "post": [OVERVIEW, WINNER, PRIZES, f"/en/staff/prizes/{prize.pk}/remove/", PUBLISH],
    }


def test_staff_pages_answer_403_to_a_juror(world, juror_client):
    pages = staff_pages(world)

    for url in pages["get"]:
        assert juror_client.get(url).status_code == 403, url
    for url in pages["post"]:
        assert juror_client.post(url).status_code == 403, url
    assert Award.objects.count() == 1


def test_staff_pages_send_anonymous_visitors_to_the_login_page(world, client):
    pages = staff_pages(world)

    for url in pages["get"] + pages["post"]:
        response = client.get(url) if url in pages["get"] else client.post(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/en/accounts/login/"), url


def test_post_only_actions_refuse_get(world, staff_client):
    prize = add_regional_prize(
        edition=world.edition, title="Coup de cœur", candidacy=judged(world, "Alpha", (4, 4)), chosen_by=None
    )

    assert staff_client.get(WINNER).status_code == 405
    assert staff_client.get(f"/en/staff/prizes/{prize.pk}/remove/").status_code == 405


# --- overview ------------------------------------------------------------------------------------


def test_overview_lists_each_territory_with_counts_agreement_and_top(world, staff_client):
    build(world)
    judged(world, "Delta", (2, 2), territory=world.coaticook)
    close_jury(world.edition)
    alpha = territory_agreement(edition=world.edition)[world.sherbrooke.pk]

    response = staff_client.get(OVERVIEW)

    assert response.status_code == 200
    page = text(response)
    summaries = {s.territory.slug: s for s in response.context["summaries"]}
    assert len(summaries) == 9
    sherbrooke = summaries["sherbrooke"]
    assert (sherbrooke.candidacies, sherbrooke.evaluations, sherbrooke.disagreements) == (3, 6, 1)
    assert sherbrooke.top.candidacy.employer.name == "Alpha"
    assert sherbrooke.agreement == alpha
    assert f"α = {alpha:.2f}" in page
    # One candidacy in Coaticook: alpha needs at least two.
    assert summaries["coaticook"].agreement is None
    assert "not enough data" in page
    assert "No winner yet; top of the ranking: Alpha" in page
    assert "Choose the top of each territory" in page
    assert f'href="/en/staff/deliberation/sherbrooke/?edition={world.edition.pk}"' in page
    assert "Krippendorff" in page


def test_overview_button_chooses_the_top_of_each_territory(world, staff_client):
    alpha, *_ = build(world)
    delta = judged(world, "Delta", (2, 2), territory=world.coaticook)
    close_jury(world.edition)

    response = staff_client.post(f"{OVERVIEW}?edition={world.edition.pk}", follow=True)

    assert response.redirect_chain == [(f"{OVERVIEW}?edition={world.edition.pk}", 302)]
    assert messages_of(response) == ["2 territories now have the top of their ranking as winner."]
    winners = dict(Award.objects.values_list("territory__slug", "candidacy"))
    assert winners == {"sherbrooke": alpha.pk, "coaticook": delta.pk}
    assert "Choose the top of each territory" not in text(response)


def test_overview_shows_the_chosen_winner(world, staff_client):
    _alpha, bravo, _charlie = build(world)
    close_jury(world.edition)
    choose_winner(
        edition=world.edition,
        territory=world.sherbrooke,
        candidacy=bravo,
        reason="Coup de foudre",
        chosen_by=None,
    )

    page = text(staff_client.get(OVERVIEW))

    assert "<strong>Bravo</strong>" in page
    assert "not the top of the ranking" in page


def test_overview_picks_another_edition_and_404s_an_unknown_one(world, staff_client):
    build(world, 1)
    other = make_edition(Phase.NOMINATIONS)

    response = staff_client.get(f"{OVERVIEW}?edition={other.pk}")

    assert response.context["edition"] == other
    assert all(s.candidacies == 0 for s in response.context["summaries"])
    assert staff_client.get(f"{OVERVIEW}?edition=abc").status_code == 404
    assert staff_client.get(f"{OVERVIEW}?edition=999999").status_code == 404


def test_overview_query_count_does_not_grow_with_candidacies(world, staff_client):
    other = SimpleNamespace(**{**vars(world), "edition": make_edition(Phase.JURY)})
    other.criteria = use_two_criteria(other.edition)
    build(world, 1)
    build(other, 3)

    one = count_queries(staff_client, f"{OVERVIEW}?edition={world.edition.pk}")
    three = count_queries(staff_client, f"{OVERVIEW}?edition={other.edition.pk}")

    assert one == three


# --- a territory ---------------------------------------------------------------------------------


def test_territory_page_ranks_the_candidacies(world, staff_client):
    build(world)
    close_jury(world.edition)

    response = staff_client.get(SHERBROOKE)

    assert response.status_code == 200
    rows = list(response.context["table"].page.object_list)
    assert [row.record.employer_name for row in rows] == ["Alpha", "Charlie", "Bravo"]
    page = text(response)
    assert "Ranked by" in page and "Weighted mean" in page
    assert "How this ranking works" in page
    assert "more than 25 points out of 100" in page
    # Criterion columns are headed by the criterion's label; the disagreement flag is text.
    assert ">Schedule<" in page and ">Hours<" in page
    assert '<span class="badge badge-wait">Disagreement</span>' in page
    assert page.count('<span class="badge badge-wait">Disagreement</span>') == 1
    assert f'href="/en/staff/candidacies/{rows[0].record.candidacy.pk}/"' in page


def test_territory_page_sorts_by_another_column(world, staff_client):
    build(world)

    response = staff_client.get(f"{SHERBROOKE}?sort=-employer")

    assert [row.record.employer_name for row in response.context["table"].page.object_list] == [
        "Charlie",
        "Bravo",
        "Alpha",
    ]


def test_territory_page_shows_each_jurors_distribution_as_svg_with_a_table(world, staff_client):
    build(world)

    page = text(staff_client.get(SHERBROOKE))

    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert '<title id="juror-chart-title">Each juror\'s totals (0 to 100)</title>' in page
    assert (
        "<title>ana@example.org: 3 evaluations, median 75.0, from 75.0 to 100.0, mean 83.3.</title>" in page
    )
    assert (
        "<title>bob@example.org: 3 evaluations, median 50.0, from 25.0 to 100.0, mean 58.3.</title>" in page
    )
    assert "The chart's figures as a table" in page
    assert "style=" not in page
    assert re.search(r"<script(?![^>]*\bsrc=)", page) is None  # no inline script


def test_territory_svg_coordinates_are_not_localised_in_french(world, staff_client):
    build(world)

    page = staff_client.get("/fr/staff/deliberation/sherbrooke/").content.decode()

    svg = page[page.index("<svg") : page.index("</svg>")]
    coordinates = re.findall(r' (?:cx|x|x1|x2|width)="([^"]*)"', svg)
    assert len(coordinates) > 20
    assert [value for value in coordinates if not re.fullmatch(r"[0-9.]+|100%", value)] == []
    # The figures people read are written the French way.
    assert "83,3" in svg
    assert "83.3" not in svg


def test_territory_page_without_evaluations(world, staff_client):
    make_candidacy(world.edition, employer=employer_in(world.sherbrooke, "Sans note"))

    response = staff_client.get(SHERBROOKE)

    assert response.status_code == 200
    assert response.context["chart"] is None
    assert "No evaluation submitted yet." in text(response)


def test_territory_page_paginates_by_fifty(world, staff_client):
    for i in range(51):
        make_candidacy(world.edition, employer=employer_in(world.sherbrooke, f"Commerce {i:02d}"))

    response = staff_client.get(SHERBROOKE)

    assert len(response.context["table"].page.object_list) == 50
    assert "Page 1 of 2" in text(response)


def test_territory_export_csv_has_the_header_and_rows_in_rank_order(world, staff_client):
    build(world)

    response = staff_client.get(f"{SHERBROOKE}?_export=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="deliberation-{world.edition.year}-sherbrooke.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0] == [
        "Rank",
        "Employer",
        "Municipality",
        "Eligible nominations",
        "Evaluations",
        "Score",
        "Mean",
        "Median",
        "Normalised",
        "Spread",
        "Disagreement",
        "Schedule",
        "Hours",
        "Tie-break",
    ]
    assert [row[:2] for row in rows[1:]] == [["1", "Alpha"], ["2", "Charlie"], ["3", "Bravo"]]
    assert rows[1][5] == "100.00"
    assert rows[3][9:11] == ["50.00", "yes"]


def test_territory_export_xlsx_is_a_workbook(world, staff_client):
    build(world)

    response = staff_client.get(f"{SHERBROOKE}?_export=xlsx")

    assert response.status_code == 200
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="deliberation-{world.edition.year}-sherbrooke.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Rank", "Employer", "Municipality")
    assert [row[1] for row in values[1:]] == ["Alpha", "Charlie", "Bravo"]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_territory_export_writes_a_formula_like_name_as_text(world, staff_client, export_format):
    # Employer names come from the public form; a spreadsheet must show this one, not run it.
    judged(world, '=HYPERLINK("http://evil.example","Cliquez")', (4, 4), (4, 4))

    response = staff_client.get(f"{SHERBROOKE}?_export={export_format}")

    body = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(body.decode())))
        assert rows[1][1] == """'=HYPERLINK("http://evil.example","Cliquez")"""
    else:
        cell = openpyxl.load_workbook(io.BytesIO(body)).active.cell(row=2, column=2)
        assert (cell.data_type, cell.value) == ("s", """'=HYPERLINK("http://evil.example","Cliquez")""")


def test_territory_unknown_export_format_shows_the_page(world, staff_client):
    build(world, 1)

    response = staff_client.get(f"{SHERBROOKE}?_export=pdf")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_territory_unknown_slug_is_404(world, staff_client):
    assert staff_client.get("/en/staff/deliberation/atlantis/").status_code == 404


def test_territory_query_count_does_not_grow_with_candidacies(world, staff_client):
    other = SimpleNamespace(**{**vars(world), "edition": make_edition(Phase.JURY)})
    other.criteria = use_two_criteria(other.edition)
    build(world, 1)
    build(other, 3)

    one = count_queries(staff_client, f"{SHERBROOKE}?edition={world.edition.pk}")
    three = count_queries(staff_client, f"{SHERBROOKE}?edition={other.edition.pk}")

    assert one == three


# --- choosing the winner -------------------------------------------------------------------------


def test_winner_form_defaults_to_the_top_of_the_ranking(world, staff_client):
    alpha, *_ = build(world)
    close_jury(world.edition)

    response = staff_client.get(SHERBROOKE)

    assert response.context["form"]["candidacy"].value() == alpha.pk
    assert f'<option value="{alpha.pk}" selected>1. Alpha</option>' in text(response)


def test_choose_the_top_as_winner(world, staff_client, staff_user):
    alpha, *_ = build(world)
    close_jury(world.edition)

    response = staff_client.post(
        f"{WINNER}?edition={world.edition.pk}", {"candidacy": alpha.pk, "reason": ""}, follow=True
    )

    assert response.redirect_chain == [(f"{SHERBROOKE}?edition={world.edition.pk}", 302)]
    assert messages_of(response) == ["Alpha is the winner of Sherbrooke."]
    award = Award.objects.get()
    assert (award.kind, award.territory, award.candidacy, award.is_override, award.chosen_by) == (
        AwardKind.TERRITORY_WINNER,
        world.sherbrooke,
        alpha,
        False,
        staff_user,
    )


def test_choose_another_winner_without_reason_shows_the_error_and_keeps_the_choice(world, staff_client):
    _alpha, bravo, _charlie = build(world)
    close_jury(world.edition)

    response = staff_client.post(WINNER, {"candidacy": bravo.pk, "reason": "  "})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["reason"] == ["Say why you choose a candidacy that is not the top of the ranking."]
    page = text(response)
    assert f'<option value="{bravo.pk}" selected>3. Bravo</option>' in page
    assert 'id="id_reason_error"' in page
    assert Award.objects.count() == 0


def test_choose_another_winner_with_a_reason_records_the_override(world, staff_client):
    alpha, bravo, _charlie = build(world)
    close_jury(world.edition)
    choose_winner(edition=world.edition, territory=world.sherbrooke, candidacy=alpha, chosen_by=None)

    response = staff_client.post(WINNER, {"candidacy": bravo.pk, "reason": "Témoignages concrets"})

    assert response.status_code == 302
    award = Award.objects.get()
    assert (award.candidacy, award.is_override, award.reason) == (bravo, True, "Témoignages concrets")


def test_choose_winner_refuses_a_candidacy_of_another_territory(world, staff_client):
    build(world)
    delta = judged(world, "Delta", (2, 2), territory=world.coaticook)

    response = staff_client.post(WINNER, {"candidacy": delta.pk, "reason": "x"})

    assert response.status_code == 400
    assert response.context["form"].errors["candidacy"] == ["Choose one of this territory's candidacies."]
    assert Award.objects.count() == 0


def test_choose_winner_once_public_is_refused(world, staff_client):
    alpha, *_ = build(world)
    make_public(world.edition)

    response = staff_client.post(WINNER, {"candidacy": alpha.pk})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The results are public: winners and prizes can no longer change."
    ]
    assert Award.objects.count() == 0


# --- a candidacy ---------------------------------------------------------------------------------


def test_candidacy_during_the_jury_window_shows_counts_only(world, staff_client):
    alpha, *_ = build(world, 1)

    response = staff_client.get(candidacy_url(alpha))

    assert response.status_code == 200
    page = text(response)
    assert "2 of 2 evaluations submitted." in page
    assert "Scores are shown once the jury window is closed." in page
    assert "ana@example.org" not in page
    assert "Beau dossier" not in page
    assert "Léa Tremblay" in page  # staff may see who nominated


def test_candidacy_after_the_jury_window_shows_every_evaluation(world, staff_client):
    _alpha, bravo, _charlie = build(world)
    close_jury(world.edition)

    response = staff_client.get(candidacy_url(bravo))

    page = text(response)
    rows = response.context["evaluation_rows"]
    assert [(row.juror, row.scores, str(row.total)) for row in rows] == [
        ("ana@example.org", [3, 3], "75.00"),
        ("bob@example.org", [1, 1], "25.00"),
    ]
    assert "Beau dossier (ana@example.org)" in page
    assert "Beau dossier (bob@example.org)" in page
    assert "Rank 3 of 3 in Sherbrooke." in page
    assert "Scores are shown once the jury window is closed." not in page


def test_candidacy_offers_the_claim_link_when_the_employer_has_an_email(world, staff_client):
    alpha, *_ = build(world, 1)

    page = text(staff_client.get(candidacy_url(alpha)))
    assert "/send-claim-link/" not in page
    assert "No contact e-mail: the claim link cannot be sent." in page

    alpha.employer.contact_email = "patron@example.org"
    alpha.employer.save()
    page = text(staff_client.get(candidacy_url(alpha)))
    assert f'action="/en/staff/employers/{alpha.employer.pk}/send-claim-link/"' in page


def test_candidacy_unknown_is_404(world, staff_client):
    assert staff_client.get("/en/staff/candidacies/999999/").status_code == 404


def test_candidacy_query_count_does_not_grow_with_testimonials_and_evaluations(world, staff_client):
    one = judged(world, "Alpha", (4, 4))
    three = make_candidacy(world.edition, employer=employer_in(world.sherbrooke, "Trio"), testimonials=3)
    third_juror = make_juror("cleo@example.org")
    first, second = world.criteria
    for juror in [*world.jurors, third_juror]:
        save_evaluation(
            assignment=assign(three, juror), values={first.pk: 2, second.pk: 2}, comment="ok", submit=True
        )
    close_jury(world.edition)
    staff_client.get(candidacy_url(one))  # the first request after a change stores the ranking

    assert count_queries(staff_client, candidacy_url(one)) == count_queries(
        staff_client, candidacy_url(three)
    )


# --- regional prizes -----------------------------------------------------------------------------


def test_prizes_add_one(world, staff_client, staff_user):
    alpha, *_ = build(world, 1)

    response = staff_client.post(
        f"{PRIZES}?edition={world.edition.pk}",
        {"title": "Coup de cœur", "candidacy": alpha.pk, "reason": "Unanime"},
        follow=True,
    )

    assert response.redirect_chain == [(f"{PRIZES}?edition={world.edition.pk}", 302)]
    assert messages_of(response) == ["« Coup de cœur » goes to Alpha."]
    award = Award.objects.get()
    assert (award.kind, award.title, award.candidacy, award.reason, award.chosen_by) == (
        AwardKind.REGIONAL_PRIZE,
        "Coup de cœur",
        alpha,
        "Unanime",
        staff_user,
    )
    assert "Coup de cœur" in text(response)


def test_prizes_form_errors_keep_what_was_typed(world, staff_client):
    build(world, 1)

    response = staff_client.post(PRIZES, {"title": "", "candidacy": "", "reason": "Gardé tel quel"})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"title": ["This field is required."], "candidacy": ["This field is required."]}
    assert "Gardé tel quel</textarea>" in text(response)
    assert Award.objects.count() == 0


def test_prizes_refuse_a_candidacy_of_another_edition(world, staff_client):
    other = make_candidacy(make_edition(Phase.JURY), employer=employer_in(world.sherbrooke, "Ailleurs"))

    response = staff_client.post(
        f"{PRIZES}?edition={world.edition.pk}", {"title": "Coup de cœur", "candidacy": other.pk}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["candidacy"] == ["This candidacy is not part of this edition."]


def test_remove_prize(world, staff_client):
    prize = add_regional_prize(
        edition=world.edition, title="Coup de cœur", candidacy=judged(world, "Alpha", (4, 4)), chosen_by=None
    )

    response = staff_client.post(f"/en/staff/prizes/{prize.pk}/remove/", follow=True)

    assert response.redirect_chain == [(f"{PRIZES}?edition={world.edition.pk}", 302)]
    assert messages_of(response) == ["« Coup de cœur » no longer goes to Alpha."]
    assert Award.objects.count() == 0


def test_remove_prize_of_a_territory_winner_is_404(world, staff_client):
    alpha = judged(world, "Alpha", (4, 4))
    award = choose_winner(
        edition=close_jury(world.edition), territory=world.sherbrooke, candidacy=alpha, chosen_by=None
    )

    assert staff_client.post(f"/en/staff/prizes/{award.pk}/remove/").status_code == 404
    assert Award.objects.count() == 1


def test_prizes_are_frozen_once_public(world, staff_client):
    prize = add_regional_prize(
        edition=world.edition, title="Coup de cœur", candidacy=judged(world, "Alpha", (4, 4)), chosen_by=None
    )
    make_public(world.edition)

    response = staff_client.post(f"/en/staff/prizes/{prize.pk}/remove/", follow=True)

    assert messages_of(response) == ["The results are public: winners and prizes can no longer change."]
    assert Award.objects.count() == 1
    page = text(response)
    assert "Add a prize" not in page
    assert "/remove/" not in page


def test_prizes_query_count_does_not_grow_with_prizes(world, staff_client):
    candidacies = build(world)
    other = make_edition(Phase.JURY)
    other_candidacy = make_candidacy(other, employer=employer_in(world.sherbrooke, "Ailleurs"))
    add_regional_prize(edition=other, title="Mention", candidacy=other_candidacy, chosen_by=None)
    for number, candidacy in enumerate(candidacies):
        add_regional_prize(edition=world.edition, title=f"Prix {number}", candidacy=candidacy, chosen_by=None)

    one = count_queries(staff_client, f"{PRIZES}?edition={other.pk}")
    three = count_queries(staff_client, f"{PRIZES}?edition={world.edition.pk}")

    assert one == three


# --- publication ---------------------------------------------------------------------------------


def test_publish_page_warns_of_territories_without_winner(world, staff_client):
    build(world)
    delta = judged(world, "Delta", (2, 2), territory=world.coaticook)
    close_jury(world.edition)
    choose_winner(edition=world.edition, territory=world.coaticook, candidacy=delta, chosen_by=None)

    response = staff_client.get(PUBLISH)

    assert response.status_code == 200
    page = text(response)
    assert "Not published" in page
    assert "1 territory has no winner yet" in page
    assert [s.territory.slug for s in response.context["summary"].missing] == ["sherbrooke"]
    assert [s.territory.slug for s in response.context["summary"].territories] == ["coaticook", "sherbrooke"]
    announce = timezone.localtime(world.edition.announce_at).strftime("%Y-%m-%dT%H:%M")
    assert f'name="announce_at" value="{announce}"' in page


def test_publish_refuses_an_announcement_before_the_jury_closes(world, staff_client):
    before = timezone.localtime(world.edition.jury_close_at - dt.timedelta(days=1))

    response = staff_client.post(
        PUBLISH, {"action": "publish", "announce_at": before.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 400
    errors = response.context["form"].errors["announce_at"]
    assert len(errors) == 1
    assert errors[0].startswith("The announcement cannot come before the jury closes (")
    assert before.strftime("%Y-%m-%dT%H:%M") in text(response)
    world.edition.refresh_from_db()
    assert world.edition.published_at is None


def test_publish_when_the_jury_close_moved_after_the_form_was_checked_says_it_next_to_the_field(
    world, staff_client, monkeypatch
):
    close_jury(world.edition)
    announce = timezone.localtime(world.edition.jury_close_at + dt.timedelta(days=3))
    later_close = announce + dt.timedelta(days=1)
    publish = deliberation_views.publish_results

    def jury_close_moved_meanwhile(*, edition, **kwargs):
        Edition.objects.filter(pk=edition.pk).update(
            jury_close_at=later_close, announce_at=later_close + dt.timedelta(days=1)
        )
        return publish(edition=Edition.objects.get(pk=edition.pk), **kwargs)

    monkeypatch.setattr(deliberation_views, "publish_results", jury_close_moved_meanwhile)

    response = staff_client.post(
        PUBLISH, {"action": "publish", "announce_at": announce.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 400
    [error] = response.context["form"].errors["announce_at"]
    with translation.override("en"):
        moved_close = date_format(later_close, "DATETIME_FORMAT")
    assert error == f"The announcement cannot come before the jury closes ({moved_close})."
    world.edition.refresh_from_db()
    assert world.edition.published_at is None


def test_publish_refuses_a_malformed_date(world, staff_client):
    response = staff_client.post(PUBLISH, {"action": "publish", "announce_at": "demain"})

    assert response.status_code == 400
    assert response.context["form"].errors["announce_at"] == [
        "Enter a date and time, for example 2026-05-14 10:00."
    ]


def test_publish_under_embargo_then_unpublish(world, staff_client):
    announce = timezone.localtime(world.edition.jury_close_at + dt.timedelta(days=3)).replace(
        second=0, microsecond=0
    )

    response = staff_client.post(
        f"{PUBLISH}?edition={world.edition.pk}",
        {"action": "publish", "announce_at": announce.strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )

    world.edition.refresh_from_db()
    assert world.edition.published_at is not None
    assert world.edition.announce_at == announce
    assert response.redirect_chain == [(f"{PUBLISH}?edition={world.edition.pk}", 302)]
    assert messages_of(response)[0].startswith("The results are published. They stay under embargo until ")
    page = text(response)
    assert "Under embargo" in page
    assert "Unpublish" in page

    response = staff_client.post(PUBLISH, {"action": "unpublish"}, follow=True)

    world.edition.refresh_from_db()
    assert world.edition.published_at is None
    assert messages_of(response) == ["The publication is withdrawn: the results stay private."]


def test_publish_once_public_can_no_longer_change(world, staff_client):
    make_public(world.edition)

    page = text(staff_client.get(PUBLISH))
    assert "The results are public since" in page
    assert "Unpublish" not in page
    assert 'name="announce_at"' not in page

    response = staff_client.post(PUBLISH, {"action": "unpublish"}, follow=True)

    world.edition.refresh_from_db()
    assert world.edition.published_at is not None
    assert messages_of(response) == ["The results are already public: the publication can no longer change."]


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [("16.67", 1, "16.7"), ("-0.099", 2, "-0.10"), ("57.775", 2, "57.78"), ("80", 2, "80.00")],
)
def test_table_numbers_are_rounded_not_cut(value, digits, expected):
    with translation.override("en"):
        assert _number(Decimal(value), digits) == expected


# --- winners: not before the jury closes, and checked again until the publication -------------------


def test_winners_cannot_be_chosen_while_the_jury_window_is_open(world, staff_client):
    alpha, *_ = build(world)

    page = text(staff_client.get(SHERBROOKE))
    response = staff_client.post(WINNER, {"candidacy": alpha.pk})
    overview = staff_client.post(OVERVIEW, follow=True)

    assert "Winners are chosen once the jury window is closed: until then the ranking can change." in page
    assert 'name="candidacy"' not in page
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Winners are chosen once the jury window is closed: until then the ranking can change."
    ]
    assert messages_of(overview) == [
        "Winners are chosen once the jury window is closed: until then the ranking can change."
    ]
    assert "Choose the top of each territory" not in text(overview)
    assert Award.objects.count() == 0


def screen_out(candidacy) -> None:
    """Every nomination of the candidacy screened ineligible after the choice (the ranking told)."""
    candidacy.employer.nominations.update(status=NominationStatus.INELIGIBLE)
    mark_stale(edition=candidacy.edition_id)


def pages_then_publish(world, staff_client):
    """The territory's, overview and publish pages (their text), then the publish form posted with the
    edition's announcement time (the response)."""
    pages = [text(staff_client.get(url)) for url in (SHERBROOKE, OVERVIEW, PUBLISH)]
    announce = timezone.localtime(world.edition.announce_at).strftime("%Y-%m-%dT%H:%M")
    return (*pages, staff_client.post(PUBLISH, {"action": "publish", "announce_at": announce}))


def test_a_winner_no_longer_judged_is_flagged_and_blocks_the_publication(world, staff_client):
    alpha, *_ = build(world)
    close_jury(world.edition)
    choose_winner(edition=world.edition, territory=world.sherbrooke, candidacy=alpha, chosen_by=None)
    screen_out(alpha)

    territory_page, overview, publish_page, response = pages_then_publish(world, staff_client)

    assert "no eligible nomination left" in territory_page
    assert "This winner has no eligible nomination left: it is no longer judged" in territory_page
    assert "no eligible nomination left" in overview
    assert "1 winner has no eligible nomination left" in overview
    assert "Publication refused until these laureates are replaced" in publish_page
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The results cannot be published: no eligible nomination is left for Sherbrooke: Alpha, so they "
        "are no longer judged. Choose another winner, or remove the prize, first."
    ]
    world.edition.refresh_from_db()
    assert world.edition.published_at is None


def test_a_prize_no_longer_judged_blocks_the_publication_too(world, staff_client):
    alpha = judged(world, "Alpha", (4, 4))
    close_jury(world.edition)
    add_regional_prize(edition=world.edition, title="Coup de cœur", candidacy=alpha, chosen_by=None)
    screen_out(alpha)
    announce = timezone.localtime(world.edition.announce_at).strftime("%Y-%m-%dT%H:%M")

    response = staff_client.post(PUBLISH, {"action": "publish", "announce_at": announce})

    assert response.status_code == 400
    assert "for « Coup de cœur »: Alpha, so they" in response.context["form"].non_field_errors()[0]


def test_a_winner_chosen_as_the_top_and_no_longer_first_is_a_warning_only(world, staff_client):
    alpha, *_ = build(world)
    close_jury(world.edition)
    choose_winner(edition=world.edition, territory=world.sherbrooke, candidacy=alpha, chosen_by=None)
    # A correction after the choice: Alpha's totals fall below Charlie's 62.5.
    Evaluation.objects.filter(assignment__candidacy=alpha).update(weighted_total=Decimal("20.00"))
    mark_stale(edition=world.edition)

    territory_page, overview, publish_page, response = pages_then_publish(world, staff_client)

    assert "no longer the top of the ranking" in territory_page
    assert "This winner was chosen as the top of the ranking, which now puts another candidacy first" in (
        territory_page
    )
    assert "1 winner, chosen as the top of the ranking, is no longer first" in overview
    assert "Winners no longer at the top of their ranking" in publish_page
    assert response.status_code == 302
    world.edition.refresh_from_db()
    assert world.edition.published_at is not None


def test_territory_page_shows_the_jurors_agreement(world, staff_client):
    build(world)
    close_jury(world.edition)
    alpha = territory_agreement(edition=world.edition)[world.sherbrooke.pk]

    response = staff_client.get(SHERBROOKE)

    assert response.context["agreement"] == alpha
    assert re.search(
        rf"<dt>Jurors' agreement</dt><dd>α = {alpha:.2f}( <span[^>]*>low</span>)?</dd>", text(response)
    )


def test_territory_page_says_when_the_agreement_cannot_be_computed(world, staff_client):
    build(world, 1)
    close_jury(world.edition)

    page = text(staff_client.get(SHERBROOKE))

    assert '<dt>Jurors\' agreement</dt><dd><span class="small">not enough data</span></dd>' in page


@pytest.mark.parametrize("typed", ["9999-12-31T23:59", "2099-01-01T10:00"])
def test_publish_refuses_an_announcement_years_ahead(world, staff_client, typed):
    latest = timezone.localtime(timezone.now() + dt.timedelta(days=730))

    response = staff_client.post(PUBLISH, {"action": "publish", "announce_at": typed})

    assert response.status_code == 400
    [error] = response.context["form"].errors["announce_at"]
    assert error.startswith("The announcement can be at most 2 years ahead: ")
    assert latest.strftime("%Y") in error
    assert f'value="{typed}"' in text(response)  # what was typed stays in the field
    world.edition.refresh_from_db()
    assert world.edition.published_at is None


def test_publish_accepts_an_announcement_within_two_years(world, staff_client):
    announce = timezone.localtime(timezone.now() + dt.timedelta(days=700)).replace(second=0, microsecond=0)

    response = staff_client.post(
        PUBLISH, {"action": "publish", "announce_at": announce.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 302
    world.edition.refresh_from_db()
    assert world.edition.announce_at == announce
