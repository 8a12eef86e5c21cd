from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jury.enums import AwardKind


class Award(models.Model):
    """A winner of an edition: « meilleur boss » of a territory, or a regional prize.

    Chosen by staff through ``jury.domain.awards``; choosing other than the top of the ranking is an
    override, whose reason is recorded."""

    edition = models.ForeignKey(
        "contest.Edition", on_delete=models.CASCADE, related_name="awards", verbose_name=_("edition")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AwardKind.choices)
    territory = models.ForeignKey(
        "contest.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("territory"),
    )
    title = models.CharField(
        _("prize name"), max_length=120, blank=True, help_text=_("For a regional prize: « Coup de cœur »…")
    )
    candidacy = models.ForeignKey(
        "nominations.Candidacy", on_delete=models.PROTECT, related_name="awards", verbose_name=_("candidacy")
    )
    is_override = models.BooleanField(_("not the top of the ranking"), default=False)
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen by"),
    )
    chosen_at = models.DateTimeField(_("chosen"), auto_now=True)

    class Meta:
        ordering = ["edition", "kind", "territory__name", "title"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "territory"],
                condition=Q(kind=AwardKind.TERRITORY_WINNER),
                name="one_winner_per_territory",
            ),
            models.CheckConstraint(
                condition=~Q(kind=AwardKind.TERRITORY_WINNER) | Q(territory__isnull=False),
                name="territory_winner_has_territory",
            ),
            models.CheckConstraint(
                condition=~Q(is_override=True) | ~Q(reason=""),
                name="override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.territory or self.title} — {self.candidacy}"
