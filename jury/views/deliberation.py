"""Deliberation: the staff rank each territory's candidacies, choose winners and regional prizes, and
publish the results; the jurors of a territory may read its ranking when the edition allows it.

Staff pages work on the current edition unless ``?edition=<id>`` picks another (the POST actions carry
it in their address too). Juror pages show the aggregated ranking only: never a juror's own totals,
scores or comments, nor the per-juror chart.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contest.access import juror_required, selected_edition, staff_required
from contest.domain.audit import record_event
from contest.domain.editions import unpublish_edition
from contest.domain.queries import current_edition, is_published
from contest.enums import AggregationMethod
from contest.models import Criterion, Edition, Territory
from contest.streaming import streaming_csv_response
from contest.tables import PageConfig
from jury.domain import awards, ranking_store
from jury.domain.awards import (
    AwardCheck,
    AwardError,
    add_regional_prize,
    check_awards,
    checked_awards,
    choose_top_winners,
    no_longer_judged,
    no_longer_top,
    remove_award,
)
from jury.domain.publication import PublicationError, publish_results
from jury.domain.queries import deliberation_territories, dossier_nominations
from jury.enums import AwardKind, EvaluationStatus
from jury.forms.deliberation import AWARD_ERRORS, PrizeForm, PublishForm, WinnerForm, not_judged_message
from jury.forms.staff import EditionPickerForm, juror_label
from jury.models import Assignment, Award, Evaluation, RankingEntry, RankingTerritory
from jury.tables_deliberation import (
    PER_PAGE,
    DeliberationTable,
    JurorRankingTable,
    deliberation_rows,
    distribution_chart,
    export_rows,
)
from nominations.models import Candidacy

# The rendered ranking table of a page is kept this long at most; a change of the ranking replaces it at once.
TABLE_CACHE_SECONDS = 600

# Krippendorff's alpha under this is commonly read as too little agreement to rely on the totals alone.
AGREEMENT_FLOOR = Decimal("0.667")
EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_CHUNK = 50
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _edition_url(name: str, edition: Edition, *args) -> str:
    return reverse(name, args=args) + "?" + urlencode({"edition": edition.pk})


def _page(request, template: str, edition: Edition | None, context: dict, *, status: int = 200):
    picker = EditionPickerForm(initial={"edition": edition.pk}) if edition else None
    return render(request, template, {"edition": edition, "edition_picker": picker, **context}, status=status)


def _edition_or_404(request) -> Edition:
    edition = selected_edition(request)
    if edition is None:
        raise Http404
    return edition


def _award_message(request, error: AwardError) -> None:
    messages.error(request, AWARD_ERRORS.get(error.code, error.code))


def publication_state(edition: Edition, now=None) -> str:
    """not_published, embargoed (published, announcement to come) or public."""
    if edition.published_at is None:
        return "not_published"
    return "public" if is_published(edition, now) else "embargoed"


# --- Overview -----------------------------------------------------------------------------------


@dataclass
class TerritorySummary:
    territory: Territory
    candidacies: int = 0
    evaluations: int = 0
    disagreements: int = 0
    agreement: Decimal | None = None
    winner: Award | None = None  # from checked_awards
    top: RankingEntry | None = None

    @property
    def agreement_is_low(self) -> bool:
        return agreement_is_low(self.agreement)

    @property
    def winner_not_judged(self) -> bool:
        """No eligible nomination left: the results cannot be published."""
        return no_longer_judged(self.winner)

    @property
    def winner_not_top(self) -> bool:
        """Chosen as the top of the ranking and no longer first: a warning."""
        return no_longer_top(self.winner)


def agreement_is_low(agreement: Decimal | None) -> bool:
    return agreement is not None and agreement < AGREEMENT_FLOOR


def territory_summaries(edition: Edition) -> list[TerritorySummary]:
    """Every territory with its candidacies, evaluations, agreement, winner and top of the ranking,
    from the stored ranking. A constant number of queries."""
    ranking_store.fresh_state(edition)
    summaries = {territory.pk: TerritorySummary(territory=territory) for territory in Territory.objects.all()}
    for figures in RankingTerritory.objects.filter(edition=edition).only(
        "territory_id", "candidacies", "evaluations", "disagreements", "agreement"
    ):
        summary = summaries[figures.territory_id]
        summary.candidacies = figures.candidacies
        summary.evaluations = figures.evaluations
        summary.disagreements = figures.disagreements
        summary.agreement = figures.agreement
    for top in ranking_store.entries(edition).filter(rank=1):
        summaries[top.territory_id].top = top
    for award in (
        checked_awards(edition=edition)
        .filter(kind=AwardKind.TERRITORY_WINNER)
        .select_related("territory", "candidacy__employer", "chosen_by")
    ):
        summaries[award.territory_id].winner = award
    return list(summaries.values())


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def overview(request):
    edition = selected_edition(request)
    if request.method == "POST":
        if edition is None:
            raise Http404
        try:
            chosen = choose_top_winners(edition=edition, chosen_by=request.user)
        except AwardError as error:
            _award_message(request, error)
        else:
            if chosen:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d territory now has the top of its ranking as winner.",
                        "%(count)d territories now have the top of their ranking as winner.",
                        chosen,
                    )
                    % {"count": chosen},
                )
            else:
                messages.info(request, _("No winner added: every ranked territory already has one."))
        return HttpResponseRedirect(_edition_url("staff:deliberation", edition))
    if edition is None:
        return _page(request, "staff/deliberation.html", None, {})
    summaries = territory_summaries(edition)
    return _page(
        request,
        "staff/deliberation.html",
        edition,
        {
            "summaries": summaries,
            "undecided": sum(1 for s in summaries if s.winner is None and s.top is not None),
            "not_judged": sum(s.winner_not_judged for s in summaries),
            "not_top": sum(s.winner_not_top for s in summaries),
            "published": is_published(edition),
            "jury_closed": edition.jury_window_closed,
        },
    )


# --- A territory --------------------------------------------------------------------------------


def _winner_of(edition: Edition, territory: Territory) -> Award | None:
    """The territory's winner, from ``checked_awards`` (whether it still holds)."""
    return (
        checked_awards(edition=edition)
        .filter(territory=territory, kind=AwardKind.TERRITORY_WINNER)
        .select_related("candidacy__employer", "chosen_by")
        .first()
    )


def _deliberation_table(
    request, edition, rows, *, interactive: bool = True, count: int | None = None
) -> DeliberationTable:
    """The staff's table of ``rows``: the stored entries (a queryset), or a list of RankedCandidacy.
    ``count``: the number of rows when already known (spares the paginator its COUNT query)."""
    criteria = list(Criterion.objects.for_edition(edition))
    if isinstance(rows, list):
        rows = deliberation_rows(rows)
    tie_break = next((c for c in criteria if c.pk == edition.tie_break_criterion_id), None)
    table = DeliberationTable(rows, criteria=criteria, tie_break_criterion=tie_break, orderable=interactive)
    if count is not None:
        table.data._length = count  # django-tables2 caches the length of queryset data there
    PageConfig(request, paginate={"per_page": PER_PAGE} if interactive else False).configure(table)
    return table


def _winner_choices(edition, territory):
    """The territory's candidacies for the winner's form, in ranking order (light rows)."""
    return list(
        ranking_store.entries(edition, territory)
        .select_related(None)
        .select_related("candidacy__employer")
        .only("rank", "candidacy__id", "candidacy__employer__name")
    )


def _table_html(request, table: DeliberationTable, state) -> str:
    """The rendered ranking table of a GET, cached until the stored ranking changes: the key holds the
    version the rows were computed at (every change of an input of the ranking bumps it), the language
    and the address (page and sort). The table shows stored aggregates only, the same to every staff
    member."""
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = (
        f"deliberation-table:{state.edition_id}:{state.computed_version}:"
        f"{state.computed_at.timestamp() if state.computed_at else 0}:{get_language()}:{address}"
    )
    html = cache.get(key)
    if html is None:
        html = table.as_html(request)
        cache.set(key, html, timeout=TABLE_CACHE_SECONDS)
    return html


def _render_territory(request, edition, territory, *, form=None, status=200, state=None):
    winner = _winner_of(edition, territory)
    published = is_published(edition)
    choices = None
    if form is None and not published:
        initial = {"candidacy": winner.candidacy_id, "reason": winner.reason} if winner else {}
        choices = _winner_choices(edition, territory)
        form = WinnerForm(ranking=choices, initial=initial)
    elif form is not None:
        choices = list(form.ranking.values())
    figures = ranking_store.territory_figures(edition, territory)
    ids = ranking_store.juror_ids(figures)
    jurors = get_user_model().objects.in_bulk(ids) if ids else {}
    chart = distribution_chart(
        ranking_store.distributions(figures, jurors),
        label=juror_label,
        short_label=lambda juror: juror.get_full_name().strip() or juror.email,
    )
    # Sorting and page links are relative to the address: after a POST they would lead to the form's
    # action, so the table that comes back with errors is shown whole and in rank order.
    rows = ranking_store.entries(edition, territory)
    table = _deliberation_table(
        request, edition, rows, interactive=request.method != "POST", count=figures.candidacies
    )
    # After a POST with errors the table is shown whole and unsorted: rendered afresh, never cached.
    table_html = _table_html(request, table, state) if state is not None and request.method == "GET" else None
    top = None  # the template shows it only when there is no winner
    if winner is None and choices is not None:
        top = next((row for row in choices if row.rank == 1), None)
    elif winner is None:
        top = rows.filter(rank=1).first()
    territory_url = _edition_url("staff:deliberation_territory", edition, territory.slug)
    return _page(
        request,
        "staff/deliberation_territory.html",
        edition,
        {
            "territory": territory,
            "table": table,
            "table_html": table_html,
            "ranking_count": figures.candidacies,
            "agreement": figures.agreement,
            "agreement_low": agreement_is_low(figures.agreement),
            "top": top,
            "winner": winner,
            "winner_not_judged": no_longer_judged(winner),
            "winner_not_top": no_longer_top(winner),
            "form": form,
            "chart": chart,
            "published": published,
            "jury_closed": edition.jury_window_closed,
            "territory_url": territory_url,
            "export_links": [(fmt.upper(), f"{territory_url}&_export={fmt}") for fmt in EXPORT_FORMATS],
        },
        status=status,
    )


@never_cache
@staff_required
@require_safe
def territory(request, territory):
    territory = get_object_or_404(Territory, slug=territory)
    edition = _edition_or_404(request)
    state = ranking_store.fresh_state(edition)
    export_format = request.GET.get("_export", "")
    if export_format in EXPORT_FORMATS:
        return _export(request, edition, territory, export_format)
    return _render_territory(request, edition, territory, state=state)


def _export(request, edition, territory, export_format: str):
    """The territory's whole ranking as CSV (streamed) or XLSX (written to a temporary file, then
    streamed): the stored rows are read EXPORT_CHUNK at a time, so memory does not grow with them."""
    table = _deliberation_table(request, edition, ranking_store.entries(edition, territory))
    record_event(
        "deliberation.exported",
        actor=request.user,
        target=edition,
        format=export_format,
        territory=territory.pk,
    )
    filename = f"deliberation-{edition.year}-{territory.slug}.{export_format}"
    # The table's ordering (?sort=), read in chunks as the response is written.
    rows = export_rows(table, table.data.data.iterator(chunk_size=EXPORT_CHUNK))
    if export_format == "csv":
        return streaming_csv_response(rows, filename=filename)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


@never_cache
@staff_required
@require_POST
def choose_winner(request, territory):
    territory = get_object_or_404(Territory, slug=territory)
    edition = _edition_or_404(request)
    ranking_store.fresh_state(edition)
    form = WinnerForm(request.POST, ranking=_winner_choices(edition, territory))
    if form.is_valid():
        chosen = form.chosen
        try:
            awards.choose_winner(
                edition=edition,
                territory=territory,
                candidacy=chosen.candidacy,
                reason=form.cleaned_data["reason"],
                chosen_by=request.user,
            )
        except AwardError as error:
            form.add_award_error(error)
        else:
            messages.success(
                request,
                _("%(employer)s is the winner of %(territory)s.")
                % {"employer": chosen.candidacy.employer.name, "territory": territory.name},
            )
            return HttpResponseRedirect(_edition_url("staff:deliberation_territory", edition, territory.slug))
    return _render_territory(request, edition, territory, form=form, status=400)


# --- A candidacy --------------------------------------------------------------------------------


@dataclass
class EvaluationRow:
    juror: str
    scores: list[int | None]
    total: Decimal | None
    comment: str
    submitted_at: object


def _evaluation_rows(candidacy: Candidacy, criteria: list[Criterion]) -> list[EvaluationRow]:
    evaluations = (
        Evaluation.objects.filter(assignment__candidacy=candidacy, status=EvaluationStatus.SUBMITTED)
        .select_related("assignment__juror")
        .prefetch_related("scores")
        .order_by("assignment__juror__email")
    )
    rows = []
    for evaluation in evaluations:
        values = {score.criterion_id: score.value for score in evaluation.scores.all()}
        rows.append(
            EvaluationRow(
                juror=juror_label(evaluation.assignment.juror),
                scores=[values.get(criterion.pk) for criterion in criteria],
                total=evaluation.weighted_total,
                comment=evaluation.comment,
                submitted_at=evaluation.submitted_at,
            )
        )
    return rows


@never_cache
@staff_required
@require_safe
def candidacy(request, pk):
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("edition", "employer__territory", "employer__municipality"), pk=pk
    )
    edition = candidacy.edition
    employer = candidacy.employer
    jury_closed = edition.jury_window_closed
    context = {
        "candidacy": candidacy,
        "employer": employer,
        "edition": edition,
        "nominations": list(dossier_nominations(candidacy)),
        "jury_closed": jury_closed,
        "awards": list(Award.objects.filter(candidacy=candidacy).select_related("territory", "chosen_by")),
        "counts": Assignment.objects.filter(candidacy=candidacy).aggregate(
            assigned=Count("pk"),
            submitted=Count("pk", filter=Q(evaluation__status=EvaluationStatus.SUBMITTED)),
        ),
    }
    if jury_closed:
        criteria = list(Criterion.objects.for_edition(edition))
        ranking_store.fresh_state(edition)
        context.update(
            criteria=criteria,
            evaluation_rows=_evaluation_rows(candidacy, criteria),
            ranked=RankingEntry.objects.filter(edition=edition, candidacy=candidacy).first(),
            ranked_count=ranking_store.territory_figures(edition, employer.territory).candidacies,
        )
    return render(request, "staff/candidacy.html", context)


# --- Regional prizes ----------------------------------------------------------------------------


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def prizes(request):
    edition = selected_edition(request)
    if edition is None:
        if request.method == "POST":
            raise Http404
        return _page(request, "staff/prizes.html", None, {})
    form = PrizeForm(request.POST if request.method == "POST" else None, edition=edition)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                award = add_regional_prize(
                    edition=edition,
                    title=form.cleaned_data["title"],
                    candidacy=form.cleaned_data["candidacy"],
                    reason=form.cleaned_data["reason"],
                    chosen_by=request.user,
                )
            except AwardError as error:
                form.add_award_error(error)
            else:
                messages.success(
                    request,
                    _("« %(title)s » goes to %(employer)s.")
                    % {"title": award.title, "employer": award.candidacy.employer.name},
                )
                return HttpResponseRedirect(_edition_url("staff:prizes", edition))
        status = 400
    awarded = (
        Award.objects.filter(edition=edition, kind=AwardKind.REGIONAL_PRIZE)
        .select_related("candidacy__employer__territory", "chosen_by")
        .order_by("title", "candidacy__employer__name")
    )
    return _page(
        request,
        "staff/prizes.html",
        edition,
        {"form": form, "awards": list(awarded), "published": is_published(edition)},
        status=status,
    )


@staff_required
@require_POST
def remove_prize(request, pk):
    award = get_object_or_404(
        Award.objects.select_related("edition", "candidacy__employer"), pk=pk, kind=AwardKind.REGIONAL_PRIZE
    )
    try:
        remove_award(award=award, actor=request.user)
    except AwardError as error:
        _award_message(request, error)
    else:
        messages.success(
            request,
            _("« %(title)s » no longer goes to %(employer)s.")
            % {"title": award.title, "employer": award.candidacy.employer.name},
        )
    return HttpResponseRedirect(_edition_url("staff:prizes", award.edition))


# --- Publication --------------------------------------------------------------------------------


@dataclass
class PublishSummary:
    territories: list[TerritorySummary] = field(default_factory=list)
    missing: list[TerritorySummary] = field(default_factory=list)
    prizes: list[Award] = field(default_factory=list)
    check: AwardCheck = field(default_factory=AwardCheck)


def _publish_summary(edition: Edition) -> PublishSummary:
    # A territory whose winner is no longer judged may have nothing left to rank: listed all the same.
    summaries = [s for s in territory_summaries(edition) if s.candidacies or s.winner]
    prizes = list(
        checked_awards(edition=edition)
        .filter(kind=AwardKind.REGIONAL_PRIZE)
        .select_related("candidacy__employer")
        .order_by("title")
    )
    return PublishSummary(
        territories=summaries,
        missing=[s for s in summaries if s.winner is None],
        prizes=prizes,
        check=check_awards(edition=edition),
    )


def _when(value) -> str:
    return date_format(localtime(value), "DATETIME_FORMAT")


def _publish_post(request, edition: Edition):
    """Publish or unpublish; returns a redirect, or the bound form to show again."""
    back = HttpResponseRedirect(_edition_url("staff:publish", edition))
    if is_published(edition):
        messages.error(request, _("The results are already public: the publication can no longer change."))
        return back
    if request.POST.get("action") == "unpublish":
        if edition.published_at is None:
            messages.info(request, _("The results are not published."))
        else:
            unpublish_edition(edition=edition, actor=request.user)
            messages.success(request, _("The publication is withdrawn: the results stay private."))
        return back
    form = PublishForm(request.POST, edition=edition)
    if form.is_valid():
        try:
            publish_results(edition=edition, announce_at=form.cleaned_data["announce_at"], actor=request.user)
        except PublicationError as error:
            form.add_error(None, not_judged_message(error.awards))
        except ValueError:
            # The edition's dates changed since the form was checked: check it again against them, so
            # that the field says which bound it missed (publish_edition applies the form's two bounds).
            edition.refresh_from_db()
            form = PublishForm(request.POST, edition=edition)
            form.is_valid()
        else:
            if is_published(edition):
                text = _("The results are published and public now.")
            else:
                text = _("The results are published. They stay under embargo until %(date)s.") % {
                    "date": _when(edition.announce_at)
                }
            messages.success(request, text)
            return back
    return form


@never_cache
@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request):
    edition = selected_edition(request)
    if edition is None:
        if request.method == "POST":
            raise Http404
        return _page(request, "staff/publish.html", None, {})
    form = None
    status = 200
    if request.method == "POST":
        outcome = _publish_post(request, edition)
        if isinstance(outcome, HttpResponseRedirect):
            return outcome
        form, status = outcome, 400
    state = publication_state(edition)
    if form is None and state != "public":
        form = PublishForm(edition=edition)
    return _page(
        request,
        "staff/publish.html",
        edition,
        {
            "form": form,
            "state": state,
            "summary": _publish_summary(edition),
            "jury_closed": edition.jury_window_closed,
            "now": timezone.now(),
        },
        status=status,
    )


# --- The jurors' view of their territory --------------------------------------------------------


@never_cache
@juror_required
@require_safe
def juror_territory(request, territory):
    """The territory's ranking, for the jurors of its panel, once the jury window is closed and only
    if the edition lets them see it. Aggregates only: no juror's totals, scores or comments."""
    territory = get_object_or_404(Territory, slug=territory)
    edition = current_edition()
    if (
        edition is None
        or not deliberation_territories(juror=request.user, edition=edition).filter(pk=territory.pk).exists()
    ):
        raise Http404
    ranking_store.fresh_state(edition)
    # Aggregated columns only: the stored per-juror totals (RankingTerritory) never reach this page.
    table = JurorRankingTable(
        ranking_store.entries(edition, territory),
        show_score=edition.aggregation_method != AggregationMethod.MEDIAN,
    )
    PageConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(
        request,
        "jury/deliberation.html",
        {
            "edition": edition,
            "territory": territory,
            "table": table,
            "ranking_count": table.paginator.count,
        },
    )
