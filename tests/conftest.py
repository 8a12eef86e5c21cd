import time

import pytest
from django.core.cache import cache

from contest.domain.reference_data import copy_criteria, load_territories
from contest.enums import Phase
from contest.models import Criterion, Municipality, RubricLevel, Territory
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


@pytest.fixture
def reference_data(transactional_db):
    """The data migration's territories, municipalities and default criteria, for transactional tests.

    The flush that ends every transactional test deletes them; reloaded with the migration's own
    functions. (Not ``serialized_rollback``: it collides with the content types that the flush of
    any other transactional test re-creates.)"""
    if not Municipality.objects.exists():
        load_territories(territory_model=Territory, municipality_model=Municipality)
    if not Criterion.objects.default_set().exists():
        copy_criteria(criterion_model=Criterion, rubric_model=RubricLevel)


def pytest_collection_modifyitems(items):
    """Refuse a test outside tests/browser that pulls in Playwright's fixtures, usually through an
    argument named like one of them (``page``, ``browser``...). It would be run once per browser and
    regrouped by pytest with the browser tests, after their database flushes, where the reference
    data of the migrations is gone."""
    strays = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(getattr(item, "callspec", None), "params", {})
        and not item.nodeid.startswith("tests/browser/")
    ]
    if strays:
        raise pytest.UsageError(
            "tests outside tests/browser use Playwright's fixtures (rename their argument): "
            + ", ".join(strays)
        )
