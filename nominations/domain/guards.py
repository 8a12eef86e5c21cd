"""What stops bots and ballot stuffing on the public form: honeypot, timing token, rate limit."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _

TIMING_SALT = "nominations.form-started"
HONEYPOT_FIELD = "website"
TIMING_FIELD = "started"


def new_timing_token(now: float | None = None) -> str:
    return signing.dumps({"t": now if now is not None else time.time()}, salt=TIMING_SALT)


@dataclass(frozen=True)
class GuardVerdict:
    is_bot: bool = False
    error: str | None = None
    status: int = 200


def check_form_guards(data, *, address: str, now: float | None = None) -> GuardVerdict:
    """Check a posted form's honeypot and timing token. Does not count towards the rate limit."""
    now = now if now is not None else time.time()
    if data.get(HONEYPOT_FIELD):
        return GuardVerdict(is_bot=True)
    try:
        started = float(signing.loads(data.get(TIMING_FIELD, ""), salt=TIMING_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return GuardVerdict(
            error=_("This form has expired or was altered. Check your answers and send it again."),
            status=400,
        )
    elapsed = now - started
    if elapsed > settings.NOMINATION_FORM_MAX_AGE:
        return GuardVerdict(
            error=_("This form was opened too long ago. Check your answers and send it again."),
            status=400,
        )
    if elapsed < settings.NOMINATION_MIN_FILL_SECONDS:
        return GuardVerdict(
            error=_("That was very fast! Check your answers, then send the form again."),
            status=400,
        )
    return GuardVerdict()


def client_address(request) -> str:
    """The client's address, taking the trusted reverse proxies into account."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(address: str) -> str:
    # Hashed: the cache holds no address in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()
    return f"nominations:rate:{digest}"


def take_rate_limit_slot(address: str) -> bool:
    """Count one submission for this address; False when the address is over its limit."""
    key = _rate_key(address)
    cache.add(key, 0, timeout=settings.NOMINATION_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.NOMINATION_RATE_WINDOW)
        count = 1
    return count <= settings.NOMINATION_RATE_LIMIT


def rate_limit_message() -> str:
    return _(
        "Too many nominations were sent from your connection in the last hour. "
        "Please try again later; what you typed is kept below."
    )
