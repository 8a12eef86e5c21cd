"""Krippendorff's alpha: a published example, small hand-computed ones and the edge cases.

For interval data Σ over ordered pairs i ≠ j of (v_i − v_j)² equals 2·(m·Σv² − (Σv)²), which is
how the hand computations below are done.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.models import Territory
from jury.domain.agreement import as_decimal, krippendorff_alpha, territory_agreement
from jury.domain.scoring import save_evaluation
from jury.enums import EvaluationStatus
from jury.models import Evaluation
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria

# K. Krippendorff, « Computing Krippendorff's Alpha-Reliability » (2011), section E: 4 observers
# (rows) × 12 units (columns), None where an observer gave no value. Unit 12 has a single value,
# so it is not pairable; n = 40 pairable values.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]


def published_units():
    return [
        [value for value in column if value is not None] for column in zip(*KRIPPENDORFF_2011, strict=True)
    ]


def test_interval_alpha_of_the_published_example_is_0_849():
    assert as_decimal(krippendorff_alpha(published_units(), metric="interval")) == Decimal("0.849")


def test_nominal_alpha_of_the_published_example_is_0_743():
    assert as_decimal(krippendorff_alpha(published_units(), metric="nominal")) == Decimal("0.743")


def test_interval_alpha_by_hand():
    # Units [1, 3] and [3, 5]; n = 4.
    # D_o = (1/n)·Σ_u Σ_{i≠j}(v_i − v_j)² / (m_u − 1) = (2·2² / 1 + 2·2² / 1) / 4 = 16 / 4 = 4
    # D_e over 1, 3, 3, 5: Σv = 12, Σv² = 44 → 2·(4·44 − 12²) = 64, / (n(n − 1) = 12) = 16/3
    # alpha = 1 − 4 / (16/3) = 1 − 3/4 = 1/4
    assert krippendorff_alpha([[1, 3], [3, 5]]) == Fraction(1, 4)


def test_perfect_agreement_is_one():
    # Every unit's coders agree (D_o = 0) while units differ (D_e > 0).
    assert krippendorff_alpha([[60, 60], [80, 80, 80], [40, 40]]) == 1
    assert as_decimal(Fraction(1)) == Decimal("1.000")


def test_lone_values_are_not_pairable_and_are_left_out():
    # The lone 100 would raise the expected disagreement if it were counted; alpha stays 1/4.
    assert krippendorff_alpha([[1, 3], [3, 5], [100]]) == Fraction(1, 4)


@pytest.mark.parametrize(
    "units",
    [
        [],  # nothing scored
        [[50, 70]],  # one pairable unit only
        [[50, 70], [80], [20]],  # the others have a single value each
        [[50, 50], [50, 50, 50]],  # every value equal: no expected disagreement
    ],
)
def test_alpha_is_none_when_it_cannot_be_told(units):
    assert krippendorff_alpha(units) is None
    assert as_decimal(krippendorff_alpha(units)) is None


def test_an_unknown_metric_is_refused():
    with pytest.raises(ValueError):
        krippendorff_alpha([[1, 2], [3, 4]], metric="ratio")


@pytest.fixture
def evaluate(jury_edition):
    """Scores through ``save_evaluation`` on two criteria weighted 1.5 and 1 (0–4): (a, b) → 15a + 10b."""
    schedule, hours = use_two_criteria(jury_edition)

    def run(candidacy, juror, a, b, *, submit=True):
        return save_evaluation(
            assignment=assign(candidacy, juror), values={schedule.pk: a, hours.pk: b}, submit=submit
        )

    return run


@pytest.mark.django_db
def test_territory_agreement_per_territory(jury_edition, territory, other_territory, evaluate):
    # Sherbrooke: X scored 100 and 80, Y scored 60 and 40 (a draft of 0 on X is ignored).
    # In tens: units [10, 8] and [6, 4]; n = 4.
    # D_o = (2·2² + 2·2²) / 4 = 4; D_e: Σv = 28, Σv² = 216 → 2·(4·216 − 28²) = 160, / 12 = 40/3
    # alpha = 1 − 4 / (40/3) = 1 − 0.3 = 0.7 (alpha does not depend on the unit of measure).
    first, second, third = make_juror(), make_juror(), make_juror()
    x = make_candidacy(jury_edition, employer=employer_in(territory, "X"))
    y = make_candidacy(jury_edition, employer=employer_in(territory, "Y"))
    evaluate(x, first, 4, 4)  # 100
    evaluate(x, second, 4, 2)  # 80
    evaluate(x, third, 0, 0, submit=False)  # draft
    evaluate(y, first, 4, 0)  # 60
    evaluate(y, second, 2, 1)  # 40
    # Coaticook: a single candidacy scored twice → one pairable unit → None.
    z = make_candidacy(jury_edition, employer=employer_in(other_territory, "Z"))
    evaluate(z, first, 4, 4)
    evaluate(z, second, 0, 0)
    # Memphrémagog: a candidacy nobody has scored yet → None.
    memphremagog = Territory.objects.get(slug="memphremagog")
    make_candidacy(jury_edition, employer=employer_in(memphremagog, "W"))

    assert territory_agreement(edition=jury_edition) == {
        territory.pk: Decimal("0.700"),
        other_territory.pk: None,
        memphremagog.pk: None,
    }


@pytest.mark.django_db
def test_territory_agreement_of_unanimous_jurors_is_one(jury_edition, territory):
    # Written directly with status SUBMITTED: only the totals matter here.
    first, second = make_juror(), make_juror()
    for name, total in {"X": Decimal("75.00"), "Y": Decimal("40.00")}.items():
        candidacy = make_candidacy(jury_edition, employer=employer_in(territory, name))
        for juror in (first, second):
            Evaluation.objects.create(
                assignment=assign(candidacy, juror), status=EvaluationStatus.SUBMITTED, weighted_total=total
            )

    assert territory_agreement(edition=jury_edition) == {territory.pk: Decimal("1.000")}


@pytest.mark.django_db
def test_territory_agreement_runs_the_same_number_of_queries_for_1_and_10_candidacies(
    jury_edition, territory
):
    # Written directly with status SUBMITTED: only the totals matter here.
    jurors = [make_juror() for _ in range(3)]

    def scored(count, start):
        for i in range(start, start + count):
            candidacy = make_candidacy(jury_edition, employer=employer_in(territory, f"Commerce {i}"))
            for j, juror in enumerate(jurors):
                Evaluation.objects.create(
                    assignment=assign(candidacy, juror),
                    status=EvaluationStatus.SUBMITTED,
                    weighted_total=Decimal(10 * ((i + j) % 10)),
                )

    scored(1, 0)
    with CaptureQueriesContext(connection) as one:
        territory_agreement(edition=jury_edition)
    scored(9, 1)
    with CaptureQueriesContext(connection) as ten:
        result = territory_agreement(edition=jury_edition)

    assert len(one) == len(ten) == 2
    assert list(result) == [territory.pk]
