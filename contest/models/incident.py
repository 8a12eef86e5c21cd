from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PrivacyIncident(models.Model):
    """One entry of the register of confidentiality incidents that Québec's privacy law (Law 25)
    requires every organisation to keep, whatever the incident's gravity.

    Written through ``contest.domain.incidents`` only, so that each change is in the audit log. Never
    deleted: the register is kept at least five years after the incident was discovered."""

    occurred_on = models.DateField(
        _("when it happened"),
        help_text=_("The date of the incident, or your best estimate (the first day if it lasted)."),
    )
    discovered_on = models.DateField(
        _("when we found out"),
        help_text=_("The day someone of the organisation became aware of the incident."),
    )
    nature = models.TextField(
        _("what happened"),
        help_text=_(
            "The circumstances: for example an e-mail sent to the wrong people, a lost computer, "
            "a page shown to someone who should not see it."
        ),
    )
    data_concerned = models.TextField(
        _("which personal information"),
        help_text=_("What kind of information was exposed or lost (names, e-mails, ages, schools…)."),
    )
    people_affected = models.TextField(
        _("who is affected"),
        help_text=_("Describe them without naming them, for example « about 40 youths of Coaticook »."),
    )
    people_affected_count = models.PositiveIntegerField(
        _("how many people (estimate)"),
        null=True,
        blank=True,
        help_text=_("The law asks for the number of people concerned; an estimate is fine."),
    )
    risk_of_serious_injury = models.BooleanField(
        _("risk of serious injury"),
        default=False,
        help_text=_(
            "Tick if the incident could cause serious harm to someone (think of how sensitive the "
            "information is, what could be done with it and how likely it is). If so, the law requires "
            "notifying the Commission d'accès à l'information and the people concerned promptly."
        ),
    )
    measures_taken = models.TextField(
        _("measures taken"),
        help_text=_(
            "What was done to reduce the risk of harm and to prevent it from happening again. The law "
            "requires taking reasonable measures as soon as an incident is known."
        ),
    )
    reported_to_commission_at = models.DateField(
        _("Commission d'accès à l'information notified on"),
        null=True,
        blank=True,
        help_text=_("Required when there is a risk of serious injury. Leave empty otherwise."),
    )
    people_notified_at = models.DateField(
        _("people concerned notified on"),
        null=True,
        blank=True,
        help_text=_(
            "Required when there is a risk of serious injury (for a youth under 14, their parent or "
            "tutor). Leave empty otherwise."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-discovered_on", "-pk"]
        verbose_name = _("privacy incident")
        verbose_name_plural = _("privacy incidents")
        constraints = [
            models.CheckConstraint(
                condition=Q(discovered_on__gte=F("occurred_on")),
                name="privacy_incident_discovered_after_occurred",
            )
        ]

    def __str__(self) -> str:
        return str(_("Privacy incident of %(date)s") % {"date": self.occurred_on.isoformat()})

    @property
    def notifications_pending(self) -> bool:
        """A serious-injury risk whose notifications are not all recorded yet."""
        return self.risk_of_serious_injury and (
            self.reported_to_commission_at is None or self.people_notified_at is None
        )
