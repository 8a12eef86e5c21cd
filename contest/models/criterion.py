from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .translated import TranslatedFieldsMixin


class CriterionQuerySet(models.QuerySet):
    def default_set(self) -> CriterionQuerySet:
        """The template set, copied into each new edition."""
        return self.filter(edition__isnull=True)

    def for_edition(self, edition) -> CriterionQuerySet:
        return self.filter(edition=edition)


class Criterion(TranslatedFieldsMixin, models.Model):
    """What the jury scores, with a weight, a scale and a rubric.

    A criterion without an edition belongs to the default set that new editions copy.
    """

    edition = models.ForeignKey(
        "contest.Edition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("edition"),
        help_text=_("Empty: part of the default set copied into new editions."),
    )
    code = models.SlugField(_("code"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    prompt = models.CharField(_("question asked to the youth (French)"), max_length=300, blank=True)
    prompt_en = models.CharField(_("question asked to the youth (English)"), max_length=300, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=4)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="unique_criterion_code_per_edition"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(edition__isnull=True),
                name="unique_criterion_code_in_default_set",
            ),
            models.CheckConstraint(
                condition=Q(scale_min__lt=models.F("scale_max")), name="criterion_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.localized("name")

    @property
    def label(self) -> str:
        return self.localized("name")

    @property
    def help_text(self) -> str:
        return self.localized("description")

    @property
    def question(self) -> str:
        return self.localized("prompt") or self.label


class RubricLevel(TranslatedFieldsMixin, models.Model):
    """What one score on a criterion's scale means."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="rubric", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.CharField(_("meaning (French)"), max_length=300)
    text_en = models.CharField(_("meaning (English)"), max_length=300, blank=True)

    class Meta:
        ordering = ["criterion", "score"]
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        constraints = [models.UniqueConstraint(fields=["criterion", "score"], name="unique_rubric_score")]

    def __str__(self) -> str:
        return f"{self.score}: {self.localized('text')}"

    @property
    def meaning(self) -> str:
        return self.localized("text")
