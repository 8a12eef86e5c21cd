"""Table pages honour ``?per_page=`` from 1 to 200 and otherwise keep their own page size."""

import pytest

from contest.domain.audit import record_event
from contest.models import AuditEvent
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

AUDIT = "/fr/staff/audit/"
AUDIT_PAGE_SIZE = 50


@pytest.fixture
def events(staff_user):
    edition = make_edition()
    for _ in range(AUDIT_PAGE_SIZE + 5):
        record_event("edition.published", actor=staff_user, target=edition)


def rows_shown(response) -> int:
    assert response.status_code == 200
    return len(response.context["table"].page.object_list)


@pytest.mark.parametrize("per_page", ["-5", "0", "100000", "201", "abc", "٣", ""])
def test_a_page_size_out_of_bounds_keeps_the_page_size_of_the_list(events, staff_client, per_page):
    response = staff_client.get(AUDIT, {"per_page": per_page})

    assert rows_shown(response) == AUDIT_PAGE_SIZE


@pytest.mark.parametrize("per_page", [1, 7, 200])
def test_a_page_size_within_bounds_is_honoured(events, staff_client, per_page):
    response = staff_client.get(AUDIT, {"per_page": per_page})

    assert rows_shown(response) == min(per_page, AuditEvent.objects.count())


@pytest.mark.parametrize(
    "path", ["/fr/staff/screening/", "/fr/staff/conflicts/", "/fr/staff/deliberation/sherbrooke/"]
)
def test_a_negative_page_size_is_no_error_on_other_table_pages(staff_client, path):
    make_edition()

    response = staff_client.get(path, {"per_page": "-1", "page": "-3"})

    assert response.status_code == 200
