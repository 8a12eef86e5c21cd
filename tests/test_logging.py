import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings

from config.logging import RedactPrivateLinks, redact

LEAK_PATH = "/fr/nominations/mine/LEAKCHECKTOKEN/withdraw/"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/fr/nominations/mine/AbC-123_x/edit/", "/fr/nominations/mine/[redacted]/edit/"),
        ("/en/nominations/confirm/eyJhIjoxfQ:1x:sig/", "/en/nominations/confirm/[redacted]/"),
        ("/fr/jury/invitation/MTI/abc-def/", "/fr/jury/invitation/[redacted]/"),
        ("/fr/nominations/parent/eyJwIjoxfQ:1x:sig/", "/fr/nominations/parent/[redacted]/"),
        ("/fr/employer/MTI:1x:sig/badge.png", "/fr/employer/[redacted]/badge.png"),
        ("/fr/employers/12/", "/fr/employers/12/"),
        ("/fr/rules/", "/fr/rules/"),
    ],
)
def test_private_link_tokens_are_redacted(path, expected):
    assert redact(path) == expected


def test_request_log_records_lose_their_tokens(caplog):
    logger = logging.getLogger("tests.redaction")
    logger.addFilter(RedactPrivateLinks())
    with caplog.at_level(logging.WARNING, logger="tests.redaction"):
        logger.warning("Not Found: %s", "/fr/nominations/mine/secret-token/")
    assert "secret-token" not in caplog.text
    assert "/fr/nominations/mine/[redacted]/" in caplog.text


def _filtered(msg, args, exc_info=None, sinfo=None) -> logging.LogRecord:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, msg, args, exc_info, sinfo=sinfo
    )
    assert RedactPrivateLinks().filter(record) is True
    return record


def test_a_record_with_dict_args_is_formatted_then_redacted():
    record = _filtered("Forbidden (%(reason)s): %(path)s", ({"reason": "CSRF", "path": LEAK_PATH},))

    assert record.getMessage() == "Forbidden (CSRF): /fr/nominations/mine/[redacted]/withdraw/"
    assert record.args is None


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        (LEAK_PATH.encode(), "Not Found: b'/fr/nominations/mine/[redacted]/withdraw/'"),
        ([LEAK_PATH, 1], "Not Found: ['/fr/nominations/mine/[redacted]/withdraw/', 1]"),
        ((LEAK_PATH,), "Not Found: ('/fr/nominations/mine/[redacted]/withdraw/',)"),
    ],
)
def test_bytes_list_and_tuple_args_are_redacted(arg, expected):
    record = _filtered("Not Found: %s", (arg,))

    assert record.getMessage() == expected


def test_a_record_that_cannot_be_formatted_loses_its_token_too():
    record = _filtered("Not Found: %s %s", (LEAK_PATH,))

    assert "LEAKCHECKTOKEN" not in record.getMessage()
    assert record.args is None


def test_a_traceback_and_a_stack_are_redacted():
    try:
        raise ValueError(f"Bad {LEAK_PATH}")
    except ValueError:
        record = _filtered("Internal Server Error", None, exc_info=sys.exc_info(), sinfo=f"Stack {LEAK_PATH}")

    text = logging.Formatter().format(record)
    assert "LEAKCHECKTOKEN" not in text
    assert "ValueError: Bad /fr/nominations/mine/[redacted]/withdraw/" in text
    assert "Stack /fr/nominations/mine/[redacted]/withdraw/" in text


# Each settings module, as configured at start-up: Django's own handlers (its console one under DEBUG,
# mail_admins) are replaced by a redacting one; errors are never e-mailed, even with ADMINS set, since
# Django's report would carry the request's form data.

SETTINGS_ENVIRONMENTS = {
    "dev": {},
    "test": {},
    "production": {
        "DJANGO_SECRET_KEY": "x" * 64,
        "DJANGO_ALLOWED_HOSTS": "monboss.example.org",
        "DATABASE_URL": "postgres://monboss:not-a-password@127.0.0.1:5432/not_connected",
    },
}
LOG_SCRIPT = f"""
import logging
import django
django.setup()
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
settings.ADMINS = [("Admin", "admin@example.org")]
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
logging.getLogger("django.security.csrf").warning("Forbidden (%s): %s", "CSRF cookie not set.", {LEAK_PATH!r})
request = RequestFactory().get({LEAK_PATH!r}, SERVER_NAME="monboss.example.org")
try:
    raise ValueError("Bad " + request.path)
except ValueError:
    logging.getLogger("django.request").error(
        "Internal Server Error: %s", request.path, exc_info=True, extra={{"request": request}}
    )
for message in getattr(mail, "outbox", []):
    print("MAIL", message.subject, message.body)
"""


@pytest.mark.parametrize("module", sorted(SETTINGS_ENVIRONMENTS))
def test_django_loggers_redact_private_links_under_every_settings_module(module):
    env = {
        **os.environ,
        **SETTINGS_ENVIRONMENTS[module],
        "DJANGO_SETTINGS_MODULE": f"config.settings.{module}",
    }

    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", LOG_SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "LEAKCHECKTOKEN" not in output
    assert output.count("Forbidden (CSRF cookie not set.): /fr/nominations/mine/[redacted]/withdraw/") == 1
    assert "ValueError: Bad /fr/nominations/mine/[redacted]/withdraw/" in output
    assert "MAIL" not in output
