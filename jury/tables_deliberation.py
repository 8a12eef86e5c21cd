"""Tables and the chart of the deliberation pages. Everything here reads rows already computed by
``jury.domain.ranking``: no cell triggers a query of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from jury.domain.ranking import JurorDistribution, RankedCandidacy

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


def deliberation_rows(ranking: list[RankedCandidacy]) -> list[DeliberationRow]:
    return [DeliberationRow(ranked=row, position=index) for index, row in enumerate(ranking, start=1)]


def _number(value, digits: int = 1) -> str:
    """Rounded half up to ``digits`` (Django's number_format alone would cut: 16.67 → « 16,6 »)."""
    if value is None:
        return DASH
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return number_format(rounded, digits, use_l10n=True)


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
    """The mean raw score of one criterion (``criterion_means[criterion.pk]``)."""

    def __init__(self, criterion, **kwargs):
        super().__init__(
            verbose_name=criterion.label,
            accessor=tables.A("criterion_means"),
            order_by=(f"criterion_means__{criterion.pk}",),
            digits=2,
            **kwargs,
        )
        self.criterion_pk = criterion.pk

    def render(self, value):
        return _number((value or {}).get(self.criterion_pk), self.digits)

    def value(self, value):
        mean = (value or {}).get(self.criterion_pk)
        return "" if mean is None else mean


class RankingTable(tables.Table):
    """What every reader of a deliberation may see: the aggregated ranking, nothing per juror."""

    rank = tables.Column(verbose_name=_("Rank"), order_by=("position",), empty_values=())
    employer = tables.Column(verbose_name=_("Employer"), accessor="employer_name")
    municipality = tables.Column(verbose_name=_("Municipality"), accessor="municipality")
    eligible_nominations = tables.Column(verbose_name=_("Eligible nominations"))
    evaluations = tables.Column(verbose_name=_("Evaluations"))
    # Translators: the score by the edition's aggregation method.
    score = NumberColumn(verbose_name=pgettext_lazy("score", "Score"), digits=2)
    disagreement = tables.Column(verbose_name=_("Disagreement"), empty_values=())

    class Meta:
        attrs = {"class": "ranking"}
        order_by = ("rank",)

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
# score (or from the disagreement flag): the juror's view shows neither below this count.
MIN_EVALUATIONS_SHOWN_TO_JURORS = 3


class JurorRankingTable(RankingTable):
    """The ranking as a juror of the territory sees it: aggregates only, and only where they cannot
    reveal another juror's total."""

    def render_score(self, value, record):
        if record.evaluations < MIN_EVALUATIONS_SHOWN_TO_JURORS:
            return DASH
        return _number(value, 2)

    def render_disagreement(self, record):
        if record.evaluations < MIN_EVALUATIONS_SHOWN_TO_JURORS:
            return DASH
        return super().render_disagreement(record)


class DeliberationTable(RankingTable):
    """The staff's table: every aggregate, the per-criterion means and how ties were broken."""

    mean = NumberColumn(verbose_name=pgettext_lazy("score", "Mean"), digits=2)
    median = NumberColumn(verbose_name=pgettext_lazy("score", "Median"), digits=2)
    normalised = NumberColumn(verbose_name=pgettext_lazy("score", "Normalised"), digits=2)
    spread = NumberColumn(verbose_name=pgettext_lazy("score", "Spread"), digits=1)
    tie_break = tables.Column(verbose_name=_("Tie-break"), empty_values=())

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

    def __init__(self, data, *, criteria, **kwargs):
        extra = [(f"criterion_{criterion.pk}", CriterionMeanColumn(criterion)) for criterion in criteria]
        super().__init__(data, extra_columns=extra, **kwargs)

    def render_employer(self, record, value):
        return format_html(
            '<a href="{}">{}</a>', reverse("staff:candidacy", args=[record.candidacy.pk]), value
        )

    def value_employer(self, value):
        return value

    def render_tie_break(self, value):
        return value or DASH

    def value_tie_break(self, value):
        return value or ""


# --- The chart of each juror's totals --------------------------------------------------------

CHART_WIDTH = 720
CHART_LABEL_WIDTH = 220
CHART_RIGHT_MARGIN = 20
CHART_TOP = 10
CHART_ROW_HEIGHT = 40
CHART_AXIS_HEIGHT = 30
CHART_LABEL_CHARS = 26
CHART_BOX_HALF = CHART_ROW_HEIGHT // 4


@dataclass
class ChartRow:
    """One juror's box plot: the figures (for the table and the titles) and their x positions."""

    label: str
    short_label: str
    distribution: JurorDistribution
    y: int  # the row's middle line
    dots: list[tuple[float, Decimal]] = field(default_factory=list)  # (x, total)
    x_min: float = 0
    x_q1: float = 0
    x_median: float = 0
    x_q3: float = 0
    x_max: float = 0
    x_mean: float = 0

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
                dots=[(x(total), total) for total in distribution.totals],
                x_min=x(distribution.minimum),
                x_q1=x(distribution.first_quartile),
                x_median=x(distribution.median),
                x_q3=x(distribution.third_quartile),
                x_max=x(distribution.maximum),
                x_mean=x(distribution.mean),
            )
        )
    axis_y = CHART_TOP + CHART_ROW_HEIGHT * len(rows)
    everything = [total for d in distributions for total in d.totals]
    overall = (sum(everything, Decimal(0)) / len(everything)).quantize(Decimal("0.01"))
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
