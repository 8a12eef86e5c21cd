"""Merging two employers that are the same business. Lives in the jury app because a candidacy's
assignments and evaluations (jury data) follow the nominations (nominations data)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from contest.domain.audit import record_event
from contest.domain.public_cache import invalidate_public_pages
from jury.domain.ranking_store import mark_stale
from jury.models import Assignment, Award, Conflict
from nominations.models import Candidacy, Employer, Nomination


@dataclass(frozen=True)
class MergePreview:
    nominations_moving: int
    nominations_dropped: int  # the same e-mail nominated both: the target's nomination is kept
    candidacies_moving: int
    candidacies_joined: int
    assignments_moving: int


def _duplicate_nominations(source: Employer, target: Employer):
    target_keys = Nomination.objects.filter(employer=target).values_list("edition_id", "email")
    keys = set(target_keys)
    return [n for n in Nomination.objects.filter(employer=source) if (n.edition_id, n.email) in keys]


def preview_employer_merge(*, source: Employer, target: Employer) -> MergePreview:
    dropped = _duplicate_nominations(source, target)
    target_editions = set(Candidacy.objects.filter(employer=target).values_list("edition_id", flat=True))
    source_candidacies = list(Candidacy.objects.filter(employer=source))
    return MergePreview(
        nominations_moving=Nomination.objects.filter(employer=source).count() - len(dropped),
        nominations_dropped=len(dropped),
        candidacies_moving=sum(1 for c in source_candidacies if c.edition_id not in target_editions),
        candidacies_joined=sum(1 for c in source_candidacies if c.edition_id in target_editions),
        assignments_moving=Assignment.objects.filter(candidacy__employer=source).count(),
    )


@transaction.atomic
def merge_employers(*, source: Employer, target: Employer, actor=None) -> Employer:
    """Move everything of ``source`` onto ``target``, then delete ``source``.

    Nominations move (a duplicate of the same e-mail in the same edition is dropped, the target's
    kept); a candidacy moves, or joins the target's candidacy of the same edition with its
    assignments and evaluations (where one juror had both, the more advanced evaluation is kept)."""
    if source.pk == target.pk:
        raise ValueError("same employer")
    # Lock both rows in a fixed order so that two merges cannot deadlock.
    locked = {
        e.pk: e
        for e in Employer.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]

    dropped = _duplicate_nominations(source, target)
    for nomination in dropped:
        nomination.delete()
    moved = Nomination.objects.filter(employer=source).update(employer=target)

    target_candidacies = {c.edition_id: c for c in Candidacy.objects.filter(employer=target)}
    joined = 0
    for candidacy in Candidacy.objects.filter(employer=source):
        kept = target_candidacies.get(candidacy.edition_id)
        if kept is None:
            candidacy.employer = target
            candidacy.save(update_fields=["employer"])
            continue
        _join_candidacies(candidacy, kept)
        joined += 1

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
        candidacies_joined=joined,
    )
    source.delete()
    mark_stale()  # every edition the two employers took part in: nominations moved with update()
    invalidate_public_pages()
    return target


def _progress(assignment: Assignment) -> tuple[int, int]:
    evaluation = getattr(assignment, "evaluation", None)
    if evaluation is None:
        return (0, 0)
    return (2 if evaluation.is_submitted else 1, evaluation.scores.count())


def _join_candidacies(source: Candidacy, target: Candidacy) -> None:
    target_assignments = {a.juror_id: a for a in target.assignments.select_related("evaluation")}
    for assignment in source.assignments.select_related("evaluation"):
        other = target_assignments.get(assignment.juror_id)
        if other is None:
            assignment.candidacy = target
            assignment.save(update_fields=["candidacy"])
            continue
        loser, winner = sorted([assignment, other], key=_progress)
        if getattr(loser, "evaluation", None) is not None:
            loser.evaluation.delete()
        loser.delete()
        if winner.candidacy_id != target.pk:
            winner.candidacy = target
            winner.save(update_fields=["candidacy"])
    Award.objects.filter(candidacy=source).update(candidacy=target)
    for conflict in Conflict.objects.filter(candidacy=source):
        if Conflict.objects.filter(candidacy=target, juror=conflict.juror_id).exists():
            conflict.delete()
        else:
            conflict.candidacy = target
            conflict.save(update_fields=["candidacy"])
    source.delete()
