"""The register of privacy (confidentiality) incidents that Québec's privacy law requires to keep.

Entries are recorded and corrected here only, each change appended to the audit log with the
incident's id alone (what the incident is about stays in the register, not in the log)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from contest.domain.audit import record_event
from contest.models import PrivacyIncident

# What staff type; the rest (who recorded it, when) is set here.
INCIDENT_FIELDS = (
    "occurred_on",
    "discovered_on",
    "nature",
    "data_concerned",
    "people_affected",
    "people_affected_count",
    "risk_of_serious_injury",
    "measures_taken",
    "reported_to_commission_at",
    "people_notified_at",
)


def incident_register() -> QuerySet[PrivacyIncident]:
    """The register, most recently discovered first, with who recorded each entry (one query)."""
    return PrivacyIncident.objects.select_related("recorded_by").order_by("-discovered_on", "-pk")


@transaction.atomic
def record_incident(*, recorded_by, **values) -> PrivacyIncident:
    """Add an incident to the register. ``values`` are the fields of ``INCIDENT_FIELDS``."""
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown incident fields: {sorted(unknown)}")
    incident = PrivacyIncident(recorded_by=recorded_by, **values)
    incident.full_clean()
    incident.save()
    record_event("incident.recorded", actor=recorded_by, target=incident)
    return incident


@transaction.atomic
def update_incident(*, incident: PrivacyIncident, changed_by, **values) -> list[str]:
    """Correct or complete an entry (a notification made, a measure added).

    Returns the names of the fields that changed; nothing is written, nor logged, when none did."""
    unknown = set(values) - set(INCIDENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown incident fields: {sorted(unknown)}")
    incident = PrivacyIncident.objects.select_for_update().get(pk=incident.pk)
    changed = [name for name, value in values.items() if getattr(incident, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(incident, name, values[name])
    incident.full_clean()
    incident.save(update_fields=[*changed, "updated_at"])
    record_event("incident.updated", actor=changed_by, target=incident)
    return changed
