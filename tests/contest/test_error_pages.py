"""Error pages have the site's layout and speak the page's language, French by default (Django's own
are bare English pages); those Django renders without a request (400, 500, CSRF) work without one."""

import html

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import bad_request, server_error

from contest.domain.roles import JUROR_GROUP
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

SITE_CSS = 'rel="stylesheet" href="/static/css/site.'


def test_not_found_is_the_site_page_in_french(client):
    response = client.get("/fr/employers/999999/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr-CA">' in page
    assert "<h1>Page introuvable</h1>" in page
    assert SITE_CSS in page
    assert '<a href="/en/employers/999999/" lang="en" hreflang="en">English</a>' in page


def test_not_found_is_in_english_under_en(client):
    response = client.get("/en/nominations/mine/not-a-token/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en-CA">' in page
    assert "<h1>Page not found</h1>" in page


def test_a_missing_role_is_the_site_page(client):
    juror = User.objects.create_user("jure@example.org", "jure@example.org", "pw")
    juror.groups.add(Group.objects.get(name=JUROR_GROUP))
    client.force_login(juror, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/fr/staff/")

    assert response.status_code == 403
    assert "<h1>Accès refusé</h1>" in response.content.decode()


def test_a_refused_csrf_token_says_what_to_do_in_the_page_language():
    make_edition()
    client = Client(enforce_csrf_checks=True)

    response = client.post("/fr/nominations/new/", {"first_name": "Léa"})

    page = html.unescape(response.content.decode())
    assert response.status_code == 403
    assert "<h1>Le formulaire n'a pas pu être envoyé</h1>" in page
    assert SITE_CSS in page


def test_an_unknown_host_is_a_bad_request_page(client):
    response = client.get("/fr/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("view", "status", "heading"),
    [(server_error, 500, "Une erreur est survenue de notre côté"), (bad_request, 400, "Requête invalide")],
)
def test_pages_rendered_without_a_request_still_have_the_layout(view, status, heading):
    request = RequestFactory().get("/fr/")
    arguments = (request,) if view is server_error else (request, Exception())

    with translation.override("fr"):
        response = view(*arguments)

    page = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in page
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in page
