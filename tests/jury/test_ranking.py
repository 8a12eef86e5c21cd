"""Ranking the candidacies: every expected value below is computed by hand in the comments.

Unless a test says otherwise, scores go through ``save_evaluation`` on the two criteria of
``use_two_criteria`` (« Horaire » weighted 1.5, « Heures » weighted 1, both on 0–4), so a juror who
gives (a, b) submits the weighted total

    (1.5·a/4 + 1·b/4) / 2.5 · 100 = 15·a + 10·b      e.g. (4, 4) → 100, (3, 2) → 65, (2, 1) → 40.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from contest.enums import AggregationMethod, Phase
from contest.models import Edition, Territory
from jury.domain.ranking import juror_distributions, rank_candidacies
from jury.domain.scoring import save_evaluation
from jury.enums import EvaluationStatus
from jury.models import Evaluation
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_edition, make_nomination
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(jury_edition):
    return use_two_criteria(jury_edition)


@pytest.fixture
def evaluate(criteria):
    """``evaluate(candidacy, juror, a, b)``: the juror scores (a, b) and submits (total 15a + 10b)."""
    schedule, hours = criteria

    def run(candidacy, juror, a, b, *, submit=True):
        return save_evaluation(
            assignment=assign(candidacy, juror), values={schedule.pk: a, hours.pk: b}, submit=submit
        )

    return run


def candidacy_named(edition, territory, name, *, testimonials=1):
    return make_candidacy(edition, employer=employer_in(territory, name), testimonials=testimonials)


def by_name(rows):
    return {row.candidacy.employer.name: row for row in rows}


def test_mean_median_spread_and_criterion_means_of_three_evaluations(
    jury_edition, territory, criteria, evaluate
):
    schedule, hours = criteria
    candidacy = candidacy_named(jury_edition, territory, "Resto Ginette")
    evaluate(candidacy, make_juror(), 4, 4)  # 100
    evaluate(candidacy, make_juror(), 3, 2)  # 65
    evaluate(candidacy, make_juror(), 2, 1)  # 40

    (row,) = rank_candidacies(edition=jury_edition, territory=territory)

    assert row.evaluations == 3
    assert row.mean == Decimal("68.33")  # (100 + 65 + 40) / 3 = 205 / 3 = 68.333…
    assert row.median == Decimal("65.00")  # middle of 40, 65, 100
    assert row.spread == Decimal("60.00")  # 100 − 40
    assert row.disagreement is True  # 60 > 25, the default threshold
    # Horaire: (4 + 3 + 2) / 3 = 3; Heures: (4 + 2 + 1) / 3 = 2.333…
    assert row.criterion_means == {schedule.pk: Decimal("3.00"), hours.pk: Decimal("2.33")}
    assert row.score == Decimal("68.33")  # the edition's method is the weighted mean
    assert (row.rank, row.eligible_nominations, row.tie_break) == (1, 1, "")


def test_median_of_an_even_number_of_evaluations_is_the_mean_of_the_middle_two(
    jury_edition, territory, evaluate
):
    candidacy = candidacy_named(jury_edition, territory, "Resto Ginette")
    evaluate(candidacy, make_juror(), 4, 4)  # 100
    evaluate(candidacy, make_juror(), 4, 3)  # 90
    evaluate(candidacy, make_juror(), 2, 3)  # 60
    evaluate(candidacy, make_juror(), 0, 1)  # 10

    (row,) = rank_candidacies(edition=jury_edition)

    assert row.median == Decimal("75.00")  # (90 + 60) / 2
    assert row.mean == Decimal("65.00")  # 260 / 4
    assert row.spread == Decimal("90.00")  # 100 − 10


def test_disagreement_only_above_the_threshold(jury_edition, territory, evaluate):
    at_threshold = candidacy_named(jury_edition, territory, "Pile")
    evaluate(at_threshold, make_juror(), 3, 3)  # 75
    evaluate(at_threshold, make_juror(), 2, 2)  # 50 → spread 25, not above 25
    above = candidacy_named(jury_edition, territory, "Dessus")
    evaluate(above, make_juror(), 3, 3)  # 75
    evaluate(above, make_juror(), 3, 0)  # 45 → spread 30 > 25
    alone = candidacy_named(jury_edition, territory, "Seul")
    evaluate(alone, make_juror(), 0, 0)  # one evaluation → spread 0

    rows = by_name(rank_candidacies(edition=jury_edition))

    assert (rows["Pile"].spread, rows["Pile"].disagreement) == (Decimal("25.00"), False)
    assert (rows["Dessus"].spread, rows["Dessus"].disagreement) == (Decimal("30.00"), True)
    assert (rows["Seul"].spread, rows["Seul"].disagreement) == (Decimal("0.00"), False)


def test_the_threshold_is_the_editions(jury_edition, territory, evaluate):
    jury_edition.disagreement_threshold = 20
    jury_edition.save(update_fields=["disagreement_threshold"])
    candidacy = candidacy_named(jury_edition, territory, "Pile")
    evaluate(candidacy, make_juror(), 3, 3)  # 75
    evaluate(candidacy, make_juror(), 2, 2)  # 50 → spread 25 > 20

    (row,) = rank_candidacies(edition=jury_edition)

    assert row.disagreement is True


def test_median_method_ranks_differently_from_the_mean(jury_edition, territory, evaluate):
    peaks = candidacy_named(jury_edition, territory, "Pics")
    evaluate(peaks, make_juror(), 4, 4)  # 100
    evaluate(peaks, make_juror(), 4, 0)  # 60
    evaluate(peaks, make_juror(), 2, 3)  # 60 → mean 220 / 3 = 73.33, median 60
    steady = candidacy_named(jury_edition, territory, "Régulier")
    evaluate(steady, make_juror(), 2, 4)  # 70
    evaluate(steady, make_juror(), 3, 2)  # 65
    evaluate(steady, make_juror(), 3, 2)  # 65 → mean 200 / 3 = 66.67, median 65

    by_mean = rank_candidacies(edition=jury_edition)
    jury_edition.aggregation_method = AggregationMethod.MEDIAN
    by_median = rank_candidacies(edition=jury_edition)

    assert [(r.candidacy.employer.name, r.rank, r.score) for r in by_mean] == [
        ("Pics", 1, Decimal("73.33")),
        ("Régulier", 2, Decimal("66.67")),
    ]
    assert [(r.candidacy.employer.name, r.rank, r.score) for r in by_median] == [
        ("Régulier", 1, Decimal("65.00")),
        ("Pics", 2, Decimal("60.00")),
    ]


def test_normalisation_corrects_a_juror_whose_wide_scale_dominates_the_mean(
    jury_edition, territory, evaluate
):
    """A lenient juror scores A, B, C within a narrow band; a severe juror scores the same three
    over a wide range and in another order. The mean follows the severe juror; the z-scores weigh
    both jurors' opinions equally.

    lenient: A 100, B 90, C 80 → mean 90, population deviation √((10² + 0² + 10²) / 3) = √(200/3)
             z: A = 10 / √(200/3) = √1.5 = +1.2247, B = 0, C = −1.2247
    severe:  A 10, B 70, C 40  → mean 40, deviation √((30² + 30² + 0²) / 3) = √600
             z: A = −30 / √600 = −√1.5 = −1.2247, B = +1.2247, C = 0
    mean:        A (100 + 10) / 2 = 55, B (90 + 70) / 2 = 80, C (80 + 40) / 2 = 60 → B, C, A
    normalised:  A (1.2247 − 1.2247) / 2 = 0, B (0 + 1.2247) / 2 = 0.612, C (−1.2247 + 0) / 2 = −0.612
                 → B, A, C
    """
    lenient, severe = make_juror(), make_juror()
    a = candidacy_named(jury_edition, territory, "A")
    b = candidacy_named(jury_edition, territory, "B")
    c = candidacy_named(jury_edition, territory, "C")
    evaluate(a, lenient, 4, 4)  # 100
    evaluate(b, lenient, 4, 3)  # 90
    evaluate(c, lenient, 4, 2)  # 80
    evaluate(a, severe, 0, 1)  # 10
    evaluate(b, severe, 2, 4)  # 70
    evaluate(c, severe, 2, 1)  # 40

    by_mean = rank_candidacies(edition=jury_edition)
    jury_edition.aggregation_method = AggregationMethod.NORMALISED
    by_normalised = rank_candidacies(edition=jury_edition)

    assert [(r.candidacy.employer.name, r.score) for r in by_mean] == [
        ("B", Decimal("80.00")),
        ("C", Decimal("60.00")),
        ("A", Decimal("55.00")),
    ]
    assert [(r.candidacy.employer.name, r.rank, r.score) for r in by_normalised] == [
        ("B", 1, Decimal("0.612")),
        ("A", 2, Decimal("0.000")),
        ("C", 3, Decimal("-0.612")),
    ]
    assert [r.mean for r in by_normalised] == [Decimal("80.00"), Decimal("55.00"), Decimal("60.00")]


def test_normalisation_centres_each_juror_on_their_own_mean(jury_edition, territory, evaluate):
    """Two jurors, each scoring two of three candidacies (B by both). With two values, a juror's
    population deviation is half the gap and the z-scores are ±1:

    severe   (A 40, B 20): mean 30, deviation 10 → A +1, B −1
    lenient  (B 90, C 80): mean 85, deviation 5  → B +1, C −1
    A's mean 40 and C's mean 80 only say who judged them: normalised A +1, B (−1 + 1) / 2 = 0, C −1.
    """
    severe, lenient = make_juror(), make_juror()
    a = candidacy_named(jury_edition, territory, "A")
    b = candidacy_named(jury_edition, territory, "B")
    c = candidacy_named(jury_edition, territory, "C")
    evaluate(a, severe, 2, 1)  # 40
    evaluate(b, severe, 0, 2)  # 20
    evaluate(b, lenient, 4, 3)  # 90
    evaluate(c, lenient, 4, 2)  # 80

    rows = by_name(rank_candidacies(edition=jury_edition))

    assert {name: (row.mean, row.normalised) for name, row in rows.items()} == {
        "A": (Decimal("40.00"), Decimal("1.000")),
        "B": (Decimal("55.00"), Decimal("0.000")),
        "C": (Decimal("80.00"), Decimal("-1.000")),
    }


def test_a_juror_with_one_evaluation_or_no_deviation_counts_as_zero(
    jury_edition, territory, other_territory, evaluate
):
    """once: a single evaluation → 0. flat: 70 and 70, deviation 0 → 0. moving: 60 and 20 (mean 40,
    deviation 20; the 20 is in another territory but still counts for the juror's mean) → A +1.
    A: (0 + 0 + 1) / 3 = 0.333."""
    once, flat, moving = make_juror(), make_juror(), make_juror()
    a = candidacy_named(jury_edition, territory, "A")
    elsewhere = candidacy_named(jury_edition, other_territory, "Ailleurs")
    other = candidacy_named(jury_edition, territory, "Autre")
    evaluate(a, once, 4, 4)  # 100
    evaluate(a, flat, 2, 4)  # 70
    evaluate(other, flat, 4, 1)  # 70
    evaluate(a, moving, 4, 0)  # 60
    evaluate(elsewhere, moving, 0, 2)  # 20

    rows = by_name(rank_candidacies(edition=jury_edition, territory=territory))

    assert rows["A"].normalised == Decimal("0.333")
    assert rows["Autre"].normalised == Decimal("0.000")  # flat's 70: no deviation


def test_ties_broken_by_criterion_then_nominations_then_name_with_the_explanation(
    jury_edition, territory, criteria, evaluate
):
    """Five candidacies; the last four total 60 each, as (4, 0) → 60 or (2, 3) → 60.

    Zeta  (4, 0) Horaire mean 4                          → first of the tie: the criterion
    Yak   (2, 3) Horaire mean 2, 3 eligible nominations  → above Alpha and Beta: nominations
    Alpha (2, 3) Horaire mean 2, 1 eligible nomination (and one not eligible, not counted)
    Beta  (2, 3) Horaire mean 2, 1 eligible nomination  → Alpha before Beta: alphabetical order
    """
    schedule, _hours = criteria
    jury_edition.tie_break_criterion = schedule
    jury_edition.save(update_fields=["tie_break_criterion"])
    top = candidacy_named(jury_edition, territory, "Haut")
    zeta = candidacy_named(jury_edition, territory, "Zeta")
    yak = candidacy_named(jury_edition, territory, "Yak", testimonials=3)
    alpha = candidacy_named(jury_edition, territory, "Alpha")
    make_nomination(edition=jury_edition, employer=alpha.employer, status=NominationStatus.CONFIRMED)
    beta = candidacy_named(jury_edition, territory, "Beta")
    evaluate(top, make_juror(), 4, 4)  # 100
    evaluate(zeta, make_juror(), 4, 0)
    for candidacy in (yak, alpha, beta):
        evaluate(candidacy, make_juror(), 2, 3)

    with translation.override("en"):
        rows = rank_candidacies(edition=jury_edition, territory=territory)

    assert [
        (r.rank, r.candidacy.employer.name, r.score, r.eligible_nominations, r.tie_break) for r in rows
    ] == [
        (1, "Haut", Decimal("100.00"), 1, ""),
        (2, "Zeta", Decimal("60.00"), 1, ""),
        (3, "Yak", Decimal("60.00"), 3, "Tie broken by « Schedule »"),
        (4, "Alpha", Decimal("60.00"), 1, "Tie broken by the number of eligible nominations"),
        (5, "Beta", Decimal("60.00"), 1, "Tie: alphabetical order"),
    ]


def test_without_a_tie_break_criterion_nominations_decide_first(jury_edition, territory, evaluate):
    zeta = candidacy_named(jury_edition, territory, "Zeta", testimonials=2)
    alpha = candidacy_named(jury_edition, territory, "Alpha")
    evaluate(zeta, make_juror(), 4, 0)  # 60, Horaire 4
    evaluate(alpha, make_juror(), 2, 3)  # 60, Horaire 2

    with translation.override("en"):
        rows = rank_candidacies(edition=jury_edition)

    assert [(r.rank, r.candidacy.employer.name, r.tie_break) for r in rows] == [
        (1, "Zeta", ""),
        (2, "Alpha", "Tie broken by the number of eligible nominations"),
    ]


def test_tie_break_criterion_from_a_fresh_edition_costs_no_extra_query(
    jury_edition, territory, criteria, evaluate
):
    schedule, _hours = criteria
    jury_edition.tie_break_criterion = schedule
    jury_edition.save(update_fields=["tie_break_criterion"])
    for name, (a, b) in {"Zeta": (4, 0), "Alpha": (2, 3)}.items():
        evaluate(candidacy_named(jury_edition, territory, name), make_juror(), a, b)  # 60 each
    fresh = Edition.objects.get(pk=jury_edition.pk)

    with translation.override("en"), CaptureQueriesContext(connection) as queries:
        rows = rank_candidacies(edition=fresh)

    assert len(queries) == 4
    assert [(r.candidacy.employer.name, r.tie_break) for r in rows] == [
        ("Zeta", ""),
        ("Alpha", "Tie broken by « Schedule »"),
    ]


def test_drafts_never_count(jury_edition, territory, evaluate):
    scored = candidacy_named(jury_edition, territory, "Notée")
    evaluate(scored, make_juror(), 4, 2)  # 80, submitted
    evaluate(scored, make_juror(), 0, 0, submit=False)  # 0, draft: ignored
    drafted = candidacy_named(jury_edition, territory, "Brouillon")
    evaluate(drafted, make_juror(), 4, 4, submit=False)  # 100, draft only

    rows = rank_candidacies(edition=jury_edition)

    assert [(r.candidacy.employer.name, r.rank, r.evaluations, r.mean, r.spread) for r in rows] == [
        ("Notée", 1, 1, Decimal("80.00"), Decimal("0.00")),
        ("Brouillon", None, 0, None, None),
    ]


def test_candidacies_without_an_eligible_nomination_are_left_out(jury_edition, territory, evaluate):
    kept = candidacy_named(jury_edition, territory, "Gardée")
    evaluate(kept, make_juror(), 2, 2)  # 50
    employer = employer_in(territory, "Écartée")
    make_nomination(edition=jury_edition, employer=employer, status=NominationStatus.INELIGIBLE)
    dropped = Candidacy.objects.create(edition=jury_edition, employer=employer)
    evaluate(dropped, make_juror(), 4, 4)  # 100, but nothing eligible left

    rows = rank_candidacies(edition=jury_edition)

    assert [r.candidacy.employer.name for r in rows] == ["Gardée"]


def test_normalisation_leaves_out_the_candidacies_no_longer_judged(jury_edition, territory, evaluate):
    """The juror scored A 80, B 60 and C 20, then C's only nomination was screened ineligible.
    Over the judged A and B: mean 70, population deviation 10 → A +1, B −1. (Counting C's 20 would
    give mean 53.33, deviation 24.94 and A +1.069.)"""
    juror = make_juror()
    a = candidacy_named(jury_edition, territory, "A")
    b = candidacy_named(jury_edition, territory, "B")
    c = candidacy_named(jury_edition, territory, "C")
    evaluate(a, juror, 4, 2)  # 80
    evaluate(b, juror, 2, 3)  # 60
    evaluate(c, juror, 0, 2)  # 20
    c.employer.nominations.update(status=NominationStatus.INELIGIBLE)

    rows = by_name(rank_candidacies(edition=jury_edition))

    assert {name: row.normalised for name, row in rows.items()} == {
        "A": Decimal("1.000"),
        "B": Decimal("-1.000"),
    }


def test_juror_distributions_leave_out_the_candidacies_no_longer_judged(jury_edition, territory, evaluate):
    juror = make_juror()
    kept = candidacy_named(jury_edition, territory, "Gardée")
    dropped = candidacy_named(jury_edition, territory, "Écartée")
    evaluate(kept, juror, 4, 2)  # 80
    evaluate(dropped, juror, 0, 2)  # 20
    dropped.employer.nominations.update(status=NominationStatus.INELIGIBLE)

    (figures,) = juror_distributions(edition=jury_edition)

    assert (figures.count, figures.totals) == (1, [Decimal("80.00")])


def test_candidacies_without_evaluations_come_last_unranked(jury_edition, territory, evaluate):
    candidacy_named(jury_edition, territory, "Attente A")
    low = candidacy_named(jury_edition, territory, "Basse")
    evaluate(low, make_juror(), 0, 1)  # 10
    candidacy_named(jury_edition, territory, "Attente B")

    rows = rank_candidacies(edition=jury_edition)

    assert [
        (r.candidacy.employer.name, r.rank, r.score, r.evaluations, r.normalised, r.disagreement)
        for r in rows
    ] == [
        ("Basse", 1, Decimal("10.00"), 1, Decimal("0.000"), False),
        ("Attente A", None, None, 0, None, False),
        ("Attente B", None, None, 0, None, False),
    ]


def test_ranks_restart_in_each_territory_grouped_by_name(jury_edition, territory, other_territory, evaluate):
    # territory is Sherbrooke, other_territory is Coaticook: Coaticook comes first.
    for name, (a, b) in {"S1": (4, 4), "S2": (2, 2)}.items():
        evaluate(candidacy_named(jury_edition, territory, name), make_juror(), a, b)
    candidacy_named(jury_edition, territory, "S sans note")
    for name, (a, b) in {"C1": (3, 3), "C2": (1, 1)}.items():
        evaluate(candidacy_named(jury_edition, other_territory, name), make_juror(), a, b)

    everything = rank_candidacies(edition=jury_edition)
    one = rank_candidacies(edition=jury_edition, territory=territory)

    assert [(r.territory.name, r.candidacy.employer.name, r.rank) for r in everything] == [
        ("Coaticook", "C1", 1),
        ("Coaticook", "C2", 2),
        ("Sherbrooke", "S1", 1),
        ("Sherbrooke", "S2", 2),
        ("Sherbrooke", "S sans note", None),
    ]
    assert [(r.candidacy.employer.name, r.rank) for r in one] == [("S1", 1), ("S2", 2), ("S sans note", None)]


def test_other_editions_do_not_count(jury_edition, territory, evaluate):
    candidacy = candidacy_named(jury_edition, territory, "Resto")
    juror = make_juror()
    evaluate(candidacy, juror, 4, 4)  # 100
    other_edition = make_edition(Phase.JURY)
    other = make_candidacy(other_edition, employer=candidacy.employer)
    # Written directly: only the total matters here.
    Evaluation.objects.create(
        assignment=assign(other, juror), status=EvaluationStatus.SUBMITTED, weighted_total=Decimal("0")
    )

    (row,) = rank_candidacies(edition=jury_edition)

    # Had the 0 of the other edition counted, the juror's deviation would be 50 and A's z +1.
    assert (row.evaluations, row.mean, row.normalised) == (1, Decimal("100.00"), Decimal("0.000"))


def _scored_candidacies(edition, territory, evaluate, count):
    jurors = [make_juror() for _ in range(3)]
    for i in range(count):
        candidacy = candidacy_named(edition, territory, f"Commerce {i:02}", testimonials=1 + i % 2)
        for j, juror in enumerate(jurors):
            evaluate(candidacy, juror, (i + j) % 5, (2 * i + j) % 5)


@pytest.mark.parametrize("territory_only", [False, True])
def test_rank_candidacies_runs_the_same_number_of_queries_for_1_and_10_candidacies(
    jury_edition, territory, other_territory, criteria, evaluate, territory_only
):
    jury_edition.tie_break_criterion = criteria[0]
    jury_edition.save(update_fields=["tie_break_criterion"])
    _scored_candidacies(jury_edition, territory, evaluate, 1)
    where = {"territory": Territory.objects.get(pk=territory.pk)} if territory_only else {}
    fresh = Edition.objects.get(pk=jury_edition.pk)  # tie-break criterion not loaded
    with CaptureQueriesContext(connection) as one:
        rows_one = rank_candidacies(edition=fresh, **where)
    # Nine more, with three evaluations each (and a draft), in both territories.
    _scored_candidacies(jury_edition, other_territory, evaluate, 9)
    evaluate(candidacy_named(jury_edition, territory, "Brouillon"), make_juror(), 1, 1, submit=False)

    fresh = Edition.objects.get(pk=jury_edition.pk)
    with CaptureQueriesContext(connection) as ten:
        rows_ten = rank_candidacies(edition=fresh, **where)
        for row in rows_ten:  # what a page reads must already be loaded
            str(row.candidacy), str(row.candidacy.employer.municipality), row.territory.name

    assert len(rows_one) == 1
    assert len(rows_ten) == (2 if territory_only else 11)
    assert len(one) == len(ten) == 4


def test_juror_distributions_summarise_each_jurors_submitted_totals(jury_edition, territory, evaluate):
    """wide: 10, 40, 65, 100 → mean 215 / 4 = 53.75; quartiles by linear interpolation at positions
    0.75, 1.5 and 2.25 of the sorted list: 10 + 0.75·30 = 32.50, 40 + 0.5·25 = 52.50,
    65 + 0.25·35 = 73.75. single: one total, 50, everywhere."""
    wide, single = make_juror("a-wide@example.org"), make_juror("b-single@example.org")
    for i, (a, b) in enumerate([(0, 1), (2, 1), (3, 2), (4, 4)]):  # 10, 40, 65, 100
        evaluate(candidacy_named(jury_edition, territory, f"C{i}"), wide, a, b)
    evaluate(candidacy_named(jury_edition, territory, "D"), single, 2, 2)  # 50
    evaluate(candidacy_named(jury_edition, territory, "E"), single, 0, 0, submit=False)  # draft

    with CaptureQueriesContext(connection) as queries:
        rows = juror_distributions(edition=jury_edition, territory=territory)

    assert len(queries) == 2
    summary = [
        (
            r.juror,
            r.count,
            r.mean,
            r.minimum,
            r.first_quartile,
            r.median,
            r.third_quartile,
            r.maximum,
            r.totals,
        )
        for r in rows
    ]
    d = Decimal
    assert summary == [
        (
            wide,
            4,
            d("53.75"),
            d("10.00"),
            d("32.50"),
            d("52.50"),
            d("73.75"),
            d("100.00"),
            [d(10), d(40), d(65), d(100)],
        ),
        (single, 1, d("50.00"), d("50.00"), d("50.00"), d("50.00"), d("50.00"), d("50.00"), [d(50)]),
    ]


def test_juror_distributions_of_one_territory_leave_the_others_out(
    jury_edition, territory, other_territory, evaluate
):
    juror = make_juror()
    evaluate(candidacy_named(jury_edition, territory, "Ici"), juror, 4, 4)  # 100
    evaluate(candidacy_named(jury_edition, other_territory, "Là"), juror, 0, 0)  # 0

    (here,) = juror_distributions(edition=jury_edition, territory=territory)
    (everywhere,) = juror_distributions(edition=jury_edition)

    assert (here.count, here.totals) == (1, [Decimal("100.00")])
    assert (everywhere.count, everywhere.mean) == (2, Decimal("50.00"))
