from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.enums import Sector
from nominations.normalize import NORMALIZED_NAME_MAX_LENGTH, employer_key, normalize_name


def logo_path(instance: Employer, filename: str) -> str:
    """Generated names only: nothing the uploader typed reaches the file system."""
    return f"employers/logos/{uuid.uuid4().hex}.png"


class EmployerQuerySet(models.QuerySet):
    def matching(self, query: str) -> EmployerQuerySet:
        """Employers whose key contains the query's; none for a query that names no business (only
        punctuation or a legal form such as « inc. », which every name would otherwise match)."""
        key = normalize_name(query)
        if not key:
            return self.none()
        return self.filter(normalized_name__contains=key)


class Employer(models.Model):
    """A business. Every nomination of the same business meets on one Employer."""

    name = models.CharField(_("name"), max_length=200)
    normalized_name = models.CharField(
        _("normalised name"), max_length=NORMALIZED_NAME_MAX_LENGTH, editable=False
    )
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
    # The public profile, filled by the employer's contact through the claim link.
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    logo_thumbnail = models.ImageField(_("logo thumbnail"), upload_to=logo_path, blank=True, editable=False)
    description = models.TextField(_("short description"), max_length=600, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_opt_out = models.BooleanField(_("left out of the public list of engaged employers"), default=False)
    claimed_at = models.DateTimeField(_("profile claimed"), null=True, blank=True, editable=False)
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
        self.normalized_name = employer_key(self.name)
        self.territory_id = self.municipality.territory_id
        super().save(*args, **kwargs)
