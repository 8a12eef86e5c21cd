"""Assigning jurors to candidacies: N jurors of the territory's panel each, load balanced, never a
juror with a declared conflict. Re-running fills gaps and never undoes work."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef

from contest.domain.audit import record_event
from contest.domain.roles import jurors
from contest.models import Edition
from jury.models import Assignment, Conflict, Evaluation, PanelMembership
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination


@dataclass
class AssignmentReport:
    created: int = 0
    short: list[Candidacy] = field(default_factory=list)  # not enough free jurors on the panel
    # Territory id -> how many assignments were created / how many candidacies still lack jurors.
    created_by_territory: Counter[int] = field(default_factory=Counter)
    short_by_territory: Counter[int] = field(default_factory=Counter)


def candidacies_to_judge(edition: Edition):
    """The edition's candidacies that have at least one eligible nomination."""
    eligible = Nomination.objects.filter(
        edition=OuterRef("edition"), employer=OuterRef("employer"), status=NominationStatus.ELIGIBLE
    )
    return Candidacy.objects.filter(edition=edition).filter(Exists(eligible))


def _candidacy_keys(candidacies) -> list[tuple[int, int, int]]:
    """(id, employer id, territory id) of each candidacy: read as plain values from a queryset, since
    building thousands of model instances costs more than the rest of the assignment."""
    if hasattr(candidacies, "values_list"):
        return list(candidacies.order_by().values_list("pk", "employer_id", "employer__territory_id"))
    return [(c.pk, c.employer_id, c.employer.territory_id) for c in candidacies]


@transaction.atomic
def assign_jurors(*, edition: Edition, candidacies=None, actor=None) -> AssignmentReport:
    """Give every candidacy (or those given) the edition's number of jurors, least-loaded first.

    Whatever the edition's phase: the staff's way is ``assign_missing_jurors``; this one serves the demo
    data and the reassignment after a conflict (which checks the window itself).

    A constant number of queries whatever the size: the panels, conflicts and existing assignments
    are read once, the new assignments written with one bulk insert (in batches)."""
    wanted = edition.jurors_per_candidacy
    if candidacies is None:
        candidacies = candidacies_to_judge(edition)
    keys = _candidacy_keys(candidacies)
    panels: dict[int, list[int]] = defaultdict(list)
    # Jurors only (active, in the Jurors group): an account taken out of the group but left on a panel
    # could not open its jury area.
    for territory_id, juror_id in PanelMembership.objects.filter(
        edition=edition, juror__in=jurors().values("pk")
    ).values_list("territory_id", "juror_id"):
        panels[territory_id].append(juror_id)
    conflicts = set(
        Conflict.objects.filter(candidacy__edition=edition).values_list("juror_id", "candidacy_id")
    )
    assigned: dict[int, set[int]] = defaultdict(set)
    load: Counter[int] = Counter()
    for candidacy_id, juror_id in Assignment.objects.filter(candidacy__edition=edition).values_list(
        "candidacy_id", "juror_id"
    ):
        assigned[candidacy_id].add(juror_id)
        load[juror_id] += 1

    report = AssignmentReport()
    new: list[Assignment] = []
    # Candidacies with the fewest jurors first, so that scarce jurors go where they are most needed.
    for candidacy_id, employer_id, territory_id in sorted(keys, key=lambda k: (len(assigned[k[0]]), k[0])):
        have = assigned[candidacy_id]
        missing = wanted - len(have)
        if missing <= 0:
            continue
        pool = [
            juror_id
            for juror_id in panels[territory_id]
            if juror_id not in have and (juror_id, candidacy_id) not in conflicts
        ]
        pool.sort(key=lambda juror_id: (load[juror_id], juror_id))
        for juror_id in pool[:missing]:
            new.append(Assignment(candidacy_id=candidacy_id, juror_id=juror_id))
            have.add(juror_id)
            load[juror_id] += 1
            report.created_by_territory[territory_id] += 1
        if len(pool) < missing:
            report.short.append(Candidacy(pk=candidacy_id, edition_id=edition.pk, employer_id=employer_id))
            report.short_by_territory[territory_id] += 1
    Assignment.objects.bulk_create(new, ignore_conflicts=True)
    report.created = len(new)
    record_event("assignments.automatic", actor=actor, target=edition, created=report.created)
    return report


class AssignmentError(ValueError):
    """Why an assignment cannot change: ``code`` is conflict (the juror declared one), submitted (work
    would be lost) or closed (the jury window has closed)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def assignments_can_change(edition: Edition) -> bool:
    """Until the jury window closes: a juror assigned after it could never score."""
    return not edition.jury_window_closed


def ensure_assignments_can_change(edition: Edition) -> None:
    """Refuse the staff's assignments (by hand or automatic) once the jury window has closed."""
    if not assignments_can_change(edition):
        raise AssignmentError("closed")


def assign_missing_jurors(*, edition: Edition, actor=None) -> AssignmentReport:
    """The staff's automatic assignment: every candidacy to judge gets its missing jurors, until the
    jury window closes (then AssignmentError("closed") and nothing changes)."""
    ensure_assignments_can_change(edition)
    return assign_jurors(edition=edition, actor=actor)


def add_assignment(*, candidacy: Candidacy, juror, actor=None) -> Assignment:
    """Staff override: assign a juror by hand (never one with a declared conflict, never after the jury
    window)."""
    ensure_assignments_can_change(candidacy.edition)
    if Conflict.objects.filter(candidacy=candidacy, juror=juror).exists():
        raise AssignmentError("conflict")
    assignment, created = Assignment.objects.get_or_create(
        candidacy=candidacy, juror=juror, defaults={"is_manual": True}
    )
    if created:
        record_event(
            "assignment.added", actor=actor, target=candidacy, juror=juror.pk, assignment=assignment.pk
        )
    return assignment


@transaction.atomic
def remove_assignment(*, assignment: Assignment, actor=None) -> None:
    """Staff override: remove an assignment; a submitted evaluation is never thrown away."""
    # Lock the assignment row alone before reading its evaluation, as save_evaluation does: a juror's
    # submission cannot land between the check below and the deletion.
    if Assignment.objects.select_for_update().filter(pk=assignment.pk).values_list("pk").first() is None:
        return  # removed meanwhile
    evaluation = Evaluation.objects.filter(assignment=assignment).first()
    if evaluation is not None:
        if evaluation.is_submitted:
            raise AssignmentError("submitted")
        evaluation.delete()
    record_event(
        "assignment.removed",
        actor=actor,
        target=assignment.candidacy,
        juror=assignment.juror_id,
        assignment=assignment.pk,
    )
    assignment.delete()
