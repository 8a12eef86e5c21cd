"""Scoring: the weighted total, drafts, submission, the lock, the jury window and the scale."""

from decimal import Decimal

import pytest

from contest.enums import Phase
from contest.models import Criterion
from jury.domain.scoring import ScoringError, reopen_evaluation, save_evaluation, weighted_total
from jury.enums import EvaluationStatus
from jury.models import Evaluation, Score
from tests.factories import make_edition
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, move_to, use_two_criteria

pytestmark = pytest.mark.django_db


def _criterion(pk, weight, low=0, high=4):
    return Criterion(
        pk=pk, code=f"c{pk}", name=f"C{pk}", weight=Decimal(weight), scale_min=low, scale_max=high
    )


@pytest.fixture
def scoring():
    """A juror assigned to a candidacy of an edition in its jury window, with two criteria."""
    edition = make_edition(Phase.JURY)
    first, second = use_two_criteria(edition)
    assignment = assign(make_candidacy(edition), make_juror())
    return {"edition": edition, "first": first, "second": second, "assignment": assignment}


# --- weighted_total ----------------------------------------------------------------------------


def test_weighted_total_of_a_hand_computed_example():
    criteria = [_criterion(1, "1.5"), _criterion(2, "1")]

    # (1.5 * 4/4 + 1 * 2/4) / 2.5 * 100 = 80
    assert weighted_total(criteria, {1: 4, 2: 2}) == Decimal("80.00")


def test_weighted_total_brings_each_scale_to_a_hundred():
    criteria = [_criterion(1, "2", low=1, high=5), _criterion(2, "1", low=0, high=10)]

    # (2 * (3-1)/4 + 1 * 7/10) / 3 * 100 = (1 + 0.7) / 3 * 100 = 56.666… → 56.67
    assert weighted_total(criteria, {1: 3, 2: 7}) == Decimal("56.67")


def test_weighted_total_extremes():
    criteria = [_criterion(1, "1.5"), _criterion(2, "1")]

    assert weighted_total(criteria, {1: 0, 2: 0}) == Decimal("0.00")
    assert weighted_total(criteria, {1: 4, 2: 4}) == Decimal("100.00")


def test_weighted_total_is_none_when_a_criterion_is_missing():
    criteria = [_criterion(1, "1.5"), _criterion(2, "1")]

    assert weighted_total(criteria, {1: 4}) is None


def test_weighted_total_is_none_when_every_weight_is_zero():
    criteria = [_criterion(1, "0"), _criterion(2, "0")]

    assert weighted_total(criteria, {1: 4, 2: 2}) is None


# --- save_evaluation ---------------------------------------------------------------------------


def test_draft_saves_partial_scores(scoring):
    first, second = scoring["first"], scoring["second"]

    evaluation = save_evaluation(
        assignment=scoring["assignment"], values={first.pk: 3, second.pk: None}, comment="  À revoir  "
    )

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.submitted_at is None
    assert evaluation.comment == "À revoir"
    assert evaluation.weighted_total is None
    assert list(evaluation.scores.values_list("criterion_id", "value")) == [(first.pk, 3)]


def test_draft_with_every_score_stores_its_total(scoring):
    first, second = scoring["first"], scoring["second"]

    evaluation = save_evaluation(assignment=scoring["assignment"], values={first.pk: 4, second.pk: 2})

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DRAFT
    assert evaluation.weighted_total == Decimal("80.00")


def test_submit_needs_every_criterion(scoring):
    first, second = scoring["first"], scoring["second"]

    with pytest.raises(ScoringError) as caught:
        save_evaluation(assignment=scoring["assignment"], values={first.pk: 4, second.pk: None}, submit=True)

    assert caught.value.code == "incomplete"
    assert caught.value.criteria == [second]
    assert Score.objects.count() == 0


def test_submit_complete_locks_and_stores_the_total(scoring):
    first, second = scoring["first"], scoring["second"]

    evaluation = save_evaluation(
        assignment=scoring["assignment"], values={first.pk: 4, second.pk: 2}, submit=True
    )

    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.submitted_at is not None
    assert evaluation.weighted_total == Decimal("80.00")


def test_submitted_evaluation_is_locked(scoring):
    first, second = scoring["first"], scoring["second"]
    save_evaluation(assignment=scoring["assignment"], values={first.pk: 4, second.pk: 2}, submit=True)

    with pytest.raises(ScoringError) as caught:
        save_evaluation(assignment=scoring["assignment"], values={first.pk: 0, second.pk: 0})

    assert caught.value.code == "locked"
    evaluation = Evaluation.objects.get()
    assert evaluation.weighted_total == Decimal("80.00")
    assert sorted(evaluation.scores.values_list("value", flat=True)) == [2, 4]


def test_reopened_evaluation_can_be_changed(scoring):
    first, second = scoring["first"], scoring["second"]
    evaluation = save_evaluation(
        assignment=scoring["assignment"], values={first.pk: 4, second.pk: 2}, submit=True
    )

    reopened = reopen_evaluation(evaluation=evaluation)
    changed = save_evaluation(
        assignment=scoring["assignment"], values={first.pk: 0, second.pk: 4}, submit=True
    )

    assert reopened.status == EvaluationStatus.DRAFT
    assert reopened.submitted_at is None
    changed.refresh_from_db()
    assert changed.pk == evaluation.pk
    # (1.5 * 0 + 1 * 1) / 2.5 * 100 = 40
    assert changed.weighted_total == Decimal("40.00")
    assert changed.status == EvaluationStatus.SUBMITTED


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_reopening_after_the_jury_window_is_refused_and_changes_nothing(scoring, phase):
    first, second = scoring["first"], scoring["second"]
    evaluation = save_evaluation(
        assignment=scoring["assignment"], values={first.pk: 4, second.pk: 2}, submit=True
    )
    move_to(scoring["edition"], phase)
    evaluation.refresh_from_db()

    with pytest.raises(ScoringError) as caught:
        reopen_evaluation(evaluation=evaluation)

    assert caught.value.code == "closed"
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.submitted_at is not None


@pytest.mark.parametrize("phase", [Phase.NOMINATIONS, Phase.SCREENING, Phase.DELIBERATION])
def test_outside_the_jury_window_scoring_is_closed(phase):
    edition = make_edition(phase)
    first, second = use_two_criteria(edition)
    assignment = assign(make_candidacy(edition), make_juror())

    with pytest.raises(ScoringError) as caught:
        save_evaluation(assignment=assignment, values={first.pk: 4, second.pk: 2})

    assert caught.value.code == "closed"
    assert Evaluation.objects.count() == 0


@pytest.mark.parametrize("value", [5, 9])
def test_score_above_the_scale_is_refused(scoring, value):
    first, second = scoring["first"], scoring["second"]

    with pytest.raises(ScoringError) as caught:
        save_evaluation(assignment=scoring["assignment"], values={first.pk: value, second.pk: 2})

    assert caught.value.code == "out_of_range"
    assert caught.value.criteria == [first]
    assert Score.objects.count() == 0


def test_score_below_the_scale_is_refused(scoring):
    first, second = scoring["first"], scoring["second"]
    Criterion.objects.filter(pk=second.pk).update(scale_min=1, scale_max=5)

    with pytest.raises(ScoringError) as caught:
        save_evaluation(assignment=scoring["assignment"], values={first.pk: 2, second.pk: 0})

    assert caught.value.code == "out_of_range"
    assert [criterion.pk for criterion in caught.value.criteria] == [second.pk]


def test_saving_twice_keeps_one_evaluation_and_one_score_per_criterion(scoring):
    first, second = scoring["first"], scoring["second"]

    save_evaluation(assignment=scoring["assignment"], values={first.pk: 1, second.pk: None})
    save_evaluation(assignment=scoring["assignment"], values={first.pk: 3, second.pk: 2})

    assert Evaluation.objects.count() == 1
    assert sorted(Score.objects.values_list("criterion_id", "value")) == sorted(
        [(first.pk, 3), (second.pk, 2)]
    )


def test_scores_of_unknown_criteria_are_ignored(scoring):
    first, second = scoring["first"], scoring["second"]
    other_edition = make_edition(Phase.JURY)
    foreign = other_edition.criteria.first()

    save_evaluation(assignment=scoring["assignment"], values={first.pk: 1, second.pk: 1, foreign.pk: 4})

    assert sorted(Score.objects.values_list("criterion_id", flat=True)) == sorted([first.pk, second.pk])
