"""Reads for the jury's and the staff's pages. Each is a constant number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from contest.models import Edition, Territory
from jury.enums import EvaluationStatus
from jury.models import Assignment, Conflict, Evaluation, PanelMembership, Score
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


def progress_by_juror(edition: Edition) -> list:
    """Each juror of the edition (on a panel or assigned), with ``assigned``, ``submitted`` and
    ``drafts`` counts. Two queries: the edition's assignments counted per juror (one GROUP BY, no
    join with the users), then the users."""
    counts = {
        row["juror_id"]: row
        for row in Assignment.objects.filter(candidacy__edition=edition)
        .order_by()
        .values("juror_id")
        .annotate(
            assigned=Count("pk"),
            submitted=Count("pk", filter=Q(evaluation__status=EvaluationStatus.SUBMITTED)),
            drafts=Count("pk", filter=Q(evaluation__status=EvaluationStatus.DRAFT)),
        )
    }
    on_panel = PanelMembership.objects.filter(edition=edition).values("juror_id")
    users = list(
        get_user_model().objects.filter(Q(pk__in=list(counts)) | Q(pk__in=on_panel)).order_by("email")
    )
    for user in users:
        row = counts.get(user.pk, {})
        user.assigned = row.get("assigned", 0)
        user.submitted = row.get("submitted", 0)
        user.drafts = row.get("drafts", 0)
    return users


def progress_by_territory(edition: Edition) -> list:
    """Every territory with ``candidacies``, ``assigned`` and ``submitted`` counts. Three light
    queries (the territories, the candidacies and the assignments counted per territory) rather
    than one COUNT DISTINCT over the join of all of them."""
    candidacies = dict(
        Candidacy.objects.filter(edition=edition)
        .order_by()
        .values("employer__territory_id")
        .annotate(n=Count("pk"))
        .values_list("employer__territory_id", "n")
    )
    assignments = {
        row["candidacy__employer__territory_id"]: row
        for row in Assignment.objects.filter(candidacy__edition=edition)
        .order_by()
        .values("candidacy__employer__territory_id")
        .annotate(
            assigned=Count("pk"),
            submitted=Count("pk", filter=Q(evaluation__status=EvaluationStatus.SUBMITTED)),
        )
    }
    territories = list(Territory.objects.order_by("name"))
    for territory in territories:
        row = assignments.get(territory.pk, {})
        territory.candidacies = candidacies.get(territory.pk, 0)
        territory.assigned = row.get("assigned", 0)
        territory.submitted = row.get("submitted", 0)
    return territories


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


# --- The staff's assignments board, paginated ---------------------------------------------------------


def _eligible_nominations():
    return Nomination.objects.filter(
        edition=OuterRef("edition"), employer=OuterRef("employer"), status=NominationStatus.ELIGIBLE
    )


def _board_conditions(edition: Edition) -> dict[str, Q]:
    """The board's status filters as conditions on the edition's candidacies. Each is an uncorrelated
    ``IN (subquery)`` that the database computes once (and hashes), rather than a subquery per
    candidacy: the summary counts thousands of candidacies with them."""
    assignments = Assignment.objects.filter(candidacy__edition=edition)
    judged = Q(
        employer_id__in=Nomination.objects.filter(edition=edition, status=NominationStatus.ELIGIBLE).values(
            "employer_id"
        )
    )
    full = (
        assignments.order_by()
        .values("candidacy_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=edition.jurors_per_candidacy)
        .values("candidacy_id")
    )
    unfinished = assignments.filter(
        Q(evaluation__isnull=True) | ~Q(evaluation__status=EvaluationStatus.SUBMITTED)
    ).values("candidacy_id")
    return {
        "missing": judged & ~Q(pk__in=full),
        "unfinished": Q(pk__in=unfinished),
        "conflicts": Q(pk__in=Conflict.objects.filter(candidacy__edition=edition).values("candidacy_id")),
        "not_judged": ~judged,
    }


def _assignment_count():
    """The number of jurors of the outer candidacy, as a subquery (no GROUP BY on the outer query)."""
    return Coalesce(
        Subquery(
            Assignment.objects.filter(candidacy=OuterRef("pk"))
            .order_by()
            .values("candidacy")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def board_candidacy_ids(edition: Edition, *, territory=None, status: str = "", search: str = "", sort=""):
    """The ids of the edition's candidacies for the assignments board, filtered and in the board's
    order (territory, then employer name or fewest jurors first): cheap to count and to slice, the
    view paginates it and loads the page with ``board_candidacies``. ``status`` is one of the keys
    of ``board_summary``'s counts (missing, unfinished, conflicts, not_judged) or empty."""
    candidacies = Candidacy.objects.filter(edition=edition)
    if territory is not None:
        candidacies = candidacies.filter(employer__territory=territory)
    if search:
        candidacies = candidacies.filter(employer__name__icontains=search)
    conditions = _board_conditions(edition)
    if status in conditions:
        candidacies = candidacies.filter(conditions[status])
    order = ["employer__territory__name", "employer__name", "pk"]
    if sort == "jurors":
        candidacies = candidacies.annotate(juror_count=_assignment_count())
        order.insert(1, "juror_count")
    return candidacies.order_by(*order).values_list("pk", flat=True)


def board_candidacies(ids) -> list[Candidacy]:
    """The candidacies of one page of the board, in the order of ``ids``: with their employer's
    territory and municipality, ``eligible_count`` and ``has_eligible``, their assignments (juror and
    evaluation) and their conflicts (juror)."""
    ids = list(ids)
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    eligible_count = (
        _eligible_nominations().order_by().values("employer").annotate(n=Count("pk")).values("n")[:1]
    )
    candidacies = (
        Candidacy.objects.filter(pk__in=ids)
        .annotate(eligible_count=Coalesce(Subquery(eligible_count), 0))
        .select_related("employer__territory", "employer__municipality")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("juror", "evaluation")),
            Prefetch("conflicts", queryset=Conflict.objects.select_related("juror")),
        )
    )
    rows = sorted(candidacies, key=lambda candidacy: position[candidacy.pk])
    for candidacy in rows:
        candidacy.has_eligible = candidacy.eligible_count > 0
    return rows


def board_summary(edition: Edition) -> list[dict]:
    """Per territory with candidacies in the edition: how many; how many still lack jurors (among
    those with an eligible nomination), have an evaluation not submitted yet, a declared conflict,
    no eligible nomination (the keys are the board's status filters). One aggregate query."""
    conditions = _board_conditions(edition)
    return list(
        Candidacy.objects.filter(edition=edition)
        .order_by()
        .values("employer__territory_id", "employer__territory__name", "employer__territory__slug")
        .annotate(
            candidacies=Count("pk"),
            **{key: Count("pk", filter=condition) for key, condition in conditions.items()},
        )
        .order_by("employer__territory__name")
    )


# --- Conflicts ------------------------------------------------------------------------------------


def edition_conflicts(edition: Edition, *, territory=None, search: str = ""):
    conflicts = Conflict.objects.filter(candidacy__edition=edition).select_related(
        "juror", "declared_by", "candidacy__employer__territory"
    )
    if territory is not None:
        conflicts = conflicts.filter(candidacy__employer__territory=territory)
    if search:
        conflicts = conflicts.filter(candidacy__employer__name__icontains=search)
    return conflicts.order_by("-created_at", "-pk")


def candidacy_choices(edition: Edition, *, territory=None, search: str = "", limit: int, keep=()):
    """At most ``limit`` candidacies of the edition for a choice list, plus those of ``keep`` (ids)
    whatever the filter; returns (candidacies, how many match the filter)."""
    matching = Candidacy.objects.filter(edition=edition)
    if territory is not None:
        matching = matching.filter(employer__territory=territory)
    if search:
        matching = matching.filter(employer__name__icontains=search)
    ordered = ("employer__territory__name", "employer__name", "pk")
    shown = list(matching.select_related("employer__territory").order_by(*ordered)[:limit])
    total = len(shown) if len(shown) < limit else matching.count()
    kept = [pk for pk in keep if pk not in {c.pk for c in shown}]
    if kept:
        shown += list(
            Candidacy.objects.filter(edition=edition, pk__in=kept).select_related("employer__territory")
        )
    return shown, total


# --- The juror's dashboard ------------------------------------------------------------------------


def juror_progress_by_territory(*, juror, edition: Edition) -> list[dict]:
    """The juror's assignments counted per territory: total, submitted and drafts (one query)."""
    return list(
        Assignment.objects.filter(juror=juror, candidacy__edition=edition)
        .order_by()
        .values(
            "candidacy__employer__territory_id",
            "candidacy__employer__territory__name",
            "candidacy__employer__territory__slug",
        )
        .annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=Q(evaluation__status=EvaluationStatus.SUBMITTED)),
            drafts=Count("pk", filter=Q(evaluation__status=EvaluationStatus.DRAFT)),
        )
        .order_by("candidacy__employer__territory__name")
    )


def juror_worklist(*, juror, edition: Edition, territory=None, status: str = ""):
    """The juror's assignments, what is left to do first (drafts, then not started, then submitted),
    then by territory and employer."""
    assignments = juror_assignments(juror=juror, edition=edition)
    if territory is not None:
        assignments = assignments.filter(candidacy__employer__territory=territory)
    if status == "todo":
        assignments = assignments.exclude(evaluation__status=EvaluationStatus.SUBMITTED)
    elif status == "submitted":
        assignments = assignments.filter(evaluation__status=EvaluationStatus.SUBMITTED)
    rank = Case(
        When(evaluation__status=EvaluationStatus.DRAFT, then=Value(0)),
        When(evaluation__status=EvaluationStatus.SUBMITTED, then=Value(2)),
        default=Value(1),
    )
    return assignments.alias(todo_rank=rank).order_by(
        "todo_rank", "candidacy__employer__territory__name", "candidacy__employer__name", "pk"
    )


def scored_counts(assignments) -> dict[int, int]:
    """How many criteria each assignment's own evaluation has scored, for one page (one query)."""
    return dict(
        Score.objects.filter(evaluation__assignment__in=[a.pk for a in assignments])
        .order_by()
        .values("evaluation__assignment_id")
        .annotate(n=Count("pk"))
        .values_list("evaluation__assignment_id", "n")
    )
