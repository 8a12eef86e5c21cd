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
