"""What every table page shares: django-tables2's request configuration with a bounded page size."""

from __future__ import annotations

import copy

from django_tables2 import RequestConfig

from contest.converters import parse_id

# A page never shows more rows than this, whatever ``?per_page=`` asks.
MAX_PER_PAGE = 200


class PageConfig(RequestConfig):
    """``RequestConfig`` that honours ``?per_page=`` only from 1 to MAX_PER_PAGE and otherwise keeps the
    view's page size: a negative value made django-tables2's own fallback raise EmptyPage (a 500), and a
    huge one rendered every row of the list."""

    def configure(self, table):
        name = table.prefixed_per_page_field
        if name in self.request.GET and not _is_page_size(self.request.GET[name]):
            request = copy.copy(self.request)
            request.GET = self.request.GET.copy()
            del request.GET[name]
            self.request = request
        return super().configure(table)


def _is_page_size(value: str) -> bool:
    size = parse_id(value)
    return size is not None and size <= MAX_PER_PAGE
