import time

import pytest
from django.core import mail
from django.test import RequestFactory

from nominations.domain import guards
from nominations.models import Nomination
from tests.factories import nomination_post_data

pytestmark = pytest.mark.django_db


def test_honeypot_filled_saves_nothing_and_looks_like_success(client, edition, guard_fields):
    data = {**nomination_post_data(edition), **guard_fields, guards.HONEYPOT_FIELD: "http://spam.example"}

    response = client.post("/en/nominations/new/", data)

    assert response.headers["Location"] == "/en/nominations/sent/"
    assert Nomination.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, edition):
    body = client.get("/en/nominations/new/").content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in body
    assert f'name="{guards.HONEYPOT_FIELD}" id="id_{guards.HONEYPOT_FIELD}" tabindex="-1"' in body


def test_form_sent_too_fast_is_refused_and_keeps_what_was_typed(client, edition):
    data = {
        **nomination_post_data(edition, boss_name="Ginette Vite"),
        guards.TIMING_FIELD: guards.new_timing_token(),
    }

    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 400
    body = response.content.decode()
    assert "That was very fast!" in body
    assert 'value="Ginette Vite"' in body
    assert Nomination.objects.count() == 0


def test_form_sent_again_after_the_delay_goes_through(client, edition, settings):
    token = guards.new_timing_token(now=time.time() - settings.NOMINATION_MIN_FILL_SECONDS - 1)
    response = client.post(
        "/en/nominations/new/", {**nomination_post_data(edition), guards.TIMING_FIELD: token}
    )
    assert response.status_code == 302
    assert Nomination.objects.count() == 1


@pytest.mark.parametrize("token", ["", "forged:value", "eyJ0IjoxfQ:1abc:bad"])
def test_missing_or_altered_timing_token_is_refused(client, edition, token):
    response = client.post(
        "/en/nominations/new/", {**nomination_post_data(edition), guards.TIMING_FIELD: token}
    )
    assert response.status_code == 400
    assert "expired or was altered" in response.content.decode()
    assert Nomination.objects.count() == 0


def test_timing_token_older_than_a_day_is_refused(client, edition, settings):
    token = guards.new_timing_token(now=time.time() - settings.NOMINATION_FORM_MAX_AGE - 10)
    response = client.post(
        "/en/nominations/new/", {**nomination_post_data(edition), guards.TIMING_FIELD: token}
    )
    assert response.status_code == 400
    assert "too long ago" in response.content.decode()


def test_rate_limit_per_address_refuses_with_429_and_keeps_the_form(client, edition, guard_fields, settings):
    settings.NOMINATION_RATE_LIMIT = 3
    for number in range(3):
        data = {**nomination_post_data(edition, email=f"jeune{number}@example.org"), **guard_fields}
        assert client.post("/en/nominations/new/", data).status_code == 302

    data = {**nomination_post_data(edition, email="jeune9@example.org", boss_name="Gardée"), **guard_fields}
    response = client.post("/en/nominations/new/", data)

    assert response.status_code == 429
    assert "Too many nominations" in response.content.decode()
    assert 'value="Gardée"' in response.content.decode()
    assert Nomination.objects.count() == 3
    other_address = client.post("/en/nominations/new/", data, REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_invalid_forms_do_not_use_up_the_rate_limit(client, edition, guard_fields, settings):
    settings.NOMINATION_RATE_LIMIT = 1
    bad = {**nomination_post_data(edition, age=""), **guard_fields}
    for _ in range(3):
        assert client.post("/en/nominations/new/", bad).status_code == 400
    good = {**nomination_post_data(edition), **guard_fields}
    assert client.post("/en/nominations/new/", good).status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "192.0.2.9"),
        (1, "1.1.1.1, 203.0.113.5", "203.0.113.5"),
        (2, "1.1.1.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (1, "", "192.0.2.9"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=forwarded)
    assert guards.client_address(request) == expected


def test_rate_limit_keys_hold_no_address_in_clear():
    assert "192.0.2.9" not in guards._rate_key("192.0.2.9")
