"""The juror's pages: my candidacies, a candidacy's dossier, my score form, declaring a conflict.

Every candidacy page starts from the juror's own assignment: a candidacy that is not assigned to the
signed-in juror answers 404. Only the juror's own evaluation is ever read here, never another
juror's scores, comment or total, and nothing of the youths' contact data reaches the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from contest.access import juror_required
from contest.domain.queries import criteria_with_rubric, current_edition
from contest.enums import Phase
from contest.models import Criterion
from jury.domain.panels import ConflictError, declare_own_conflict, jurors_can_declare_conflicts
from jury.domain.queries import (
    assignment_for_juror,
    deliberation_territories,
    dossier_nominations,
    juror_progress_by_territory,
    juror_worklist,
    scored_counts,
)
from jury.domain.scoring import ScoringError, save_evaluation
from jury.enums import NOT_STARTED
from jury.forms.filters import PAGE_SIZE, DashboardFilterForm
from jury.forms.scoring import ACTION_SUBMIT, ConflictForm, ScoreForm, criterion_heading
from jury.models import Assignment, Evaluation
from nominations.models import Nomination


def _assignment_or_404(user, candidacy_id: int) -> Assignment:
    assignment = assignment_for_juror(juror=user, candidacy_id=candidacy_id)
    if assignment is None:
        raise Http404
    return assignment


def _own_evaluation(assignment: Assignment) -> Evaluation | None:
    return Evaluation.objects.filter(assignment=assignment).prefetch_related("scores").first()


# --- My candidacies ---------------------------------------------------------------------------


@dataclass
class CandidacyRow:
    assignment: Assignment
    status: str
    scored: int
    left: int

    @property
    def candidacy(self):
        return self.assignment.candidacy

    @property
    def evaluation(self) -> Evaluation | None:
        return getattr(self.assignment, "evaluation", None)


def _scoring_window(edition) -> str:
    """Where the jury window stands: not_yet, open or closed."""
    phase = edition.phase
    if phase == Phase.JURY:
        return "open"
    if phase in {Phase.UPCOMING, Phase.NOMINATIONS, Phase.SCREENING}:
        return "not_yet"
    return "closed"


@never_cache
@juror_required
@require_safe
def dashboard(request):
    edition = current_edition()
    context = {"edition": edition, "territories": [], "total": 0}
    if edition is not None:
        criteria_count = Criterion.objects.for_edition(edition).count()
        # The juror's own assignments only, counted per territory by the database; the list itself is
        # paginated, what is left to do first, and scores are counted on the page's evaluations only.
        territories = juror_progress_by_territory(juror=request.user, edition=edition)
        for row in territories:
            row["left"] = row["total"] - row["submitted"]
        slugs = {row["candidacy__employer__territory__slug"]: row for row in territories}
        filters = DashboardFilterForm(
            request.GET or None,
            territories=[
                (row["candidacy__employer__territory__slug"], row["candidacy__employer__territory__name"])
                for row in territories
            ],
        )
        chosen = filters.values()
        territory = slugs.get(chosen["territory"])
        worklist = juror_worklist(
            juror=request.user,
            edition=edition,
            territory=territory["candidacy__employer__territory_id"] if territory else None,
            status=chosen["status"],
        )
        paginator = Paginator(worklist, PAGE_SIZE)
        # The per-territory counts already say how many rows the filter keeps.
        counted = [territory] if territory else territories
        paginator.count = sum(
            {
                DashboardFilterForm.TODO: row["left"],
                DashboardFilterForm.SUBMITTED: row["submitted"],
            }.get(chosen["status"], row["total"])
            for row in counted
        )
        page = paginator.get_page(request.GET.get("page"))
        scored = scored_counts(page.object_list)
        rows = []
        for assignment in page.object_list:
            evaluation = getattr(assignment, "evaluation", None)
            done = scored.get(assignment.pk, 0)
            rows.append(
                CandidacyRow(
                    assignment=assignment,
                    status=evaluation.status if evaluation is not None else NOT_STARTED,
                    scored=done,
                    left=max(criteria_count - done, 0),
                )
            )
        total = sum(row["total"] for row in territories)
        submitted = sum(row["submitted"] for row in territories)
        drafts = sum(row["drafts"] for row in territories)
        context.update(
            territories=territories,
            rows=rows,
            page=page,
            filters=filters,
            total=total,
            submitted=submitted,
            drafts=drafts,
            not_started=total - submitted - drafts,
            left=total - submitted,
            criteria_count=criteria_count,
            window=_scoring_window(edition),
            deliberation_territories=deliberation_territories(juror=request.user, edition=edition),
        )
    return render(request, "jury/dashboard.html", context)


# --- The dossier ------------------------------------------------------------------------------


@dataclass
class Testimonial:
    """What a juror may read of one nomination. Built field by field so that the youth's e-mail,
    last name, school and contact data never reach the template, whatever the template does."""

    number: int
    school_level: str
    hours_per_week: int
    boss_name: str
    boss_role: str
    text: str
    answers: list[tuple[str, str]] = field(default_factory=list)
    # Shown only when the edition's judging is not anonymised.
    first_name: str = ""
    age: int | None = None
    photo_url: str = ""


def _testimonial(nomination: Nomination, *, number: int, reveal: bool) -> Testimonial:
    testimonial = Testimonial(
        number=number,
        school_level=nomination.get_school_level_display(),
        hours_per_week=nomination.hours_per_week,
        boss_name=nomination.boss_name,
        boss_role=nomination.boss_role,
        text=nomination.testimonial,
        answers=[(answer.criterion.question, answer.text) for answer in nomination.answers.all()],
    )
    if reveal:
        testimonial.first_name = nomination.first_name
        testimonial.age = nomination.age
        testimonial.photo_url = nomination.photo.url if nomination.photo else ""
    return testimonial


@never_cache
@juror_required
@require_safe
def dossier(request, pk: int):
    assignment = _assignment_or_404(request.user, pk)
    candidacy = assignment.candidacy
    reveal = not candidacy.edition.anonymous_judging
    testimonials = [
        _testimonial(nomination, number=number, reveal=reveal)
        for number, nomination in enumerate(dossier_nominations(candidacy), start=1)
    ]
    return render(
        request,
        "jury/dossier.html",
        {
            "candidacy": candidacy,
            "employer": candidacy.employer,
            "edition": candidacy.edition,
            "testimonials": testimonials,
            "anonymous": not reveal,
            "evaluation": Evaluation.objects.filter(assignment=assignment).first(),
            "can_declare_conflict": jurors_can_declare_conflicts(candidacy.edition),
        },
    )


# --- The score form ---------------------------------------------------------------------------


@dataclass
class ReadOnlyScore:
    criterion: Criterion
    heading: str
    value: int | None
    meaning: str


def _read_only_scores(criteria: list[Criterion], evaluation: Evaluation | None) -> list[ReadOnlyScore]:
    stored = {score.criterion_id: score.value for score in evaluation.scores.all()} if evaluation else {}
    rows = []
    for criterion in criteria:
        value = stored.get(criterion.pk)
        meanings = {level.score: level.meaning for level in criterion.rubric.all()}
        rows.append(
            ReadOnlyScore(
                criterion=criterion,
                heading=criterion_heading(criterion),
                value=value,
                meaning=meanings.get(value, ""),
            )
        )
    return rows


def _render_read_only(request, *, mode: str, context: dict, status: int):
    context = {
        **context,
        "mode": mode,
        "read_only_scores": _read_only_scores(context["criteria"], context["evaluation"]),
    }
    return render(request, "jury/evaluate.html", context, status=status)


@never_cache
@juror_required
@require_http_methods(["GET", "HEAD", "POST"])
def evaluate(request, pk: int):
    assignment = _assignment_or_404(request.user, pk)
    candidacy = assignment.candidacy
    edition = candidacy.edition
    criteria = list(criteria_with_rubric(edition))
    evaluation = _own_evaluation(assignment)
    context = {
        "candidacy": candidacy,
        "edition": edition,
        "criteria": criteria,
        "evaluation": evaluation,
        "window": _scoring_window(edition),
    }
    refused = 409 if request.method == "POST" else 200
    if edition.phase != Phase.JURY:
        return _render_read_only(request, mode="closed", context=context, status=refused)
    if evaluation is not None and evaluation.is_submitted:
        return _render_read_only(request, mode="locked", context=context, status=refused)

    form = ScoreForm(
        request.POST if request.method == "POST" else None, criteria=criteria, evaluation=evaluation
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                save_evaluation(
                    assignment=assignment,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                    submit=form.wants_submit,
                )
            except ScoringError as error:
                if error.code == "unassigned":
                    messages.error(
                        request,
                        _(
                            "%(employer)s is no longer on your list (a conflict of interest, or the staff "
                            "removed it while you were scoring): your scores were not saved."
                        )
                        % {"employer": candidacy.employer.name},
                    )
                    return redirect("jury:dashboard")
                if error.code in {"closed", "locked"}:
                    # The window closed or the evaluation was submitted since the page was loaded.
                    context["evaluation"] = _own_evaluation(assignment)
                    return _render_read_only(request, mode=error.code, context=context, status=409)
                form.add_scoring_error(error)
            else:
                if form.wants_submit:
                    messages.success(
                        request,
                        _("Your scores for %(employer)s are submitted. Thank you!")
                        % {"employer": candidacy.employer.name},
                    )
                    return redirect("jury:dashboard")
                messages.success(request, _("Your draft is saved. You can come back to it until you submit."))
                return redirect("jury:evaluate", pk=candidacy.pk)
        status = 400
    context.update(form=form, mode="form", submit_action=ACTION_SUBMIT)
    return render(request, "jury/evaluate.html", context, status=status)


# --- Conflicts of interest --------------------------------------------------------------------


@never_cache
@juror_required
@require_http_methods(["GET", "HEAD", "POST"])
def declare_conflict(request, pk: int):
    assignment = _assignment_or_404(request.user, pk)
    candidacy = assignment.candidacy
    evaluation = Evaluation.objects.filter(assignment=assignment).first()
    form = ConflictForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                declare_own_conflict(
                    juror=request.user, candidacy=candidacy, reason=form.cleaned_data["reason"]
                )
            except ConflictError as error:
                if error.code == "closed":
                    messages.error(
                        request,
                        _(
                            "The jury window is closed, so the conflict was not recorded. Please tell "
                            "the contest's staff."
                        ),
                    )
                else:
                    messages.error(
                        request,
                        _(
                            "Your scores for this candidacy are already submitted, so the conflict was "
                            "not recorded. Please tell the contest's staff."
                        ),
                    )
                return redirect("jury:dossier", pk=candidacy.pk)
            messages.success(
                request,
                _("Your conflict of interest is recorded: %(employer)s is no longer on your list.")
                % {"employer": candidacy.employer.name},
            )
            return redirect("jury:dashboard")
        status = 400
    return render(
        request,
        "jury/conflict.html",
        {
            "candidacy": candidacy,
            "employer": candidacy.employer,
            "evaluation": evaluation,
            "form": form,
            "can_declare_conflict": jurors_can_declare_conflicts(candidacy.edition),
        },
        status=status,
    )
