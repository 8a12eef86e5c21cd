"""The production settings pass Django's deployment checklist without a single warning, and refuse to
start without their secrets."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_ALLOWED_HOSTS": "monboss.example.org",
    # Any valid address: the deployment checks do not connect to the database.
    "DATABASE_URL": "postgres://monboss:not-a-password@127.0.0.1:5432/not_connected",
}
# Variables of the test environment that would change what production reads.
LEFT_OUT = (
    "DJANGO_HSTS_SECONDS",
    "DJANGO_SECURE_SSL_REDIRECT",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "REDIS_URL",
    # Set for the browser tests (Playwright's event loop beside the ORM); never in production.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def manage(*arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in LEFT_OUT}
    env.update(PRODUCTION_ENVIRONMENT)
    env.update(environment)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=secrets.token_urlsafe(64)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_to_start_with_a_short_secret_key():
    result = manage("check", DJANGO_SECRET_KEY="too-short")

    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY must be set to at least 50 random characters." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", DJANGO_SECRET_KEY=secrets.token_urlsafe(64), DJANGO_ALLOWED_HOSTS="")

    assert result.returncode == 1
    assert "DJANGO_ALLOWED_HOSTS must list the site's host names." in result.stderr


def test_production_refuses_to_start_without_a_database_address():
    result = manage("check", DJANGO_SECRET_KEY=secrets.token_urlsafe(64), DATABASE_URL="")

    assert result.returncode == 1
    assert "DATABASE_URL must point to the PostgreSQL database." in result.stderr
