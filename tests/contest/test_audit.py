"""The audit log in use: each sensitive action appends exactly one event (who, what, on which object,
never a name nor an e-mail); the log cannot be changed; the staff's page filters, pages and exports it."""

import csv
import datetime as dt
import io
import json
from unittest import mock

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, validate_totp_code
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contest.admin import AuditEventAdmin
from contest.domain.audit import record_event
from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from contest.models import AuditEvent, Edition, Territory
from jury.domain.awards import add_regional_prize, choose_top_winners, choose_winner
from jury.domain.merge import merge_employers
from jury.domain.panels import set_panel
from jury.domain.scoring import save_evaluation
from jury.enums import AwardKind
from jury.models import Assignment, Award, Evaluation
from nominations.models import Candidacy
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
AUDIT = "/en/staff/audit/"
LOGIN = "/en/accounts/login/"
STAFF_EMAIL = "coordo@example.org"


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def staff_user(db):
    user = User.objects.create_user(STAFF_EMAIL, STAFF_EMAIL, "pw", is_staff=True, first_name="Coordo")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user, backend=MODEL_BACKEND)
    return client


@pytest.fixture
def sherbrooke(db):
    return Territory.objects.get(slug="sherbrooke")


def last_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def events_since(mark: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=mark).order_by("id"))


def summary(event: AuditEvent) -> tuple:
    return (event.action, event.actor_id, event.target_type, event.target_id, event.details)


def assert_nothing_personal(event: AuditEvent, *words: str) -> None:
    """No e-mail address (no « @ » at all) nor any of ``words`` in any field of the event."""
    blob = json.dumps(
        [event.action, event.actor_id, event.target_type, event.target_id, event.details], ensure_ascii=False
    )
    assert "@" not in blob
    for word in words:
        assert word not in blob


def scored(edition, juror, *, name: str, territory, value: int) -> Candidacy:
    """A candidacy of ``territory`` that ``juror`` scored ``value`` on every criterion and submitted."""
    candidacy = make_candidacy(edition, employer=employer_in(territory, name))
    save_evaluation(
        assignment=assign(candidacy, juror),
        values={criterion.pk: value for criterion in edition.criteria.all()},
        submit=True,
    )
    return candidacy


def close_jury(edition: Edition) -> Edition:
    Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() - dt.timedelta(hours=1))
    edition.refresh_from_db()
    return edition


# --- each hooked action appends one event -------------------------------------------------------


def test_screening_a_nomination_appends_one_event(staff_user, staff_client):
    nomination, _token = make_nomination(edition=make_edition(Phase.SCREENING))
    mark = last_id()

    response = staff_client.post(
        f"/en/staff/nominations/{nomination.pk}/", {"decision": "eligible", "reason": ""}
    )

    assert response.status_code == 302
    [event] = events_since(mark)
    assert summary(event) == (
        "nomination.screened",
        staff_user.pk,
        "nominations.nomination",
        str(nomination.pk),
        {"decision": "eligible", "previous": "confirmed"},
    )
    assert_nothing_personal(event, "Léa", "Tremblay", "Martin Roy", nomination.employer.name)


def test_automatic_assignment_appends_one_event_with_the_count(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    set_panel(edition=edition, territory=sherbrooke, jurors=[make_juror(), make_juror()])
    mark = last_id()

    response = staff_client.post(f"/en/staff/assignments/?edition={edition.pk}")

    assert response.status_code == 302
    [event] = events_since(mark)
    assert summary(event) == (
        "assignments.automatic",
        staff_user.pk,
        "contest.edition",
        str(edition.pk),
        {"created": 2},
    )


def test_adding_an_assignment_by_hand_appends_one_event(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    juror = make_juror("ana@example.org")
    mark = last_id()

    response = staff_client.post("/en/staff/assignments/add/", {"candidacy": candidacy.pk, "juror": juror.pk})

    assert response.status_code == 302
    assignment = Assignment.objects.get()
    [event] = events_since(mark)
    assert summary(event) == (
        "assignment.added",
        staff_user.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"juror": juror.pk, "assignment": assignment.pk},
    )
    assert_nothing_personal(event, "Resto Alpha")


def test_removing_an_assignment_appends_one_event(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    juror = make_juror()
    assignment = assign(candidacy, juror)
    mark = last_id()

    response = staff_client.post(f"/en/staff/assignments/{assignment.pk}/remove/")

    assert response.status_code == 302
    assert Assignment.objects.count() == 0
    [event] = events_since(mark)
    assert summary(event) == (
        "assignment.removed",
        staff_user.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"juror": juror.pk, "assignment": assignment.pk},
    )


def test_submitting_an_evaluation_appends_one_event_by_the_juror(sherbrooke):
    edition = make_edition(Phase.JURY)
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    juror = make_juror("ana@example.org")
    assignment = assign(candidacy, juror)
    values = {criterion.pk: criterion.scale_max for criterion in edition.criteria.all()}
    save_evaluation(assignment=assignment, values=values, comment="Brouillon de ana")
    mark = last_id()

    evaluation = save_evaluation(assignment=assignment, values=values, comment="Très bien", submit=True)

    [event] = events_since(mark)
    assert summary(event) == (
        "evaluation.submitted",
        juror.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"evaluation": evaluation.pk},
    )
    assert_nothing_personal(event, "Très bien", "Resto Alpha")


def test_saving_a_draft_appends_no_event(sherbrooke):
    edition = make_edition(Phase.JURY)
    assignment = assign(
        make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha")), make_juror()
    )
    mark = last_id()

    save_evaluation(assignment=assignment, values={}, comment="Plus tard")

    assert events_since(mark) == []


def test_reopening_an_evaluation_appends_one_event(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    candidacy = scored(edition, juror, name="Resto Alpha", territory=sherbrooke, value=3)
    evaluation = Evaluation.objects.get()
    mark = last_id()

    response = staff_client.post(f"/en/staff/evaluations/{evaluation.pk}/reopen/")

    assert response.status_code == 302
    [event] = events_since(mark)
    assert summary(event) == (
        "evaluation.reopened",
        staff_user.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"evaluation": evaluation.pk, "juror": juror.pk},
    )


def test_choosing_the_top_as_winner_appends_one_event(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    top = scored(edition, juror, name="Resto Alpha", territory=sherbrooke, value=4)
    scored(edition, juror, name="Resto Bravo", territory=sherbrooke, value=1)
    close_jury(edition)
    mark = last_id()

    response = staff_client.post(
        f"/en/staff/deliberation/sherbrooke/winner/?edition={edition.pk}", {"candidacy": top.pk}
    )

    assert response.status_code == 302
    award = Award.objects.get()
    [event] = events_since(mark)
    assert summary(event) == (
        "award.winner_chosen",
        staff_user.pk,
        "nominations.candidacy",
        str(top.pk),
        {"award": award.pk, "territory": sherbrooke.pk},
    )


def test_choosing_another_winner_appends_one_override_event_without_the_reason(staff_user, sherbrooke):
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    scored(edition, juror, name="Resto Alpha", territory=sherbrooke, value=4)
    second = scored(edition, juror, name="Resto Bravo", territory=sherbrooke, value=1)
    close_jury(edition)
    mark = last_id()

    award = choose_winner(
        edition=edition,
        territory=sherbrooke,
        candidacy=second,
        reason="Témoignages de Léa Tremblay",
        chosen_by=staff_user,
    )

    [event] = events_since(mark)
    assert summary(event) == (
        "award.winner_overridden",
        staff_user.pk,
        "nominations.candidacy",
        str(second.pk),
        {"award": award.pk, "territory": sherbrooke.pk},
    )
    assert_nothing_personal(event, "Témoignages", "Léa")


def test_choosing_every_top_winner_appends_one_event_with_the_count(staff_user, sherbrooke):
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    scored(edition, juror, name="Resto Alpha", territory=sherbrooke, value=4)
    scored(edition, juror, name="Ferme Bravo", territory=Territory.objects.get(slug="coaticook"), value=2)
    close_jury(edition)
    mark = last_id()

    choose_top_winners(edition=edition, chosen_by=staff_user)

    [event] = events_since(mark)
    assert summary(event) == (
        "award.top_winners_chosen",
        staff_user.pk,
        "contest.edition",
        str(edition.pk),
        {"count": 2},
    )


def test_adding_a_prize_appends_one_event_without_its_title(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    mark = last_id()

    response = staff_client.post(
        f"/en/staff/prizes/?edition={edition.pk}",
        {"title": "Coup de cœur", "candidacy": candidacy.pk, "reason": "Unanime"},
    )

    assert response.status_code == 302
    award = Award.objects.get()
    [event] = events_since(mark)
    assert summary(event) == (
        "award.prize_added",
        staff_user.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"award": award.pk},
    )
    assert_nothing_personal(event, "Coup de cœur", "Unanime")


def test_removing_a_prize_appends_one_event(staff_user, staff_client, sherbrooke):
    edition = make_edition(Phase.JURY)
    candidacy = make_candidacy(edition, employer=employer_in(sherbrooke, "Resto Alpha"))
    award = add_regional_prize(edition=edition, title="Coup de cœur", candidacy=candidacy, chosen_by=None)
    mark = last_id()

    response = staff_client.post(f"/en/staff/prizes/{award.pk}/remove/")

    assert response.status_code == 302
    assert Award.objects.count() == 0
    [event] = events_since(mark)
    assert summary(event) == (
        "award.removed",
        staff_user.pk,
        "nominations.candidacy",
        str(candidacy.pk),
        {"award": award.pk, "kind": AwardKind.REGIONAL_PRIZE.value},
    )


def test_publishing_and_unpublishing_append_one_event_each(staff_user, staff_client):
    edition = close_jury(make_edition(Phase.JURY))
    announce = timezone.localtime(edition.jury_close_at + dt.timedelta(days=3)).replace(
        second=0, microsecond=0
    )
    publish = f"/en/staff/publish/?edition={edition.pk}"
    mark = last_id()

    response = staff_client.post(
        publish, {"action": "publish", "announce_at": announce.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 302
    [published] = events_since(mark)
    assert summary(published)[:4] == ("edition.published", staff_user.pk, "contest.edition", str(edition.pk))
    assert list(published.details) == ["announce_at"]
    assert dt.datetime.fromisoformat(published.details["announce_at"]) == announce
    mark = published.pk

    response = staff_client.post(publish, {"action": "unpublish"})

    assert response.status_code == 302
    [unpublished] = events_since(mark)
    assert summary(unpublished) == (
        "edition.unpublished",
        staff_user.pk,
        "contest.edition",
        str(edition.pk),
        {},
    )


def test_exporting_a_ranking_appends_one_event_with_format_and_territory(
    staff_user, staff_client, sherbrooke
):
    edition = make_edition(Phase.JURY)
    scored(edition, make_juror(), name="Resto Alpha", territory=sherbrooke, value=4)
    close_jury(edition)
    mark = last_id()

    response = staff_client.get(f"/en/staff/deliberation/sherbrooke/?edition={edition.pk}&_export=xlsx")

    assert response.status_code == 200
    [event] = events_since(mark)
    assert summary(event) == (
        "deliberation.exported",
        staff_user.pk,
        "contest.edition",
        str(edition.pk),
        {"format": "xlsx", "territory": sherbrooke.pk},
    )


def test_showing_a_ranking_appends_no_event(staff_client, sherbrooke):
    edition = close_jury(make_edition(Phase.JURY))
    mark = last_id()

    assert staff_client.get(f"/en/staff/deliberation/sherbrooke/?edition={edition.pk}").status_code == 200

    assert events_since(mark) == []


def test_merging_employers_appends_one_event_with_the_counts(staff_user):
    edition = make_edition(Phase.SCREENING)
    source, target = make_employer("Resto Chez Ginette"), make_employer("Ginette et fils")
    make_nomination(edition=edition, employer=source, email="lea@example.org")
    make_nomination(edition=edition, employer=source, email="sam@example.org")
    make_nomination(edition=edition, employer=target, email="lea@example.org")
    mark = last_id()

    merge_employers(source=source, target=target, actor=staff_user)

    [event] = events_since(mark)
    assert summary(event) == (
        "employers.merged",
        staff_user.pk,
        "nominations.employer",
        str(target.pk),
        {
            "source": source.pk,
            "nominations_moved": 1,
            "nominations_dropped": 1,
            "candidacies_joined": 0,
            "assignments_dropped": 0,
            "submitted_evaluations_dropped": 0,
        },
    )
    assert_nothing_personal(event, "Ginette")


# --- sign-ins -----------------------------------------------------------------------------------


def test_signing_in_appends_one_event_of_the_account(client, staff_user):
    mark = last_id()

    response = client.post(LOGIN, {"login": STAFF_EMAIL, "password": "pw"})

    assert response.status_code == 302
    [event] = events_since(mark)
    assert summary(event) == ("account.login", staff_user.pk, "", "", {})


def test_failed_sign_in_of_an_existing_account_names_the_account_only(client, staff_user):
    mark = last_id()

    response = client.post(LOGIN, {"login": "Coordo@Example.ORG", "password": "wrong-password"})

    assert response.status_code == 200
    [event] = events_since(mark)
    assert summary(event) == ("account.login_failed", staff_user.pk, "", "", {})
    assert_nothing_personal(event, "Coordo", "coordo", "wrong-password")


def test_failed_sign_in_of_an_unknown_e_mail_has_no_account(client, staff_user):
    mark = last_id()

    response = client.post(LOGIN, {"login": "nobody@example.org", "password": "wrong-password"})

    assert response.status_code == 200
    [event] = events_since(mark)
    assert summary(event) == ("account.login_failed", None, "", "", {})
    assert_nothing_personal(event, "nobody", "wrong-password")


def test_wrong_second_factor_code_appends_one_failed_sign_in_step_of_the_account(client, staff_user):
    secret = generate_totp_secret()
    TOTP.activate(staff_user, secret)
    wrong = next(code for code in ("000000", "111111", "222222") if not validate_totp_code(secret, code))
    signed_in = client.post(LOGIN, {"login": STAFF_EMAIL, "password": "pw"})
    mark = last_id()

    response = client.post("/en/accounts/2fa/authenticate/", {"code": wrong})

    assert signed_in.headers["Location"] == "/en/accounts/2fa/authenticate/"
    assert response.status_code == 200
    [event] = events_since(mark)
    assert summary(event) == ("account.login_failed", staff_user.pk, "", "", {"step": "second_factor"})
    assert_nothing_personal(event, wrong)


# --- the log cannot change ----------------------------------------------------------------------


@pytest.fixture
def event(staff_user):
    return record_event("assignments.automatic", actor=staff_user, target=make_edition(), created=3)


def test_an_event_cannot_be_saved_again(event):
    event.action = "something.else"

    with pytest.raises(PermissionError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).action == "assignments.automatic"


def test_an_event_cannot_be_deleted(event):
    with pytest.raises(PermissionError):
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_log_cannot_be_updated_nor_deleted_in_bulk(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="something.else")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()

    assert summary(AuditEvent.objects.get(pk=event.pk))[0] == "assignments.automatic"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: the trigger is there only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE contest_auditevent SET action = 'something.else' WHERE id = %s",
        "DELETE FROM contest_auditevent WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(event, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])

    assert AuditEvent.objects.get(pk=event.pk).action == "assignments.automatic"


def test_the_admin_offers_no_add_change_nor_delete(event, rf):
    superuser = User.objects.create_superuser("admin@example.org", "admin@example.org", "pw")
    request = rf.get("/admin/contest/auditevent/")
    request.user = superuser
    model_admin = AuditEventAdmin(AuditEvent, admin.site)

    assert (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request, event),
        model_admin.has_delete_permission(request, event),
        model_admin.has_view_permission(request, event),
    ) == (False, False, False, True)


def test_the_admin_pages_are_read_only(event):
    superuser = User.objects.create_superuser("admin@example.org", "admin@example.org", "pw")
    client = Client()
    client.force_login(superuser, backend=MODEL_BACKEND)
    change = f"/admin/contest/auditevent/{event.pk}/change/"

    listing = client.get("/admin/contest/auditevent/")
    page = client.get(change)
    posted = client.post(change, {"action": "something.else"})
    deleted = client.post(f"/admin/contest/auditevent/{event.pk}/delete/", {"post": "yes"})
    added = client.get("/admin/contest/auditevent/add/")

    assert (listing.status_code, page.status_code, posted.status_code, deleted.status_code) == (
        200,
        200,
        403,
        403,
    )
    assert added.status_code == 403
    assert "/admin/contest/auditevent/add/" not in listing.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert AuditEvent.objects.get(pk=event.pk).action == "assignments.automatic"


# --- the staff's page ---------------------------------------------------------------------------


def rows(response) -> list:
    return [row.record for row in response.context["table"].page.object_list]


def test_audit_page_shows_labels_accounts_objects_and_details(staff_user, staff_client):
    nomination, _token = make_nomination(edition=make_edition(Phase.SCREENING))
    candidacy = Candidacy.objects.create(edition=nomination.edition, employer=nomination.employer)
    record_event("nomination.screened", actor=staff_user, target=nomination, decision="eligible")
    record_event("assignment.added", actor=staff_user, target=candidacy, juror=7, assignment=12)
    record_event("privacy.corrected", target=nomination, fields=["age", "school"])
    record_event("some.future_action")

    response = staff_client.get(AUDIT)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nomination screened" in page
    assert "Juror assigned by hand" in page
    assert "some.future_action" in page
    assert f'<a href="/en/staff/nominations/{nomination.pk}/">Nomination #{nomination.pk}</a>' in page
    assert f'<a href="/en/staff/candidacies/{candidacy.pk}/">Candidacy #{candidacy.pk}</a>' in page
    assert "assignment=12, juror=7" in page
    assert "decision=eligible" in page
    assert "Youth corrected their data" in page
    assert "fields=[age, school]" in page
    assert STAFF_EMAIL in page
    assert 'href="/en/staff/audit/"' in page


def test_audit_page_is_in_french_at_fr(staff_user, staff_client):
    record_event("account.login_failed")

    page = staff_client.get("/fr/staff/audit/").content.decode()

    assert "Journal d’audit" in page or "Journal d'audit" in page
    assert "Échec de connexion" in page


def test_audit_page_filters_by_action_and_account(staff_user, staff_client):
    juror = make_juror("ana@example.org")
    record_event("evaluation.submitted", actor=juror)
    record_event("evaluation.submitted", actor=staff_user)
    record_event("edition.published", actor=staff_user)

    by_action = rows(staff_client.get(AUDIT, {"action": "evaluation.submitted"}))
    by_account = rows(staff_client.get(AUDIT, {"account": juror.pk}))
    by_both = rows(staff_client.get(AUDIT, {"action": "evaluation.submitted", "account": staff_user.pk}))

    assert [(e.action, e.actor_id) for e in by_action] == [
        ("evaluation.submitted", staff_user.pk),
        ("evaluation.submitted", juror.pk),
    ]
    assert [(e.action, e.actor_id) for e in by_account] == [("evaluation.submitted", juror.pk)]
    assert [(e.action, e.actor_id) for e in by_both] == [("evaluation.submitted", staff_user.pk)]


def _record_on(day: dt.datetime, action: str) -> AuditEvent:
    with mock.patch("django.utils.timezone.now", return_value=day):
        return record_event(action)


def test_audit_page_filters_by_a_range_of_days(staff_client):
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    _record_on(noon - dt.timedelta(days=10), "edition.published")
    _record_on(noon - dt.timedelta(days=5), "edition.unpublished")
    _record_on(noon - dt.timedelta(days=1), "award.prize_added")
    five_days_ago = (noon - dt.timedelta(days=5)).date().isoformat()

    since = rows(staff_client.get(AUDIT, {"since": five_days_ago, "action": ""}))
    until = rows(staff_client.get(AUDIT, {"until": five_days_ago, "action": ""}))
    that_day = rows(staff_client.get(AUDIT, {"since": five_days_ago, "until": five_days_ago}))

    assert [e.action for e in since if e.action != "account.login"] == [
        "award.prize_added",
        "edition.unpublished",
    ]
    assert [e.action for e in until] == ["edition.unpublished", "edition.published"]
    assert [e.action for e in that_day] == ["edition.unpublished"]


def test_audit_page_shows_filter_errors_next_to_the_field_and_keeps_what_was_typed(staff_client):
    response = staff_client.get(AUDIT, {"since": "2026-05-10", "until": "2026-05-01", "action": "nope"})

    assert response.status_code == 200
    errors = response.context["filter"].form.errors
    assert errors["until"] == ["This day comes before the first day of the range."]
    assert errors["action"] == ["Select a valid choice. nope is not one of the available choices."]
    page = response.content.decode()
    assert 'id="id_until_error"' in page
    assert 'value="2026-05-10"' in page


def test_audit_page_has_pages_of_fifty(staff_client):
    for _ in range(51):
        record_event("edition.published")

    first = staff_client.get(AUDIT)
    second = staff_client.get(AUDIT, {"page": 2})

    assert len(rows(first)) == 50
    assert first.context["table"].paginator.count == 52  # and the staff member's sign-in
    assert len(rows(second)) == 2


def test_audit_csv_export_has_the_filtered_rows_and_is_itself_logged(staff_user, staff_client):
    edition = make_edition()
    record_event("assignments.automatic", actor=staff_user, target=edition, created=3)
    record_event("edition.published", actor=staff_user, target=edition)
    mark = last_id()

    response = staff_client.get(AUDIT, {"action": "assignments.automatic", "_export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "audit-log-" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert table[0] == ["When", "Action", "Action code", "Account", "Object", "Details"]
    assert [row[1:] for row in table[1:]] == [
        [
            "Jurors assigned automatically",
            "assignments.automatic",
            STAFF_EMAIL,
            f"Edition #{edition.pk}",
            "created=3",
        ]
    ]
    [exported] = events_since(mark)
    assert summary(exported) == (
        "audit.exported",
        staff_user.pk,
        "",
        "",
        {"rows": 1, "filter_action": "assignments.automatic"},
    )


def test_audit_csv_export_records_the_account_filter_as_an_id(staff_user, staff_client):
    record_event("edition.published", actor=staff_user)
    mark = last_id()

    staff_client.get(AUDIT, {"account": staff_user.pk, "since": "2020-01-31", "_export": "csv"})

    [exported] = events_since(mark)
    assert exported.details == {"rows": 2, "filter_account": staff_user.pk, "filter_since": "2020-01-31"}
    assert_nothing_personal(exported)


def test_audit_page_query_count_does_not_grow_with_rows(staff_user, staff_client):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(AUDIT)
        assert response.status_code == 200
        return len(queries)

    edition = make_edition(Phase.SCREENING)
    nomination, _token = make_nomination(edition=edition)
    staff_client.get(AUDIT)
    one = count_queries()
    assert len(rows(staff_client.get(AUDIT))) == 1  # the staff member's sign-in
    record_event("nomination.screened", actor=make_juror(), target=nomination, decision="eligible")
    record_event("edition.published", actor=staff_user, target=edition)
    three = count_queries()

    assert len(rows(staff_client.get(AUDIT))) == 3
    assert three == one


def test_audit_page_and_export_name_a_deleted_account_by_its_number(staff_user, staff_client):
    juror = make_juror("ana@example.org")
    record_event("evaluation.submitted", actor=juror)
    juror_id = juror.pk
    juror.delete()

    page = staff_client.get(AUDIT, {"action": "evaluation.submitted"})
    export = staff_client.get(AUDIT, {"action": "evaluation.submitted", "_export": "csv"})

    assert page.status_code == 200
    assert f"<td >#{juror_id}</td>" in page.content.decode()
    table = list(csv.reader(io.StringIO(export.getvalue().decode())))
    assert [row[1:] for row in table[1:]] == [
        ["Evaluation submitted", "evaluation.submitted", f"#{juror_id}", "", ""]
    ]
