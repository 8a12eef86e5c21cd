from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jury.enums import EvaluationStatus


class Evaluation(models.Model):
    """One juror's scores for one candidacy: a draft until submitted, then locked (staff may reopen).

    ``weighted_total`` is written by ``jury.domain.scoring.save_evaluation`` only, never set directly:
    the weighted mean of the scores, each brought to 0–100 on its criterion's scale.
    """

    assignment = models.OneToOneField(
        "jury.Assignment", on_delete=models.PROTECT, related_name="evaluation", verbose_name=_("assignment")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    weighted_total = models.DecimalField(
        pgettext_lazy("score", "weighted total"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return str(self.assignment)

    @property
    def is_submitted(self) -> bool:
        return self.status == EvaluationStatus.SUBMITTED


class Score(models.Model):
    """A juror's score on one criterion."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        "contest.Criterion", on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(pgettext_lazy("score", "score"))

    class Meta:
        verbose_name = pgettext_lazy("score", "score")
        verbose_name_plural = pgettext_lazy("score", "scores")
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
