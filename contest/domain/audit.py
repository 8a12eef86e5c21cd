"""The audit log of sensitive actions: append-only, no personal information beyond account ids."""

from __future__ import annotations

from django.db import models

from contest.models.audit import AuditEvent


def record_event(action: str, *, actor=None, target: models.Model | None = None, **details) -> AuditEvent:
    """Append one event. ``details`` hold codes and counts only (never names, e-mails or free text)."""
    actor_id = (
        getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", True) else None
    )
    return AuditEvent.objects.create(
        action=action,
        actor_id=actor_id,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details,
    )
