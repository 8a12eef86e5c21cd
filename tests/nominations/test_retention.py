"""Retention: once an edition's announcement plus its retention period has passed, the youths' personal
data goes and the results stay; idempotent, with a dry run that changes nothing."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from contest.enums import Phase
from contest.models import AuditEvent, Edition
from jury.domain.public_queries import public_details
from jury.enums import AwardKind
from jury.models import Assignment, Award, Evaluation
from nominations.domain.privacy import add_months, editions_past_retention
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_nomination
from tests.jury.fixtures_scoring import make_juror

pytestmark = pytest.mark.django_db


def _edition_announced(days_ago: int, *, retention_months: int = 12) -> Edition:
    edition = make_edition(Phase.DELIBERATION, retention_months=retention_months)
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        nominations_open_at=now - dt.timedelta(days=days_ago + 90),
        nominations_close_at=now - dt.timedelta(days=days_ago + 60),
        jury_open_at=now - dt.timedelta(days=days_ago + 40),
        jury_close_at=now - dt.timedelta(days=days_ago + 10),
        announce_at=now - dt.timedelta(days=days_ago),
        published_at=now - dt.timedelta(days=days_ago + 5),
    )
    edition.refresh_from_db()
    return edition


@pytest.fixture
def expired():
    """An edition announced 400 days ago, kept 12 months: past its retention period. Its employer's
    candidacy has a juror's evaluation and the territory's award; one youth consented to publishing
    the testimonial, with a photo and answers; the other did not."""
    edition = _edition_announced(400)
    consented, consented_token = make_nomination(
        edition=edition,
        status=NominationStatus.ELIGIBLE,
        first_name="Maya",
        consent_publish_first_name=True,
        consent_publish_testimonial=True,
        testimonial="Il adapte mon horaire.",
        parent_email="parent@example.org",
        parent_consented_at=timezone.now(),
        screening_reason="",
    )
    consented.photo.save("x.jpg", ContentFile(b"fake"), save=True)
    unconsented, _ = make_nomination(
        edition=edition,
        employer=consented.employer,
        status=NominationStatus.ELIGIBLE,
        testimonial="Ne pas publier.",
    )
    for nomination in (consented, unconsented):
        TestimonialAnswer.objects.bulk_create(
            TestimonialAnswer(nomination=nomination, criterion=criterion, text=f"Réponse {criterion.code}")
            for criterion in edition.criteria.all()
        )
    candidacy = Candidacy.objects.create(edition=edition, employer=consented.employer)
    assignment = Assignment.objects.create(candidacy=candidacy, juror=make_juror())
    Evaluation.objects.create(assignment=assignment)
    Award.objects.create(
        edition=edition,
        kind=AwardKind.TERRITORY_WINNER,
        territory=consented.employer.territory,
        candidacy=candidacy,
    )
    return {
        "edition": edition,
        "consented": consented,
        "consented_token": consented_token,
        "photo": Path(consented.photo.path),
        "unconsented": unconsented,
        "criteria": edition.criteria.count(),
    }


def test_editions_past_their_retention_period_are_found():
    past = _edition_announced(400)
    _edition_announced(300)  # announced, but 12 months are not over
    short = _edition_announced(200, retention_months=6)  # 6 months are over
    make_edition(Phase.NOMINATIONS)

    found = editions_past_retention()

    assert [edition.pk for edition in found] == [past.pk, short.pk]


def test_months_are_added_on_the_calendar():
    moment = timezone.make_aware(dt.datetime(2030, 1, 31, 12, 0))
    assert add_months(moment, 1) == timezone.make_aware(dt.datetime(2030, 2, 28, 12, 0))
    assert add_months(moment, 12) == timezone.make_aware(dt.datetime(2031, 1, 31, 12, 0))
    assert add_months(moment, 25) == timezone.make_aware(dt.datetime(2032, 2, 29, 12, 0))


def test_retention_removes_the_youths_personal_data(client, expired, django_capture_on_commit_callbacks):
    out = StringIO()
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", stdout=out)

    consented = Nomination.objects.get(pk=expired["consented"].pk)
    unconsented = Nomination.objects.get(pk=expired["unconsented"].pk)
    for nomination in (consented, unconsented):
        assert (
            nomination.first_name,
            nomination.last_name,
            nomination.email,
            nomination.age,
            nomination.school,
            nomination.school_level,
            nomination.hours_per_week,
            nomination.parent_email,
            nomination.parent_consented_at,
            nomination.photo.name,
            nomination.screening_reason,
        ) == ("", "", f"anonymised-{nomination.pk}@invalid", None, "", "", None, "", None, "", "")
        assert nomination.anonymised_at >= before
        # What results need stays.
        assert (nomination.status, nomination.boss_name, nomination.boss_role) == (
            NominationStatus.ELIGIBLE,
            "Martin Roy",
            "Gérant",
        )
        assert nomination.employer_id == expired["consented"].employer_id
    assert consented.testimonial == "Il adapte mon horaire."
    assert unconsented.testimonial == ""
    assert TestimonialAnswer.objects.filter(nomination=consented).count() == expired["criteria"]
    assert TestimonialAnswer.objects.filter(nomination=unconsented).count() == 0
    assert not expired["photo"].exists()
    assert client.get(f"/en/nominations/mine/{expired['consented_token']}/").status_code == 404
    assert consented.token_hash != expired["consented"].token_hash
    assert out.getvalue() == (
        f"{expired['edition'].year}: anonymised 2 nominations (1 photo and {expired['criteria']} "
        "unconsented answers deleted).\n"
    )


def test_retention_keeps_the_results(expired):
    call_command("apply_retention", stdout=StringIO())

    edition, employer_id = expired["edition"], expired["consented"].employer_id
    assert Candidacy.objects.filter(edition=edition, employer_id=employer_id).count() == 1
    assert Evaluation.objects.filter(assignment__candidacy__edition=edition).count() == 1
    assert Award.objects.filter(edition=edition).count() == 1
    assert Employer.objects.filter(pk=employer_id).exists()
    quotes = public_details(editions=[edition], employer_ids=[employer_id])[(edition.pk, employer_id)].quotes
    assert [(quote.text, quote.first_name) for quote in quotes] == [("Il adapte mon horaire.", "")]


def test_retention_leaves_editions_still_within_their_period_alone(expired):
    recent = _edition_announced(30)
    kept, _ = make_nomination(edition=recent, first_name="Gardée")

    call_command("apply_retention", stdout=StringIO())

    kept.refresh_from_db()
    assert (kept.first_name, kept.anonymised_at) == ("Gardée", None)


def test_retention_is_idempotent(expired):
    call_command("apply_retention", stdout=StringIO())
    first = {n.pk: (n.anonymised_at, n.token_hash, n.email) for n in Nomination.objects.all()}
    events = AuditEvent.objects.filter(action="privacy.retention_applied").count()
    out = StringIO()

    call_command("apply_retention", stdout=out)

    assert {n.pk: (n.anonymised_at, n.token_hash, n.email) for n in Nomination.objects.all()} == first
    assert out.getvalue() == ""
    assert events == 1
    assert AuditEvent.objects.filter(action="privacy.retention_applied").count() == 1
    event = AuditEvent.objects.get(action="privacy.retention_applied")
    assert event.details == {"edition": expired["edition"].pk, "nominations": 2}


def test_retention_dry_run_says_what_it_would_do_and_changes_nothing(expired):
    out = StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert out.getvalue() == (
        f"{expired['edition'].year}: would anonymise 2 nominations (1 photo and {expired['criteria']} "
        "unconsented answers to delete).\n"
    )
    consented = Nomination.objects.get(pk=expired["consented"].pk)
    assert (consented.first_name, consented.anonymised_at) == ("Maya", None)
    assert expired["photo"].exists()
    assert TestimonialAnswer.objects.count() == 2 * expired["criteria"]
    assert not AuditEvent.objects.filter(action="privacy.retention_applied").exists()


def test_retention_dry_run_with_nothing_to_do_says_so(edition):
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert out.getvalue() == "No personal data past its retention period.\n"
