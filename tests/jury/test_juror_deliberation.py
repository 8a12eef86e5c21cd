"""The jurors' view of their territory's deliberation: only when the edition allows it, once the jury
window is closed, for the jurors of the territory's panel, and only the aggregated ranking."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from contest.enums import AggregationMethod, Phase
from contest.models import Edition
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from jury.enums import EvaluationStatus
from jury.models import Evaluation
from tests.factories import make_edition
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria

pytestmark = pytest.mark.django_db

URL = "/en/jury/deliberation/sherbrooke/"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


def rows_seen(response) -> list[tuple[str, ...]]:
    """(rank, employer, score, disagreement) of each row, as the page writes them."""
    rows = re.findall(r"<tr [^>]*>(.*?)</tr>", response.content.decode(), flags=re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S) for row in rows]
    columns = [column.name for column in response.context["table"].columns]
    wanted = [
        columns.index(name) for name in ("rank", "employer", "score", "disagreement") if name in columns
    ]
    return [tuple(re.sub(r"<[^>]+>", "", row[i]).strip() for i in wanted) for row in cells if row]


def close_jury(edition: Edition) -> None:
    Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() - dt.timedelta(hours=1))
    edition.refresh_from_db()


@pytest.fixture
def setup(territory, other_territory):
    """Sherbrooke's panel (ana, bob) scored two candidacies; each juror's totals differ from the means:
    Xavier 75 and 25 (mean 50), Yves 90 and 40 (mean 65). Cleo sits on Coaticook's panel."""
    edition = make_edition(Phase.JURY, jurors_see_deliberation=True)
    first, second = use_two_criteria(edition)
    ana, bob, cleo = (
        make_juror("ana@example.org"),
        make_juror("bob@example.org"),
        make_juror("cleo@example.org"),
    )
    set_panel(edition=edition, territory=territory, jurors=[ana, bob])
    set_panel(edition=edition, territory=other_territory, jurors=[cleo])
    for name, by_ana, by_bob in [("Xavier", (3, 3), (1, 1)), ("Yves", (4, 3), (2, 1))]:
        candidacy = make_candidacy(edition, employer=employer_in(territory, name))
        for juror, (schedule, hours) in [(ana, by_ana), (bob, by_bob)]:
            save_evaluation(
                assignment=assign(candidacy, juror),
                values={first.pk: schedule, second.pk: hours},
                comment=f"Commentaire privé de {juror.email}",
                submit=True,
            )
    close_jury(edition)
    return {"edition": edition, "ana": ana, "bob": bob, "cleo": cleo}


def test_a_juror_of_the_panel_sees_the_aggregated_ranking(setup):
    response = logged_in(setup["ana"]).get(URL)

    assert response.status_code == 200
    # Two evaluations each: with her own total, Ana could work out Bob's from the score, or bound it
    # from the order. Neither ranked nor ordered by score: alphabetical (Yves's 65 is above Xavier's 50).
    assert rows_seen(response) == [("—", "Xavier", "—", "—"), ("—", "Yves", "—", "—")]
    page = response.content.decode()
    assert "Ranking: Sherbrooke" in page
    assert "65.00" not in page and "50.00" not in page


def test_a_score_from_three_evaluations_or_more_is_shown_to_jurors(setup, territory):
    edition = setup["edition"]
    dan = make_juror("dan@example.org")
    set_panel(edition=edition, territory=territory, jurors=[setup["ana"], setup["bob"], dan])
    yves = next(c for c in edition.candidacies.select_related("employer") if c.employer.name == "Yves")
    # Dan's total, written directly: 50; Yves's mean becomes (90 + 40 + 50) / 3 = 60.
    Evaluation.objects.create(
        assignment=assign(yves, dan), status=EvaluationStatus.SUBMITTED, weighted_total=Decimal("50.00")
    )

    response = logged_in(setup["ana"]).get(URL)

    # Yves: 90, 40 and 50, a spread of 50 points.
    assert rows_seen(response) == [("1", "Yves", "60.00", "Disagreement"), ("—", "Xavier", "—", "—")]
    assert "50.00" not in response.content.decode()  # Xavier still has two evaluations


def test_the_juror_page_shows_nothing_per_juror(setup):
    page = logged_in(setup["ana"]).get(URL).content.decode()

    # No juror's own total, no other juror, no comment, no chart, no export, no winner form.
    for total in ("75.00", "25.00", "90.00", "40.00", "75.0", "25.0", "90.0", "40.0"):
        assert total not in page
    assert "bob@example.org" not in page
    assert "Commentaire privé" not in page
    assert "<svg" not in page
    assert "_export" not in page
    assert "/winner/" not in page
    assert "/staff/" not in page
    assert "@example.org" not in page.replace("ana@example.org", "")
    # Nor the youths' contact data.
    assert "jeune" not in page


def test_the_juror_page_offers_no_export(setup):
    response = logged_in(setup["ana"]).get(f"{URL}?_export=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_juror_page_is_404_when_the_edition_does_not_allow_it(setup):
    Edition.objects.filter(pk=setup["edition"].pk).update(jurors_see_deliberation=False)

    assert logged_in(setup["ana"]).get(URL).status_code == 404


def test_the_juror_page_is_404_while_the_jury_window_is_open(setup):
    Edition.objects.filter(pk=setup["edition"].pk).update(jury_close_at=timezone.now() + dt.timedelta(days=1))

    assert logged_in(setup["ana"]).get(URL).status_code == 404


def test_the_juror_page_is_404_for_a_juror_of_another_panel(setup):
    client = logged_in(setup["cleo"])

    assert client.get(URL).status_code == 404
    assert client.get("/en/jury/deliberation/coaticook/").status_code == 200


def test_the_juror_page_is_404_for_an_unknown_territory(setup):
    assert logged_in(setup["ana"]).get("/en/jury/deliberation/atlantis/").status_code == 404


def test_the_juror_page_is_403_for_staff_and_asks_anonymous_visitors_to_log_in(setup, client):
    staff = User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True)

    assert logged_in(staff).get(URL).status_code == 403
    response = client.get(URL)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/en/accounts/login/")


@pytest.fixture
def four_rows(territory):
    """Ana, Bob, Dan and Eve judge Sherbrooke; totals written directly. Full ranking: Alpha 80
    (90, 80, 70), Zoé 74 (75, 73: two evaluations), Charlie 60 (70, 60, 50), Bravo 10 (one
    evaluation)."""
    edition = make_edition(Phase.JURY, jurors_see_deliberation=True)
    jurors = [make_juror(f"{name}@example.org") for name in ("ana", "bob", "dan", "eve")]
    set_panel(edition=edition, territory=territory, jurors=jurors)
    for name, totals in [
        ("Alpha", (90, 80, 70)),
        ("Zoé", (75, 73)),
        ("Charlie", (70, 60, 50)),
        ("Bravo", (10,)),
    ]:
        candidacy = make_candidacy(edition, employer=employer_in(territory, name))
        for juror, total in zip(jurors, totals, strict=False):
            Evaluation.objects.create(
                assignment=assign(candidacy, juror),
                status=EvaluationStatus.SUBMITTED,
                weighted_total=Decimal(total),
            )
    close_jury(edition)
    return {"edition": edition, "ana": jurors[0]}


def test_jurors_rank_only_the_candidacies_with_three_evaluations_and_list_the_others_after(four_rows):
    response = logged_in(four_rows["ana"]).get(URL)

    # Numbered among themselves: « 1, 3 » would tell that Zoé stands second. Then alphabetical.
    assert rows_seen(response) == [
        ("1", "Alpha", "80.00", "—"),
        ("2", "Charlie", "60.00", "—"),
        ("—", "Bravo", "—", "—"),
        ("—", "Zoé", "—", "—"),
    ]


@pytest.mark.parametrize("sort", ["score", "-score", "rank", "-rank", "disagreement", "-disagreement"])
def test_jurors_cannot_sort_by_rank_score_or_disagreement(four_rows, sort):
    response = logged_in(four_rows["ana"]).get(f"{URL}?sort={sort}")

    assert [row[1] for row in rows_seen(response)] == ["Alpha", "Charlie", "Bravo", "Zoé"]


def test_jurors_may_sort_by_name_without_ranking_the_others(four_rows):
    response = logged_in(four_rows["ana"]).get(f"{URL}?sort=-employer")

    assert rows_seen(response) == [
        ("—", "Zoé", "—", "—"),
        ("2", "Charlie", "60.00", "—"),
        ("—", "Bravo", "—", "—"),
        ("1", "Alpha", "80.00", "—"),
    ]


def test_under_the_median_method_jurors_see_the_rank_and_no_score(four_rows):
    Edition.objects.filter(pk=four_rows["edition"].pk).update(aggregation_method=AggregationMethod.MEDIAN)

    response = logged_in(four_rows["ana"]).get(URL)

    # Alpha's median 80 is Bob's own total: shown, Ana would know it.
    assert "score" not in [column.name for column in response.context["table"].columns]
    assert rows_seen(response) == [
        ("1", "Alpha", "—"),
        ("2", "Charlie", "—"),
        ("—", "Bravo", "—"),
        ("—", "Zoé", "—"),
    ]
    page = response.content.decode()
    assert "80.00" not in page and "60.00" not in page
    assert "You see the rank only" in page
