"""Reads for the jury's and the staff's pages. Each is a constant number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from contest.models import Edition, Territory
from jury.enums import EvaluationStatus
from jury.models import Assignment, Evaluation
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination, TestimonialAnswer


def juror_assignments(*, juror, edition: Edition):
    """A juror's assignments in an edition, with the candidacy, its territory and the juror's own
    evaluation (never anyone else's)."""
    return (
        Assignment.objects.filter(juror=juror, candidacy__edition=edition)
        .select_related("candidacy__employer__territory", "candidacy__employer__municipality", "evaluation")
        .order_by("candidacy__employer__territory__name", "candidacy__employer__name")
    )


def assignment_for_juror(*, juror, candidacy_id: int) -> Assignment | None:
    return (
        Assignment.objects.filter(juror=juror, candidacy_id=candidacy_id)
        .select_related(
            "candidacy__edition", "candidacy__employer__territory", "candidacy__employer__municipality"
        )
        .first()
    )


def dossier_nominations(candidacy: Candidacy):
    """The candidacy's eligible testimonials, with their answers."""
    return (
        Nomination.objects.filter(
            edition_id=candidacy.edition_id,
            employer_id=candidacy.employer_id,
            status=NominationStatus.ELIGIBLE,
        )
        .prefetch_related(Prefetch("answers", queryset=TestimonialAnswer.objects.select_related("criterion")))
        .order_by("created_at")
    )


def progress_by_juror(edition: Edition):
    """Each juror of the edition (on a panel or assigned): assigned, submitted and draft counts."""
    in_edition = Q(assignments__candidacy__edition=edition)
    on_panel = get_user_model().objects.filter(panel_memberships__edition=edition).values("pk")
    return (
        get_user_model()
        .objects.filter(in_edition | Q(pk__in=on_panel))
        .distinct()
        .annotate(
            assigned=Count("assignments", filter=in_edition, distinct=True),
            submitted=Count(
                "assignments",
                filter=in_edition & Q(assignments__evaluation__status=EvaluationStatus.SUBMITTED),
                distinct=True,
            ),
            drafts=Count(
                "assignments",
                filter=in_edition & Q(assignments__evaluation__status=EvaluationStatus.DRAFT),
                distinct=True,
            ),
        )
        .order_by("email")
    )


def progress_by_territory(edition: Edition):
    in_edition = Q(employers__candidacies__edition=edition)
    assignments = "employers__candidacies__assignments"
    return Territory.objects.annotate(
        candidacies=Count("employers__candidacies", filter=in_edition, distinct=True),
        assigned=Count(assignments, filter=in_edition, distinct=True),
        submitted=Count(
            assignments,
            filter=in_edition
            & Q(employers__candidacies__assignments__evaluation__status=EvaluationStatus.SUBMITTED),
            distinct=True,
        ),
    ).order_by("name")


def candidacies_with_assignments(edition: Edition):
    """Candidacies of the edition with their jurors and each assignment's evaluation status."""
    eligible = Nomination.objects.filter(
        edition=OuterRef("edition"), employer=OuterRef("employer"), status=NominationStatus.ELIGIBLE
    )
    return (
        Candidacy.objects.filter(edition=edition)
        .annotate(
            has_eligible=Exists(eligible),
            eligible_count=Count(
                "employer__nominations",
                filter=Q(
                    employer__nominations__edition=edition,
                    employer__nominations__status=NominationStatus.ELIGIBLE,
                ),
                distinct=True,
            ),
        )
        .select_related("employer__territory", "employer__municipality")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("juror", "evaluation")),
            "conflicts__juror",
        )
        .order_by("employer__territory__name", "employer__name")
    )


def submitted_evaluations(edition: Edition):
    return Evaluation.objects.filter(
        assignment__candidacy__edition=edition, status=EvaluationStatus.SUBMITTED
    )


def deliberation_territories(*, juror, edition: Edition):
    """The territories whose ranking this juror may read: those of their panels, once the jury window
    is closed, and only if the edition lets jurors see the deliberation."""
    if not (edition.jurors_see_deliberation and edition.jury_window_closed):
        return Territory.objects.none()
    return Territory.objects.filter(
        panel_memberships__edition=edition, panel_memberships__juror=juror
    ).distinct()
