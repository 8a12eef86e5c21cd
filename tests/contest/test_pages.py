import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.enums import Phase
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_visitors_language(client):
    assert client.get("/").headers["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-CA,en;q=0.9").headers["Location"] == "/en/"


def test_home_without_edition_says_the_next_one_is_coming(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "The next edition will be announced soon." in response.content.decode()


def test_home_during_nominations_shows_the_call_to_action_and_dates(client, edition):
    response = client.get("/en/")
    body = response.content.decode()
    assert 'href="/en/nominations/new/"' in body
    assert "Nominations open" in body
    assert f"Edition 6 ({edition.year})" in body


def test_home_after_nominations_has_no_form_link_in_the_hero(client):
    make_edition(Phase.JURY)
    body = client.get("/en/").content.decode()
    assert "Nominations are closed for this edition." in body
    assert "button-large" not in body


def test_rules_page_lists_the_edition_criteria_with_rubric(client, edition):
    body = client.get("/en/rules/").content.decode()
    assert "Schedule adapted to exam periods" in body
    assert "Exemplary, constant and structured practice" in body
    assert "Brome-Missisquoi" in body
    assert "Weight 1.5" in body


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_rules_page_queries_do_not_grow_with_criteria(client, edition):
    edition.criteria.exclude(position__lte=1).delete()
    one = _count_queries(client, "/en/rules/")
    other = make_edition(Phase.NOMINATIONS)
    other.criteria.exclude(position__lte=3).delete()
    three = _count_queries(client, "/en/rules/")
    assert other.criteria.count() == 3
    assert one == three


def test_privacy_page_answers_in_both_languages(client, edition):
    assert client.get("/en/privacy/").status_code == 200
    assert client.get("/fr/privacy/").status_code == 200


def test_language_switcher_links_to_the_same_page(client, edition):
    body = client.get("/fr/rules/").content.decode()
    assert 'href="/en/rules/"' in body
    body = client.get("/en/rules/").content.decode()
    assert 'href="/fr/rules/"' in body


def test_pages_send_a_strict_content_security_policy(client, edition):
    response = client.get("/fr/nominations/new/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
