"""Consents: unticked by default, publication off unless consented, recorded with their time and the
version of the wording the youth saw, on submission and on every change."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from contest.enums import Phase
from jury.domain.public_queries import public_details
from nominations.domain.privacy import CONSENT_FIELDS, CONSENT_TEXT_VERSION
from nominations.enums import NominationStatus
from nominations.models import Nomination
from tests.factories import make_edition, make_nomination

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.make_aware(dt.datetime(2025, 1, 15, 12, 0))


def _edit_data(nomination, **overrides):
    data = {
        "first_name": nomination.first_name,
        "last_name": nomination.last_name,
        "age": nomination.age,
        "is_student": "on",
        "school": nomination.school,
        "school_level": nomination.school_level,
        "hours_per_week": nomination.hours_per_week,
        "boss_name": nomination.boss_name,
        "boss_role": nomination.boss_role,
        "testimonial": nomination.testimonial,
    }
    for field in CONSENT_FIELDS:
        if getattr(nomination, field):
            data[field] = "on"
    data.update(overrides)
    return data


def test_the_consent_text_version_is_a_dated_code():
    assert CONSENT_TEXT_VERSION == "2026-11"


def test_submission_records_the_consents_time_and_text_version(post_nomination):
    before = timezone.now()
    post_nomination(consent_publish_testimonial="on")
    after = timezone.now()

    nomination = Nomination.objects.get()
    assert before <= nomination.consents_recorded_at <= after
    assert nomination.consent_text_version == "2026-11"
    assert nomination.consent_publish_testimonial is True


def test_consents_are_all_off_when_nothing_is_ticked(post_nomination):
    post_nomination()

    nomination = Nomination.objects.get()
    assert [getattr(nomination, field) for field in CONSENT_FIELDS] == [False, False, False, False]
    assert nomination.consents_recorded_at is not None


def test_consent_fields_default_to_false_in_the_model():
    nomination = Nomination()
    assert [getattr(nomination, field) for field in CONSENT_FIELDS] == [False, False, False, False]


def test_consent_boxes_are_unticked_on_the_form(client, edition):
    page = client.get("/en/nominations/new/").content.decode()
    for field in CONSENT_FIELDS:
        checkbox = re.search(rf'<input type="checkbox" name="{field}"[^>]*>', page).group(0)
        assert "checked" not in checkbox


def test_publication_stays_off_unless_consented(edition):
    unconsented, _ = make_nomination(
        edition=edition, status=NominationStatus.ELIGIBLE, first_name="Zoé", testimonial="Sans accord."
    )
    employer = unconsented.employer
    make_nomination(
        edition=edition,
        employer=employer,
        status=NominationStatus.ELIGIBLE,
        first_name="Maya",
        testimonial="Avec accord.",
        consent_publish_testimonial=True,
    )

    details = public_details(editions=[edition], employer_ids=[employer.pk])[(edition.pk, employer.pk)]

    assert [(quote.text, quote.first_name) for quote in details.quotes] == [("Avec accord.", "")]


def test_changing_a_consent_in_the_edit_form_records_a_new_time_and_version(client, edition):
    nomination, token = make_nomination(edition=edition)
    Nomination.objects.filter(pk=nomination.pk).update(
        consents_recorded_at=LONG_AGO, consent_text_version="2025-01"
    )
    nomination.refresh_from_db()
    before = timezone.now()

    response = client.post(
        f"/en/nominations/mine/{token}/edit/", _edit_data(nomination, consent_publish_first_name="on")
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.consent_publish_first_name is True
    assert nomination.consents_recorded_at >= before
    assert nomination.consent_text_version == "2026-11"


def test_an_edit_that_changes_no_consent_keeps_the_consent_record(client, edition):
    nomination, token = make_nomination(edition=edition, consent_publish_testimonial=True)
    Nomination.objects.filter(pk=nomination.pk).update(
        consents_recorded_at=LONG_AGO, consent_text_version="2025-01"
    )
    nomination.refresh_from_db()

    response = client.post(f"/en/nominations/mine/{token}/edit/", _edit_data(nomination, boss_name="Autre"))

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.boss_name == "Autre"
    assert nomination.consent_publish_testimonial is True
    assert (nomination.consents_recorded_at, nomination.consent_text_version) == (LONG_AGO, "2025-01")


def test_a_consent_can_be_withdrawn_after_nominations_close_and_is_recorded(client):
    edition = make_edition(Phase.SCREENING)
    nomination, token = make_nomination(edition=edition, consent_publish_testimonial=True)
    Nomination.objects.filter(pk=nomination.pk).update(
        consents_recorded_at=LONG_AGO, consent_text_version="2025-01"
    )
    nomination.refresh_from_db()
    data = _edit_data(nomination)
    del data["consent_publish_testimonial"]

    response = client.post(f"/en/nominations/mine/{token}/edit/", data)

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.consent_publish_testimonial is False
    assert nomination.consent_text_version == "2026-11"
    assert nomination.consents_recorded_at > LONG_AGO


def test_the_private_page_shows_when_and_in_which_wording_the_consents_were_given(client, edition):
    nomination, token = make_nomination(edition=edition)
    Nomination.objects.filter(pk=nomination.pk).update(
        consents_recorded_at=LONG_AGO, consent_text_version="2026-11"
    )

    body = client.get(f"/en/nominations/mine/{token}/").content.decode()

    assert "Choices recorded on Jan. 15, 2025, noon, with the wording of version 2026-11." in body


def test_the_privacy_policy_shows_the_same_version_as_the_consents(client, edition):
    body = " ".join(client.get("/en/privacy/").content.decode().split())
    assert f"Version of this text: {CONSENT_TEXT_VERSION}</p>" in body
