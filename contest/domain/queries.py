"""Reads of contest data that pages and other apps reuse."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone

from contest.models import Criterion, Edition, Municipality, Territory


def current_edition(now: dt.datetime | None = None) -> Edition | None:
    """The edition the public should see: the latest one that has started, else the next one."""
    now = now or timezone.now()
    started = Edition.objects.started(now).order_by("-nominations_open_at").first()
    if started is not None:
        return started
    return Edition.objects.order_by("nominations_open_at").first()


def criteria_with_rubric(edition: Edition):
    return Criterion.objects.for_edition(edition).prefetch_related("rubric")


def territories_with_municipalities():
    return Territory.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name", "designation"))
    )


def published_editions(now: dt.datetime | None = None):
    """Editions whose results are public: published by staff and past their announcement time.

    The embargo is this one filter: every public results page goes through it."""
    return Edition.objects.filter(published_at__isnull=False, announce_at__lte=now or timezone.now())


def is_published(edition: Edition, now: dt.datetime | None = None) -> bool:
    return edition.published_at is not None and edition.announce_at <= (now or timezone.now())
