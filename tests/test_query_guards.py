"""Query-count guards of the list pages that have none next to their other tests: each page is
rendered with 1 and with 3 rows, and must run the same number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from contest.models import Edition, Territory
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from jury.models import Conflict
from nominations.enums import NominationStatus
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria

pytestmark = pytest.mark.django_db

BACKEND = "django.contrib.auth.backends.ModelBackend"


def count_queries(client: Client, url: str, data: dict | None = None) -> int:
    cache.clear()  # the public pages are cached; a guard measures a fresh rendering
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(queries)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user, backend=BACKEND)
    return client


@pytest.fixture
def staff_client(db) -> Client:
    user = User.objects.create_user("coordo@example.org", "coordo@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return logged_in(user)


@pytest.fixture
def sherbrooke(db) -> Territory:
    return Territory.objects.get(slug="sherbrooke")


def test_editions_page_queries_do_not_grow_with_editions(client):
    make_edition(Phase.NOMINATIONS)
    one = count_queries(client, "/en/editions/")
    make_edition(Phase.UPCOMING)
    make_edition(Phase.DELIBERATION)

    three = count_queries(client, "/en/editions/")

    assert Edition.objects.count() == 3
    assert one == three


def test_employer_suggestions_queries_do_not_grow_with_employers(client):
    edition = make_edition(Phase.NOMINATIONS)
    make_nomination(edition=edition, employer=make_employer("Resto Un"))
    url = "/en/nominations/employers/suggest/"
    one = count_queries(client, url, {"q": "resto"})
    for name in ("Resto Deux", "Resto Trois"):
        make_nomination(edition=edition, employer=make_employer(name))

    three = count_queries(client, url, {"q": "resto"})

    assert len(client.get(url, {"q": "resto"}).json()["results"]) == 3
    assert one == three


def test_staff_home_queries_do_not_grow_with_nominations(staff_client):
    edition = make_edition(Phase.SCREENING)
    make_nomination(edition=edition)
    one = count_queries(staff_client, "/en/staff/")
    make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    make_nomination(edition=edition, status=NominationStatus.INELIGIBLE)

    three = count_queries(staff_client, "/en/staff/")

    assert one == three


def test_panel_edit_queries_do_not_grow_with_jurors(staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    set_panel(edition=edition, territory=sherbrooke, jurors=[make_juror()])
    url = "/en/staff/panels/sherbrooke/"
    one = count_queries(staff_client, url)
    set_panel(edition=edition, territory=sherbrooke, jurors=[make_juror() for _ in range(3)])
    make_juror()

    three = count_queries(staff_client, url)

    assert one == three


def test_juror_deliberation_queries_do_not_grow_with_candidacies(sherbrooke):
    edition = make_edition(Phase.JURY, jurors_see_deliberation=True)
    first, second = use_two_criteria(edition)
    ana, bob = make_juror(), make_juror()
    set_panel(edition=edition, territory=sherbrooke, jurors=[ana, bob])

    def judged(name: str) -> None:
        candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, name))
        for juror in (ana, bob):
            save_evaluation(
                assignment=assign(candidacy, juror),
                values={first.pk: 3, second.pk: 2},
                comment="",
                submit=True,
            )

    def close_jury(hours: int) -> None:
        """Move the end of the jury window ``hours`` from now (negative: closed)."""
        Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() + dt.timedelta(hours=hours))

    judged("Xavier")
    close_jury(-1)
    client = logged_in(ana)
    url = "/en/jury/deliberation/sherbrooke/"
    one = count_queries(client, url)
    close_jury(1)
    judged("Yves")
    judged("Zoé")
    close_jury(-1)

    three = count_queries(client, url)

    assert len(client.get(url).context["table"].page.object_list) == 3
    assert one == three


# --- The jury pages whose lists grow with the nominations: paginated, filtered, each a constant count ---


def _judged_candidacy(edition, territory, name, jurors, *, conflicted=None):
    """A candidacy with an eligible nomination, the jurors assigned (the first has submitted, the
    second has a draft) and, if given, a juror in conflict."""
    candidacy = make_candidacy(edition, employer=employer_in(territory, name))
    criteria = {criterion.pk: criterion.scale_max for criterion in edition.criteria.all()}
    for index, juror in enumerate(jurors):
        assignment = assign(candidacy, juror)
        if index < 2:
            save_evaluation(assignment=assignment, values=criteria, submit=index == 0)
    if conflicted is not None:
        Conflict.objects.create(juror=conflicted, candidacy=candidacy)
    return candidacy


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"territory": "sherbrooke", "sort": "jurors"},
        {"status": "unfinished"},
        {"status": "conflicts", "q": "resto"},
        {"territory": "sherbrooke", "status": "missing", "page": "1"},
    ],
)
def test_staff_assignments_queries_do_not_grow_with_candidacies(staff_client, sherbrooke, query):
    edition = make_edition(Phase.JURY, jurors_per_candidacy=4)
    jurors = [make_juror() for _ in range(3)]
    set_panel(edition=edition, territory=sherbrooke, jurors=jurors)
    _judged_candidacy(edition, sherbrooke, "Resto 1", jurors, conflicted=make_juror())
    url = "/en/staff/assignments/"
    one = count_queries(staff_client, url, query)
    _judged_candidacy(edition, sherbrooke, "Resto 2", jurors, conflicted=make_juror())
    _judged_candidacy(edition, sherbrooke, "Resto 3", jurors[1:], conflicted=make_juror())

    three = count_queries(staff_client, url, query)

    response = staff_client.get(url, query)
    assert sum(len(group.rows) for group in response.context["groups"]) == 3
    assert one == three <= 15


@pytest.mark.parametrize("query", [{}, {"territory": "sherbrooke", "q": "resto", "sort": "-juror"}])
def test_staff_conflicts_queries_do_not_grow_with_conflicts(staff_client, sherbrooke, query):
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    url = "/en/staff/conflicts/"
    _judged_candidacy(edition, sherbrooke, "Resto 1", [], conflicted=juror)
    one = count_queries(staff_client, url, query)
    _judged_candidacy(edition, sherbrooke, "Resto 2", [], conflicted=juror)
    _judged_candidacy(edition, sherbrooke, "Resto 3", [], conflicted=make_juror())

    three = count_queries(staff_client, url, query)

    assert len(staff_client.get(url, query).context["table"].page.object_list) == 3
    assert one == three <= 15


@pytest.mark.parametrize(
    "query", [{}, {"territory": "sherbrooke", "status": "todo"}, {"status": "submitted"}]
)
def test_juror_dashboard_queries_do_not_grow_with_assignments(sherbrooke, query):
    edition = make_edition(Phase.JURY)
    me, other = make_juror(), make_juror()
    client = logged_in(me)
    url = "/en/jury/"

    def mine(name: str, *, submitted: bool) -> None:
        candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, name))
        values = {criterion.pk: criterion.scale_max for criterion in edition.criteria.all()}
        save_evaluation(assignment=assign(candidacy, me), values=values, submit=submitted)
        assign(candidacy, other)

    mine("Resto 1", submitted=query.get("status") == "submitted")
    one = count_queries(client, url, query)
    mine("Resto 2", submitted=query.get("status") == "submitted")
    mine("Resto 3", submitted=query.get("status") == "submitted")

    three = count_queries(client, url, query)

    assert len(client.get(url, query).context["rows"]) == 3
    assert one == three <= 15
