"""A municipality saved anywhere (the Django admin, a territory's inline) takes its employers' stored
territory along: ``contest`` knows nothing of nominations, so nominations listens.

The handler only calls the domain function; ``jury/signals.py`` marks the stored ranking stale on the
same save."""

from __future__ import annotations

from django.db.models.signals import post_save

from contest.models import Municipality
from nominations.domain.employers import sync_employer_territories


def _municipality_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:  # loaddata (a restored backup): its employers come with their territory
        sync_employer_territories(municipality=instance)


def connect() -> None:
    post_save.connect(_municipality_saved, sender=Municipality, dispatch_uid="employers-municipality-saved")
