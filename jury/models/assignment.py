from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PanelMembership(models.Model):
    """A juror sits on the panel of a territory for an edition (a juror may sit on several)."""

    edition = models.ForeignKey(
        "contest.Edition",
        on_delete=models.CASCADE,
        related_name="panel_memberships",
        verbose_name=_("edition"),
    )
    territory = models.ForeignKey(
        "contest.Territory",
        on_delete=models.CASCADE,
        related_name="panel_memberships",
        verbose_name=_("territory"),
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="panel_memberships",
        verbose_name=_("juror"),
    )

    class Meta:
        verbose_name = _("panel membership")
        verbose_name_plural = _("panel memberships")
        constraints = [
            models.UniqueConstraint(fields=["edition", "territory", "juror"], name="unique_panel_membership")
        ]

    def __str__(self) -> str:
        return f"{self.juror} — {self.territory} ({self.edition.year})"


class Conflict(models.Model):
    """A declared conflict of interest: the juror never scores this candidacy."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("juror")
    )
    candidacy = models.ForeignKey(
        "nominations.Candidacy",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("candidacy"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    created_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["juror", "candidacy"], name="unique_conflict")]

    def __str__(self) -> str:
        return f"{self.juror} ≠ {self.candidacy}"


class Assignment(models.Model):
    """A juror is to score a candidacy."""

    candidacy = models.ForeignKey(
        "nominations.Candidacy",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("candidacy"),
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("juror"),
    )
    is_manual = models.BooleanField(_("added by hand"), default=False)
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        ordering = ["candidacy", "juror"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["candidacy", "juror"], name="unique_assignment")]
        indexes = [models.Index(fields=["juror", "candidacy"])]

    def __str__(self) -> str:
        return f"{self.juror} → {self.candidacy}"
