"""Forming the jury: panels per territory, conflicts of interest."""

from __future__ import annotations

from django.db import transaction

from contest.models import Edition, Territory
from jury.domain.assignment import assign_jurors, candidacies_to_judge
from jury.models import Assignment, Conflict, PanelMembership
from nominations.models import Candidacy


@transaction.atomic
def set_panel(*, edition: Edition, territory: Territory, jurors) -> None:
    """The territory's panel becomes exactly these jurors (assignments already made stay)."""
    wanted = {juror.pk for juror in jurors}
    current = PanelMembership.objects.filter(edition=edition, territory=territory)
    current.exclude(juror_id__in=wanted).delete()
    existing = set(current.values_list("juror_id", flat=True))
    PanelMembership.objects.bulk_create(
        PanelMembership(edition=edition, territory=territory, juror_id=pk) for pk in wanted - existing
    )


class ConflictError(ValueError):
    pass


@transaction.atomic
def declare_conflict(*, juror, candidacy: Candidacy, reason: str = "", declared_by=None) -> Conflict:
    """Record a conflict of interest. The juror's assignment on the candidacy goes unless it was
    submitted, and the candidacy gets another juror from its panel."""
    conflict, _created = Conflict.objects.get_or_create(
        juror=juror, candidacy=candidacy, defaults={"reason": reason.strip(), "declared_by": declared_by}
    )
    assignment = (
        Assignment.objects.filter(juror=juror, candidacy=candidacy).select_related("evaluation").first()
    )
    if assignment is not None:
        evaluation = getattr(assignment, "evaluation", None)
        if evaluation is not None and evaluation.is_submitted:
            raise ConflictError("submitted")
        if evaluation is not None:
            evaluation.delete()
        assignment.delete()
    assign_jurors(
        edition=candidacy.edition,
        candidacies=candidacies_to_judge(candidacy.edition).filter(pk=candidacy.pk),
        actor=declared_by,
    )
    return conflict
