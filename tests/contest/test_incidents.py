"""The register of privacy incidents (Québec's Law 25): staff record and complete entries, the dates are
checked with the message next to the field, and every change is in the audit log."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.domain.incidents import record_incident, update_incident
from contest.domain.roles import STAFF_GROUP
from contest.models import AuditEvent, PrivacyIncident

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
LIST = "/en/staff/incidents/"


@pytest.fixture
def staff_user(db):
    user = User.objects.create_user("coordo@example.org", "coordo@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user, backend=MODEL_BACKEND)
    return client


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def post_data(**overrides) -> dict:
    data = {
        "occurred_on": days_ago(10).isoformat(),
        "discovered_on": days_ago(8).isoformat(),
        "nature": "Courriel de rappel envoyé avec les adresses visibles.",
        "data_concerned": "Adresses courriel",
        "people_affected": "Environ 40 jeunes de Coaticook",
        "people_affected_count": "40",
        "measures_taken": "Demande de suppression envoyée aux destinataires.",
        "reported_to_commission_at": "",
        "people_notified_at": "",
    }
    data.update(overrides)
    return data


def make_incident(user=None, **overrides) -> PrivacyIncident:
    values = {
        "occurred_on": days_ago(10),
        "discovered_on": days_ago(8),
        "nature": "Ordinateur portable perdu",
        "data_concerned": "Noms et écoles",
        "people_affected": "Environ 12 jeunes du Granit",
        "people_affected_count": 12,
        "risk_of_serious_injury": False,
        "measures_taken": "Mot de passe changé.",
        "reported_to_commission_at": None,
        "people_notified_at": None,
        **overrides,
    }
    return record_incident(recorded_by=user, **values)


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(mark: int) -> list[tuple]:
    return list(
        AuditEvent.objects.filter(id__gt=mark)
        .order_by("id")
        .values_list("action", "actor_id", "target_type", "target_id", "details")
    )


# --- recording ----------------------------------------------------------------------------------


def test_list_page_explains_the_law_and_offers_the_form(staff_client):
    response = staff_client.get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    assert "No incident recorded." in page
    assert "register is kept at least five years" in page
    assert "Commission d&#x27;accès à l&#x27;information" in page
    assert 'name="risk_of_serious_injury"' in page
    assert 'href="/en/staff/incidents/"' in page


def test_recording_an_incident_puts_it_in_the_register_and_the_audit_log(staff_user, staff_client):
    mark = last_id()

    response = staff_client.post(LIST, post_data(), follow=True)

    incident = PrivacyIncident.objects.get()
    assert response.redirect_chain == [(LIST, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"The incident is in the register (number {incident.pk})."
    ]
    assert (
        incident.occurred_on,
        incident.discovered_on,
        incident.people_affected,
        incident.people_affected_count,
        incident.risk_of_serious_injury,
        incident.reported_to_commission_at,
        incident.recorded_by,
    ) == (days_ago(10), days_ago(8), "Environ 40 jeunes de Coaticook", 40, False, None, staff_user)
    assert events_since(mark) == [
        ("incident.recorded", staff_user.pk, "contest.privacyincident", str(incident.pk), {})
    ]
    assert f'href="/en/staff/incidents/{incident.pk}/"' in response.content.decode()


def test_a_serious_risk_without_notification_reminds_to_notify(staff_client):
    response = staff_client.post(LIST, post_data(risk_of_serious_injury="on"), follow=True)

    assert [str(m) for m in response.context["messages"]][1] == (
        "There is a risk of serious injury: notify the Commission d'accès à l'information and the people "
        "concerned promptly, then record the dates here."
    )
    assert "To notify" in response.content.decode()


def test_discovery_before_the_incident_is_refused_next_to_the_field(staff_client):
    mark = last_id()

    response = staff_client.post(
        LIST, post_data(occurred_on=days_ago(3).isoformat(), discovered_on=days_ago(5).isoformat())
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "discovered_on": ["An incident cannot be discovered before it happened: check both dates."]
    }
    page = response.content.decode()
    assert 'id="id_discovered_on_error"' in page
    assert "Environ 40 jeunes de Coaticook</textarea>" in page
    assert PrivacyIncident.objects.count() == 0
    assert events_since(mark) == []


def test_required_fields_future_dates_and_early_notifications_are_refused(staff_client):
    response = staff_client.post(
        LIST,
        post_data(
            nature="",
            occurred_on=days_ago(-2).isoformat(),
            discovered_on=days_ago(-1).isoformat(),
            people_notified_at=days_ago(20).isoformat(),
            people_affected_count="-3",
        ),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "nature": ["This field is required."],
        "occurred_on": ["This date is in the future."],
        "discovered_on": ["This date is in the future."],
        "people_notified_at": ["This date comes before the day the incident was discovered."],
        "people_affected_count": ["Ensure this value is greater than or equal to 0."],
    }
    assert PrivacyIncident.objects.count() == 0


def test_a_malformed_date_is_an_error_next_to_the_field(staff_client):
    response = staff_client.post(LIST, post_data(occurred_on="hier"))

    assert response.status_code == 400
    assert response.context["form"].errors == {"occurred_on": ["Enter a valid date."]}
    assert 'value="hier"' in response.content.decode()


def test_the_domain_refuses_a_discovery_before_the_incident():
    with pytest.raises(ValidationError):
        make_incident(occurred_on=days_ago(2), discovered_on=days_ago(4))

    assert PrivacyIncident.objects.count() == 0


# --- completing an entry ------------------------------------------------------------------------


def test_edit_page_shows_the_entry(staff_user, staff_client):
    incident = make_incident(staff_user)

    response = staff_client.get(f"/en/staff/incidents/{incident.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Privacy incident {incident.pk}" in page
    assert "Ordinateur portable perdu</textarea>" in page
    assert f'value="{days_ago(10).isoformat()}"' in page
    assert "Recorded by coordo@example.org." in page


def test_updating_an_entry_is_recorded_with_the_incident_id_only(staff_user, staff_client):
    incident = make_incident(staff_user, risk_of_serious_injury=True)
    mark = last_id()
    notified = days_ago(1).isoformat()

    response = staff_client.post(
        f"/en/staff/incidents/{incident.pk}/",
        post_data(
            risk_of_serious_injury="on", reported_to_commission_at=notified, people_notified_at=notified
        ),
        follow=True,
    )

    assert response.redirect_chain == [(LIST, 302)]
    assert [str(m) for m in response.context["messages"]] == ["The incident is updated."]
    incident.refresh_from_db()
    assert (incident.reported_to_commission_at, incident.people_notified_at, incident.nature) == (
        days_ago(1),
        days_ago(1),
        "Courriel de rappel envoyé avec les adresses visibles.",
    )
    assert events_since(mark) == [
        ("incident.updated", staff_user.pk, "contest.privacyincident", str(incident.pk), {})
    ]
    assert "Notified" in response.content.decode()


def test_saving_without_change_records_nothing(staff_user, staff_client):
    incident = make_incident(staff_user)
    data = {
        "occurred_on": incident.occurred_on.isoformat(),
        "discovered_on": incident.discovered_on.isoformat(),
        "nature": incident.nature,
        "data_concerned": incident.data_concerned,
        "people_affected": incident.people_affected,
        "people_affected_count": "12",
        "measures_taken": incident.measures_taken,
        "reported_to_commission_at": "",
        "people_notified_at": "",
    }
    mark = last_id()

    response = staff_client.post(f"/en/staff/incidents/{incident.pk}/", data, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Nothing changed."]
    assert events_since(mark) == []


def test_edit_errors_keep_what_was_typed_and_change_nothing(staff_user, staff_client):
    incident = make_incident(staff_user)
    mark = last_id()

    response = staff_client.post(
        f"/en/staff/incidents/{incident.pk}/",
        post_data(nature="Nouveau texte", discovered_on=days_ago(30).isoformat()),
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["discovered_on"]
    assert "Nouveau texte</textarea>" in response.content.decode()
    incident.refresh_from_db()
    assert incident.nature == "Ordinateur portable perdu"
    assert events_since(mark) == []


def test_update_incident_returns_the_changed_fields():
    incident = make_incident()

    changed = update_incident(
        incident=incident, changed_by=None, people_affected_count=14, nature=incident.nature
    )

    assert changed == ["people_affected_count"]


def test_unknown_incident_is_not_found(staff_client):
    assert staff_client.get("/en/staff/incidents/999999/").status_code == 404


def test_register_lists_the_most_recently_discovered_first(staff_client):
    older = make_incident(occurred_on=days_ago(40), discovered_on=days_ago(30))
    newer = make_incident(occurred_on=days_ago(9), discovered_on=days_ago(2))

    response = staff_client.get(LIST)

    assert [incident.pk for incident in response.context["incidents"]] == [newer.pk, older.pk]


def test_register_query_count_does_not_grow_with_rows(staff_user, staff_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(LIST)
        assert response.status_code == 200
        return len(queries)

    make_incident(staff_user)
    one = count_queries()
    make_incident(staff_user, risk_of_serious_injury=True)
    make_incident(User.objects.create_user("autre@example.org", "autre@example.org", "pw"))
    three = count_queries()

    assert len(staff_client.get(LIST).context["incidents"]) == 3
    assert three == one


def test_the_audit_log_links_incident_events_to_the_entry(staff_user, staff_client):
    incident = make_incident(staff_user)

    page = staff_client.get("/en/staff/audit/", {"action": "incident.recorded"}).content.decode()

    assert f'<a href="/en/staff/incidents/{incident.pk}/">Privacy incident #{incident.pk}</a>' in page
