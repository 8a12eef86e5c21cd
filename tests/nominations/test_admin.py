import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.domain.roles import STAFF_GROUP
from nominations.enums import NominationStatus
from tests.factories import make_employer, make_nomination

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
