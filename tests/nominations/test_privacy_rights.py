"""The youth's rights through the private link (see, download, correct, withdraw), the privacy policy, and
the privacy link in every form and every e-mail."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from contest.enums import Phase
from contest.models import AuditEvent
from jury.models import Assignment
from nominations.domain import privacy
from nominations.domain.emails import send_templated_email
from nominations.domain.employers import make_claim_token, send_claim_link_email
from nominations.domain.privacy import make_parent_code
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_employer, make_nomination, municipality
from tests.jury.fixtures_scoring import make_juror

pytestmark = pytest.mark.django_db

SUBMITTED = timezone.make_aware(dt.datetime(2030, 3, 2, 9, 30))
CONFIRMED = timezone.make_aware(dt.datetime(2030, 3, 2, 9, 45))
CONSENTED = timezone.make_aware(dt.datetime(2030, 3, 2, 9, 31))
PARENT_CONSENTED = timezone.make_aware(dt.datetime(2030, 3, 3, 18, 0))
UPDATED = timezone.make_aware(dt.datetime(2030, 3, 4, 10, 0))
SCREENED = timezone.make_aware(dt.datetime(2030, 3, 20, 14, 0))


def _known_nomination(edition):
    employer = Employer.objects.create(
        name="Resto Chez Ginette", municipality=municipality("Sherbrooke"), sector="food_service"
    )
    nomination, token = make_nomination(
        edition=edition,
        employer=employer,
        email="noe@example.org",
        first_name="Noé",
        last_name="Gagnon",
        age=13,
        hours_per_week=10,
        consent_publish_testimonial=True,
        parent_email="parent@example.org",
        consent_text_version="2026-11",
    )
    criterion = edition.criteria.order_by("position").first()
    TestimonialAnswer.objects.create(nomination=nomination, criterion=criterion, text="Congé aux examens.")
    Nomination.objects.filter(pk=nomination.pk).update(
        created_at=SUBMITTED,
        confirmed_at=CONFIRMED,
        consents_recorded_at=CONSENTED,
        parent_consented_at=PARENT_CONSENTED,
        updated_at=UPDATED,
    )
    nomination.refresh_from_db()
    return nomination, token, criterion


def _expected(edition, nomination, criterion) -> dict:
    with translation.override("en"):
        question = str(criterion.question)
    return {
        "edition": edition.year,
        "status": "confirmed",
        "status_label": "Confirmed, to be screened",
        "submitted_at": "2030-03-02T09:30:00-05:00",
        "confirmed_at": "2030-03-02T09:45:00-05:00",
        "updated_at": "2030-03-04T10:00:00-05:00",
        "screened_at": None,
        "screening_reason": "",
        "language": "fr",
        "you": {
            "first_name": "Noé",
            "last_name": "Gagnon",
            "email": "noe@example.org",
            "age": 13,
            "school": "École secondaire du Triolet",
            "school_level": "secondary",
            "hours_per_week": 10,
        },
        "boss": {"name": "Martin Roy", "role": "Gérant"},
        "employer": {
            "name": "Resto Chez Ginette",
            "municipality": "Sherbrooke",
            "territory": "Sherbrooke",
            "sector": "food_service",
        },
        "testimonial": {
            "answers": [{"question": question, "answer": "Congé aux examens."}],
            "free_text": "Mon boss adapte mon horaire pendant les examens.",
            "photo": False,
        },
        "consents": {
            "publish_first_name": False,
            "publish_testimonial": True,
            "tell_employer": False,
            "results_email": False,
            "recorded_at": "2030-03-02T09:31:00-05:00",
            "text_version": "2026-11",
        },
        "parent": {"email": "parent@example.org", "consented_at": "2030-03-03T18:00:00-05:00"},
    }


# See.


def test_the_private_page_lists_everything_held(client, edition):
    _nomination, token, _criterion = _known_nomination(edition)

    body = client.get(f"/en/nominations/mine/{token}/").content.decode()

    for shown in (
        "Noé Gagnon",
        "noe@example.org",
        "<dd>13</dd>",
        "École secondaire du Triolet (High school)",
        "<dd>10</dd>",
        "Martin Roy, Gérant",
        "Resto Chez Ginette",
        "Restaurants and food service",
        "Congé aux examens.",
        "Mon boss adapte mon horaire pendant les examens.",
        "parent@example.org",
        "March 3, 2030, 6 p.m.",
        "Choices recorded on March 2, 2030, 9:31 a.m., with the wording of version 2026-11.",
        "Confirmed, to be screened",
        "<dt>Last changed on</dt><dd>March 4, 2030, 10 a.m.</dd>",
        f'href="/en/nominations/mine/{token}/data.json"',
        f'href="/en/nominations/mine/{token}/data.csv"',
        'href="/en/privacy/"',
    ):
        assert shown in body, shown


# Download.


def test_the_json_download_holds_exactly_the_youths_data(client, edition):
    nomination, token, criterion = _known_nomination(edition)
    make_nomination(
        edition=edition, employer=nomination.employer, first_name="Autre", email="autre@example.org"
    )

    response = client.get(f"/en/nominations/mine/{token}/data.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="mon-boss-{edition.year}-{nomination.pk}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == _expected(edition, nomination, criterion)
    assert b"autre@example.org" not in response.content


def test_the_csv_download_holds_the_same_data_in_two_columns(client, edition):
    nomination, token, criterion = _known_nomination(edition)
    make_nomination(edition=edition, first_name="Autre", email="autre@example.org")
    with translation.override("en"):
        question = str(criterion.question)

    response = client.get(f"/en/nominations/mine/{token}/data.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="mon-boss-{edition.year}-{nomination.pk}.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.decode("utf-8") == "\ufeff" + "\r\n".join(
        [
            "field,value",
            f"edition,{edition.year}",
            "status,confirmed",
            'status_label,"Confirmed, to be screened"',
            "submitted_at,2030-03-02T09:30:00-05:00",
            "confirmed_at,2030-03-02T09:45:00-05:00",
            "updated_at,2030-03-04T10:00:00-05:00",
            "screened_at,",
            "screening_reason,",
            "language,fr",
            "you.first_name,Noé",
            "you.last_name,Gagnon",
            "you.email,noe@example.org",
            "you.age,13",
            "you.school,École secondaire du Triolet",
            "you.school_level,secondary",
            "you.hours_per_week,10",
            "boss.name,Martin Roy",
            "boss.role,Gérant",
            "employer.name,Resto Chez Ginette",
            "employer.municipality,Sherbrooke",
            "employer.territory,Sherbrooke",
            "employer.sector,food_service",
            f"testimonial.answers.1.question,{question}",
            "testimonial.answers.1.answer,Congé aux examens.",
            "testimonial.free_text,Mon boss adapte mon horaire pendant les examens.",
            "testimonial.photo,false",
            "consents.publish_first_name,false",
            "consents.publish_testimonial,true",
            "consents.tell_employer,false",
            "consents.results_email,false",
            "consents.recorded_at,2030-03-02T09:31:00-05:00",
            "consents.text_version,2026-11",
            "parent.email,parent@example.org",
            "parent.consented_at,2030-03-03T18:00:00-05:00",
            "",
        ]
    )


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, edition):
    _nomination, token = make_nomination(edition=edition, school="=HYPERLINK(1)")

    body = client.get(f"/en/nominations/mine/{token}/data.csv").content.decode("utf-8")

    assert "\r\nyou.school,'=HYPERLINK(1)\r\n" in body


@pytest.mark.parametrize("suffix", ["data.json", "data.csv"])
def test_downloads_answer_404_for_an_unknown_or_altered_token(client, edition, suffix):
    _nomination, token = make_nomination(edition=edition)

    assert client.get(f"/en/nominations/mine/{token[:-1]}x/{suffix}").status_code == 404
    assert client.get(f"/en/nominations/mine/not-a-token/{suffix}").status_code == 404
    assert AuditEvent.objects.filter(action="privacy.data_downloaded").count() == 0


def test_a_download_is_recorded_without_personal_data(client, edition):
    nomination, token, _criterion = _known_nomination(edition)

    client.get(f"/en/nominations/mine/{token}/data.csv")

    event = AuditEvent.objects.get(action="privacy.data_downloaded")
    assert (event.actor_id, event.target_type, event.target_id, event.details) == (
        None,
        "nominations.nomination",
        str(nomination.pk),
        {"format": "csv"},
    )


# Correct.


def _correction(nomination, **overrides):
    data = {
        "first_name": nomination.first_name,
        "last_name": nomination.last_name,
        "age": nomination.age,
        "is_student": "on",
        "school": nomination.school,
        "school_level": nomination.school_level,
        "hours_per_week": nomination.hours_per_week,
    }
    data.update(overrides)
    return data


def test_after_nominations_close_the_youth_corrects_their_identity_only(client):
    edition = make_edition(Phase.JURY)
    nomination, token = make_nomination(edition=edition)
    original_email = nomination.email
    criterion = edition.criteria.first()
    TestimonialAnswer.objects.create(nomination=nomination, criterion=criterion, text="Avant.")

    page = client.get(f"/en/nominations/mine/{token}/edit/")
    response = client.post(
        f"/en/nominations/mine/{token}/edit/",
        _correction(
            nomination,
            first_name="Léanne",
            last_name="Tremblay-Roy",
            age="17",
            school="Cégep de Sherbrooke",
            school_level="college",
            hours_per_week="14",
            email="nouvelle@example.org",
            boss_name="Trop tard",
            testimonial="Trop tard.",
            **{f"answer_{criterion.pk}": "Trop tard."},
        ),
    )

    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="first_name"' in body
    assert 'name="boss_name"' not in body
    assert 'name="testimonial"' not in body
    assert f'name="answer_{criterion.pk}"' not in body
    assert 'name="email"' not in body
    assert "a new address would need to be confirmed" in body
    assert 'href="/en/privacy/"' in body
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (
        nomination.first_name,
        nomination.last_name,
        nomination.age,
        nomination.school,
        nomination.school_level,
        nomination.hours_per_week,
    ) == ("Léanne", "Tremblay-Roy", 17, "Cégep de Sherbrooke", "college", 14)
    assert (nomination.email, nomination.boss_name, nomination.testimonial) == (
        original_email,
        "Martin Roy",
        "Mon boss adapte mon horaire pendant les examens.",
    )
    assert list(TestimonialAnswer.objects.values_list("text", flat=True)) == ["Avant."]
    event = AuditEvent.objects.get(action="privacy.corrected")
    assert (event.target_type, event.target_id) == ("nominations.nomination", str(nomination.pk))
    assert event.details == {
        "fields": ["age", "first_name", "hours_per_week", "last_name", "school", "school_level"]
    }


def test_a_correction_with_bad_input_keeps_what_was_typed(client):
    edition = make_edition(Phase.JURY)
    nomination, token = make_nomination(edition=edition)

    response = client.post(
        f"/en/nominations/mine/{token}/edit/", _correction(nomination, first_name="Gardée", age="")
    )

    assert response.status_code == 400
    assert 'value="Gardée"' in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.first_name == "Léa"


def test_a_correction_of_someone_elses_nomination_answers_404(client, edition):
    _nomination, token = make_nomination(edition=edition)

    assert client.get(f"/en/nominations/mine/{token[:-1]}x/edit/").status_code == 404


# Withdraw.


def test_withdrawal_leaves_no_trace_of_the_youth(client, edition, django_capture_on_commit_callbacks):
    nomination, token, _criterion = _known_nomination(edition)
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.ELIGIBLE)
    nomination.photo.save("x.jpg", ContentFile(b"fake"), save=True)
    photo = Path(nomination.photo.path)
    Candidacy.objects.create(edition=edition, employer=nomination.employer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/nominations/mine/{token}/withdraw/")

    assert response.headers["Location"] == "/en/nominations/withdrawn/"
    assert Nomination.objects.count() == 0
    assert TestimonialAnswer.objects.count() == 0
    assert Candidacy.objects.count() == 0  # its last eligible nomination, no jury work yet
    assert Employer.objects.count() == 0
    assert not photo.exists()
    event = AuditEvent.objects.get(action="privacy.withdrawn")
    assert (event.actor_id, event.target_type, event.target_id, event.details) == (
        None,
        "",
        "",
        {"edition": edition.pk},
    )
    everything_logged = json.dumps(list(AuditEvent.objects.values()), default=str)
    for personal in ("Noé", "Gagnon", "noe@example.org", "parent@example.org", "Triolet"):
        assert personal not in everything_logged


def test_withdrawal_keeps_a_candidacy_the_jury_worked_on_without_any_link_to_the_youth(
    client, edition, django_capture_on_commit_callbacks
):
    nomination, token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    candidacy = Candidacy.objects.create(edition=edition, employer=nomination.employer)
    Assignment.objects.create(candidacy=candidacy, juror=make_juror())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/nominations/mine/{token}/withdraw/")

    assert list(Candidacy.objects.values_list("pk", flat=True)) == [candidacy.pk]
    assert Nomination.objects.filter(employer=nomination.employer).count() == 0
    assert Employer.objects.filter(pk=nomination.employer_id).exists()


def test_withdrawal_keeps_the_candidacy_of_the_other_eligible_youths(client, edition):
    mine, token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    other, _ = make_nomination(edition=edition, employer=mine.employer, status=NominationStatus.ELIGIBLE)
    Candidacy.objects.create(edition=edition, employer=mine.employer)

    client.post(f"/en/nominations/mine/{token}/withdraw/")

    assert list(Nomination.objects.values_list("pk", flat=True)) == [other.pk]
    assert Candidacy.objects.count() == 1


# The policy and its links.


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Politique de confidentialité", "Commission d'accès à l'information", "Marie Lavoie"]),
        ("en", ["Privacy policy", "Commission d'accès à l'information", "Marie Lavoie"]),
    ],
)
def test_the_privacy_policy_renders_in_both_languages_with_its_officer(client, settings, language, expected):
    make_edition(Phase.NOMINATIONS, retention_months=18)
    settings.PRIVACY_OFFICER_NAME = "Marie Lavoie"
    settings.PRIVACY_OFFICER_EMAIL = "responsable@example.org"

    response = client.get(f"/{language}/privacy/")

    body = " ".join(response.content.decode().split())
    assert response.status_code == 200
    for text in expected:
        assert text in body
    assert 'href="mailto:responsable@example.org"' in body
    assert 'href="https://www.cai.gouv.qc.ca/"' in body
    assert "18" in body
    if language == "en":
        assert "destroyed 18 months after the winners of your edition are announced" in body
        assert "within 14 days, the nomination is destroyed" in body
        assert "never confirmed by e-mail is destroyed after 4 days" in body
        assert "We answer within 30 days." in body


def test_the_privacy_policy_states_the_version_that_consents_record(client, monkeypatch):
    monkeypatch.setattr(privacy, "CONSENT_TEXT_VERSION", "2031-04")

    body = client.get("/en/privacy/").content.decode()

    assert '<p class="small">Version of this text: 2031-04</p>' in body


def test_the_private_page_shows_when_the_nomination_was_screened(client, edition):
    nomination, token = make_nomination(edition=edition, status=NominationStatus.ELIGIBLE)
    Nomination.objects.filter(pk=nomination.pk).update(screened_at=SCREENED)

    body = client.get(f"/en/nominations/mine/{token}/").content.decode()

    assert "<dt>Screened on</dt><dd>March 20, 2030, 2 p.m.</dd>" in body


def test_the_privacy_policy_names_the_highest_authority_when_no_officer_is_set(client, settings):
    settings.PRIVACY_OFFICER_NAME = ""

    body = client.get("/en/privacy/").content.decode()

    assert "by law, its highest authority" in body
    assert f'href="mailto:{settings.PRIVACY_OFFICER_EMAIL}"' in body


def test_every_form_links_to_the_privacy_policy(client, edition):
    nomination, token = make_nomination(edition=edition)
    waiting, _ = make_nomination(
        edition=edition, status=NominationStatus.AWAITING_PARENT, age=13, parent_email="p@example.org"
    )
    pages = [
        "/en/nominations/new/",
        f"/en/nominations/mine/{token}/edit/",
        f"/en/nominations/mine/{token}/withdraw/",
        f"/en/nominations/parent/{make_parent_code(waiting)}/",
        f"/en/employer/{make_claim_token(nomination.employer)}/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert 'href="/en/privacy/"' in response.content.decode().split("<main", 1)[1].split("</main>")[0], (
            page
        )


EMAIL_TEMPLATES = sorted(
    path.name.removesuffix("_subject.txt")
    for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*_subject.txt")
)


def test_the_email_templates_are_all_checked():
    assert len(EMAIL_TEMPLATES) >= 11
    assert "parent_consent" in EMAIL_TEMPLATES


@pytest.mark.parametrize("template", EMAIL_TEMPLATES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_email_links_to_the_privacy_policy(template, language):
    # The only absolute link of the context gives the site's address, as every sender's links do.
    send_templated_email(
        to="someone@example.org",
        template=template,
        context={"some_url": "https://concours.example.org/fr/whatever/", "valid_days": 7},
        language=language,
    )

    message = mail.outbox[0]
    html = message.alternatives[0][0]
    bilingual = "-----" in message.body  # employer and jury e-mails: French, then English
    expected = (
        ["https://concours.example.org/fr/privacy/", "https://concours.example.org/en/privacy/"]
        if bilingual
        else [f"https://concours.example.org/{language}/privacy/"]
    )
    for url in expected:
        assert url in message.body, (template, url)
        assert f'href="{url}"' in html, (template, url)


def test_a_real_sender_gets_the_privacy_link_in_its_email(edition):
    employer = make_employer()
    employer.contact_email = "patron@example.org"
    employer.save()

    send_claim_link_email(employer=employer, site_url="http://testserver/")

    body = mail.outbox[0].body
    assert "Politique de confidentialité : http://testserver/fr/privacy/" in body
    assert "Privacy policy: http://testserver/en/privacy/" in body
