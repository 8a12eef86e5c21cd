"""Forming the jury: panels per territory, conflicts of interest."""

from __future__ import annotations

from django.db import transaction

from contest.domain.audit import record_event
from contest.models import Edition, Territory
from jury.domain.assignment import assign_jurors, assignments_can_change, candidacies_to_judge
from jury.models import Assignment, Conflict, Evaluation, PanelMembership
from nominations.models import Candidacy


class PanelError(ValueError):
    """The panels of an edition whose results are published no longer change."""


def panels_can_change(edition: Edition) -> bool:
    """Until the staff publish the results: from then on the panels are part of the edition's record."""
    return edition.published_at is None


@transaction.atomic
def set_panel(*, edition: Edition, territory: Territory, jurors) -> None:
    """The territory's panel becomes exactly these jurors (assignments already made stay).

    PanelError once the edition's results are published."""
    if not panels_can_change(edition):
        raise PanelError("published")
    wanted = {juror.pk for juror in jurors}
    current = PanelMembership.objects.filter(edition=edition, territory=territory)
    current.exclude(juror_id__in=wanted).delete()
    existing = set(current.values_list("juror_id", flat=True))
    PanelMembership.objects.bulk_create(
        PanelMembership(edition=edition, territory=territory, juror_id=pk) for pk in wanted - existing
    )


class ConflictError(ValueError):
    """Why a conflict is not recorded: ``code`` is submitted (the juror's evaluation of the candidacy is
    submitted) or closed (a juror declaring after the jury window)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def jurors_can_declare_conflicts(edition: Edition) -> bool:
    """Jurors declare their own conflicts until the jury window closes (before it too, as soon as they
    see their list): after it nobody could score in their place."""
    return not edition.jury_window_closed


def declare_own_conflict(*, juror, candidacy: Candidacy, reason: str = "") -> Conflict:
    """A juror's own declaration: ConflictError("closed") once the jury window has closed (staff can
    still record one)."""
    if not jurors_can_declare_conflicts(candidacy.edition):
        raise ConflictError("closed")
    return declare_conflict(juror=juror, candidacy=candidacy, reason=reason, declared_by=juror)


@transaction.atomic
def declare_conflict(*, juror, candidacy: Candidacy, reason: str = "", declared_by=None) -> Conflict:
    """Record a conflict of interest (and an audit event, ids only). The juror's assignment on the
    candidacy goes, unless its evaluation is submitted: then ConflictError("submitted") and nothing is
    recorded. Until the jury window closes the candidacy gets another juror from its panel; after it,
    nobody could score in the juror's place, so the conflict is only recorded."""
    # Lock the assignment row alone before reading its evaluation, as save_evaluation does: a juror's
    # submission cannot land between the check below and the deletion.
    assignment = Assignment.objects.select_for_update().filter(juror=juror, candidacy=candidacy).first()
    evaluation = Evaluation.objects.filter(assignment=assignment).first() if assignment is not None else None
    if evaluation is not None and evaluation.is_submitted:
        raise ConflictError("submitted")
    conflict, created = Conflict.objects.get_or_create(
        juror=juror, candidacy=candidacy, defaults={"reason": reason.strip(), "declared_by": declared_by}
    )
    if evaluation is not None:
        evaluation.delete()
    if assignment is not None:
        assignment.delete()
    reassigned = 0
    if assignments_can_change(candidacy.edition):
        reassigned = assign_jurors(
            edition=candidacy.edition,
            candidacies=candidacies_to_judge(candidacy.edition).filter(pk=candidacy.pk),
            actor=declared_by,
        ).created
    if created:
        record_event(
            "conflict.declared",
            actor=declared_by,
            target=candidacy,
            juror=juror.pk,
            conflict=conflict.pk,
            assignment_removed=assignment is not None,
            reassigned=reassigned,
        )
    return conflict
