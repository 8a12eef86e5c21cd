import re

import pytest
from django.core import mail

from contest.enums import Phase
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, nomination_post_data

pytestmark = pytest.mark.django_db


def test_valid_nomination_is_recorded_pending_and_sends_confirmation(post_nomination, edition):
    response = post_nomination()

    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/nominations/sent/"
    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.PENDING
    assert nomination.confirmed_at is None
    assert nomination.email == "lea@example.org"
    assert nomination.employer.name == "Resto Chez Ginette inc."
    assert nomination.employer.territory.name == "Sherbrooke"
    assert nomination.language == "fr"
    assert TestimonialAnswer.objects.filter(nomination=nomination).count() == 6
    assert not nomination.consent_publish_first_name
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea@example.org"]
    assert re.search(r"http://testserver/fr/nominations/confirm/[^/\s]+/", message.body)
    assert re.search(r"http://testserver/fr/nominations/mine/[^/\s]+/", message.body)
    assert message.alternatives[0][1] == "text/html"


def test_confirmation_email_is_in_the_pages_language(post_nomination):
    post_nomination(language="en")
    assert "/en/nominations/confirm/" in mail.outbox[0].body
    assert "Confirm your nomination" in mail.outbox[0].subject


def test_consents_are_unticked_by_default_and_recorded_separately(client, edition, post_nomination):
    form_page = client.get("/fr/nominations/new/").content.decode()
    for name in (
        "consent_publish_first_name",
        "consent_publish_testimonial",
        "consent_tell_employer",
        "consent_results_email",
    ):
        checkbox = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', form_page).group(0)
        assert "checked" not in checkbox

    post_nomination(consent_publish_testimonial="on")

    nomination = Nomination.objects.get()
    assert (
        nomination.consent_publish_first_name,
        nomination.consent_publish_testimonial,
        nomination.consent_tell_employer,
    ) == (False, True, False)


def _field_error(body: str, field: str) -> str:
    match = re.search(rf'id="id_{field}_error">(.*?)</p>', body, re.S)
    return match.group(1) if match else ""


def test_too_young_is_refused_next_to_the_field_and_keeps_what_was_typed(post_nomination):
    response = post_nomination(language="en", age="13", testimonial="Un boss en or.")

    assert response.status_code == 400
    body = response.content.decode()
    assert "You must be at least 14 years old" in _field_error(body, "age")
    assert 'aria-invalid="true"' in body
    assert "Un boss en or." in body
    assert 'value="Resto Chez Ginette inc."' in body
    assert Nomination.objects.count() == 0
    assert mail.outbox == []


def test_too_young_is_refused_in_french_on_the_french_page(post_nomination):
    body = post_nomination(age="12").content.decode()
    assert "14 ans" in _field_error(body, "age")


def test_younger_nominator_is_accepted_when_the_edition_admits_them(client, guard_fields):
    edition = make_edition(Phase.NOMINATIONS, admits_younger_with_consent=True)
    data = {**nomination_post_data(edition, age="13", parent_email="parent@example.org"), **guard_fields}

    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 302
    assert Nomination.objects.get().age == 13


def test_a_nominator_who_is_not_a_student_is_refused(post_nomination):
    response = post_nomination(language="en", is_student="")
    assert response.status_code == 400
    assert "work while studying" in _field_error(response.content.decode(), "is_student")
    assert Nomination.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "pas-un-courriel"),
        ("municipality", "999999"),
        ("municipality", "abc"),
        ("hours_per_week", "200"),
        ("age", "-3"),
        ("employer_name", " ... "),
        ("school_level", "kindergarten"),
        ("boss_name", ""),
        ("testimonial", "x" * 3001),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(post_nomination, field, value):
    response = post_nomination(language="en", **{field: value})

    assert response.status_code == 400
    assert _field_error(response.content.decode(), field) != ""
    assert Nomination.objects.count() == 0


def test_form_is_closed_outside_the_nomination_window(client, guard_fields):
    edition = make_edition(Phase.JURY)

    get = client.get("/en/nominations/new/")
    post = client.post("/en/nominations/new/", {**nomination_post_data(edition), **guard_fields})

    assert "Nominations are closed" in get.content.decode()
    assert "Nominations are closed" in post.content.decode()
    assert Nomination.objects.count() == 0


def test_same_email_and_employer_make_one_nomination_and_get_their_link(post_nomination):
    post_nomination()
    first = Nomination.objects.get()

    response = post_nomination(employer_name="  resto chez GINETTE ", testimonial="Autre texte")

    assert response.status_code == 302
    assert Nomination.objects.count() == 1
    first.refresh_from_db()
    assert first.testimonial == "Elle me laisse étudier pendant les examens."
    assert len(mail.outbox) == 2
    assert "already nominated" in mail.outbox[1].subject or "déjà" in mail.outbox[1].subject
    assert "/fr/nominations/mine/" in mail.outbox[1].body


def test_two_youths_nominating_the_same_business_meet_on_one_employer(post_nomination):
    post_nomination(email="un@example.org")
    post_nomination(email="deux@example.org", employer_name="RESTO CHEZ GINETTE")

    assert Nomination.objects.count() == 2
    assert Employer.objects.count() == 1


def test_email_is_stored_normalised_so_case_does_not_duplicate(post_nomination):
    post_nomination(email="Lea@Example.org")
    post_nomination(email="lea@example.ORG")
    assert Nomination.objects.count() == 1
    assert Nomination.objects.get().email == "lea@example.org"


@pytest.mark.parametrize("value", ["9" * 30, "1e5", "0x10", "-1"])
def test_absurd_municipality_ids_get_a_message_not_a_500(post_nomination, value):
    response = post_nomination(language="en", municipality=value)
    assert response.status_code == 400
    assert _field_error(response.content.decode(), "municipality") != ""
