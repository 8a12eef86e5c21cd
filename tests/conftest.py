import time

import pytest
from django.core.cache import cache

from contest.enums import Phase
from nominations.domain import guards
from tests.factories import make_edition


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def edition(db):
    """An edition open for nominations."""
    return make_edition(Phase.NOMINATIONS)


@pytest.fixture
def guard_fields(settings):
    """Honeypot left empty and a timing token old enough to pass."""
    started = time.time() - settings.NOMINATION_MIN_FILL_SECONDS - 5
    return {guards.HONEYPOT_FIELD: "", guards.TIMING_FIELD: guards.new_timing_token(now=started)}
