"""Playwright in Debian's Chromium against Django's live server.

The browser is the system's Chromium: `playwright install` downloads a browser, which these machines
refuse. The live server runs in a thread of the test process, so the `settings` fixture and
`django.core.mail.outbox` are shared with it.
"""

import os
from pathlib import Path

import pytest

from contest.enums import Phase
from tests.factories import make_edition

# Playwright's sync API runs an event loop in the test thread; the ORM calls made there (fixtures,
# assertions on the database) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps trying hosts it cannot reach from here.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package (never `playwright install`)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # French first, as most of the contest's youths see it; no service worker or cache between tests.
    return {**browser_context_args, "locale": "fr-CA", "service_workers": "block"}


@pytest.fixture
def open_edition(reference_data, settings):
    """An edition open for nominations, the form's timing guard lowered for a robot's speed.

    Browser tests are transactional: the live server's thread must see committed rows.
    """
    settings.NOMINATION_MIN_FILL_SECONDS = 0
    return make_edition(Phase.NOMINATIONS)


@pytest.fixture
def context(context):
    # A broken page fails in seconds rather than after Playwright's 30 s default.
    context.set_default_timeout(10_000)
    return context
