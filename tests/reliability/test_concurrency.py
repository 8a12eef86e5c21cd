"""Races on a real PostgreSQL server: many youths nominating at once, a juror's double submission, a
merge of employers while a juror saves scores on the candidacy that moves, and a conflict of interest
declared while the juror submits.

SQLite serialises writers and its in-memory test database is not shared between threads, so these
tests only mean something on PostgreSQL. (Same-e-mail duplicates: tests/nominations/test_concurrency.py.)
"""

from __future__ import annotations

import pytest
from django.core import mail

from contest.enums import Phase
from contest.models import Criterion, Municipality
from jury.domain.assignment import AssignmentError, remove_assignment
from jury.domain.merge import merge_employers
from jury.domain.panels import ConflictError, declare_conflict
from jury.domain.scoring import ScoringError, save_evaluation
from jury.enums import EvaluationStatus
from jury.models import Assignment, Conflict, Evaluation, Score
from nominations.domain.nominations import submit_nomination
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from tests.concurrency import NOMINATOR, POSTGRES_ONLY, held_while, run_together
from tests.factories import make_edition
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror

pytestmark = POSTGRES_ONLY


# Many youths at once ------------------------------------------------------------------------------------


def test_twenty_simultaneous_nominations_of_different_youths_lose_none_and_duplicate_none(reference_data):
    edition = make_edition(Phase.NOMINATIONS)
    criteria = list(Criterion.objects.for_edition(edition))
    municipalities = list(Municipality.objects.order_by("pk")[:5])
    count = 20

    def nominate(index: int):
        # Four youths per business, among five businesses in five municipalities; spellings vary.
        business = index % 5
        name = f"Dépanneur Numéro {business}" if index % 2 else f"DÉPANNEUR  numéro {business}"
        return submit_nomination(
            edition=edition,
            email=f"jeune{index}@example.org",
            employer_name=name,
            municipality=municipalities[business],
            sector="retail",
            nominator={**NOMINATOR, "first_name": f"Jeune {index}"},
            answers={criterion: f"Réponse {index} pour {criterion.code}" for criterion in criteria},
            site_url="http://testserver/",
        )

    results, errors, elapsed = run_together(count, nominate)

    assert errors == []
    assert [result.created for result in results] == [True] * count
    nominations = Nomination.objects.filter(edition=edition)
    assert nominations.count() == count
    assert sorted(nominations.values_list("email", flat=True)) == sorted(
        f"jeune{index}@example.org" for index in range(count)
    )
    assert len(set(nominations.values_list("token_hash", flat=True))) == count
    assert Employer.objects.count() == 5
    for business, municipality in enumerate(municipalities):
        employer = Employer.objects.get(municipality=municipality)
        assert employer.normalized_name == f"depanneur numero {business}"
        assert employer.nominations.count() == 4
    assert TestimonialAnswer.objects.count() == count * len(criteria)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"jeune{index}@example.org" for index in range(count)
    )
    print(f"\n{count} simultaneous nominations: {count} rows, 5 employers, {elapsed:.2f} s")


# One evaluation submitted twice at once -------------------------------------------------------------------


@pytest.fixture
def scoring(reference_data):
    """A juror assigned to a candidacy of an edition in its jury window, and the edition's criteria."""
    edition = make_edition(Phase.JURY)
    juror = make_juror()
    assignment = assign(make_candidacy(edition), juror)
    return assignment, list(Criterion.objects.for_edition(edition))


@pytest.mark.parametrize("count", [2, 8])
def test_simultaneous_submissions_of_one_evaluation_make_one_locked_evaluation(scoring, count):
    assignment, criteria = scoring

    def submit(index: int):
        values = {criterion.pk: (index + criterion.pk) % (criterion.scale_max + 1) for criterion in criteria}
        return save_evaluation(assignment=assignment, values=values, comment=f"Essai {index}", submit=True)

    results, errors, elapsed = run_together(count, submit)

    saved = [result for result in results if result is not None]
    assert len(saved) == 1
    assert [type(error) for error in errors] == [ScoringError] * (count - 1)
    assert {error.code for error in errors} == {"locked"}
    evaluation = Evaluation.objects.get(assignment=assignment)
    assert evaluation.pk == saved[0].pk
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert evaluation.comment == saved[0].comment
    scores = {score.criterion_id: score.value for score in evaluation.scores.all()}
    assert scores == {score.criterion_id: score.value for score in saved[0].scores.all()}
    assert sorted(scores) == sorted(criterion.pk for criterion in criteria)
    assert Score.objects.count() == len(criteria)
    print(f"\n{count} simultaneous submissions: 1 saved, {count - 1} locked, {elapsed:.2f} s")


# A merge while a juror scores ---------------------------------------------------------------------------


@pytest.fixture
def merge_case(reference_data):
    """Two employers that are the same business, each with a candidacy in the jury's edition: the source's
    candidacy will join the target's. A juror is assigned to the source's candidacy only."""
    edition = make_edition(Phase.JURY)
    source = make_candidacy(edition)
    target = make_candidacy(edition)
    juror = make_juror()
    other_juror = make_juror()
    assignment = assign(source, juror)
    assign(target, other_juror)
    criteria = list(Criterion.objects.for_edition(edition))
    return {"source": source, "target": target, "assignment": assignment, "criteria": criteria}


def scores_of(criteria) -> dict[int, int]:
    return {criterion.pk: criterion.scale_max for criterion in criteria}


def assert_scores_on_the_target(case, *, submitted: bool) -> None:
    target = case["target"]
    assert not Employer.objects.filter(pk=case["source"].employer_id).exists()
    assert not Candidacy.objects.filter(pk=case["source"].pk).exists()
    assignment = Assignment.objects.get(pk=case["assignment"].pk)
    assert assignment.candidacy_id == target.pk
    evaluation = Evaluation.objects.get(assignment=assignment)
    assert evaluation.is_submitted is submitted
    assert {score.criterion_id: score.value for score in evaluation.scores.all()} == scores_of(
        case["criteria"]
    )
    assert Score.objects.count() == len(case["criteria"])
    assert Nomination.objects.filter(employer=target.employer).count() == 2


def test_merge_waits_for_a_juror_saving_scores_on_the_source_candidacy(merge_case):
    case = merge_case

    blocked, outcome = held_while(
        lambda: save_evaluation(
            assignment=case["assignment"], values=scores_of(case["criteria"]), submit=True
        ),
        lambda: merge_employers(source=case["source"].employer, target=case["target"].employer),
    )

    assert blocked, "the merge never waited for the juror: the race was not reproduced"
    assert set(outcome) == {"result"}, repr(outcome)
    assert_scores_on_the_target(case, submitted=True)


def test_juror_saving_scores_waits_for_a_merge_and_saves_on_the_target(merge_case):
    case = merge_case

    blocked, outcome = held_while(
        lambda: merge_employers(source=case["source"].employer, target=case["target"].employer),
        lambda: save_evaluation(
            assignment=case["assignment"], values=scores_of(case["criteria"]), submit=False
        ),
    )

    assert blocked, "the juror never waited for the merge: the race was not reproduced"
    assert set(outcome) == {"result"}, repr(outcome)
    assert_scores_on_the_target(case, submitted=False)


def test_merge_and_score_saves_released_together_lose_no_score(reference_data):
    """No forced order: the merge and a juror's draft saves (three jurors, each on their own assignment
    of the source's candidacy) start at the same instant, ten rounds."""
    rounds, jurors_per_round, timings = 10, 3, []
    for _round in range(rounds):
        edition = make_edition(Phase.JURY)
        source, target = make_candidacy(edition), make_candidacy(edition)
        assignments = [assign(source, make_juror()) for _ in range(jurors_per_round)]
        criteria = list(Criterion.objects.for_edition(edition))

        def work(index: int, source=source, target=target, assignments=assignments, criteria=criteria):
            if index == 0:
                return merge_employers(source=source.employer, target=target.employer)
            return save_evaluation(assignment=assignments[index - 1], values=scores_of(criteria))

        _results, errors, elapsed = run_together(jurors_per_round + 1, work)
        timings.append(elapsed)

        assert errors == []
        assert not Candidacy.objects.filter(pk=source.pk).exists()
        for assignment in assignments:
            evaluation = Evaluation.objects.select_related("assignment").get(assignment=assignment)
            assert evaluation.assignment.candidacy_id == target.pk
            assert {score.criterion_id: score.value for score in evaluation.scores.all()} == scores_of(
                criteria
            )
    assert Score.objects.count() == rounds * jurors_per_round * len(criteria)
    print(
        f"\nmerge + {jurors_per_round} score saves x {rounds} rounds: "
        f"{Score.objects.count()} scores kept, {max(timings):.2f} s at most per round"
    )


# A conflict declared while the juror submits ------------------------------------------------------------


def declare_the_jurors_conflict(assignment: Assignment) -> Conflict:
    return declare_conflict(juror=assignment.juror, candidacy=assignment.candidacy)


def remove_the_assignment(assignment: Assignment) -> None:
    remove_assignment(assignment=assignment)


@pytest.mark.parametrize(
    ("action", "refusal"),
    [(declare_the_jurors_conflict, ConflictError), (remove_the_assignment, AssignmentError)],
)
def test_a_conflict_or_removal_while_the_juror_submits_waits_and_is_refused(scoring, action, refusal):
    """The juror's submission holds the assignment; the declaration of a conflict (or the staff's removal
    of the assignment) waits for it, then finds the evaluation submitted: refused, nothing deleted."""
    assignment, criteria = scoring

    blocked, outcome = held_while(
        lambda: save_evaluation(assignment=assignment, values=scores_of(criteria), submit=True),
        lambda: action(assignment),
    )

    assert blocked, "the staff's action never waited for the juror: the race was not reproduced"
    assert [(name, type(error), getattr(error, "code", None)) for name, error in outcome.items()] == [
        ("error", refusal, "submitted")
    ]
    evaluation = Evaluation.objects.get(assignment=assignment)
    assert evaluation.status == EvaluationStatus.SUBMITTED
    assert Score.objects.filter(evaluation=evaluation).count() == len(criteria)
    assert not Conflict.objects.exists()


def test_submissions_and_conflict_declarations_released_together_never_delete_a_submitted_evaluation(
    reference_data,
):
    """No forced order, ten rounds: either the submission wins (the declaration is refused) or the
    declaration does (the assignment is gone before the juror could submit)."""
    rounds, outcomes = 10, set()
    for _round in range(rounds):
        edition = make_edition(Phase.JURY)
        juror = make_juror()
        assignment = assign(make_candidacy(edition), juror)
        criteria = list(Criterion.objects.for_edition(edition))

        def work(index: int, assignment=assignment, criteria=criteria):
            if index == 0:
                return save_evaluation(assignment=assignment, values=scores_of(criteria), submit=True)
            return declare_the_jurors_conflict(assignment)

        results, errors, _elapsed = run_together(2, work)

        submitted, conflict = results
        assert len(errors) == 1
        if submitted is not None:
            assert [(type(error), error.code) for error in errors] == [(ConflictError, "submitted")]
            assert Evaluation.objects.get(pk=submitted.pk).status == EvaluationStatus.SUBMITTED
            assert not Conflict.objects.filter(juror=juror).exists()
            outcomes.add("submitted")
        else:
            assert [(type(error), error.code) for error in errors] == [(ScoringError, "unassigned")]
            assert Conflict.objects.get(juror=juror).pk == conflict.pk
            assert not Assignment.objects.filter(pk=assignment.pk).exists()
            assert not Evaluation.objects.filter(assignment__juror=juror).exists()
            outcomes.add("declared")
    print(f"\nsubmission + conflict declaration x {rounds} rounds: {sorted(outcomes)}")
