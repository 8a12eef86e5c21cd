from django.db import models
from django.utils.translation import gettext_lazy as _


class EmployerNotice(models.Model):
    """An employer was e-mailed, in an edition, that it was nominated (with its claim link).

    Once per employer and edition: this record outlives the candidacy, which goes when its last
    eligible nomination is screened out or withdrawn, and may come back with the next one."""

    edition = models.ForeignKey(
        "contest.Edition", on_delete=models.CASCADE, related_name="+", verbose_name=_("edition")
    )
    employer = models.ForeignKey(
        "nominations.Employer",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("employer"),
    )
    sent_at = models.DateTimeField(_("employer told of the nomination"))

    class Meta:
        verbose_name = _("employer told of a nomination")
        verbose_name_plural = _("employers told of a nomination")
        constraints = [
            models.UniqueConstraint(fields=["edition", "employer"], name="one_employer_notice_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.employer.name} — {self.edition.year}"
