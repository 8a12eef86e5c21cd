from django.db import models
from django.utils.translation import gettext_lazy as _


class Territory(models.Model):
    """A territory (MRC) of the contest's region; one winner is proclaimed in each."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    mrc_code = models.CharField(_("MRC code"), max_length=3, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A local municipality; a nominator picks one and the territory follows."""

    territory = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("territory")
    )
    name = models.CharField(_("name"), max_length=120)
    designation = models.CharField(_("official designation"), max_length=40, blank=True)

    class Meta:
        ordering = ["name", "designation"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "name", "designation"], name="unique_municipality_per_territory"
            )
        ]

    def __str__(self) -> str:
        # Two municipalities may share a name (Hatley the municipality, Hatley the township).
        if self.designation and self.designation not in {"Municipalité", "Ville"}:
            return f"{self.name} ({self.designation.lower()})"
        return self.name
