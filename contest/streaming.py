"""CSV exports streamed row by row, so that the memory they use does not grow with the rows.

The bytes are those of ``django_tables2.export.TableExport("csv", ...)`` (a plain ``csv.writer``, the
header first), so a streamed export reads exactly like the one built in memory before it."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class _Echo:
    """A pseudo-buffer: ``csv.writer`` hands each written line back instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row (the header first) as one CSV line, one at a time."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(row)


def streaming_csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """An attachment whose lines are written as ``rows`` yields them (header row first)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
