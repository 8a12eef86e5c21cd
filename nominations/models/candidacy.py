from django.db import models
from django.utils.translation import gettext_lazy as _


class Candidacy(models.Model):
    """An employer in an edition, gathering its eligible nominations. The jury scores candidacies.

    Whether the employer was told of it is an ``EmployerNotice`` (which outlives the candidacy)."""

    edition = models.ForeignKey(
        "contest.Edition", on_delete=models.CASCADE, related_name="candidacies", verbose_name=_("edition")
    )
    employer = models.ForeignKey(
        "nominations.Employer",
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name=_("employer"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["employer__name"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            models.UniqueConstraint(fields=["edition", "employer"], name="unique_candidacy_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.employer.name} — {self.edition.year}"
