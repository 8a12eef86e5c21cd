"""Tables and the chart of the deliberation pages. Everything here reads rows already computed by
``jury.domain.ranking``: the stored rows of ``jury.domain.ranking_store`` (a queryset, sorted and
paginated by the database, employer and municipality loaded) or, for the tests, ``RankedCandidacy``
rows wrapped by ``deliberation_rows``. No cell triggers a query of its own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import django_tables2 as tables
from django.conf import settings
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.formats import get_format, localize, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from django_tables2.rows import BoundRow
from django_tables2.utils import signature

from contest.streaming import spreadsheet_safe
from jury.domain.ranking import JurorDistribution, RankedCandidacy, tie_break_text

PER_PAGE = 50
DASH = "—"


@dataclass
class DeliberationRow:
    """One ranked candidacy and its place in the ranking's order (``position`` sorts the rank column,
    unranked candidacies last)."""

    ranked: RankedCandidacy
    position: int

    def __getattr__(self, name):
        # The table's accessors read the ranked candidacy's fields directly (rank, score…).
        if name == "ranked":
            raise AttributeError(name)
        return getattr(self.ranked, name)

    @property
    def employer_name(self) -> str:
        return self.ranked.candidacy.employer.name

    @property
    def municipality(self) -> str:
        return str(self.ranked.candidacy.employer.municipality)

    @property
    def score_value(self):
        return self.ranked.score

    def criterion_mean(self, criterion_id: int):
        return self.ranked.criterion_means.get(criterion_id)


def deliberation_rows(ranking: list[RankedCandidacy]) -> list[DeliberationRow]:
    return [DeliberationRow(ranked=row, position=index) for index, row in enumerate(ranking, start=1)]


def _number(value, digits: int = 1) -> str:
    """Rounded half up to ``digits`` (Django's number_format alone would cut: 16.67 → « 16,6 »)."""
    if value is None:
        return DASH
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if settings.USE_THOUSAND_SEPARATOR:
        return number_format(rounded, digits, use_l10n=True)
    # What number_format writes without grouping, faster (a page shows hundreds of these).
    if rounded == 0:
        rounded = rounded.copy_abs()  # « 0,00 », never « -0,00 »
    return f"{rounded:f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def _localized(value):
    """``{{ value }}``'s localisation: integers need none without thousand separators."""
    if isinstance(value, str) or (
        isinstance(value, int) and not isinstance(value, bool) and not settings.USE_THOUSAND_SEPARATOR
    ):
        return value
    return localize(value)


class NumberColumn(tables.Column):
    """A decimal shown with ``digits`` decimals in the page's language; exported as a number."""

    def __init__(self, *args, digits: int = 1, **kwargs):
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)
        self.digits = digits

    def render(self, value):
        return _number(value, self.digits)

    def value(self, value):
        return "" if value is None else value


class CriterionMeanColumn(NumberColumn):
    """The mean raw score of one criterion (``record.criterion_mean(criterion.pk)``)."""

    def __init__(self, criterion, **kwargs):
        super().__init__(
            verbose_name=criterion.label,
            accessor=tables.A("criterion_means"),
            order_by=(f"criterion_means__{criterion.pk}",),
            digits=2,
            **kwargs,
        )
        self.criterion_pk = criterion.pk

    def render(self, record):
        return _number(record.criterion_mean(self.criterion_pk), self.digits)

    def value(self, record):
        mean = record.criterion_mean(self.criterion_pk)
        return "" if mean is None else mean


def _caller(function):
    """``function`` called with the cell arguments it names (django-tables2's rule: a method that
    asks for an argument the cell does not have gives None), its signature read once; and whether it
    asks for ``bound_row`` (or takes everything)."""
    arguments, catch_all = signature(function)

    def call(available: dict):
        if not catch_all:
            if any(name not in available for name in arguments):
                return None
            available = {name: available[name] for name in arguments}
        return function(**available)

    return call, catch_all or "bound_row" in arguments


def _render_getter(table: tables.Table, bound_column):
    """What ``BoundRow.get_cell`` renders for one column, with the arguments of its render method
    worked out once (django-tables2 inspects the signature again for every cell)."""
    column = bound_column.column
    call, _wants_row = _caller(bound_column.render)
    accessor = tables.A(bound_column.accessor)
    default = bound_column.default
    name = bound_column.name
    attribute = str(accessor) if not any(sep in str(accessor) for sep in (".", "__")) else None

    def render_of(row: BoundRow):
        if bound_column.link:  # not used by these tables; the library's way, cell by cell
            return row.get_cell(name)
        record = row.record
        value = getattr(record, attribute, None) if attribute else None
        if value is None or callable(value):  # the library's resolution (callables, dicts…)
            try:
                value = accessor.resolve(record)
            except Exception:  # as django-tables2: a column without a value of its own
                value = None
        if value in column.empty_values:
            return default
        available = {
            "value": value,
            "record": record,
            "column": column,
            "bound_column": bound_column,
            "bound_row": row,
            "table": table,
        }
        return call(available)

    return render_of


class RankingTable(tables.Table):
    """What every reader of a deliberation may see: the aggregated ranking, nothing per juror.

    Its template (``jury/_deliberation_table.html``) writes the rows of the page from ``body_rows``:
    the same cells as django-tables2's, each column's render method looked up once per page."""

    def body_html(self) -> str:
        """The rows of the page, as django-tables2's template writes them (cells localised and
        escaped as ``{{ cell }}`` would), without a template loop over every cell."""
        columns = [(column.attrs["td"].as_html(), _render_getter(self, column)) for column in self.columns]
        lines = []
        for row in self.paginated_rows:
            cells = "".join(
                f"<td {attrs}>{conditional_escape(_localized(render(row)))}</td>" for attrs, render in columns
            )
            lines.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
        return mark_safe("\n".join(lines))  # noqa: S308 (every cell escaped above)

    rank = tables.Column(verbose_name=_("Rank"), order_by=("position",), empty_values=())
    employer = tables.Column(
        verbose_name=_("Employer"), accessor="employer_name", order_by=("candidacy__employer__name",)
    )
    municipality = tables.Column(
        verbose_name=_("Municipality"),
        accessor="municipality",
        order_by=("candidacy__employer__municipality__name",),
    )
    eligible_nominations = tables.Column(verbose_name=_("Eligible nominations"))
    evaluations = tables.Column(verbose_name=_("Evaluations"))
    # Translators: the score by the edition's aggregation method.
    score = NumberColumn(verbose_name=pgettext_lazy("score", "Score"), digits=2, order_by=("score_value",))
    disagreement = tables.Column(verbose_name=_("Disagreement"), empty_values=())

    class Meta:
        attrs = {"class": "ranking"}
        order_by = ("rank",)
        template_name = "jury/_deliberation_table.html"

    def render_rank(self, value):
        return DASH if value is None else value

    def value_rank(self, value):
        return "" if value is None else value

    def render_disagreement(self, record):
        if record.disagreement:
            return format_html('<span class="badge badge-wait">{}</span>', _("Disagreement"))
        return DASH

    def value_disagreement(self, record):
        return _("yes") if record.disagreement else _("no")


# With fewer evaluations, a juror who knows their own total could work out a colleague's from the
# score, the disagreement flag or the place among the others: the juror's view ranks only the
# candidacies with at least this many evaluations.
MIN_EVALUATIONS_SHOWN_TO_JURORS = 3


def juror_ranking_rows(entries: QuerySet) -> QuerySet:
    """The stored rows of a territory as its jurors see them: first the candidacies with at least
    MIN_EVALUATIONS_SHOWN_TO_JURORS evaluations, in the order of the full ranking and numbered 1, 2, 3…
    among themselves (``juror_rank``: numbers that skipped the others would tell where they stand);
    then the others, alphabetically, whatever their score."""
    shown = Q(evaluations__gte=MIN_EVALUATIONS_SHOWN_TO_JURORS, rank__isnull=False)
    is_shown = Case(When(shown, then=Value(True)), default=Value(False), output_field=BooleanField())
    return entries.annotate(
        shown_to_jurors=is_shown,
        juror_rank=Window(RowNumber(), partition_by=[is_shown], order_by=F("position").asc()),
    ).order_by(
        F("shown_to_jurors").desc(),
        Case(When(shown, then=F("position")), default=Value(0)),
        "candidacy__employer__name",
        "pk",
    )


class JurorRankingTable(RankingTable):
    """The ranking as a juror of the territory sees it: aggregates only, and only where they cannot
    reveal another juror's total. Rows come from ``juror_ranking_rows``; their order is fixed (no
    sorting by rank, score or disagreement, which would place the unranked candidacies again).

    ``show_score`` False (the median method): no score at all, the rank only, since the median of an
    odd number of totals is one juror's own total, and of an even number the mean of two of them."""

    rank = tables.Column(verbose_name=_("Rank"), accessor="juror_rank", orderable=False, empty_values=())
    score = NumberColumn(verbose_name=pgettext_lazy("score", "Score"), digits=2, orderable=False)
    disagreement = tables.Column(verbose_name=_("Disagreement"), empty_values=(), orderable=False)

    class Meta(RankingTable.Meta):
        order_by = None

    def __init__(self, entries: QuerySet, *, show_score: bool = True, **kwargs):
        if not show_score:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "score")
        super().__init__(juror_ranking_rows(entries), **kwargs)

    def render_rank(self, value, record):
        return value if record.shown_to_jurors else DASH

    def render_score(self, value, record):
        return _number(value, 2) if record.shown_to_jurors else DASH

    def render_disagreement(self, record):
        return super().render_disagreement(record) if record.shown_to_jurors else DASH


class DeliberationTable(RankingTable):
    """The staff's table: every aggregate, the per-criterion means and how ties were broken."""

    mean = NumberColumn(verbose_name=pgettext_lazy("score", "Mean"), digits=2)
    median = NumberColumn(verbose_name=pgettext_lazy("score", "Median"), digits=2)
    normalised = NumberColumn(verbose_name=pgettext_lazy("score", "Normalised"), digits=2)
    spread = NumberColumn(verbose_name=pgettext_lazy("score", "Spread"), digits=1)
    tie_break = tables.Column(verbose_name=_("Tie-break"), accessor="tie_rule", empty_values=())

    class Meta(RankingTable.Meta):
        sequence = (
            "rank",
            "employer",
            "municipality",
            "eligible_nominations",
            "evaluations",
            "score",
            "mean",
            "median",
            "normalised",
            "spread",
            "disagreement",
            "...",
            "tie_break",
        )

    def __init__(self, data, *, criteria, tie_break_criterion=None, **kwargs):
        extra = [(f"criterion_{criterion.pk}", CriterionMeanColumn(criterion)) for criterion in criteria]
        super().__init__(data, extra_columns=extra, **kwargs)
        self.tie_break_criterion = tie_break_criterion

    def render_employer(self, record, value):
        return format_html(
            '<a href="{}">{}</a>', reverse("staff:candidacy", args=[record.candidacy.pk]), value
        )

    def value_employer(self, value):
        return value

    def render_tie_break(self, value):
        return tie_break_text(value, self.tie_break_criterion) or DASH

    def value_tie_break(self, value):
        return tie_break_text(value, self.tie_break_criterion)


def _value_getter(table: tables.Table, bound_column):
    """What ``BoundRow.get_cell_value`` computes for one column, with the arguments of its value
    method worked out once (django-tables2 inspects the signature again for every cell)."""
    column = bound_column.column
    function = bound_column.value
    if getattr(type(column), "value", None) is tables.Column.value and function == column.value:
        function = column.render  # what Column.value calls
    call, wants_row = _caller(function)
    accessor = tables.A(bound_column.accessor)

    def value_of(record):
        try:
            value = accessor.resolve(record)
        except Exception:  # as django-tables2: a column without a value of its own
            value = None
        if value in column.empty_values:
            return None
        available = {
            "value": value,
            "record": record,
            "column": column,
            "bound_column": bound_column,
            "table": table,
        }
        if wants_row:
            available["bound_row"] = BoundRow(record, table=table)
        return call(available)

    return value_of


def export_rows(table: tables.Table, records: Iterable) -> Iterator[list]:
    """The rows of ``table.as_values()`` (the header first), for ``records`` read one at a time
    (``as_values`` would load the whole queryset); text cells are spreadsheet-safe, since the CSV and
    the XLSX exports both write these rows."""
    columns = [column for column in table.columns.iterall() if not column.column.exclude_from_export]
    yield [force_str(column.header, strings_only=True) for column in columns]
    getters = [_value_getter(table, column) for column in columns]
    for record in records:
        yield [spreadsheet_safe(force_str(value_of(record), strings_only=True)) for value_of in getters]


# --- The chart of each juror's totals --------------------------------------------------------

CHART_WIDTH = 720
CHART_LABEL_WIDTH = 220
CHART_RIGHT_MARGIN = 20
CHART_TOP = 10
CHART_ROW_HEIGHT = 40
CHART_AXIS_HEIGHT = 30
CHART_LABEL_CHARS = 26
CHART_BOX_HALF = CHART_ROW_HEIGHT // 4


DOT_OPACITY = 0.65


def _stacked_opacity(count: int) -> str:
    """The opacity of ``count`` dots drawn on top of each other, drawn as one."""
    return f"{1 - (1 - DOT_OPACITY) ** count:.2f}"


@dataclass
class ChartRow:
    """One juror's box plot: the figures (for the table and the titles) and their x positions."""

    label: str
    short_label: str
    distribution: JurorDistribution
    y: int  # the row's middle line
    dots: list[tuple[float, int]] = field(default_factory=list)  # (x, how many totals there)
    x_min: float = 0
    x_q1: float = 0
    x_median: float = 0
    x_q3: float = 0
    x_max: float = 0
    x_mean: float = 0

    @property
    def dots_svg(self) -> str:
        """The juror's totals as SVG dots, written here rather than by a template loop (a territory
        may hold thousands of totals). Numbers only: nothing to escape."""
        return mark_safe(  # noqa: S308
            "".join(
                f'<circle cx="{x}" cy="{self.y}" r="3.5" fill="#1b1f24" '
                f'fill-opacity="{_stacked_opacity(count)}"/>'
                for x, count in self.dots
            )
        )

    @property
    def box_width(self) -> float:
        return max(round(self.x_q3 - self.x_q1, 1), 1)

    @property
    def box_top(self) -> int:
        return self.y - CHART_BOX_HALF

    @property
    def box_bottom(self) -> int:
        return self.y + CHART_BOX_HALF

    @property
    def text_y(self) -> int:
        return self.y + 5

    @property
    def title(self) -> str:
        d = self.distribution
        return ngettext(
            "%(juror)s: %(count)d evaluation, total %(median)s.",
            "%(juror)s: %(count)d evaluations, median %(median)s, from %(minimum)s to %(maximum)s, "
            "mean %(mean)s.",
            d.count,
        ) % {
            "juror": self.label,
            "count": d.count,
            "median": _number(d.median),
            "minimum": _number(d.minimum),
            "maximum": _number(d.maximum),
            "mean": _number(d.mean),
        }


@dataclass
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: int
    rows: list[ChartRow]
    ticks: list[tuple[float, int]]  # (x, value)
    top: int
    overall_mean: Decimal
    x_overall_mean: float
    box_height: int = 2 * CHART_BOX_HALF

    @property
    def overall_mean_text(self) -> str:
        return _number(self.overall_mean)

    @property
    def label_x(self) -> int:
        return self.plot_left - 10

    @property
    def tick_text_y(self) -> int:
        return self.axis_y + 18


def _short(label: str) -> str:
    return label if len(label) <= CHART_LABEL_CHARS else label[: CHART_LABEL_CHARS - 1] + "…"


def _dots(distribution: JurorDistribution, x) -> list[tuple[float, int]]:
    """One dot per position on the axis, with the number of totals that fall there."""
    dots: dict[float, int] = {}
    for total, count in distribution.value_counts:
        position = x(total)
        dots[position] = dots.get(position, 0) + count
    return list(dots.items())


def distribution_chart(distributions: list[JurorDistribution], *, label, short_label=None) -> Chart | None:
    """The geometry of a box plot per juror on a 0–100 axis, from ``juror_distributions``; ``label``
    names a juror (in the titles and the table), ``short_label`` on the chart itself. None when no
    juror has submitted anything."""
    short_label = short_label or label
    distributions = [d for d in distributions if d.count]
    if not distributions:
        return None
    plot_left = CHART_LABEL_WIDTH
    plot_right = CHART_WIDTH - CHART_RIGHT_MARGIN

    def x(value) -> float:
        value = min(max(float(value), 0.0), 100.0)
        return round(plot_left + (plot_right - plot_left) * value / 100, 1)

    rows = []
    for index, distribution in enumerate(distributions):
        name = label(distribution.juror)
        rows.append(
            ChartRow(
                label=name,
                short_label=_short(short_label(distribution.juror)),
                distribution=distribution,
                y=CHART_TOP + CHART_ROW_HEIGHT * index + CHART_ROW_HEIGHT // 2,
                dots=_dots(distribution, x),
                x_min=x(distribution.minimum),
                x_q1=x(distribution.first_quartile),
                x_median=x(distribution.median),
                x_q3=x(distribution.third_quartile),
                x_max=x(distribution.maximum),
                x_mean=x(distribution.mean),
            )
        )
    axis_y = CHART_TOP + CHART_ROW_HEIGHT * len(rows)
    everything = [pair for d in distributions for pair in d.value_counts]
    overall = (
        sum((total * count for total, count in everything), Decimal(0))
        / sum(count for _t, count in everything)
    ).quantize(Decimal("0.01"))
    return Chart(
        width=CHART_WIDTH,
        height=axis_y + CHART_AXIS_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        rows=rows,
        ticks=[(x(value), value) for value in (0, 25, 50, 75, 100)],
        top=CHART_TOP,
        overall_mean=overall,
        x_overall_mean=x(overall),
    )
