"""Merging two employers that are the same business (jury.domain.merge). ``jury_edition`` (in its
jury window) comes from tests/jury/conftest.py."""

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from contest.enums import Phase
from jury.domain.merge import MergeError, MergePreview, merge_employers, preview_employer_merge
from jury.domain.scoring import save_evaluation
from jury.enums import AwardKind, EvaluationStatus
from jury.models import Assignment, Award, Conflict, Evaluation, Score
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Employer, EmployerNotice, Nomination
from tests.factories import make_edition, make_employer, make_nomination
from tests.jury.fixtures_scoring import make_candidacy, move_to

pytestmark = pytest.mark.django_db

ELIGIBLE = NominationStatus.ELIGIBLE


@pytest.fixture
def source():
    return make_employer("Resto Ginette")


@pytest.fixture
def target():
    return make_employer("Restaurant Chez Ginette")


def _juror(name: str) -> User:
    return User.objects.create_user(f"{name}@example.org", f"{name}@example.org")


def _candidacy(edition, employer) -> Candidacy:
    make_nomination(edition=edition, employer=employer, status=ELIGIBLE)
    return Candidacy.objects.create(edition=edition, employer=employer)


def _scores(edition, values: list[int]) -> dict[int, int]:
    return {criterion.pk: value for criterion, value in zip(edition.criteria.all(), values, strict=False)}


def test_nominations_move_and_the_source_disappears(jury_edition, source, target):
    moved = {make_nomination(edition=jury_edition, employer=source)[0].pk for _ in range(2)}
    kept, _ = make_nomination(edition=jury_edition, employer=target)

    result = merge_employers(source=source, target=target)

    assert result == target
    assert not Employer.objects.filter(pk=source.pk).exists()
    assert set(Nomination.objects.filter(employer=target).values_list("pk", flat=True)) == moved | {kept.pk}


def test_the_same_email_in_the_same_edition_is_dropped_and_the_targets_kept(jury_edition, source, target):
    other_edition = make_edition(Phase.NOMINATIONS)
    dropped, _ = make_nomination(edition=jury_edition, employer=source, email="lea@example.org")
    kept, _ = make_nomination(edition=jury_edition, employer=target, email="lea@example.org")
    other_year, _ = make_nomination(edition=other_edition, employer=source, email="lea@example.org")

    merge_employers(source=source, target=target)

    assert not Nomination.objects.filter(pk=dropped.pk).exists()
    assert set(Nomination.objects.filter(employer=target).values_list("pk", flat=True)) == {
        kept.pk,
        other_year.pk,
    }


def test_a_candidacy_moves_when_the_target_has_none_in_its_edition(jury_edition, source, target):
    candidacy = _candidacy(jury_edition, source)
    juror = _juror("jure")
    assignment = Assignment.objects.create(candidacy=candidacy, juror=juror)
    evaluation = save_evaluation(assignment=assignment, values=_scores(jury_edition, [3, 4]))

    merge_employers(source=source, target=target)

    candidacy.refresh_from_db()
    assert candidacy.employer == target
    assert list(candidacy.assignments.values_list("pk", flat=True)) == [assignment.pk]
    assert Score.objects.filter(evaluation=evaluation).count() == 2


def test_two_candidacies_of_one_edition_join_with_their_assignments(jury_edition, source, target):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    anne, bruno = _juror("anne"), _juror("bruno")
    Assignment.objects.create(candidacy=source_candidacy, juror=anne)
    Assignment.objects.create(candidacy=target_candidacy, juror=bruno)

    merge_employers(source=source, target=target)

    assert list(Candidacy.objects.values_list("pk", flat=True)) == [target_candidacy.pk]
    assert set(target_candidacy.assignments.values_list("juror__username", flat=True)) == {
        "anne@example.org",
        "bruno@example.org",
    }
    assert Nomination.objects.filter(employer=target, status=ELIGIBLE).count() == 2


def test_a_juror_on_both_keeps_the_submitted_evaluation_and_no_score_is_lost(jury_edition, source, target):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    both, other = _juror("both"), _juror("other")
    criteria_count = jury_edition.criteria.count()
    full = [3] * criteria_count

    submitted = save_evaluation(
        assignment=Assignment.objects.create(candidacy=source_candidacy, juror=both),
        values=_scores(jury_edition, full),
        comment="Dossier solide.",
        submit=True,
    )
    draft = save_evaluation(
        assignment=Assignment.objects.create(candidacy=target_candidacy, juror=both),
        values=_scores(jury_edition, [1, 1]),
    )
    others = save_evaluation(
        assignment=Assignment.objects.create(candidacy=target_candidacy, juror=other),
        values=_scores(jury_edition, [4] * criteria_count),
        submit=True,
    )

    merge_employers(source=source, target=target)

    kept = Assignment.objects.get(juror=both)
    assert kept.candidacy_id == target_candidacy.pk
    assert kept.evaluation.pk == submitted.pk
    assert kept.evaluation.status == EvaluationStatus.SUBMITTED
    assert kept.evaluation.comment == "Dossier solide."
    assert kept.evaluation.weighted_total == submitted.weighted_total
    assert list(kept.evaluation.scores.values_list("value", flat=True)) == full
    assert not Evaluation.objects.filter(pk=draft.pk).exists()
    assert Score.objects.filter(evaluation=others).count() == criteria_count
    assert Score.objects.count() == 2 * criteria_count
    assert target_candidacy.assignments.count() == 2


def test_a_juror_on_both_keeps_the_targets_submitted_evaluation_over_a_source_draft(
    jury_edition, source, target
):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    both = _juror("both")
    criteria_count = jury_edition.criteria.count()
    save_evaluation(
        assignment=Assignment.objects.create(candidacy=source_candidacy, juror=both),
        values=_scores(jury_edition, [0] * criteria_count),
    )
    submitted = save_evaluation(
        assignment=Assignment.objects.create(candidacy=target_candidacy, juror=both),
        values=_scores(jury_edition, [2] * criteria_count),
        submit=True,
    )

    merge_employers(source=source, target=target)

    kept = Assignment.objects.get(juror=both)
    assert (kept.candidacy_id, kept.evaluation.pk) == (target_candidacy.pk, submitted.pk)
    assert list(kept.evaluation.scores.values_list("value", flat=True)) == [2] * criteria_count
    assert Evaluation.objects.count() == 1


def test_conflicts_move_to_the_joined_candidacy(jury_edition, source, target):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    cousin, neighbour = _juror("cousin"), _juror("neighbour")
    Conflict.objects.create(candidacy=source_candidacy, juror=cousin, reason="Cousine du patron")
    Conflict.objects.create(candidacy=source_candidacy, juror=neighbour, reason="Voisin")
    Conflict.objects.create(candidacy=target_candidacy, juror=neighbour, reason="Voisin")

    merge_employers(source=source, target=target)

    assert sorted(
        Conflict.objects.filter(candidacy=target_candidacy).values_list("juror__username", "reason")
    ) == [("cousin@example.org", "Cousine du patron"), ("neighbour@example.org", "Voisin")]
    assert Conflict.objects.count() == 2


def test_the_target_takes_the_sources_sector_and_contact_when_it_has_none(source, target):
    source.sector = "food_service"
    source.contact_email = "ginette@example.org"
    source.save()

    merge_employers(source=source, target=target)

    target.refresh_from_db()
    assert (target.sector, target.contact_email) == ("food_service", "ginette@example.org")


def test_an_employer_cannot_be_merged_into_itself(source):
    with pytest.raises(ValueError, match="same employer"):
        merge_employers(source=source, target=source)

    assert Employer.objects.filter(pk=source.pk).exists()


def test_the_preview_counts_what_would_move(jury_edition, source, target):
    other_edition = make_edition(Phase.NOMINATIONS)
    make_nomination(edition=jury_edition, employer=source, email="lea@example.org")
    make_nomination(edition=jury_edition, employer=target, email="lea@example.org")
    joined = _candidacy(jury_edition, source)
    _candidacy(jury_edition, target)
    moving = _candidacy(other_edition, source)
    Assignment.objects.create(candidacy=joined, juror=_juror("anne"))
    Assignment.objects.create(candidacy=moving, juror=_juror("bruno"))

    preview = preview_employer_merge(source=source, target=target)

    assert preview == MergePreview(
        nominations_moving=2,
        nominations_dropped=1,
        candidacies_moving=1,
        candidacies_joined=1,
        assignments_moving=2,
    )
    assert Employer.objects.filter(pk=source.pk).exists()


def test_an_award_follows_its_candidacy_when_two_candidacies_join(jury_edition):
    source, target = make_employer("Dépanneur Lavoie"), make_employer("Dep. Lavoie")
    source_candidacy = make_candidacy(jury_edition, employer=source)
    make_candidacy(jury_edition, employer=target)
    award = Award.objects.create(
        edition=jury_edition, kind=AwardKind.REGIONAL_PRIZE, title="Coup de cœur", candidacy=source_candidacy
    )

    merge_employers(source=source, target=target)

    award.refresh_from_db()
    assert award.candidacy.employer == target


def _submitted(edition, candidacy, juror, value=3):
    return save_evaluation(
        assignment=Assignment.objects.create(candidacy=candidacy, juror=juror),
        values=_scores(edition, [value] * edition.criteria.count()),
        submit=True,
    )


def test_a_juror_in_conflict_with_the_target_does_not_get_the_sources_assignment(
    jury_edition, source, target
):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    cousin, other = _juror("cousin"), _juror("other")
    Conflict.objects.create(candidacy=target_candidacy, juror=cousin, reason="Cousin")
    dropped = _submitted(jury_edition, source_candidacy, cousin)
    kept = _submitted(jury_edition, source_candidacy, other)

    preview = preview_employer_merge(source=source, target=target)
    merge_employers(source=source, target=target)

    assert [(item.juror, item.reason, item.status) for item in preview.assignments_dropped] == [
        (cousin, "conflict", EvaluationStatus.SUBMITTED)
    ]
    assert preview.assignments_moving == 1
    assert list(target_candidacy.assignments.values_list("juror_id", flat=True)) == [other.pk]
    assert list(Evaluation.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Evaluation.objects.filter(pk=dropped.pk).exists()
    assert list(Conflict.objects.values_list("juror_id", "candidacy_id")) == [
        (cousin.pk, target_candidacy.pk)
    ]


def test_a_conflict_moving_onto_the_target_takes_the_jurors_assignment_there_away(
    jury_edition, source, target
):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    cousin = _juror("cousin")
    Conflict.objects.create(candidacy=source_candidacy, juror=cousin, reason="Cousin")
    Assignment.objects.create(candidacy=target_candidacy, juror=cousin)

    preview = preview_employer_merge(source=source, target=target)
    merge_employers(source=source, target=target)

    assert [(item.juror, item.reason, item.status) for item in preview.assignments_dropped] == [
        (cousin, "conflict", "not_started")
    ]
    assert not Assignment.objects.exists()
    assert list(Conflict.objects.values_list("juror_id", "candidacy_id")) == [
        (cousin.pk, target_candidacy.pk)
    ]


def test_a_juror_who_submitted_both_keeps_the_targets_and_the_preview_names_the_one_dropped(
    jury_edition, source, target
):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    both = _juror("both")
    from_source = _submitted(jury_edition, source_candidacy, both, value=1)
    from_target = _submitted(jury_edition, target_candidacy, both, value=4)

    preview = preview_employer_merge(source=source, target=target)
    merge_employers(source=source, target=target)

    assert [
        (item.juror, item.reason, item.assignment.candidacy_id) for item in preview.submitted_dropped
    ] == [(both, "duplicate", source_candidacy.pk)]
    assert preview.assignments_moving == 0
    assert list(Evaluation.objects.values_list("pk", flat=True)) == [from_target.pk]
    assert not Evaluation.objects.filter(pk=from_source.pk).exists()


def test_a_dropped_duplicate_nomination_takes_its_photo_file_with_it(
    jury_edition, source, target, django_capture_on_commit_callbacks
):
    dropped, _ = make_nomination(edition=jury_edition, employer=source, email="lea@example.org")
    make_nomination(edition=jury_edition, employer=target, email="lea@example.org")
    dropped.photo.save("lea.jpg", ContentFile(b"photo"), save=True)
    name, storage = dropped.photo.name, dropped.photo.storage
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        merge_employers(source=source, target=target)

    assert not Nomination.objects.filter(pk=dropped.pk).exists()
    assert not storage.exists(name)


def test_the_target_keeps_the_record_that_each_edition_told_the_business(jury_edition, source, target):
    other_edition = make_edition(Phase.NOMINATIONS)
    told_at = jury_edition.nominations_open_at
    EmployerNotice.objects.create(edition=jury_edition, employer=source, sent_at=told_at)
    EmployerNotice.objects.create(edition=other_edition, employer=source, sent_at=told_at)
    EmployerNotice.objects.create(edition=other_edition, employer=target, sent_at=told_at)

    merge_employers(source=source, target=target)

    assert sorted(EmployerNotice.objects.values_list("edition_id", "employer_id")) == sorted(
        [(jury_edition.pk, target.pk), (other_edition.pk, target.pk)]
    )


# --- after the jury window ------------------------------------------------------------------------


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_a_merge_that_would_drop_a_submitted_evaluation_after_the_jury_window_is_refused(
    jury_edition, source, target, phase
):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    both = _juror("both")
    from_source = _submitted(jury_edition, source_candidacy, both, value=1)
    from_target = _submitted(jury_edition, target_candidacy, both, value=4)
    move_to(jury_edition, phase)

    preview = preview_employer_merge(source=source, target=target)
    with pytest.raises(MergeError) as caught:
        merge_employers(source=source, target=target)

    assert caught.value.code == "submitted_after_jury"
    assert [(item.juror, item.assignment.candidacy_id) for item in preview.protected_dropped] == [
        (both, source_candidacy.pk)
    ]
    assert Employer.objects.filter(pk=source.pk).exists()
    assert sorted(Candidacy.objects.values_list("pk", flat=True)) == sorted(
        [source_candidacy.pk, target_candidacy.pk]
    )
    assert sorted(Evaluation.objects.values_list("pk", flat=True)) == sorted([from_source.pk, from_target.pk])
    assert Nomination.objects.filter(employer=source).count() == 1


def test_a_merge_after_the_jury_window_that_drops_only_a_draft_goes_ahead(jury_edition, source, target):
    source_candidacy = _candidacy(jury_edition, source)
    target_candidacy = _candidacy(jury_edition, target)
    both = _juror("both")
    draft = save_evaluation(
        assignment=Assignment.objects.create(candidacy=source_candidacy, juror=both),
        values=_scores(jury_edition, [1]),
    )
    submitted = _submitted(jury_edition, target_candidacy, both, value=4)
    move_to(jury_edition, Phase.DELIBERATION)

    preview = preview_employer_merge(source=source, target=target)
    merge_employers(source=source, target=target)

    assert preview.protected_dropped == []
    assert [(item.juror, item.status) for item in preview.assignments_dropped] == [
        (both, EvaluationStatus.DRAFT)
    ]
    assert not Employer.objects.filter(pk=source.pk).exists()
    assert list(Evaluation.objects.values_list("pk", flat=True)) == [submitted.pk]
    assert not Evaluation.objects.filter(pk=draft.pk).exists()
