import re
import time
from pathlib import Path

import pytest
from django.core import mail, signing
from django.core.files.base import ContentFile

from contest.enums import Phase
from nominations.domain import tokens
from nominations.domain.nominations import TooYoung, update_nomination
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from tests.factories import make_edition, make_nomination
from tests.nominations.test_submission import _field_error

pytestmark = pytest.mark.django_db


def _links(message) -> tuple[str, str]:
    confirm = re.search(r"http://testserver(/\w+/nominations/confirm/[^/\s]+/)", message.body).group(1)
    private = re.search(r"http://testserver(/\w+/nominations/mine/[^/\s]+/)", message.body).group(1)
    return confirm, private


def test_confirmation_link_confirms_and_lands_on_the_private_page(client, post_nomination):
    post_nomination(language="en")
    confirm, private = _links(mail.outbox[0])

    response = client.get(confirm, follow=True)

    nomination = Nomination.objects.get()
    assert nomination.status == NominationStatus.CONFIRMED
    assert nomination.confirmed_at is not None
    assert response.redirect_chain[-1][0] == private
    assert "Your nomination is confirmed" in response.content.decode()


def test_confirming_twice_keeps_the_first_confirmation_time(client, post_nomination):
    post_nomination(language="en")
    confirm, _ = _links(mail.outbox[0])
    client.get(confirm)
    first = Nomination.objects.get().confirmed_at

    response = client.get(confirm, follow=True)

    assert Nomination.objects.get().confirmed_at == first
    assert "already confirmed" in response.content.decode()


def test_expired_confirmation_link_offers_a_new_one(client, post_nomination, settings, monkeypatch):
    post_nomination(language="en")
    confirm, private = _links(mail.outbox[0])
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + settings.NOMINATION_CONFIRM_MAX_AGE + 60)

    expired = client.get(confirm)

    assert expired.status_code == 410
    assert "This link has expired" in expired.content.decode()
    assert Nomination.objects.get().confirmed_at is None
    code = confirm.rstrip("/").rsplit("/", 1)[1]
    resent = client.post(f"/en/nominations/confirm/{code}/resend/")
    assert resent.status_code == 302
    assert len(mail.outbox) == 2
    monkeypatch.setattr(time, "time", real_time)
    new_confirm, new_private = _links(mail.outbox[1])
    assert client.get(new_confirm).status_code == 302
    assert Nomination.objects.get().confirmed_at is not None
    # The new e-mail's private link replaces the old one.
    assert client.get(private).status_code == 404
    assert client.get(new_private).status_code == 200


def test_tampered_confirmation_link_is_refused(client, post_nomination):
    post_nomination(language="en")
    confirm, _ = _links(mail.outbox[0])

    response = client.get(confirm[:-3] + "xx/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert Nomination.objects.get().confirmed_at is None


def test_a_forged_code_for_another_nomination_is_refused(client, edition):
    victim, _ = make_nomination(edition=edition, status=NominationStatus.PENDING)
    forged = signing.dumps({"n": victim.pk, "t": "guess"}, salt="wrong-salt")
    signed_but_wrong_token = tokens.make_confirmation_code(nomination_id=victim.pk, token="guess")

    assert client.get(f"/en/nominations/confirm/{forged}/").status_code == 404
    assert client.get(f"/en/nominations/confirm/{signed_but_wrong_token}/").status_code == 404
    victim.refresh_from_db()
    assert victim.confirmed_at is None


def test_private_page_shows_the_nomination_and_no_other(client, edition):
    mine, token = make_nomination(edition=edition, boss_name="Ginette Roy")
    make_nomination(edition=edition, boss_name="Autre Boss")

    body = client.get(f"/en/nominations/mine/{token}/").content.decode()

    assert "Ginette Roy" in body
    assert "Autre Boss" not in body
    assert mine.email in body
    assert client.get("/en/nominations/mine/not-a-real-token/").status_code == 404
    assert client.get(f"/en/nominations/mine/{token[:-1]}/").status_code == 404
    assert client.get(f"/en/nominations/mine/{'x' * 500}/").status_code == 404


def test_private_page_is_not_cached_or_indexed(client, edition):
    _, token = make_nomination(edition=edition)
    response = client.get(f"/en/nominations/mine/{token}/")
    assert "no-store" in response.headers["Cache-Control"] or "max-age=0" in response.headers["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


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
    for criterion in nomination.edition.criteria.all():
        data[f"answer_{criterion.pk}"] = "Nouvelle réponse"
    data.update(overrides)
    return data


def test_edit_while_nominations_are_open_saves_the_changes(client, edition):
    nomination, token = make_nomination(edition=edition)

    response = client.post(
        f"/en/nominations/mine/{token}/edit/",
        _edit_data(nomination, boss_name="Nouveau Nom", consent_publish_first_name="on"),
    )

    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.boss_name == "Nouveau Nom"
    assert nomination.consent_publish_first_name is True
    assert TestimonialAnswer.objects.filter(nomination=nomination, text="Nouvelle réponse").count() == 6


def test_edit_with_bad_input_keeps_what_was_typed(client, edition):
    nomination, token = make_nomination(edition=edition)

    response = client.post(
        f"/en/nominations/mine/{token}/edit/", _edit_data(nomination, age="", boss_name="Gardé")
    )

    assert response.status_code == 400
    assert 'value="Gardé"' in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.boss_name == "Martin Roy"


def test_edit_is_refused_once_nominations_are_closed(client):
    edition = make_edition(Phase.SCREENING)
    nomination, token = make_nomination(edition=edition)

    get = client.get(f"/en/nominations/mine/{token}/edit/", follow=True)
    post = client.post(f"/en/nominations/mine/{token}/edit/", _edit_data(nomination, boss_name="Trop tard"))

    assert "can no longer be changed" in get.content.decode()
    assert post.status_code == 302
    nomination.refresh_from_db()
    assert nomination.boss_name == "Martin Roy"


def test_withdraw_destroys_the_nomination_its_answers_and_its_photo(
    client, edition, django_capture_on_commit_callbacks
):
    nomination, token = make_nomination(edition=edition)
    nomination.photo.save("x.jpg", ContentFile(b"fake"), save=True)
    photo_path = Path(nomination.photo.path)
    TestimonialAnswer.objects.create(nomination=nomination, criterion=edition.criteria.first(), text="a")

    page = client.get(f"/en/nominations/mine/{token}/withdraw/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/nominations/mine/{token}/withdraw/")

    assert "cannot be undone" in page.content.decode()
    assert response.headers["Location"] == "/en/nominations/withdrawn/"
    assert Nomination.objects.count() == 0
    assert TestimonialAnswer.objects.count() == 0
    assert Employer.objects.count() == 0  # nothing else referred to it
    assert not photo_path.exists()
    assert client.get(f"/en/nominations/mine/{token}/").status_code == 404


def test_withdraw_keeps_an_employer_that_others_nominated(client, edition):
    mine, token = make_nomination(edition=edition)
    make_nomination(edition=edition, employer=mine.employer)

    client.post(f"/en/nominations/mine/{token}/withdraw/")

    assert Nomination.objects.count() == 1
    assert Employer.objects.count() == 1


def test_someone_elses_token_cannot_withdraw(client, edition):
    make_nomination(edition=edition)
    response = client.post("/en/nominations/mine/someone-elses-token/withdraw/")
    assert response.status_code == 404
    assert Nomination.objects.count() == 1


def test_an_empty_edit_gets_the_form_with_its_field_errors(client, edition):
    nomination, token = make_nomination(edition=edition)

    response = client.post(f"/en/nominations/mine/{token}/edit/", {})

    assert response.status_code == 400
    body = response.content.decode()
    assert _field_error(body, "first_name") == "This field is required."
    assert _field_error(body, "age") == "This field is required."
    nomination.refresh_from_db()
    assert nomination.first_name == "Léa"


def test_an_age_correction_below_the_editions_minimum_is_refused(client):
    edition = make_edition(Phase.NOMINATIONS, minimum_age=12, admits_younger_with_consent=True)
    nomination, token = make_nomination(edition=edition, age=13, parent_email="parent@example.org")

    response = client.post(f"/en/nominations/mine/{token}/edit/", _edit_data(nomination, age="11"))

    assert response.status_code == 400
    assert _field_error(response.content.decode(), "age") == (
        "You must be at least 12 years old to nominate your boss in this edition."
    )
    nomination.refresh_from_db()
    assert nomination.age == 13


def test_update_nomination_refuses_an_age_below_the_editions_minimum(edition):
    edition.minimum_age = 16
    edition.save()
    nomination, _token = make_nomination(edition=edition, age=17)

    with pytest.raises(TooYoung) as refusal:
        update_nomination(nomination=nomination, nominator={"age": 15})

    assert refusal.value.minimum_age == 16
    nomination.refresh_from_db()
    assert nomination.age == 17


# How long a confirmation link works: the setting, in words.


@pytest.mark.parametrize(
    ("seconds", "english", "french"),
    [
        (259200, "3 days", "3 jours"),
        (86400, "1 day", "1 jour"),
        (7200, "2 hours", "2 heures"),
        (5400, "1 hour", "1 heure"),
        (1800, "30 minutes", "30 minutes"),
    ],
)
def test_the_confirmation_e_mail_and_pages_state_the_links_lifetime_from_the_setting(
    client, post_nomination, settings, monkeypatch, seconds, english, french
):
    settings.NOMINATION_CONFIRM_MAX_AGE = seconds
    post_nomination(language="en")
    post_nomination(language="fr", email="zoe@example.org")
    confirm, _private = _links(mail.outbox[0])
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + seconds + 60)

    expired = client.get(confirm).content.decode()
    sent = client.get("/en/nominations/sent/").content.decode()
    sent_fr = client.get("/fr/nominations/sent/").content.decode()

    assert f"confirm it within {english} by opening this link" in mail.outbox[0].body
    assert f"confirm it within {english} by opening this link" in mail.outbox[0].alternatives[0][0]
    assert f"confirme-la d'ici {french} en ouvrant ce lien" in " ".join(mail.outbox[1].body.split())
    assert f"Confirmation links work for {english}." in expired
    assert f"The link works for {english}." in sent
    assert f"Le lien est valide pendant {french}." in sent_fr
