import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.domain.roles import STAFF_GROUP
from contest.models import Territory
from jury.models import RankingState
from nominations.enums import NominationStatus
from nominations.normalize import employer_key
from tests.factories import make_employer, make_nomination, municipality
from tests.results.test_public_cache import admin_post_data
from tests.results.test_public_pages import engaged, published_edition

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/nominations/nomination/"


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("staff", "staff@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(user)
    return client


def test_staff_group_can_manage_nominations_in_the_admin(staff_client, edition):
    make_nomination(edition=edition, boss_name="Ginette Roy")
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    assert "Ginette Roy" in response.content.decode()


def test_admin_filters_by_edition_territory_and_status_and_searches(staff_client, edition):
    make_nomination(edition=edition, employer=make_employer("Ferme Lavoie", municipality_name="Coaticook"))
    make_nomination(edition=edition, employer=make_employer("Resto Sherby"), status=NominationStatus.PENDING)
    territory = make_employer("Autre", municipality_name="Coaticook").territory

    by_territory = staff_client.get(CHANGELIST, {"employer__territory__id__exact": territory.pk})
    by_status = staff_client.get(CHANGELIST, {"status__exact": "pending"})
    by_edition = staff_client.get(CHANGELIST, {"edition__id__exact": edition.pk})
    by_search = staff_client.get(CHANGELIST, {"q": "lavoie"})

    assert by_territory.context["cl"].result_count == 1
    assert by_status.context["cl"].result_count == 1
    assert by_edition.context["cl"].result_count == 2
    assert [n.employer.name for n in by_search.context["cl"].result_list] == ["Ferme Lavoie"]


def test_anonymous_and_non_staff_cannot_see_nominations(client, edition):
    make_nomination(edition=edition)
    assert client.get(CHANGELIST).status_code == 302
    User.objects.create_user("someone", "someone@example.org", "pw")
    client.login(username="someone", password="pw")
    assert client.get(CHANGELIST).status_code == 302


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_admin_nomination_list_queries_do_not_grow_with_rows(staff_client, edition):
    make_nomination(edition=edition)
    one = _queries(staff_client, CHANGELIST)
    for _ in range(2):
        make_nomination(edition=edition, employer=make_employer(municipality_name="Magog"))
    three = _queries(staff_client, CHANGELIST)
    assert one == three


def test_admin_employer_list_queries_do_not_grow_with_rows(staff_client):
    make_employer()
    one = _queries(staff_client, "/admin/nominations/employer/")
    make_employer(municipality_name="Magog")
    make_employer(municipality_name="Coaticook")
    three = _queries(staff_client, "/admin/nominations/employer/")
    assert one == three


def test_deleting_in_the_admin_withdraws_the_nomination_and_its_photo(
    admin_client, edition, django_capture_on_commit_callbacks
):
    from pathlib import Path

    from django.core.files.base import ContentFile

    from contest.models import AuditEvent

    nomination, _token = make_nomination(edition=edition)
    nomination.photo.save("x.jpg", ContentFile(b"fake"), save=True)
    photo = Path(nomination.photo.path)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/nominations/nomination/{nomination.pk}/delete/", {"post": "yes"}
        )

    assert response.status_code == 302
    assert not photo.exists()
    assert AuditEvent.objects.filter(action="privacy.withdrawn").count() == 1


# Nominations waiting for a parent's consent: nobody sees them, superusers included.


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_admin_never_shows_nominations_waiting_for_a_parent(who, staff_client, admin_client, edition):
    client = staff_client if who == "staff" else admin_client
    make_nomination(edition=edition, employer=make_employer("Ferme Lavoie"))
    awaiting, unconfirmed = (
        make_nomination(
            edition=edition, status=status, age=13, parent_email="parent@example.org", first_name="Mathis"
        )[0]
        for status in (NominationStatus.AWAITING_PARENT, NominationStatus.PENDING)
    )

    listed = client.get(CHANGELIST)
    searched = client.get(CHANGELIST, {"q": "Mathis"})
    by_status = client.get(CHANGELIST, {"status__exact": "awaiting_parent"})
    change = client.get(f"{CHANGELIST}{awaiting.pk}/change/")
    change_unconfirmed = client.get(f"{CHANGELIST}{unconfirmed.pk}/change/")

    assert [n.employer.name for n in listed.context["cl"].result_list] == ["Ferme Lavoie"]
    assert searched.context["cl"].result_count == 0
    assert by_status.context["cl"].result_count == 0
    assert (change.status_code, change.url) == (302, "/admin/")
    assert (change_unconfirmed.status_code, change_unconfirmed.url) == (302, "/admin/")


CONSENT_FIELDS = [
    "consent_publish_first_name",
    "consent_publish_testimonial",
    "consent_tell_employer",
    "consent_results_email",
]


def test_admin_cannot_change_consents_or_the_parents_email(admin_client, edition):
    nomination, _ = make_nomination(edition=edition, boss_name="Martin Roy")
    url = f"{CHANGELIST}{nomination.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data.update(dict.fromkeys(CONSENT_FIELDS, "on"))
    data["parent_email"] = "intrus@example.org"
    data["boss_name"] = "Martine Roy"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    nomination.refresh_from_db()
    assert nomination.boss_name == "Martine Roy"
    assert [getattr(nomination, field) for field in CONSENT_FIELDS] == [False, False, False, False]
    assert (nomination.parent_email, nomination.consents_recorded_at) == ("", None)


# Employers.


@pytest.mark.parametrize(
    ("existing", "new_name", "query"),
    [
        ("Resto Chez Ginette", "Resto chez GINETTE", "Resto+Chez+Ginette"),
        # A legal form alone is its own key (employer_key), not the empty search key.
        ("Inc.", "inc", "Inc."),
    ],
)
def test_admin_renaming_an_employer_onto_another_points_to_the_merge_tool(
    admin_client, existing, new_name, query
):
    make_employer(existing)
    employer = make_employer("Resto Ginette")
    url = f"/admin/nominations/employer/{employer.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["name"] = new_name

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        f"Another employer of this municipality already has this name: {existing}. If it is the "
        f"same business, bring the two together with the merge tool: /en/staff/employers/merge/?q={query}"
    ]
    employer.refresh_from_db()
    assert employer.name == "Resto Ginette"


def test_admin_moving_an_employer_onto_another_points_to_the_merge_tool(admin_client):
    make_employer("Resto Ginette", municipality_name="Magog")
    employer = make_employer("Resto Ginette")
    url = f"/admin/nominations/employer/{employer.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["municipality"] = str(municipality("Magog").pk)

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["name"]
    assert "/fr/staff/employers/merge/?q=Resto+Ginette" in error
    employer.refresh_from_db()
    assert employer.municipality.name == "Sherbrooke"


def test_admin_can_still_rename_an_employer_to_a_free_name(admin_client):
    make_employer("Resto Chez Ginette", municipality_name="Magog")
    employer = make_employer("Resto Ginette")
    url = f"/admin/nominations/employer/{employer.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["name"] = "Resto Chez Ginette"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.name == "Resto Chez Ginette"
    assert employer.normalized_name == employer_key("Resto Chez Ginette")


def test_admin_reads_a_website_without_its_scheme_as_https(admin_client):
    employer = make_employer("Resto Ginette")
    url = f"/admin/nominations/employer/{employer.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["website"] = "restoginette.example"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.website == "https://restoginette.example"


# A municipality moved to another territory takes its employers along.


def test_a_municipality_moved_in_the_admin_takes_its_employers_along(
    client, admin_client, django_capture_on_commit_callbacks
):
    edition = published_edition()
    employer = engaged(edition, "Boulangerie Tremblay", municipality_name="Magog")
    other = make_employer("Garage Côté")  # another municipality: stays
    coaticook = Territory.objects.get(name="Coaticook")
    page = f"/en/employers/{employer.pk}/"
    assert "<dd>Memphrémagog</dd>" in client.get(page).content.decode()  # now cached
    version = RankingState.objects.get(edition=edition).version
    magog = municipality("Magog")
    url = f"/admin/contest/municipality/{magog.pk}/change/"
    data = admin_post_data(admin_client.get(url))
    data["territory"] = str(coaticook.pk)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    employer.refresh_from_db()
    other.refresh_from_db()
    assert employer.territory == coaticook
    assert other.territory.name == "Sherbrooke"
    assert RankingState.objects.get(edition=edition).version > version
    assert "<dd>Coaticook</dd>" in client.get(page).content.decode()
