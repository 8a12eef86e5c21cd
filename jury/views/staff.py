"""The staff's jury pages: panels, conflicts, assignments, progress and reminders.

Every page works on the current edition unless the ``edition`` GET parameter (an edition's id) picks
another; the POST actions carry it in their address too, and come back to the page they left."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contest.access import int_or_404, selected_edition, staff_required
from contest.converters import parse_id
from contest.domain.roles import jurors
from contest.models import Edition, Territory
from contest.tables import PageConfig
from jury.domain.assignment import (
    AssignmentError,
    add_assignment,
    assign_missing_jurors,
    assignments_can_change,
    remove_assignment,
)
from jury.domain.panels import ConflictError, PanelError, declare_conflict, panels_can_change, set_panel
from jury.domain.queries import (
    board_candidacies,
    board_candidacy_ids,
    board_summary,
    candidacy_choices,
    edition_conflicts,
    progress_by_juror,
    progress_by_territory,
)
from jury.domain.reminders import ReminderError, reminders_can_be_sent, send_jury_reminders
from jury.domain.scoring import ScoringError, can_reopen_evaluations, reopen_evaluation
from jury.forms.filters import PAGE_SIZE, AssignmentFilterForm, ConflictFilterForm
from jury.forms.staff import (
    AssignmentAddForm,
    ConflictForm,
    EditionPickerForm,
    PanelForm,
    candidacy_label,
    juror_label,
)
from jury.models import Assignment, Evaluation, PanelMembership
from jury.tables import (
    ConflictTable,
    JurorProgressTable,
    PanelTable,
    TerritoryProgressTable,
    assignment_board,
    percent,
)
from nominations.models import Candidacy

# Refusals after the jury window (assignments) and once the results are published (panels).
ASSIGNMENTS_CLOSED = gettext_lazy(
    "The jury window of this edition is closed: assignments can no longer change (a juror added now "
    "could not score)."
)
PANELS_LOCKED = gettext_lazy("The results of this edition are published: its panels can no longer change.")
# How many names of under-staffed candidacies the message after an automatic assignment lists.
SHORT_NAMES_SHOWN = 20
# How many candidacies the conflict declaration form offers at once (narrowed by the filter).
CANDIDACY_CHOICES_SHOWN = 50


def _page_url(name: str, edition: Edition | None, *, anchor: str = "") -> str:
    url = reverse(name)
    if edition is not None:
        url += "?" + urlencode({"edition": edition.pk})
    return url + (f"#{anchor}" if anchor else "")


# The list parameters of the assignments board that its actions carry back (the page they left).
BOARD_PARAMETERS = ("territory", "status", "q", "sort", "page")


def _board_query(data) -> dict:
    return {key: data[key] for key in BOARD_PARAMETERS if data.get(key)}


def _board_url(request, edition: Edition, candidacy) -> str:
    """The assignments board at the page an action was sent from (``back``: its query string)."""
    url = _page_url("staff:assignments", edition)
    back = _board_query(QueryDict(request.POST.get("back", "")))
    if back:
        url += "&" + urlencode(back)
    return f"{url}#candidacy-{candidacy.pk}"


def _page(request, template: str, edition: Edition | None, context: dict):
    picker = EditionPickerForm(initial={"edition": edition.pk}) if edition else None
    return render(request, template, {"edition": edition, "edition_picker": picker, **context})


# Panels ------------------------------------------------------------------------------------------


def _panels(edition: Edition):
    """The territories, each with the edition's panel (``edition_panel``) and ``candidacy_count``."""
    return Territory.objects.annotate(
        candidacy_count=Count(
            "employers__candidacies", filter=Q(employers__candidacies__edition=edition), distinct=True
        )
    ).prefetch_related(
        Prefetch(
            "panel_memberships",
            queryset=PanelMembership.objects.filter(edition=edition)
            .select_related("juror")
            .order_by("juror__email"),
            to_attr="edition_panel",
        )
    )


@staff_required
@require_safe
def panels(request):
    edition = selected_edition(request)
    table = PanelTable(list(_panels(edition)), edition=edition) if edition else None
    locked = edition is not None and not panels_can_change(edition)
    return _page(request, "staff/panels.html", edition, {"table": table, "locked": locked})


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def panel_edit(request, territory):
    territory = get_object_or_404(Territory, slug=territory)
    edition = selected_edition(request)
    if edition is None:
        raise Http404
    current = PanelMembership.objects.filter(edition=edition, territory=territory)
    if request.method == "POST":
        form = PanelForm(request.POST)
        if form.is_valid():
            try:
                set_panel(edition=edition, territory=territory, jurors=form.cleaned_data["jurors"])
            except PanelError:
                messages.error(request, PANELS_LOCKED)
                return HttpResponseRedirect(_page_url("staff:panels", edition))
            count = len(form.cleaned_data["jurors"])
            messages.success(
                request,
                ngettext(
                    "The panel of %(territory)s now has %(count)d juror.",
                    "The panel of %(territory)s now has %(count)d jurors.",
                    count,
                )
                % {"territory": territory.name, "count": count},
            )
            return HttpResponseRedirect(_page_url("staff:panels", edition))
    else:
        form = PanelForm(initial={"jurors": list(current.values_list("juror_id", flat=True))})
    return _page(
        request,
        "staff/panel_edit.html",
        edition,
        {"territory": territory, "form": form, "locked": not panels_can_change(edition)},
    )


# Conflicts ---------------------------------------------------------------------------------------


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def conflicts(request):
    edition = selected_edition(request)
    if edition is None:
        return _page(request, "staff/conflicts.html", None, {})
    form = ConflictForm(request.POST if request.method == "POST" else None, edition=edition)
    if request.method == "POST" and form.is_valid():
        juror, candidacy = form.cleaned_data["juror"], form.cleaned_data["candidacy"]
        try:
            declare_conflict(
                juror=juror,
                candidacy=candidacy,
                reason=form.cleaned_data["reason"],
                declared_by=request.user,
            )
        except ConflictError:
            if can_reopen_evaluations(edition):
                refusal = _(
                    "%(juror)s has already submitted an evaluation of %(candidacy)s, so the conflict was "
                    "not recorded. Reopen the evaluation first if it must be thrown away."
                )
            else:
                refusal = _(
                    "%(juror)s has submitted an evaluation of %(candidacy)s, so the conflict was not "
                    "recorded. The jury window is closed: the evaluation can no longer be reopened."
                )
            form.add_error(
                None, refusal % {"juror": juror_label(juror), "candidacy": candidacy.employer.name}
            )
        else:
            names = {"juror": juror_label(juror), "candidacy": candidacy_label(candidacy)}
            if assignments_can_change(edition):
                messages.success(
                    request, _("Conflict recorded: %(juror)s will not score %(candidacy)s.") % names
                )
            else:
                messages.success(
                    request,
                    _(
                        "Conflict recorded: %(juror)s will not score %(candidacy)s. The jury window is "
                        "closed, so no other juror was assigned in their place."
                    )
                    % names,
                )
            return HttpResponseRedirect(_page_url("staff:conflicts", edition))
    territories = list(Territory.objects.order_by("name").values_list("slug", "pk", "name"))
    filters = ConflictFilterForm(
        request.GET or None, territories=[(slug, name) for slug, _pk, name in territories]
    )
    chosen = filters.values()
    chosen["territory"] = {slug: pk for slug, pk, _name in territories}.get(chosen["territory"])
    # The declaration form lists a short choice of candidacies (the filter's), never the whole edition;
    # its validation still accepts any candidacy of the edition.
    keep = [pk for pk in map(parse_id, (request.POST.get("candidacy"), request.GET.get("candidacy"))) if pk]
    choices, matching = candidacy_choices(
        edition,
        territory=chosen["territory"],
        search=chosen["q"],
        limit=CANDIDACY_CHOICES_SHOWN,
        keep=keep,
    )
    field = form.fields["candidacy"]
    field.widget.choices = [("", field.empty_label)] + [(c.pk, candidacy_label(c)) for c in choices]
    if not form.is_bound and parse_id(request.GET.get("candidacy")):
        form.initial["candidacy"] = parse_id(request.GET.get("candidacy"))
    table = ConflictTable(edition_conflicts(edition, territory=chosen["territory"], search=chosen["q"]))
    PageConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    return _page(
        request,
        "staff/conflicts.html",
        edition,
        {
            "form": form,
            "table": table,
            "filters": filters,
            "candidacies_matching": matching,
            "candidacies_shown": min(matching, CANDIDACY_CHOICES_SHOWN),
        },
    )


# Assignments -------------------------------------------------------------------------------------


def _per_territory(counts, names: dict[int, str]) -> str:
    return ", ".join(
        f"{names.get(territory_id, '?')}: {count}"
        for territory_id, count in sorted(counts.items(), key=lambda item: names.get(item[0], ""))
    )


def _report_assignment(request, report) -> None:
    """What the automatic assignment did: assignments created (per territory when there are several)
    and the candidacies that still lack jurors (named when few, else counted per territory)."""
    if not report.created and not report.short:
        messages.info(request, _("Nothing to do: every candidacy to judge already has its jurors."))
        return
    names = dict(
        Territory.objects.filter(
            pk__in=set(report.created_by_territory) | set(report.short_by_territory)
        ).values_list("pk", "name")
    )
    if len(report.created_by_territory) > 1:
        messages.success(
            request,
            ngettext(
                "%(count)d assignment created (%(territories)s).",
                "%(count)d assignments created (%(territories)s).",
                report.created,
            )
            % {"count": report.created, "territories": _per_territory(report.created_by_territory, names)},
        )
    else:
        messages.success(
            request,
            ngettext("%(count)d assignment created.", "%(count)d assignments created.", report.created)
            % {"count": report.created},
        )
    if not report.short:
        return
    if len(report.short) <= SHORT_NAMES_SHOWN:
        short = (
            Candidacy.objects.filter(pk__in=[c.pk for c in report.short])
            .select_related("employer__territory")
            .order_by("employer__territory__name", "employer__name")
        )
        text = ", ".join(candidacy_label(c) for c in short)
    else:
        text = _per_territory(report.short_by_territory, names)
    messages.warning(
        request,
        ngettext(
            "%(count)d candidacy lacks jurors because its panel is too small: %(names)s.",
            "%(count)d candidacies lack jurors because their panel is too small: %(names)s.",
            len(report.short),
        )
        % {"count": len(report.short), "names": text},
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignments(request):
    edition = selected_edition(request)
    if request.method == "POST":
        if edition is None:
            raise Http404
        try:
            report = assign_missing_jurors(edition=edition, actor=request.user)
        except AssignmentError:
            messages.error(request, ASSIGNMENTS_CLOSED)
        else:
            _report_assignment(request, report)
        return HttpResponseRedirect(_page_url("staff:assignments", edition))
    if edition is None:
        return _page(request, "staff/assignments.html", None, {})
    summary = board_summary(edition)
    territory_ids = {row["employer__territory__slug"]: row["employer__territory_id"] for row in summary}
    filters = AssignmentFilterForm(
        request.GET or None,
        territories=[(row["employer__territory__slug"], row["employer__territory__name"]) for row in summary],
    )
    chosen = filters.values()
    territory = territory_ids.get(chosen["territory"])
    ids = board_candidacy_ids(
        edition, territory=territory, status=chosen["status"], search=chosen["q"], sort=chosen["sort"]
    )
    paginator = Paginator(ids, PAGE_SIZE)
    if not chosen["q"]:
        # The summary has already counted what the territory and status filters keep.
        paginator.count = sum(
            row[chosen["status"] or "candidacies"]
            for row in summary
            if territory is None or row["employer__territory_id"] == territory
        )
    page = paginator.get_page(request.GET.get("page"))
    panels_by_territory: dict[int, set[int]] = {}
    for territory_id, juror_id in PanelMembership.objects.filter(edition=edition).values_list(
        "territory_id", "juror_id"
    ):
        panels_by_territory.setdefault(territory_id, set()).add(juror_id)
    groups = assignment_board(
        board_candidacies(page.object_list), all_jurors=list(jurors()), panels=panels_by_territory
    )
    for row in summary:
        row["panel_size"] = len(panels_by_territory.get(row["employer__territory_id"], ()))
    return _page(
        request,
        "staff/assignments.html",
        edition,
        {
            "groups": groups,
            "page": page,
            "filters": filters,
            "summary": summary,
            "candidacy_count": sum(row["candidacies"] for row in summary),
            "missing_count": sum(row["missing"] for row in summary),
            "back": urlencode(_board_query(request.GET)),
            "can_assign": assignments_can_change(edition),
            "can_reopen": can_reopen_evaluations(edition),
        },
    )


@staff_required
@require_POST
def assignment_add(request):
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("employer__territory", "edition"),
        pk=int_or_404(request.POST.get("candidacy")),
    )
    back = _board_url(request, candidacy.edition, candidacy)
    form = AssignmentAddForm(request.POST, candidacy=candidacy)
    if not form.is_valid():
        for error in form.errors.get("juror", []):
            messages.error(request, f"{candidacy_label(candidacy)}: {error}")
        return HttpResponseRedirect(back)
    juror = form.cleaned_data["juror"]
    try:
        add_assignment(candidacy=candidacy, juror=juror, actor=request.user)
    except AssignmentError as error:
        if error.code == "closed":
            messages.error(request, ASSIGNMENTS_CLOSED)
        else:
            messages.error(
                request,
                _("%(juror)s declared a conflict of interest with %(candidacy)s and cannot score it.")
                % {"juror": juror_label(juror), "candidacy": candidacy.employer.name},
            )
    else:
        messages.success(
            request,
            _("%(juror)s now scores %(candidacy)s.")
            % {"juror": juror_label(juror), "candidacy": candidacy.employer.name},
        )
    return HttpResponseRedirect(back)


@staff_required
@require_POST
def assignment_remove(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.select_related("juror", "candidacy__employer", "candidacy__edition", "evaluation"),
        pk=pk,
    )
    candidacy = assignment.candidacy
    back = _board_url(request, candidacy.edition, candidacy)
    names = {"juror": juror_label(assignment.juror), "candidacy": candidacy.employer.name}
    try:
        remove_assignment(assignment=assignment, actor=request.user)
    except AssignmentError:
        messages.error(
            request,
            _(
                "%(juror)s has submitted an evaluation of %(candidacy)s: it cannot be removed. "
                "Reopen it first if it must be thrown away."
            )
            % names,
        )
    else:
        messages.success(request, _("%(juror)s no longer scores %(candidacy)s.") % names)
    return HttpResponseRedirect(back)


@staff_required
@require_POST
def evaluation_reopen(request, pk):
    evaluation = get_object_or_404(
        Evaluation.objects.select_related(
            "assignment__juror", "assignment__candidacy__employer", "assignment__candidacy__edition"
        ),
        pk=pk,
    )
    candidacy = evaluation.assignment.candidacy
    names = {"juror": juror_label(evaluation.assignment.juror), "candidacy": candidacy.employer.name}
    if not evaluation.is_submitted:
        messages.info(
            request, _("The evaluation of %(candidacy)s by %(juror)s is not submitted yet.") % names
        )
        return HttpResponseRedirect(_board_url(request, candidacy.edition, candidacy))
    try:
        reopen_evaluation(evaluation=evaluation, actor=request.user)
    except ScoringError:
        messages.error(
            request,
            _(
                "The evaluation of %(candidacy)s by %(juror)s was not reopened: an evaluation can be "
                "reopened only while the jury is at work, so that its juror can submit it again."
            )
            % names,
        )
    else:
        messages.success(
            request,
            _("The evaluation of %(candidacy)s by %(juror)s is reopened: the juror can change it.") % names,
        )
    return HttpResponseRedirect(_board_url(request, candidacy.edition, candidacy))


# Progress and reminders --------------------------------------------------------------------------


@staff_required
@require_safe
def progress(request):
    edition = selected_edition(request)
    if edition is None:
        return _page(request, "staff/progress.html", None, {})
    by_juror = list(progress_by_juror(edition))
    by_territory = list(progress_by_territory(edition))
    assigned = sum(row.assigned for row in by_juror)
    submitted = sum(row.submitted for row in by_juror)
    return _page(
        request,
        "staff/progress.html",
        edition,
        {
            "juror_table": JurorProgressTable(by_juror),
            "territory_table": TerritoryProgressTable(by_territory),
            "assigned": assigned,
            "submitted": submitted,
            "drafts": sum(row.drafts for row in by_juror),
            "percent_done": percent(submitted, assigned),
            "late_count": sum(1 for row in by_juror if row.submitted < row.assigned),
            "can_remind": reminders_can_be_sent(edition),
        },
    )


@staff_required
@require_POST
def send_reminders(request):
    edition = selected_edition(request)
    if edition is None:
        raise Http404
    try:
        sent = send_jury_reminders(edition=edition, site_url=request.build_absolute_uri("/"))
    except ReminderError:
        messages.error(
            request,
            _("Reminders can be sent only while the jury is at work: no reminder was sent."),
        )
        return HttpResponseRedirect(_page_url("staff:progress", edition))
    if sent:
        messages.success(
            request,
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", sent) % {"count": sent},
        )
    else:
        messages.info(request, _("No reminder sent: every juror has submitted their evaluations."))
    return HttpResponseRedirect(_page_url("staff:progress", edition))
