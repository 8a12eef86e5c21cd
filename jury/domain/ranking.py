"""Ranking the candidacies of a territory by the edition's method.

Only submitted evaluations count; drafts never do. Staff-facing: a juror never sees another juror's
totals, so nothing here may reach a juror's page unless the edition lets the territory's jurors see
its deliberation.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, IntegerField, OuterRef, Q, StdDev, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from contest.enums import AggregationMethod
from contest.models import Criterion, Edition, Territory
from jury.domain.assignment import candidacies_to_judge
from jury.enums import EvaluationStatus
from jury.models import Evaluation, Score
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination

CENT = Decimal("0.01")
MILLI = Decimal("0.001")
ZERO = Decimal(0)


@dataclass
class RankedCandidacy:
    candidacy: Candidacy  # with employer, municipality and territory loaded
    rank: int | None  # 1, 2, 3…; None when the candidacy has no submitted evaluation
    score: Decimal | None  # by the edition's method (0–100 for mean and median, z-score mean for normalised)
    evaluations: int  # submitted evaluations
    mean: Decimal | None  # mean of the weighted totals (0–100)
    median: Decimal | None
    normalised: Decimal | None  # mean of the jurors' z-scores
    spread: Decimal | None  # highest minus lowest weighted total (0–100 points)
    disagreement: bool  # spread above edition.disagreement_threshold
    criterion_means: dict[int, Decimal] = field(default_factory=dict)  # criterion id -> mean raw score
    eligible_nominations: int = 0
    tie_break: str = ""  # how a tie with the candidacy ranked just above was broken, for the page
    tie_rule: str = ""  # the same as a code (TIE_RULES), for what is stored and translated later

    @property
    def territory(self) -> Territory:
        return self.candidacy.employer.territory


@dataclass
class JurorDistribution:
    """How one juror's submitted weighted totals spread (for the staff's severity chart)."""

    juror: object  # the User
    count: int
    mean: Decimal
    minimum: Decimal
    first_quartile: Decimal
    median: Decimal
    third_quartile: Decimal
    maximum: Decimal
    totals: list[Decimal] = field(default_factory=list)  # ascending
    counts: list[tuple[Decimal, int]] = field(default_factory=list)  # or each distinct total and how often

    @property
    def value_counts(self) -> list[tuple[Decimal, int]]:
        """Each distinct total (ascending) and how many times the juror gave it."""
        if self.counts:
            return self.counts
        return sorted(Counter(self.totals).items())


def _quantize(value: Decimal, step: Decimal) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _decimal(value) -> Decimal:
    """Aggregates come back as Decimal on PostgreSQL and as float-born Decimal on SQLite."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _alphabetical(name: str) -> str:
    """Sort key for names: accents and case ignored, so that « École » sorts among the E."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()


def _submitted(edition: Edition):
    """The submitted evaluations of the candidacies still judged (with an eligible nomination): the
    same set as the jurors' agreement (``jury.domain.agreement``), so that a candidacy screened out
    after it was scored no longer moves a juror's mean and deviation, nor the juror's chart."""
    return Evaluation.objects.filter(
        assignment__candidacy__in=candidacies_to_judge(edition).values("pk"),
        status=EvaluationStatus.SUBMITTED,
        weighted_total__isnull=False,
    )


def _tie_break_criterion(edition: Edition, candidacies: list[Candidacy]) -> Criterion | None:
    """The edition's tie-break criterion without a query of its own: it is either already loaded on
    the edition or came with the candidacies (select_related)."""
    if edition.tie_break_criterion_id is None or not candidacies:
        return None
    if Edition.tie_break_criterion.is_cached(edition):
        return edition.tie_break_criterion
    loaded = candidacies[0].edition
    if loaded.tie_break_criterion_id == edition.tie_break_criterion_id:
        return loaded.tie_break_criterion
    return edition.tie_break_criterion  # changed on the caller's instance and not saved: one query


def rank_candidacies(*, edition: Edition, territory: Territory | None = None) -> list[RankedCandidacy]:
    """The candidacies (with an eligible nomination) of the edition, or of one territory, ranked.

    Grouped by territory name; ranks restart at 1 in each territory and are never shared: equal scores
    are ordered by the tie-break criterion's mean, then the number of eligible nominations, then the
    employer's name, and ``tie_break`` says which rule decided. Candidacies without a submitted
    evaluation come last in their territory, with rank None.

    Query budget: 4, whatever the number of candidacies and evaluations —
    1. the candidacies, with employer, municipality, territory, the edition's tie-break criterion,
       eligible nominations, and the count and mean of submitted totals;
    2. one list of (candidacy, juror, weighted total) for the median, spread and z-scores;
    3. each juror's mean and population standard deviation over the whole edition (judged
       candidacies only);
    4. the mean raw score per candidacy and criterion.
    """
    submitted = Q(
        assignments__evaluation__status=EvaluationStatus.SUBMITTED,
        assignments__evaluation__weighted_total__isnull=False,
    )
    eligible_count = (
        Nomination.objects.filter(
            edition=OuterRef("edition"), employer=OuterRef("employer"), status=NominationStatus.ELIGIBLE
        )
        .order_by()
        .values("employer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    candidacies_qs = candidacies_to_judge(edition)
    if territory is not None:
        candidacies_qs = candidacies_qs.filter(employer__territory=territory)
    candidacies = list(
        candidacies_qs.select_related(
            "employer__municipality", "employer__territory", "edition__tie_break_criterion"
        ).annotate(
            eligible_count=Coalesce(Subquery(eligible_count, output_field=IntegerField()), 0),
            submitted_count=Count("assignments__evaluation", filter=submitted),
            submitted_mean=Avg("assignments__evaluation__weighted_total", filter=submitted),
        )
    )

    evaluations = _submitted(edition)
    if territory is not None:
        evaluations = evaluations.filter(assignment__candidacy__employer__territory=territory)
    totals: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for candidacy_id, juror_id, total in evaluations.values_list(
        "assignment__candidacy_id", "assignment__juror_id", "weighted_total"
    ):
        totals[candidacy_id].append((juror_id, total))

    # A juror's severity is measured over everything they submitted in the edition, every territory,
    # for the candidacies still judged.
    juror_stats: dict[int, tuple[int, Decimal | None, Decimal | None]] = {
        row["assignment__juror_id"]: (row["count"], row["mean"], row["deviation"])
        for row in _submitted(edition)
        .order_by()
        .values("assignment__juror_id")
        .annotate(
            count=Count("pk"),
            mean=Avg("weighted_total"),
            deviation=StdDev("weighted_total", sample=False),
        )
    }

    scores = Score.objects.filter(
        evaluation__assignment__candidacy__edition=edition,
        evaluation__status=EvaluationStatus.SUBMITTED,
        evaluation__weighted_total__isnull=False,
    )
    if territory is not None:
        scores = scores.filter(evaluation__assignment__candidacy__employer__territory=territory)
    criterion_means: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in (
        scores.order_by()
        .values("evaluation__assignment__candidacy_id", "criterion_id")
        .annotate(mean=Avg("value"))
    ):
        criterion_means[row["evaluation__assignment__candidacy_id"]][row["criterion_id"]] = _quantize(
            _decimal(row["mean"]), CENT
        )

    def z_score(juror_id: int, total: Decimal) -> Decimal:
        count, mean, deviation = juror_stats.get(juror_id, (0, None, None))
        if count < 2 or mean is None or deviation is None:
            return ZERO
        deviation = _decimal(deviation)
        if deviation <= Decimal("1e-9"):  # float noise on SQLite: equal totals mean no deviation
            return ZERO
        return (total - _decimal(mean)) / deviation

    tie_break_criterion = _tie_break_criterion(edition, candidacies)
    rows: list[RankedCandidacy] = []
    for candidacy in candidacies:
        candidacy.edition = edition  # the caller's instance, so that nothing is read twice
        own = totals.get(candidacy.pk, [])
        values = [total for _juror, total in own]
        row = RankedCandidacy(
            candidacy=candidacy,
            rank=None,
            score=None,
            evaluations=candidacy.submitted_count,
            mean=None,
            median=None,
            normalised=None,
            spread=None,
            disagreement=False,
            criterion_means=criterion_means.get(candidacy.pk, {}),
            eligible_nominations=candidacy.eligible_count,
        )
        if candidacy.submitted_count:
            row.mean = _quantize(_decimal(candidacy.submitted_mean), CENT)
            row.median = _quantize(statistics.median(values), CENT)
            row.normalised = _quantize(
                sum((z_score(juror, total) for juror, total in own), ZERO) / len(own), MILLI
            )
            row.spread = _quantize(max(values) - min(values), CENT)
            row.disagreement = row.spread > edition.disagreement_threshold
            row.score = {
                AggregationMethod.WEIGHTED_MEAN: row.mean,
                AggregationMethod.MEDIAN: row.median,
                AggregationMethod.NORMALISED: row.normalised,
            }.get(edition.aggregation_method, row.mean)
        rows.append(row)

    return _order(rows, criterion=tie_break_criterion)


TIE_CRITERION = "criterion"
TIE_NOMINATIONS = "nominations"
TIE_ALPHABETICAL = "alphabetical"
TIE_RULES = (TIE_CRITERION, TIE_NOMINATIONS, TIE_ALPHABETICAL)


def tie_break_text(rule: str, criterion: Criterion | None) -> str:
    """What a tie-break code says, in the active language ("" when no tie was broken)."""
    if rule == TIE_CRITERION and criterion is not None:
        # Translators: a tie between two candidacies, broken by one criterion's mean score.
        return _("Tie broken by « %(criterion)s »") % {"criterion": criterion.label}
    if rule == TIE_NOMINATIONS:
        return _("Tie broken by the number of eligible nominations")
    if rule == TIE_ALPHABETICAL:
        return _("Tie: alphabetical order")
    return ""


def _order(rows: list[RankedCandidacy], *, criterion: Criterion | None) -> list[RankedCandidacy]:
    def tie_value(row: RankedCandidacy) -> Decimal | None:
        return row.criterion_means.get(criterion.pk) if criterion is not None else None

    def key(row: RankedCandidacy):
        employer = row.candidacy.employer
        crit = tie_value(row)
        return (
            row.score is None,
            -(row.score or ZERO),
            crit is None,
            -(crit or ZERO),
            -row.eligible_nominations,
            _alphabetical(employer.name),
            employer.name,
            row.candidacy.pk,
        )

    def explain(above: RankedCandidacy, below: RankedCandidacy) -> str:
        if criterion is not None and tie_value(above) != tie_value(below):
            return TIE_CRITERION
        if above.eligible_nominations != below.eligible_nominations:
            return TIE_NOMINATIONS
        return TIE_ALPHABETICAL

    by_territory: dict[int, list[RankedCandidacy]] = defaultdict(list)
    for row in rows:
        by_territory[row.candidacy.employer.territory_id].append(row)
    ordered: list[RankedCandidacy] = []
    for territory_rows in sorted(
        by_territory.values(),
        key=lambda group: (_alphabetical(group[0].territory.name), group[0].territory.pk),
    ):
        territory_rows.sort(key=key)
        previous: RankedCandidacy | None = None
        for position, row in enumerate(territory_rows, start=1):
            if row.score is None:
                break
            row.rank = position
            if previous is not None and previous.score == row.score:
                row.tie_rule = explain(previous, row)
                row.tie_break = tie_break_text(row.tie_rule, criterion)
            previous = row
        ordered.extend(territory_rows)
    return ordered


def _quartile(ordered: list[Decimal], fraction: Decimal) -> Decimal:
    """Linear interpolation between closest ranks (the « inclusive » method of spreadsheets)."""
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def distribution(juror, totals: list[Decimal]) -> JurorDistribution:
    """The box-plot figures of one juror's totals."""
    values = sorted(totals)
    return JurorDistribution(
        juror=juror,
        count=len(values),
        mean=_quantize(sum(values, ZERO) / len(values), CENT),
        minimum=values[0],
        first_quartile=_quantize(_quartile(values, Decimal("0.25")), CENT),
        median=_quantize(_quartile(values, Decimal("0.5")), CENT),
        third_quartile=_quantize(_quartile(values, Decimal("0.75")), CENT),
        maximum=values[-1],
        totals=values,
    )


def juror_distributions(*, edition: Edition, territory: Territory | None = None) -> list[JurorDistribution]:
    """Each juror's submitted weighted totals in the edition (or in one territory's candidacies),
    summarised for a box plot, ordered by e-mail.

    STAFF ONLY: never on a juror's page (jurors never see another juror's totals). Two queries."""
    evaluations = _submitted(edition)
    if territory is not None:
        evaluations = evaluations.filter(assignment__candidacy__employer__territory=territory)
    totals: dict[int, list[Decimal]] = defaultdict(list)
    for juror_id, total in evaluations.values_list("assignment__juror_id", "weighted_total"):
        totals[juror_id].append(total)
    if not totals:
        return []
    return [
        distribution(juror, totals[juror.pk])
        for juror in get_user_model().objects.filter(pk__in=totals).order_by("email", "pk")
    ]


def totals_by_territory(*, edition: Edition) -> dict[int, dict[int, list[Decimal]]]:
    """Submitted weighted totals per territory id and juror id (one query; jurors by id only).

    STAFF ONLY, like ``juror_distributions``."""
    totals: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for territory_id, juror_id, total in _submitted(edition).values_list(
        "assignment__candidacy__employer__territory_id", "assignment__juror_id", "weighted_total"
    ):
        totals[territory_id][juror_id].append(total)
    return totals
