from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.enums import Sector
from nominations.normalize import normalize_name


class EmployerQuerySet(models.QuerySet):
    def matching(self, query: str) -> EmployerQuerySet:
        return self.filter(normalized_name__contains=normalize_name(query))


class Employer(models.Model):
    """A business. Every nomination of the same business meets on one Employer."""

    name = models.CharField(_("name"), max_length=200)
    normalized_name = models.CharField(_("normalised name"), max_length=200, editable=False)
    municipality = models.ForeignKey(
        "contest.Municipality",
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("municipality"),
    )
    # Stored so that per-territory lists are one join away; follows the municipality.
    territory = models.ForeignKey(
        "contest.Territory",
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("territory"),
        editable=False,
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_name", "municipality"], name="unique_employer_per_municipality"
            )
        ]
        indexes = [models.Index(fields=["territory", "normalized_name"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    def save(self, *args, **kwargs) -> None:
        # Derived fields, kept in step with what they derive from (not business logic).
        self.normalized_name = normalize_name(self.name)
        self.territory_id = self.municipality.territory_id
        super().save(*args, **kwargs)
