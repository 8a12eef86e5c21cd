"""Merging two employers that are the same business. Lives in the jury app because a candidacy's
assignments and evaluations (jury data) follow the nominations (nominations data)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from contest.domain.audit import record_event
from contest.domain.public_cache import invalidate_public_pages
from jury.domain.ranking_store import mark_stale
from jury.enums import NOT_STARTED, EvaluationStatus
from jury.models import Assignment, Award, Conflict
from nominations.domain.privacy import delete_file_on_commit
from nominations.models import Candidacy, Employer, EmployerNotice, Nomination

# Why the merge deletes an assignment (and its evaluation) when two candidacies join.
DROPPED_FOR_CONFLICT = "conflict"  # its juror declared a conflict of interest with one of the two
DROPPED_FOR_DUPLICATE = "duplicate"  # its juror was assigned to both: the other assignment is kept


@dataclass(frozen=True)
class DroppedAssignment:
    """An assignment that joining two candidacies deletes, with its evaluation: staff see each one in the
    preview before confirming."""

    assignment: Assignment  # with its juror, its candidacy's employer and edition
    reason: str  # DROPPED_FOR_CONFLICT or DROPPED_FOR_DUPLICATE
    status: str  # NOT_STARTED, or the evaluation's status

    @property
    def juror(self):
        return self.assignment.juror

    @property
    def is_submitted(self) -> bool:
        return self.status == EvaluationStatus.SUBMITTED

    @property
    def is_protected(self) -> bool:
        """A submitted evaluation of an edition whose jury window has closed: nobody could score in its
        place, and it may already count in the results, so the merge refuses to delete it."""
        return self.is_submitted and self.assignment.candidacy.edition.jury_window_closed


class MergeError(ValueError):
    """Why two employers are not merged: ``code`` is ``submitted_after_jury`` (joining their candidacies
    would delete a submitted evaluation of an edition whose jury window has closed)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class MergePreview:
    nominations_moving: int
    nominations_dropped: int  # the same e-mail nominated both: the target's nomination is kept
    candidacies_moving: int
    candidacies_joined: int
    assignments_moving: int  # the source's assignments kept by the merge
    assignments_dropped: tuple[DroppedAssignment, ...] = ()

    @property
    def submitted_dropped(self) -> list[DroppedAssignment]:
        """The submitted evaluations the merge would throw away (named by juror in the preview)."""
        return [item for item in self.assignments_dropped if item.is_submitted]

    @property
    def protected_dropped(self) -> list[DroppedAssignment]:
        """The submitted evaluations after the jury window that forbid the merge (``MergeError``)."""
        return [item for item in self.assignments_dropped if item.is_protected]


def _duplicate_nominations(source: Employer, target: Employer):
    target_keys = Nomination.objects.filter(employer=target).values_list("edition_id", "email")
    keys = set(target_keys)
    return [n for n in Nomination.objects.filter(employer=source) if (n.edition_id, n.email) in keys]


def _joining(source: Employer, target: Employer) -> list[tuple[Candidacy, Candidacy | None]]:
    """Each candidacy of the source with the target's candidacy of the same edition (None: it moves)."""
    target_candidacies = {c.edition_id: c for c in Candidacy.objects.filter(employer=target)}
    return [(c, target_candidacies.get(c.edition_id)) for c in Candidacy.objects.filter(employer=source)]


def _status(assignment: Assignment) -> str:
    evaluation = getattr(assignment, "evaluation", None)
    return NOT_STARTED if evaluation is None else evaluation.status


def _progress(assignment: Assignment, target: Candidacy) -> tuple[int, int, bool]:
    """Which of one juror's two assignments the merge keeps: a submitted evaluation over a draft, a
    draft with more scores over one with fewer, else the target's (always, when both are submitted)."""
    evaluation = getattr(assignment, "evaluation", None)
    if evaluation is None:
        rank = (0, 0)
    elif evaluation.is_submitted:
        rank = (2, 0)
    else:
        rank = (1, evaluation.scores.count())
    return (*rank, assignment.candidacy_id == target.pk)


def _assignments_dropped(source: Candidacy, target: Candidacy) -> list[DroppedAssignment]:
    """What joining ``source`` into ``target`` deletes: every assignment of a juror who declared a
    conflict with either candidacy (the joined candidacy never keeps a juror in conflict), and, where a
    juror has both, the one ``_progress`` ranks lower."""
    conflicted = set(
        Conflict.objects.filter(candidacy__in=[source, target]).values_list("juror_id", flat=True)
    )
    by_juror: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(candidacy__in=[source, target])
        .select_related("juror", "evaluation", "candidacy__employer", "candidacy__edition")
        .order_by("pk")
    ):
        by_juror[assignment.juror_id].append(assignment)
    dropped = []
    for juror_id, assignments in by_juror.items():
        if juror_id in conflicted:
            losers, reason = assignments, DROPPED_FOR_CONFLICT
        else:
            kept = max(assignments, key=lambda a: _progress(a, target))
            losers, reason = [a for a in assignments if a is not kept], DROPPED_FOR_DUPLICATE
        dropped.extend(DroppedAssignment(assignment=a, reason=reason, status=_status(a)) for a in losers)
    return dropped


def _joins(joining: list[tuple[Candidacy, Candidacy | None]]) -> list[tuple[Candidacy, Candidacy]]:
    """The pairs of candidacies of one edition that the merge joins (the others move)."""
    return [(candidacy, kept) for candidacy, kept in joining if kept is not None]


def _dropped_in(joins: list[tuple[Candidacy, Candidacy]]) -> list[DroppedAssignment]:
    return [item for pair in joins for item in _assignments_dropped(*pair)]


def preview_employer_merge(*, source: Employer, target: Employer) -> MergePreview:
    dropped_nominations = _duplicate_nominations(source, target)
    joining = _joining(source, target)
    joins = _joins(joining)
    dropped = _dropped_in(joins)
    source_dropped = sum(1 for item in dropped if item.assignment.candidacy.employer_id == source.pk)
    return MergePreview(
        nominations_moving=Nomination.objects.filter(employer=source).count() - len(dropped_nominations),
        nominations_dropped=len(dropped_nominations),
        candidacies_moving=len(joining) - len(joins),
        candidacies_joined=len(joins),
        assignments_moving=Assignment.objects.filter(candidacy__employer=source).count() - source_dropped,
        assignments_dropped=tuple(dropped),
    )


@transaction.atomic
def merge_employers(*, source: Employer, target: Employer, actor=None) -> Employer:
    """Move everything of ``source`` onto ``target``, then delete ``source``.

    Nominations move (a duplicate of the same e-mail in the same edition is dropped, its photo file
    with it, the target's kept); a candidacy moves, or joins the target's candidacy of the same edition
    with its assignments, evaluations and conflicts, minus what ``preview_employer_merge`` lists as
    dropped (a juror in conflict with either loses both assignments; a juror on both keeps one).

    Once an edition's jury window has closed, none of its submitted evaluations is dropped: the merge is
    then refused with ``MergeError("submitted_after_jury")`` and nothing changes."""
    if source.pk == target.pk:
        raise ValueError("same employer")
    # Lock both rows in a fixed order so that two merges cannot deadlock.
    locked = {
        e.pk: e
        for e in Employer.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]

    # Before anything changes, lock the assignments of the candidacies that join and decide which go.
    joining = _joining(source, target)
    joins = _joins(joining)
    _lock_assignments([candidacy for pair in joins for candidacy in pair])
    assignments_dropped = _dropped_in(joins)
    if any(item.is_protected for item in assignments_dropped):
        raise MergeError("submitted_after_jury")

    dropped = _duplicate_nominations(source, target)
    for nomination in dropped:
        delete_file_on_commit(nomination.photo)
        nomination.delete()
    moved = Nomination.objects.filter(employer=source).update(employer=target)

    for candidacy, kept in joining:
        if kept is None:
            candidacy.employer = target
            candidacy.save(update_fields=["employer"])
    _delete_assignments(assignments_dropped)
    for candidacy, kept in joins:
        _join_candidacies(candidacy, kept)

    # The target keeps the record that each edition already told the business it was nominated.
    told = EmployerNotice.objects.filter(employer=target).values("edition")
    EmployerNotice.objects.filter(employer=source).exclude(edition__in=told).update(employer=target)

    changed = []
    for name in ("sector", "contact_email"):
        if not getattr(target, name) and getattr(source, name):
            setattr(target, name, getattr(source, name))
            changed.append(name)
    if changed:
        target.save(update_fields=changed)
    record_event(
        "employers.merged",
        actor=actor,
        target=target,
        source=source.pk,
        nominations_moved=moved,
        nominations_dropped=len(dropped),
        candidacies_joined=len(joins),
        assignments_dropped=len(assignments_dropped),
        submitted_evaluations_dropped=sum(1 for item in assignments_dropped if item.is_submitted),
    )
    source.delete()
    mark_stale()  # every edition the two employers took part in: nominations moved with update()
    invalidate_public_pages()
    return target


def _lock_assignments(candidacies: list[Candidacy]) -> None:
    """Lock the candidacies' assignment rows (the rows alone, as ``save_evaluation`` does), in a fixed
    order: a juror's save waits for the merge, or the merge reads the evaluation the juror committed."""
    if candidacies:
        list(
            Assignment.objects.select_for_update()
            .filter(candidacy__in=candidacies)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def _delete_assignments(dropped: list[DroppedAssignment]) -> None:
    for item in dropped:
        evaluation = getattr(item.assignment, "evaluation", None)
        if evaluation is not None:
            evaluation.delete()
        item.assignment.delete()


def _join_candidacies(source: Candidacy, target: Candidacy) -> None:
    """Move what is left of ``source`` (its dropped assignments already deleted) onto ``target``."""
    Assignment.objects.filter(candidacy=source).update(candidacy=target)
    Award.objects.filter(candidacy=source).update(candidacy=target)
    for conflict in Conflict.objects.filter(candidacy=source):
        if Conflict.objects.filter(candidacy=target, juror=conflict.juror_id).exists():
            conflict.delete()
        else:
            conflict.candidacy = target
            conflict.save(update_fields=["candidacy"])
    source.delete()
