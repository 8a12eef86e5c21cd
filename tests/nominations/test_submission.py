import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from contest.enums import Phase
from contest.models import Edition
from nominations.domain.nominations import TooYoung, submit_nomination
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, municipality, nomination_post_data

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
    edition = make_edition(Phase.NOMINATIONS, minimum_age=12, admits_younger_with_consent=True)
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


# The edition's eligibility rules.


def _age_input(body: str) -> str:
    return re.search(r'<input[^>]*name="age"[^>]*>', body).group(0)


@pytest.mark.parametrize(
    ("options", "age", "minimum"),
    [
        ({"minimum_age": 12, "admits_younger_with_consent": True}, "11", 12),
        ({"minimum_age": 12, "admits_younger_with_consent": False}, "13", 14),
        ({"minimum_age": 16, "admits_younger_with_consent": False}, "15", 16),
    ],
)
def test_an_age_below_what_the_edition_admits_is_refused_next_to_the_field(
    client, guard_fields, options, age, minimum
):
    edition = make_edition(Phase.NOMINATIONS, **options)
    data = {**nomination_post_data(edition, age=age, parent_email="parent@example.org"), **guard_fields}

    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "age") == (
        f"You must be at least {minimum} years old to nominate your boss in this edition."
    )
    assert Nomination.objects.count() == 0


def test_an_age_below_the_editions_minimum_is_refused_in_french(client, guard_fields):
    edition = make_edition(Phase.NOMINATIONS, minimum_age=12, admits_younger_with_consent=True)
    data = {**nomination_post_data(edition, age="11", parent_email="parent@example.org"), **guard_fields}

    body = client.post("/fr/nominations/new/", data).content.decode()

    assert "12 ans" in _field_error(body, "age")


@pytest.mark.parametrize(
    ("options", "minimum"),
    [
        ({}, 14),
        ({"minimum_age": 12, "admits_younger_with_consent": True}, 12),
        ({"minimum_age": 12, "admits_younger_with_consent": False}, 14),
        ({"minimum_age": 16}, 16),
    ],
)
def test_the_age_field_states_the_youngest_age_the_edition_admits(client, options, minimum):
    make_edition(Phase.NOMINATIONS, **options)

    body = client.get("/en/nominations/new/").content.decode()

    assert f'min="{minimum}"' in _age_input(body)
    assert f"The contest is for youths aged {minimum} and older." in body


def test_submit_nomination_refuses_an_age_below_the_editions_minimum(edition):
    edition.minimum_age = 16
    edition.save()
    nominator = {"first_name": "Léa", "last_name": "Tremblay", "age": 15, "school": "Triolet"}

    with pytest.raises(TooYoung) as refusal:
        submit_nomination(
            edition=edition,
            email="lea@example.org",
            employer_name="Resto Chez Ginette",
            municipality=municipality("Sherbrooke"),
            nominator=nominator,
            answers={},
            site_url="http://testserver/",
        )

    assert refusal.value.minimum_age == 16
    assert Nomination.objects.count() == 0


# Lengths the database holds.


LONG_EMAIL = "lea@" + "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + "." + "d" * 60 + ".example.org"


@pytest.mark.parametrize("field", ["email", "employer_contact_email", "parent_email"])
def test_an_email_longer_than_the_database_holds_is_refused_next_to_the_field(client, guard_fields, field):
    assert len(LONG_EMAIL) == 259
    edition = make_edition(Phase.NOMINATIONS, minimum_age=12, admits_younger_with_consent=True)
    data = {**nomination_post_data(edition, age="13", parent_email="parent@example.org"), **guard_fields}
    data[field] = LONG_EMAIL

    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 400
    assert _field_error(response.content.decode(), field) == (
        "Ensure this value has at most 254 characters (it has 259)."
    )
    assert Nomination.objects.count() == 0


def test_a_name_whose_normalised_form_grows_is_kept_within_its_column(post_nomination):
    response = post_nomination(employer_name="ﬃ" * 150)

    assert response.status_code == 302
    employer = Employer.objects.get()
    assert employer.name == "ﬃ" * 150
    assert employer.normalized_name == ("ffi" * 67)[:200]


# Names that would meet on the wrong employer.


def test_a_name_made_of_a_legal_form_alone_is_refused_next_to_the_field(post_nomination):
    response = post_nomination(language="en", employer_name="Inc.")

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "employer_name") == (
        "Write the name of the business, not only its legal form (such as « Inc. »)."
    )
    assert Nomination.objects.count() == 0


def test_names_in_another_script_do_not_meet_on_one_employer(post_nomination):
    post_nomination(email="un@example.org", employer_name="北京饭店")
    post_nomination(email="deux@example.org", employer_name="上海餐厅")

    assert sorted(Employer.objects.values_list("normalized_name", flat=True)) == ["上海餐厅", "北京饭店"]


def test_a_ligature_and_its_two_letters_meet_on_one_employer(post_nomination):
    post_nomination(email="un@example.org", employer_name="Chez les Sœurs")
    post_nomination(email="deux@example.org", employer_name="CHEZ LES SOEURS")

    assert list(Employer.objects.values_list("name", "normalized_name")) == [
        ("Chez les Sœurs", "chez les soeurs")
    ]


# Nominations closing while the youth writes.


def test_nominations_closing_while_the_youth_writes_keep_what_was_typed(client, edition, guard_fields):
    data = {**nomination_post_data(edition, testimonial="Mon texte à ne pas perdre."), **guard_fields}
    Edition.objects.filter(pk=edition.pk).update(
        nominations_close_at=timezone.now() - dt.timedelta(minutes=1)
    )

    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 409
    body = response.content.decode()
    assert (
        "Nominations are closed: your nomination could not be sent. What you wrote is still below, "
        "so that you can keep a copy."
    ) in body
    assert "Mon texte à ne pas perdre." in body
    assert 'value="Resto Chez Ginette inc."' in body
    assert "Send my nomination" not in body
    assert Nomination.objects.count() == 0
    assert mail.outbox == []


# The e-mail that answers a second nomination.


def test_a_second_nomination_is_answered_in_the_language_of_its_page(post_nomination):
    post_nomination(language="fr")

    post_nomination(language="en")

    assert Nomination.objects.get().language == "fr"
    assert mail.outbox[1].subject == "You already nominated this business — Mon boss c'est le meilleur"
    assert "http://testserver/en/nominations/mine/" in mail.outbox[1].body
