"""The CSV exports (a territory's deliberation, the audit log) are streamed: same bytes as the table
export built in memory, read in chunks, and a constant number of queries whatever the rows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models.query import QuerySet
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from contest import views_staff
from contest.domain.audit import record_event
from contest.models import AuditEvent, Territory
from contest.views_staff import AuditEventTable, audit_events
from jury.domain.ranking import rank_candidacies
from jury.views.deliberation import _deliberation_table
from tests.factories import make_edition
from tests.staff.test_deliberation import SHERBROOKE, build, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

AUDIT = "/en/staff/audit/"


def in_memory_csv(table) -> bytes:
    """What the export was before it streamed."""
    return TableExport("csv", table).response().content


def test_deliberation_csv_streams_the_same_bytes_as_the_table_export(world, staff_client):  # noqa: F811
    build(world)
    territory = Territory.objects.get(slug="sherbrooke")
    ranking = rank_candidacies(edition=world.edition, territory=territory)
    with translation.override("en"):
        expected = in_memory_csv(
            _deliberation_table(RequestFactory().get(SHERBROOKE), world.edition, ranking)
        )

    response = staff_client.get(f"{SHERBROOKE}?_export=csv")

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.getvalue() == expected
    assert expected.decode().count("\r\n") == 4  # the header and three rows


def test_deliberation_export_is_recorded_before_streaming(world, staff_client):  # noqa: F811
    build(world)

    staff_client.get(f"{SHERBROOKE}?_export=csv")

    event = AuditEvent.objects.filter(action="deliberation.exported").get()
    assert event.details == {"format": "csv", "territory": Territory.objects.get(slug="sherbrooke").pk}


def test_audit_csv_streams_the_same_bytes_as_the_table_export(staff_user, staff_client):
    edition = make_edition()
    formula = User.objects.create_user("=cmd@example.org", "=cmd@example.org", "pw")
    record_event("assignments.automatic", actor=staff_user, target=edition, created=3)
    record_event("edition.published", actor=formula, target=edition)
    record_event("privacy.withdrawn", edition=edition.pk)
    table = AuditEventTable(audit_events())
    RequestConfig(RequestFactory().get(AUDIT), paginate=False).configure(table)
    with translation.override("en"):
        expected = in_memory_csv(table)

    response = staff_client.get(AUDIT, {"_export": "csv"})

    assert isinstance(response, StreamingHttpResponse)
    assert response.getvalue() == expected
    assert "'=cmd@example.org" in expected.decode()
    assert AuditEvent.objects.filter(action="audit.exported").get().details == {"rows": 4}


def add_events(actor, count: int) -> None:
    edition = make_edition()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            action="edition.published", actor=actor, target_type="contest.edition", target_id=str(edition.pk)
        )
        for _ in range(count)
    )


def export_queries(client) -> tuple[int, int]:
    """(queries, data rows) of a whole audit export, the streaming included."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(AUDIT, {"_export": "csv"})
        lines = response.getvalue().decode().count("\r\n")
    return len(queries), lines - 1


def test_audit_csv_export_queries_do_not_grow_with_events(staff_user, staff_client):
    add_events(staff_user, 3)
    before = AuditEvent.objects.count()
    few, few_rows = export_queries(staff_client)
    add_events(staff_user, 297)  # 300 added, and the first export's own event

    many, many_rows = export_queries(staff_client)

    assert few_rows == before
    assert many_rows == before + 1 + 297
    assert few == many


def test_audit_csv_export_reads_the_events_in_chunks(staff_user, staff_client, monkeypatch):
    add_events(staff_user, 5)
    chunk_sizes = []
    original = QuerySet.iterator

    def spy(queryset, chunk_size=None):
        if queryset.model is AuditEvent:
            chunk_sizes.append(chunk_size)
        return original(queryset, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)

    before = AuditEvent.objects.count()
    response = staff_client.get(AUDIT, {"_export": "csv"})
    assert chunk_sizes == []  # nothing read before the response is sent
    rows = response.getvalue().decode().count("\r\n") - 1

    assert chunk_sizes == [views_staff.AUDIT_EXPORT_CHUNK]
    assert views_staff.AUDIT_EXPORT_CHUNK == 2000
    assert rows == before
