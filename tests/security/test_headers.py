"""Security headers on every page of the project, for every role, and no inline script or style in any
HTML page (the Content-Security-Policy forbids them).

The pages and the data they need come from the role matrix (tests/test_role_matrix.py)."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from contest.domain.roles import JUROR_GROUP
from tests import test_role_matrix
from tests.test_role_matrix import ACCOUNT_MATRIX, ADMIN_PAGES, MATRIX, ROLES, _client_for

# The role matrix's fixture: one juror assigned in an edition in its jury window, and every object the
# URLs need.
world = test_role_matrix.world

PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# A data block (type="application/json") is never run: the policy does not concern it.
INLINE_SCRIPT = re.compile(
    r"<script\b(?![^>]*\b(?:src\s*=|type\s*=\s*[\"']?application/json[\"'\s>]))[^>]*>", re.IGNORECASE
)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def csp_directives(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def check_headers(response, url: str) -> None:
    headers = response.headers
    assert "Content-Security-Policy" in headers, url
    policy = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy, url
    assert "unsafe-eval" not in policy, url
    directives = csp_directives(policy)
    assert directives["default-src"] == {"'self'"}, url
    assert directives["script-src"] == {"'self'"}, url
    assert directives["style-src"] == {"'self'"}, url
    assert directives["frame-ancestors"] == {"'none'"}, url
    assert directives["object-src"] == {"'none'"}, url
    assert headers["X-Frame-Options"] == "DENY", url
    assert headers["X-Content-Type-Options"] == "nosniff", url
    assert headers["Referrer-Policy"] == "same-origin", url
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert headers["Permissions-Policy"] == PERMISSIONS, url


def check_no_inline_code(response, url: str) -> None:
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return
    page = response.content.decode()
    assert INLINE_SCRIPT.findall(page) == [], url
    assert STYLE_ELEMENT.findall(page) == [], url
    assert STYLE_ATTRIBUTE.findall(page) == [], url
    assert EVENT_HANDLER.findall(page) == [], url
    assert JAVASCRIPT_URL.findall(page) == [], url


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_page_sends_the_security_headers_and_no_inline_code(client, world, name, role):
    key, _expected = MATRIX[name]
    url = reverse(name, kwargs=world["kwargs"][key])

    response = _client_for(client, world, role).get(url)

    check_headers(response, url)
    check_no_inline_code(response, url)


def account_pages() -> list[str]:
    """Each of django-allauth's pages of the role matrix, in French."""
    with translation.override("fr"):
        return sorted(reverse(name, kwargs=kwargs) for name, (kwargs, _expected) in ACCOUNT_MATRIX.items())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", sorted(ADMIN_PAGES) + account_pages())
def test_admin_and_account_pages_send_the_security_headers_and_no_inline_code(client, world, url, role):
    response = _client_for(client, world, role).get(url)

    check_headers(response, url)
    check_no_inline_code(response, url)


def test_inline_code_detection_finds_what_it_must():
    page = (
        '<script src="/static/a.js"></script><script>alert(1)</script><p style="color:red">'
        '<script type="application/json">{}</script><script type="application/javascript">x()</script>'
        "<style>p{}</style><a href=\"javascript:alert(1)\" onclick='x()'>"
    )
    assert INLINE_SCRIPT.findall(page) == ["<script>", '<script type="application/javascript">']
    assert len(STYLE_ELEMENT.findall(page)) == 1
    assert len(STYLE_ATTRIBUTE.findall(page)) == 1
    assert len(EVENT_HANDLER.findall(page)) == 1
    assert len(JAVASCRIPT_URL.findall(page)) == 1


def test_the_pages_checked_include_html_pages_for_every_role(client, world):
    """The body check above is not vacuous: each role gets several HTML pages with a 200."""
    for role in ROLES:
        client.logout()
        html_pages = 0
        for name, (key, _expected) in MATRIX.items():
            response = _client_for(client, world, role).get(reverse(name, kwargs=world["kwargs"][key]))
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                html_pages += 1
        assert html_pages >= 12, role


# Production only: HSTS and secure cookies ---------------------------------------------------------


def production_values(*names: str) -> dict:
    """Some settings as config.settings.production sets them, read in a separate process (importing the
    module here would change the settings this test process shares with every other test)."""
    environment = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://monboss:not-a-password@127.0.0.1:5432/not_connected",
    }
    environment.pop("DJANGO_HSTS_SECONDS", None)
    environment.pop("DJANGO_SECURE_SSL_REDIRECT", None)
    code = (
        "import json, sys; from config.settings import production as p; "
        "print(json.dumps({n: getattr(p, n) for n in sys.argv[1:]}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code, *names],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def production_security(settings):
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
    )
    values = production_values(*names)
    for name, value in values.items():
        setattr(settings, name, value)
    return values


def test_production_sets_hsts_and_secure_cookies(production_security):
    assert production_security == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
    }


def test_production_redirects_http_to_https_with_the_headers(client, db, production_security):
    response = client.get("/fr/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/"
    assert response["Permissions-Policy"] == PERMISSIONS


def test_production_pages_send_hsts(client, db, production_security):
    response = client.get("/fr/", secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    check_headers(response, "/fr/")


def test_production_cookies_are_secure_and_the_session_cookie_is_http_only(client, db, production_security):
    password = "un-mot-de-passe-solide-2026"
    User.objects.create_user("juror@example.org", "juror@example.org", password).groups.add(
        Group.objects.get(name=JUROR_GROUP)
    )

    page = client.get("/fr/accounts/login/", secure=True)
    response = client.post(
        "/fr/accounts/login/", {"login": "juror@example.org", "password": password}, secure=True
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/fr/jury/"
    csrf, session = client.cookies["csrftoken"], client.cookies["sessionid"]
    assert (csrf["secure"], session["secure"], session["httponly"]) == (True, True, True)
