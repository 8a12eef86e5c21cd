"""Scoring: the only place that writes evaluations and their weighted total."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from contest.domain.audit import record_event
from contest.enums import Phase
from contest.models import Criterion
from jury.domain.ranking_store import mark_stale
from jury.enums import EvaluationStatus
from jury.models import Assignment, Evaluation, Score

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class ScoringError(ValueError):
    """Why an evaluation cannot be saved: ``code`` is one of closed, locked, incomplete, out_of_range,
    unassigned (the assignment was removed, or declared a conflict, while the juror was scoring)."""

    def __init__(self, code: str, criteria: list[Criterion] | None = None):
        super().__init__(code)
        self.code = code
        self.criteria = criteria or []


def weighted_total(criteria: list[Criterion], values: dict[int, int]) -> Decimal | None:
    """The weighted mean of the scores, each brought to 0–100 on its criterion's scale.

    None unless every criterion has a score (or when all weights are zero)."""
    if any(criterion.pk not in values for criterion in criteria):
        return None
    weights = sum((criterion.weight for criterion in criteria), Decimal(0))
    if not criteria or weights == 0:
        return None
    total = sum(
        (
            criterion.weight
            * Decimal(values[criterion.pk] - criterion.scale_min)
            / Decimal(criterion.scale_max - criterion.scale_min)
            for criterion in criteria
        ),
        Decimal(0),
    )
    return (total / weights * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


@transaction.atomic
def save_evaluation(
    *, assignment: Assignment, values: dict[int, int | None], comment: str = "", submit: bool = False
) -> Evaluation:
    """Save a juror's draft, or submit it (every criterion scored), inside the jury window only.

    A submitted evaluation is locked. Concurrent saves of one evaluation make one row."""
    # Lock the assignment row alone, then read it with its candidacy: a lock taken through a join would
    # lock the candidacy and the edition too (every juror of the edition waiting for each other), and
    # on PostgreSQL it finds no row when a merge of employers has just moved the assignment.
    try:
        Assignment.objects.select_for_update().filter(pk=assignment.pk).values_list("pk").get()
    except Assignment.DoesNotExist:
        raise ScoringError("unassigned") from None
    assignment = Assignment.objects.select_related("candidacy__edition").get(pk=assignment.pk)
    edition = assignment.candidacy.edition
    if edition.phase != Phase.JURY:
        raise ScoringError("closed")
    evaluation, _created = Evaluation.objects.get_or_create(assignment=assignment)
    if evaluation.is_submitted:
        raise ScoringError("locked")
    criteria = list(Criterion.objects.for_edition(edition))
    scored = {pk: value for pk, value in values.items() if value is not None}
    out_of_range = [c for c in criteria if c.pk in scored and not c.scale_min <= scored[c.pk] <= c.scale_max]
    if out_of_range:
        raise ScoringError("out_of_range", out_of_range)
    known = {criterion.pk for criterion in criteria}
    scored = {pk: value for pk, value in scored.items() if pk in known}
    if submit:
        missing = [criterion for criterion in criteria if criterion.pk not in scored]
        if missing:
            raise ScoringError("incomplete", missing)

    evaluation.scores.all().delete()
    Score.objects.bulk_create(
        Score(evaluation=evaluation, criterion_id=pk, value=value) for pk, value in scored.items()
    )
    evaluation.comment = comment.strip()
    evaluation.weighted_total = weighted_total(criteria, scored)
    if submit:
        evaluation.status = EvaluationStatus.SUBMITTED
        evaluation.submitted_at = timezone.now()
    evaluation.save()
    if submit:
        mark_stale(edition=edition)
        record_event(
            "evaluation.submitted",
            actor=assignment.juror,
            target=assignment.candidacy,
            evaluation=evaluation.pk,
        )
    return evaluation


def can_reopen_evaluations(edition) -> bool:
    """Only while the jury is at work: the juror must be able to submit again. Reopened after the window,
    an evaluation would silently leave the ranking (and change results already published)."""
    return edition.phase == Phase.JURY


def reopen_evaluation(*, evaluation: Evaluation, actor=None) -> Evaluation:
    """Staff unlock a submitted evaluation so that its juror can change it (ScoringError("closed")
    outside the jury window)."""
    if not can_reopen_evaluations(evaluation.assignment.candidacy.edition):
        raise ScoringError("closed")
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=EvaluationStatus.DRAFT, submitted_at=None, updated_at=timezone.now()
    )
    mark_stale(edition=evaluation.assignment.candidacy.edition_id)
    record_event(
        "evaluation.reopened",
        actor=actor,
        target=evaluation.assignment.candidacy,
        evaluation=evaluation.pk,
        juror=evaluation.assignment.juror_id,
    )
    evaluation.refresh_from_db()
    return evaluation
