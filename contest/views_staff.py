"""The staff's audit log (read only) and the register of privacy incidents (/<lang>/staff/)."""

from __future__ import annotations

from collections.abc import Iterator

import django_tables2 as tables
from django.apps import apps
from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from contest.access import staff_required
from contest.domain.audit import record_event
from contest.domain.incidents import incident_register, record_incident, update_incident
from contest.forms import AuditEventFilter, PrivacyIncidentForm, action_label
from contest.models import AuditEvent, PrivacyIncident
from contest.streaming import spreadsheet_safe, streaming_csv_response
from contest.tables import PageConfig

AUDIT_PAGE_SIZE = 50
# The staff page of an object named by an event, where one exists.
TARGET_PAGES = {
    "nominations.nomination": "staff:nomination",
    "nominations.candidacy": "staff:candidacy",
    "contest.privacyincident": "staff:incident_edit",
}
NOTIFY_REMINDER = gettext_lazy(
    "There is a risk of serious injury: notify the Commission d'accès à l'information and the people "
    "concerned promptly, then record the dates here."
)


def audit_events() -> QuerySet[AuditEvent]:
    """The log, newest first, with each event's account (one query for a page)."""
    return AuditEvent.objects.select_related("actor").order_by("-at", "-id")


def target_label(event: AuditEvent) -> str:
    if not event.target_type:
        return ""
    try:
        name = capfirst(apps.get_model(event.target_type)._meta.verbose_name)
    except (LookupError, ValueError):
        name = event.target_type
    return f"{name} #{event.target_id}"


def account_label(event: AuditEvent) -> str:
    """The account's e-mail; ``#<id>`` once the account is deleted (the log keeps its id, without a
    database constraint); empty for an event without an account."""
    if event.actor_id is None:
        return ""
    # audit_events() joins the account: None here means it no longer exists.
    return event.actor.email if event.actor is not None else f"#{event.actor_id}"


def _detail_value(value) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def details_text(details: dict) -> str:
    """``key=value`` pairs in key order: ``created=3, territory=4``."""
    return ", ".join(f"{key}={_detail_value(details[key])}" for key in sorted(details or {}))


class AuditEventTable(tables.Table):
    """One event a row. The action is read in words on the page; the export keeps its code too."""

    at = tables.DateTimeColumn(verbose_name=gettext_lazy("When"), short=False)
    action = tables.Column(verbose_name=gettext_lazy("Action"), orderable=False)
    code = tables.Column(
        verbose_name=gettext_lazy("Action code"), accessor="action", visible=False, orderable=False
    )
    account = tables.Column(
        verbose_name=gettext_lazy("Account"), accessor="actor_id", empty_values=(), orderable=False
    )
    target = tables.Column(
        verbose_name=gettext_lazy("Object"), accessor="target_id", empty_values=(), orderable=False
    )
    details = tables.Column(verbose_name=gettext_lazy("Details"), empty_values=(), orderable=False)

    class Meta:
        model = AuditEvent
        fields = ()
        sequence = ("at", "action", "code", "account", "target", "details")
        order_by = ("-at",)
        empty_text = gettext_lazy("No event matches these filters.")
        attrs = {"class": "audit-table"}

    def render_action(self, value):
        return action_label(value)

    def value_action(self, value):
        return action_label(value)

    def value_at(self, value):
        return timezone.localtime(value).isoformat(timespec="seconds")

    def render_account(self, record):
        return account_label(record) or "—"

    def value_account(self, record):
        return spreadsheet_safe(account_label(record))

    def render_target(self, record):
        label = target_label(record)
        if not label:
            return "—"
        page = TARGET_PAGES.get(record.target_type)
        if page and record.target_id.isdigit():
            return format_html('<a href="{}">{}</a>', reverse(page, args=[record.target_id]), label)
        return label

    def value_target(self, record):
        return target_label(record)

    def render_details(self, record):
        return details_text(record.details) or "—"

    def value_details(self, record):
        return details_text(record.details)


AUDIT_EXPORT_CHUNK = 2000
AUDIT_EXPORT_COLUMNS = ("at", "action", "code", "account", "target", "details")


def audit_csv_rows(events: QuerySet[AuditEvent]) -> Iterator[list]:
    """The header, then one row per event, as ``AuditEventTable``'s CSV export writes them; the
    events are read ``AUDIT_EXPORT_CHUNK`` at a time (with their account)."""
    table = AuditEventTable([])
    yield [str(table.base_columns[name].verbose_name) for name in AUDIT_EXPORT_COLUMNS]
    for event in events.iterator(chunk_size=AUDIT_EXPORT_CHUNK):
        yield [
            table.value_at(event.at),
            table.value_action(event.action),
            event.action,
            table.value_account(event),
            table.value_target(event),
            table.value_details(event),
        ]


@never_cache
@staff_required
@require_safe
def audit_log(request):
    """Who did what, newest first: filters, pages of 50, and a CSV export (itself logged)."""
    filterset = AuditEventFilter(request.GET or None, queryset=audit_events(), request=request)
    table = AuditEventTable(filterset.qs)
    PageConfig(request, paginate={"per_page": AUDIT_PAGE_SIZE}).configure(table)
    if request.GET.get("_export") == "csv":
        # The table's filtered and ordered queryset, read in chunks and written as it is read.
        events = table.data.data
        filters = {f"filter_{name}": value for name, value in filterset.applied().items()}
        exported = record_event("audit.exported", actor=request.user, rows=events.count(), **filters)
        # The rows are read while the response is sent, after this export's own event was written.
        return streaming_csv_response(
            audit_csv_rows(events.exclude(pk=exported.pk)),
            filename=f"audit-log-{timezone.localdate():%Y-%m-%d}.csv",
        )
    export_query = request.GET.copy()
    export_query.pop("page", None)
    export_query["_export"] = "csv"
    return render(
        request,
        "staff/audit.html",
        {"filter": filterset, "table": table, "export_url": f"?{export_query.urlencode()}"},
    )


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def incidents(request):
    """The register of privacy incidents, and the form that adds one."""
    form = PrivacyIncidentForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            incident = record_incident(recorded_by=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("The incident is in the register (number %(number)d).") % {"number": incident.pk},
            )
            if incident.notifications_pending:
                messages.warning(request, NOTIFY_REMINDER)
            return redirect("staff:incidents")
        status = 400
    return render(
        request,
        "staff/incidents.html",
        {"incidents": list(incident_register()), "form": form},
        status=status,
    )


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_edit(request, pk):
    incident = get_object_or_404(PrivacyIncident.objects.select_related("recorded_by"), pk=pk)
    form = PrivacyIncidentForm(request.POST if request.method == "POST" else None, instance=incident)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = update_incident(incident=incident, changed_by=request.user, **form.cleaned_data)
            if changed:
                messages.success(request, _("The incident is updated."))
            else:
                messages.info(request, _("Nothing changed."))
            if form.instance.notifications_pending:
                messages.warning(request, NOTIFY_REMINDER)
            return redirect("staff:incidents")
        status = 400
    return render(request, "staff/incident_edit.html", {"incident": incident, "form": form}, status=status)
