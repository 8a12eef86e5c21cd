"""CSV exports streamed row by row, so that the memory they use does not grow with the rows, and the
rule that keeps every exported cell inert in a spreadsheet.

The bytes are those of ``django_tables2.export.TableExport("csv", ...)`` (a plain ``csv.writer``, the
header first), so a streamed export reads exactly like the one built in memory before it, except that a
text cell a spreadsheet would run as a formula is written with a leading apostrophe."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# A spreadsheet runs a text cell starting with one of these as a formula (OWASP "CSV injection"). Names
# typed on the public forms reach the exports, so no exported text may start with one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet shows it without running it: text that would start a formula gets a
    leading apostrophe; numbers, dates and None are left alone (a negative number is no formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


class _Echo:
    """A pseudo-buffer: ``csv.writer`` hands each written line back instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    """Each row (the header first) as one CSV line, one at a time, every cell spreadsheet-safe."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])


def streaming_csv_response(rows: Iterable[Iterable], *, filename: str) -> StreamingHttpResponse:
    """An attachment whose lines are written as ``rows`` yields them (header row first)."""
    response = StreamingHttpResponse(csv_lines(rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
