"""How much the jurors of a territory agree: Krippendorff's alpha over their submitted totals.

Units are candidacies, coders are jurors, and every candidacy is scored by its own subset of the
panel, so values are missing by design; alpha handles that. Computed exactly with fractions (no
numpy), following K. Krippendorff, « Computing Krippendorff's Alpha-Reliability » (2011):

    alpha = 1 − D_o / D_e
    D_o = 1/n · Σ_u 1/(m_u − 1) · Σ_{i≠j in u} δ(v_i, v_j)     (observed, within units)
    D_e = 1/(n(n − 1)) · Σ_{i≠j among all n values} δ(v_i, v_j)  (expected, across all values)

over the n values that sit in units with m_u ≥ 2 values (a lone value cannot be compared).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from contest.models import Edition
from jury.domain.assignment import candidacies_to_judge
from jury.enums import EvaluationStatus
from jury.models import Evaluation

MILLI = Decimal("0.001")
METRICS = ("interval", "nominal")


def _pair_disagreement(values: Sequence, metric: str) -> Fraction:
    """Σ over ordered pairs i ≠ j of δ(v_i, v_j), in linear time.

    interval: δ = (v_i − v_j)², and Σ_{i≠j} (v_i − v_j)² = 2·(m·Σv² − (Σv)²);
    nominal:  δ = [v_i ≠ v_j], and Σ_{i≠j} [v_i ≠ v_j] = m² − Σ_c n_c² (n_c: values equal to c)."""
    m = len(values)
    if metric == "interval":
        exact = [Fraction(value) for value in values]
        return 2 * (m * sum(v * v for v in exact) - sum(exact) ** 2)
    return Fraction(m * m - sum(count * count for count in Counter(values).values()))


def krippendorff_alpha(units: Iterable[Sequence], *, metric: str = "interval") -> Fraction | None:
    """Alpha for reliability data given unit by unit (each unit: the values its coders gave).

    None when fewer than two units hold two values or more, or when all those values are equal
    (no expected disagreement: agreement cannot be told from chance)."""
    if metric not in METRICS:
        raise ValueError(metric)
    pairable = [list(values) for values in units if len(values) >= 2]
    if len(pairable) < 2:
        return None
    n = sum(len(values) for values in pairable)
    observed = (
        sum((_pair_disagreement(values, metric) / (len(values) - 1) for values in pairable), Fraction(0)) / n
    )
    expected = _pair_disagreement([value for values in pairable for value in values], metric) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - observed / expected


def as_decimal(alpha: Fraction | None) -> Decimal | None:
    if alpha is None:
        return None
    return (Decimal(alpha.numerator) / Decimal(alpha.denominator)).quantize(MILLI, rounding=ROUND_HALF_UP)


def territory_agreement(*, edition: Edition) -> dict[int, Decimal | None]:
    """Interval alpha of the submitted weighted totals, per territory id (to 0.001).

    Every territory with a candidacy to judge has a key; its value is None when alpha cannot be
    computed yet. Two queries, whatever the number of candidacies."""
    judged = candidacies_to_judge(edition)
    units: dict[int, dict[int, list[Decimal]]] = {
        territory_id: defaultdict(list)
        for territory_id in judged.order_by().values_list("employer__territory_id", flat=True).distinct()
    }
    for territory_id, candidacy_id, total in Evaluation.objects.filter(
        assignment__candidacy__in=judged.values("pk"),
        status=EvaluationStatus.SUBMITTED,
        weighted_total__isnull=False,
    ).values_list(
        "assignment__candidacy__employer__territory_id", "assignment__candidacy_id", "weighted_total"
    ):
        units[territory_id][candidacy_id].append(total)
    return {
        territory_id: as_decimal(krippendorff_alpha(by_candidacy.values()))
        for territory_id, by_candidacy in units.items()
    }
