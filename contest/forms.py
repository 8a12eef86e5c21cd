"""The staff's forms of the contest app: the audit log's filters and the privacy-incident register."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField as FilterModelChoiceField

from contest.domain.incidents import INCIDENT_FIELDS
from contest.models import AuditEvent, PrivacyIncident

# Every action code that the code records, with what a staff member reads. Codes not listed here
# (an older code, say) are shown as they are.
AUDIT_ACTIONS = {
    "account.login": _("Signed in"),
    "account.login_failed": _("Failed sign-in"),
    "nomination.screened": _("Nomination screened"),
    "assignments.automatic": _("Jurors assigned automatically"),
    "assignment.added": _("Juror assigned by hand"),
    "assignment.removed": _("Assignment removed"),
    "evaluation.submitted": _("Evaluation submitted"),
    "evaluation.reopened": _("Evaluation reopened"),
    "award.winner_chosen": _("Winner chosen (top of the ranking)"),
    "award.winner_overridden": _("Winner chosen against the ranking"),
    "award.top_winners_chosen": _("Top of each ranking chosen as winner"),
    "award.prize_added": _("Regional prize given"),
    "award.removed": _("Winner or prize taken back"),
    "edition.published": _("Results published"),
    "edition.unpublished": _("Publication withdrawn"),
    "deliberation.exported": _("Ranking exported"),
    "employers.merged": _("Employers merged"),
    "privacy.data_downloaded": _("Youth downloaded their data"),
    "privacy.withdrawn": _("Youth withdrew their nomination"),
    "privacy.corrected": _("Youth corrected their data"),
    "privacy.parent_consented": _("Parent or tutor consented"),
    "privacy.parent_refused": _("Parent or tutor refused"),
    "privacy.purged": _("Nominations without consent deleted"),
    "privacy.retention_applied": _("Personal data anonymised at the end of the retention period"),
    "incident.recorded": _("Privacy incident recorded"),
    "incident.updated": _("Privacy incident updated"),
    "audit.exported": _("Audit log exported"),
}


def action_label(code: str) -> str:
    return str(AUDIT_ACTIONS.get(code, code))


def audit_accounts():
    """Every account: staff, jurors and administrators (there is no public sign-up, so they are few)."""
    return get_user_model().objects.order_by("email", "pk")


class AccountChoiceField(FilterModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.email or obj.get_username()


class AccountChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = AccountChoiceField


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AuditEventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("This day comes before the first day of the range."))
        return cleaned


class AuditEventFilter(django_filters.FilterSet):
    """Action, account and a range of days (both ends included, in the site's time zone)."""

    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=list(AUDIT_ACTIONS.items()), empty_label=_("All actions")
    )
    account = AccountChoiceFilter(
        label=_("Account"),
        field_name="actor",
        queryset=lambda request: audit_accounts(),
        empty_label=_("All accounts"),
    )
    since = django_filters.DateFilter(
        label=_("From"), field_name="at", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    until = django_filters.DateFilter(
        label=_("To (included)"), field_name="at", lookup_expr="date__lte", widget=DATE_WIDGET
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "account", "since", "until"]
        form = AuditEventFilterForm

    def applied(self) -> dict:
        """The filters in use, as codes and ids (what the audit log may record of them)."""
        if not self.is_valid():
            return {}
        applied = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            applied[name] = value.pk if hasattr(value, "pk") else str(value)
        return applied


class PrivacyIncidentForm(forms.ModelForm):
    """An entry of the incident register, in plain words; the dates are checked against each other."""

    class Meta:
        model = PrivacyIncident
        fields = list(INCIDENT_FIELDS)
        widgets = {
            "occurred_on": DATE_WIDGET,
            "discovered_on": DATE_WIDGET,
            "reported_to_commission_at": DATE_WIDGET,
            "people_notified_at": DATE_WIDGET,
            "nature": forms.Textarea(attrs={"rows": 4}),
            "data_concerned": forms.Textarea(attrs={"rows": 3}),
            "people_affected": forms.Textarea(attrs={"rows": 2}),
            "measures_taken": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        occurred, discovered = cleaned.get("occurred_on"), cleaned.get("discovered_on")
        for name in ("occurred_on", "discovered_on", "reported_to_commission_at", "people_notified_at"):
            if cleaned.get(name) and cleaned[name] > today:
                self.add_error(name, _("This date is in the future."))
        if occurred and cleaned.get("discovered_on") and discovered < occurred:
            self.add_error(
                "discovered_on", _("An incident cannot be discovered before it happened: check both dates.")
            )
        for name in ("reported_to_commission_at", "people_notified_at"):
            if discovered and cleaned.get(name) and cleaned[name] < discovered:
                self.add_error(name, _("This date comes before the day the incident was discovered."))
        return cleaned
