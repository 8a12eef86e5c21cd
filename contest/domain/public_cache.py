"""The cache of the public pages (home, rules, winners, engaged employers, employer pages, leaderboard,
editions) for anonymous visitors.

Invariants:

- Every domain function that changes what these pages show calls ``invalidate_public_pages()``
  (explicitly, never through signals; the admin's saves too). It bumps a generation counter that is part
  of every key, so the next request renders afresh.
- What changes with the clock alone (an embargo lifting at the announcement time, a phase opening or
  closing) is part of the key too: the key holds a fingerprint of the editions' dates, publication times
  and which of those dates are past. The fingerprint is cached with the interval of time over which it
  holds (from the latest past date to the earliest future one) and the generation it was read under:
  it is read again from the database (one query) only when the clock leaves that interval or the
  generation changes. A cached page costs no query.
- Only anonymous requests without a session or a pending message are served from or stored in the
  cache, and only responses that set no cookie. Private links never use this cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from contest.models import Edition

GENERATION_KEY = "public:generation"
CLOCK_KEY = "public:clock"
DEFAULT_TIMEOUT = 300
MESSAGES_COOKIE = "messages"
EDITION_DATES = (
    "nominations_open_at",
    "nominations_close_at",
    "jury_open_at",
    "jury_close_at",
    "announce_at",
    "archive_at",
)


def cache_timeout() -> int:
    """How long a public page (and a share image, by browsers) may be kept: PUBLIC_PAGES_CACHE_TIMEOUT."""
    return getattr(settings, "PUBLIC_PAGES_CACHE_TIMEOUT", DEFAULT_TIMEOUT)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Missing (first use, eviction, restart of the cache): start from a value never used before,
        # so that no entry stored under an older generation can come back.
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_public_pages() -> None:
    """Make every cached public page stale. Bumps now and again after the surrounding transaction
    commits, so that a page rendered meanwhile from the old data is not kept."""
    _bump()
    transaction.on_commit(_bump)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def read_clock(now: dt.datetime) -> tuple[str, dt.datetime | None, dt.datetime | None]:
    """A fingerprint of the editions' dates and publication, and of which dates are past at ``now``,
    with the interval ``[since, until)`` over which it stays the same (``None``: unbounded). One query."""
    parts = []
    since = until = None
    for row in Edition.objects.order_by("pk").values_list("pk", "published_at", *EDITION_DATES):
        pk, published_at, *dates = row
        past = "".join("1" if date is not None and date <= now else "0" for date in dates)
        parts.append(f"{pk}|{published_at}|{'|'.join(str(date) for date in dates)}|{past}")
        for date in (published_at, *dates):
            if date is None:
                continue
            if date <= now:
                since = date if since is None else max(since, date)
            else:
                until = date if until is None else min(until, date)
    return hashlib.sha256(";".join(parts).encode()).hexdigest(), since, until


def _clock_holds(stored, current_generation: int, now: dt.datetime) -> bool:
    if not isinstance(stored, tuple) or len(stored) != 4:
        return False
    stored_generation, _fingerprint, since, until = stored
    return (
        stored_generation == current_generation
        and (since is None or since <= now)
        and (until is None or now < until)
    )


def _state(now: dt.datetime) -> tuple[int, str]:
    """The generation and the clock fingerprint at ``now``: one cache round trip, and a query only when
    the cached fingerprint no longer holds."""
    values = cache.get_many([GENERATION_KEY, CLOCK_KEY])
    current_generation = values.get(GENERATION_KEY)
    if current_generation is None:
        current_generation = generation()
    stored = values.get(CLOCK_KEY)
    if _clock_holds(stored, current_generation, now):
        return current_generation, stored[1]
    fingerprint, since, until = read_clock(now)
    cache.set(CLOCK_KEY, (current_generation, fingerprint, since, until), timeout=cache_timeout())
    return current_generation, fingerprint


def clock_state(now: dt.datetime | None = None) -> str:
    """The fingerprint of the editions' dates, publication and of which dates are past at ``now``: it
    changes when an embargo lifts or a phase changes, without any write. Cached (see the module)."""
    return _state(now or timezone.now())[1]


def page_key(request: HttpRequest, *, now: dt.datetime | None = None) -> str:
    current_generation, fingerprint = _state(now or timezone.now())
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"public:page:{current_generation}:{get_language()}:{fingerprint}:{url}"


def is_cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD without a session or messages cookie: nothing personal can be on the page."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def is_cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in response.get("Cache-Control", "")
    )


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve an anonymous visitor's page from the cache, keyed by generation, language, editions'
    clock state and full URL (query string included)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if is_cacheable_response(response) and not _has_messages(request):
            cache.set(key, response, timeout=cache_timeout())
        return response

    return wrapper


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(getattr(storage, "_queued_messages", None))
