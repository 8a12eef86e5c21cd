"""Under 14, where the edition admits them: a parent's or tutor's e-mail, AWAITING_PARENT after the youth's
confirmation (invisible to screening, jurors and suggestions), the parent's signed link (consent →
CONFIRMED, refusal → destroyed), and the purge of what never got its consent."""

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contest.domain.roles import STAFF_GROUP
from contest.enums import Phase
from contest.models import AuditEvent
from jury.models import Assignment
from nominations.domain import privacy
from nominations.domain.nominations import resend_confirmation
from nominations.domain.queries import employer_suggestions
from nominations.domain.screening import ScreeningError, screen_nomination
from nominations.domain.tokens import make_confirmation_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_employer, make_nomination, nomination_post_data
from tests.jury.fixtures_scoring import make_juror

pytestmark = pytest.mark.django_db

PARENT = "parent@example.org"


@pytest.fixture
def young_edition(db):
    return make_edition(Phase.NOMINATIONS, minimum_age=12, admits_younger_with_consent=True)


@pytest.fixture
def post_young(client, young_edition, guard_fields, django_capture_on_commit_callbacks):
    def post(language="en", **overrides):
        data = {**nomination_post_data(young_edition, age="13", parent_email=PARENT), **guard_fields}
        data.update(overrides)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/{language}/nominations/new/", data)

    return post


def _link(message, pattern: str) -> str:
    return re.search(rf"http://testserver(/\w+/nominations/{pattern}/[^/\s]+/)", message.body).group(1)


def _confirm(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.get(_link(mail.outbox[0], "confirm"), follow=True)


def _field_error(body: str, field: str) -> str:
    match = re.search(rf'id="id_{field}_error">(.*?)</p>', body, re.S)
    return match.group(1) if match else ""


def _awaiting(edition, **fields):
    """A nomination of a 13-year-old whose e-mail is confirmed, waiting for the parent."""
    nomination, token = make_nomination(
        edition=edition, status=NominationStatus.AWAITING_PARENT, age=13, parent_email=PARENT, **fields
    )
    return nomination, token


def _staff_client() -> Client:
    user = User.objects.create_user("coordo@example.org", "coordo@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# The form.


def test_under_14_is_refused_when_the_edition_does_not_admit_them(post_nomination):
    response = post_nomination(language="en", age="13", parent_email=PARENT)

    assert response.status_code == 400
    assert "You must be at least 14 years old" in _field_error(response.content.decode(), "age")
    assert Nomination.objects.count() == 0


def test_the_parent_field_shows_where_the_edition_admits_younger_youths(client, young_edition):
    body = client.get("/en/nominations/new/").content.decode()

    assert 'name="parent_email"' in body
    assert "Only if you are under 14" in body


def test_the_parent_field_is_absent_where_the_edition_does_not_admit_them(client, edition):
    assert 'name="parent_email"' not in client.get("/en/nominations/new/").content.decode()


def test_under_14_without_a_parents_email_is_refused_next_to_the_field(post_young):
    response = post_young(parent_email="", testimonial="Gardé tel quel.")

    assert response.status_code == 400
    body = response.content.decode()
    assert (
        _field_error(body, "parent_email")
        == "You are under 14: give the e-mail address of a parent or tutor."
    )
    assert "Gardé tel quel." in body
    assert Nomination.objects.count() == 0


def test_the_parents_email_must_not_be_the_youths(post_young):
    response = post_young(parent_email="LEA@example.org")

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "parent_email") == (
        "Give your parent&#x27;s or tutor&#x27;s own address, not yours."
    )


def test_a_youth_of_14_or_more_needs_no_parent_and_their_address_is_not_kept(post_young):
    response = post_young(age="15")

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.parent_email == ""
    assert nomination.status == NominationStatus.PENDING


# The flow.


def test_after_the_youths_confirmation_the_nomination_waits_for_the_parent(
    client, post_young, django_capture_on_commit_callbacks
):
    post_young()
    nomination = Nomination.objects.get()
    assert (nomination.status, nomination.parent_email) == (NominationStatus.PENDING, PARENT)
    assert len(mail.outbox) == 1  # the parent is not written to before the youth confirms

    page = _confirm(client, django_capture_on_commit_callbacks)

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWAITING_PARENT
    assert nomination.confirmed_at is not None
    assert nomination.parent_consented_at is None
    assert "We asked your parent or tutor for their consent." in page.content.decode()
    assert "Waiting for your parent's consent" in page.content.decode()
    assert len(mail.outbox) == 2
    to_parent = mail.outbox[1]
    assert to_parent.to == [PARENT]
    assert to_parent.subject == "Léa asks for your consent — Mon boss c'est le meilleur"
    assert re.search(r"http://testserver/en/nominations/parent/[^/\s]+/", to_parent.body)
    assert "http://testserver/en/privacy/" in to_parent.body
    assert "http://testserver/en/privacy/" in to_parent.alternatives[0][0]


def test_confirming_twice_sends_the_parent_one_email(client, post_young, django_capture_on_commit_callbacks):
    post_young()
    _confirm(client, django_capture_on_commit_callbacks)
    _confirm(client, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["lea@example.org"], [PARENT]]


def test_the_parents_page_shows_everything_the_child_sent(client, young_edition):
    nomination, _ = _awaiting(
        young_edition, first_name="Noé", school="École du Boisé", testimonial="Mon boss!"
    )
    TestimonialAnswer.objects.create(
        nomination=nomination, criterion=young_edition.criteria.first(), text="Congé aux examens."
    )

    response = client.get(f"/en/nominations/parent/{privacy.make_parent_code(nomination)}/")

    body = response.content.decode()
    assert response.status_code == 200
    for shown in ("Noé", "Tremblay", nomination.email, "École du Boisé", "Mon boss!", "Congé aux examens."):
        assert shown in body
    assert 'value="consent"' in body
    assert 'value="refuse"' in body
    assert 'href="/en/privacy/"' in body
    assert "no-store" in response.headers["Cache-Control"]


def test_the_parents_consent_confirms_the_nomination(client, young_edition):
    nomination, _ = _awaiting(young_edition)
    before = timezone.now()

    response = client.post(
        f"/en/nominations/parent/{privacy.make_parent_code(nomination)}/", {"decision": "consent"}
    )

    assert response.status_code == 200
    assert "Your consent is recorded." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CONFIRMED
    assert nomination.parent_consented_at >= before
    event = AuditEvent.objects.get(action="privacy.parent_consented")
    assert (event.target_type, event.target_id, event.details) == (
        "nominations.nomination",
        str(nomination.pk),
        {},
    )


def test_the_parents_refusal_destroys_the_nomination(
    client, young_edition, django_capture_on_commit_callbacks
):
    nomination, token = _awaiting(young_edition)
    nomination.photo.save("x.jpg", ContentFile(b"fake"), save=True)
    photo = Path(nomination.photo.path)
    TestimonialAnswer.objects.create(
        nomination=nomination, criterion=young_edition.criteria.first(), text="a"
    )
    code = privacy.make_parent_code(nomination)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/nominations/parent/{code}/", {"decision": "refuse"})

    assert response.status_code == 200
    assert "The nomination and all its data have been destroyed." in response.content.decode()
    assert Nomination.objects.count() == 0
    assert TestimonialAnswer.objects.count() == 0
    assert Employer.objects.count() == 0
    assert not photo.exists()
    assert client.get(f"/en/nominations/mine/{token}/").status_code == 404
    assert client.get(f"/en/nominations/parent/{code}/").status_code == 404
    event = AuditEvent.objects.get(action="privacy.parent_refused")
    assert (event.target_type, event.target_id, event.details) == ("", "", {"edition": young_edition.pk})


def test_a_parent_may_withdraw_a_consent_given_earlier(client, young_edition):
    nomination, _ = _awaiting(young_edition)
    code = privacy.make_parent_code(nomination)
    client.post(f"/en/nominations/parent/{code}/", {"decision": "consent"})

    page = client.get(f"/en/nominations/parent/{code}/").content.decode()
    client.post(f"/en/nominations/parent/{code}/", {"decision": "refuse"})

    assert "You may withdraw your consent" in page
    assert 'value="consent"' not in page
    assert Nomination.objects.count() == 0


# Invisible until the parent consents.


def test_a_nomination_waiting_for_its_parent_cannot_be_screened(young_edition):
    nomination, _ = _awaiting(young_edition)

    with pytest.raises(ScreeningError, match="waits for a parent"):
        screen_nomination(nomination=nomination, decision=NominationStatus.ELIGIBLE, site_url="http://x/")

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWAITING_PARENT
    assert Candidacy.objects.count() == 0


def test_the_screening_queue_does_not_show_it_by_default(young_edition):
    _awaiting(young_edition, boss_name="Boss En Attente")
    make_nomination(edition=young_edition, boss_name="Boss Confirmé")

    body = _staff_client().get("/en/staff/screening/").content.decode()

    assert "Boss Confirmé" in body
    assert "Boss En Attente" not in body


def test_suggestions_ignore_it(young_edition):
    waiting, _ = _awaiting(young_edition, employer=make_employer("Ferme Pomme d'Api"))

    assert employer_suggestions("Pomme") == []
    Nomination.objects.filter(pk=waiting.pk).update(status=NominationStatus.CONFIRMED)
    assert [item["name"] for item in employer_suggestions("Pomme")] == ["Ferme Pomme d'Api"]


def test_jurors_do_not_see_it(client, young_edition):
    employer = make_employer()
    make_nomination(
        edition=young_edition, employer=employer, status=NominationStatus.ELIGIBLE, testimonial="Visible."
    )
    _awaiting(young_edition, employer=employer, testimonial="Pas encore consenti.")
    candidacy = Candidacy.objects.create(edition=young_edition, employer=employer)
    juror = make_juror()
    Assignment.objects.create(candidacy=candidacy, juror=juror)
    client.force_login(juror, backend="django.contrib.auth.backends.ModelBackend")

    body = client.get(f"/en/jury/candidacies/{candidacy.pk}/").content.decode()

    assert "Visible." in body
    assert "Pas encore consenti." not in body


# Links that do not open anything.


def test_an_altered_or_foreign_parent_link_answers_404(client, young_edition):
    nomination, token = _awaiting(young_edition)
    code = privacy.make_parent_code(nomination)
    other, _ = make_nomination(edition=young_edition)  # no parent: nothing to consent to
    readdressed, _ = _awaiting(young_edition)
    readdressed_code = privacy.make_parent_code(readdressed)
    Nomination.objects.filter(pk=readdressed.pk).update(parent_email="autre@example.org")
    youth_code = make_confirmation_code(nomination_id=nomination.pk, token=token)
    forged = signing.dumps({"n": other.pk, "p": "0" * 16}, salt="another-salt")

    for bad in (code[:-2] + "xx", youth_code, forged, privacy.make_parent_code(other), readdressed_code):
        response = client.get(f"/en/nominations/parent/{bad}/")
        assert response.status_code == 404, bad
        assert client.post(f"/en/nominations/parent/{bad}/", {"decision": "refuse"}).status_code == 404
    assert Nomination.objects.count() == 3
    assert client.get(f"/en/nominations/parent/{code}/").status_code == 200


def test_an_expired_parent_link_says_so(client, young_edition, settings, monkeypatch):
    nomination, _ = _awaiting(young_edition)
    code = privacy.make_parent_code(nomination)
    later = dt.datetime.now().timestamp() + settings.PARENTAL_CONSENT_DAYS * 86400 + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = client.post(f"/en/nominations/parent/{code}/", {"decision": "consent"})

    assert response.status_code == 410
    assert "A parent's or tutor's link works for 14 days." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWAITING_PARENT


# The purge.


def _age(nomination, **fields):
    Nomination.objects.filter(pk=nomination.pk).update(**fields)


def test_the_purge_destroys_what_never_got_its_consent(young_edition, settings):
    now = timezone.now()
    expired_parent, _ = _awaiting(young_edition)
    _age(expired_parent, confirmed_at=now - dt.timedelta(days=settings.PARENTAL_CONSENT_DAYS, minutes=1))
    recent_parent, _ = _awaiting(young_edition)
    _age(recent_parent, confirmed_at=now - dt.timedelta(days=settings.PARENTAL_CONSENT_DAYS - 1))
    expired_pending, _ = make_nomination(edition=young_edition, status=NominationStatus.PENDING)
    _age(expired_pending, updated_at=now - dt.timedelta(days=4, minutes=1))  # 3 days + 1 day of margin
    recent_pending, _ = make_nomination(edition=young_edition, status=NominationStatus.PENDING)
    _age(recent_pending, updated_at=now - dt.timedelta(days=3, hours=23))
    old_confirmed, _ = make_nomination(edition=young_edition)
    _age(old_confirmed, updated_at=now - dt.timedelta(days=300), confirmed_at=now - dt.timedelta(days=300))
    out = StringIO()

    call_command("purge_unconsented", stdout=out)

    assert set(Nomination.objects.values_list("pk", flat=True)) == {
        recent_parent.pk,
        recent_pending.pk,
        old_confirmed.pk,
    }
    assert out.getvalue() == "destroyed 1 unconfirmed nomination and 1 without a parent's consent.\n"
    event = AuditEvent.objects.get(action="privacy.purged")
    assert event.details == {"awaiting_parent": 1, "unconfirmed": 1}


def test_the_purge_in_dry_run_changes_nothing(young_edition, settings):
    expired, _ = _awaiting(young_edition)
    _age(expired, confirmed_at=timezone.now() - dt.timedelta(days=settings.PARENTAL_CONSENT_DAYS + 1))
    out = StringIO()

    call_command("purge_unconsented", "--dry-run", stdout=out)

    assert Nomination.objects.filter(pk=expired.pk).exists()
    assert out.getvalue() == "would destroy 0 unconfirmed nominations and 1 without a parent's consent.\n"
    assert not AuditEvent.objects.filter(action="privacy.purged").exists()


def test_the_purge_with_nothing_to_do_prints_nothing_and_can_run_again(young_edition):
    make_nomination(edition=young_edition, status=NominationStatus.PENDING)
    out = StringIO()

    call_command("purge_unconsented", stdout=out)
    call_command("purge_unconsented", stdout=out)

    assert out.getvalue() == ""
    assert Nomination.objects.count() == 1


def test_a_new_confirmation_link_restarts_the_purge_clock(young_edition):
    pending, _ = make_nomination(edition=young_edition, status=NominationStatus.PENDING)
    _age(pending, updated_at=timezone.now() - dt.timedelta(days=10))

    resend_confirmation(nomination=pending, site_url="http://testserver/")
    privacy.purge_unconsented()

    assert Nomination.objects.filter(pk=pending.pk).exists()


# Correcting the age later.


def test_an_age_correction_below_14_without_a_parent_is_refused(client, young_edition):
    nomination, token = make_nomination(edition=young_edition)
    data = {
        "first_name": nomination.first_name,
        "last_name": nomination.last_name,
        "age": "12",
        "is_student": "on",
        "school": nomination.school,
        "school_level": nomination.school_level,
        "hours_per_week": nomination.hours_per_week,
        "boss_name": nomination.boss_name,
        "testimonial": nomination.testimonial,
    }

    response = client.post(f"/en/nominations/mine/{token}/edit/", data)

    assert response.status_code == 400
    assert "Under 14, a parent or tutor must agree" in _field_error(response.content.decode(), "age")
    nomination.refresh_from_db()
    assert nomination.age == 16
