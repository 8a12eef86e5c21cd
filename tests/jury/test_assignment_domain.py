"""Assigning jurors: N per candidacy from its territory's panel, balanced, never a conflicted juror;
re-running fills gaps only; conflicts declared later move the work to another juror."""

from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contest.enums import Phase
from contest.models import Territory
from jury.domain.assignment import (
    AssignmentError,
    add_assignment,
    assign_jurors,
    assign_missing_jurors,
    remove_assignment,
)
from jury.domain.panels import ConflictError, PanelError, declare_conflict, declare_own_conflict, set_panel
from jury.enums import EvaluationStatus
from jury.models import Assignment, Conflict, Evaluation, PanelMembership
from nominations.enums import NominationStatus
from nominations.models import Candidacy
from tests.factories import make_nomination
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import make_juror, move_to

pytestmark = pytest.mark.django_db


def _jurors_of(candidacy):
    return set(Assignment.objects.filter(candidacy=candidacy).values_list("juror_id", flat=True))


def _loads(edition):
    return Counter(Assignment.objects.filter(candidacy__edition=edition).values_list("juror_id", flat=True))


def test_panel_of_three_with_three_jurors_per_candidacy_gives_each_juror_every_candidacy(
    jury_edition, territory, candidacies_in, panel_of
):
    candidacies = candidacies_in(jury_edition, territory, 9)
    jurors = panel_of(jury_edition, territory, 3)

    report = assign_jurors(edition=jury_edition)

    assert report.created == 27
    assert report.short == []
    assert _loads(jury_edition) == {juror.pk: 9 for juror in jurors}
    assert all(_jurors_of(c) == {j.pk for j in jurors} for c in candidacies)


def test_six_jurors_three_per_candidacy_ten_candidacies_share_the_load_evenly(
    jury_edition, territory, candidacies_in, panel_of
):
    candidacies_in(jury_edition, territory, 10)
    jurors = panel_of(jury_edition, territory, 6)

    report = assign_jurors(edition=jury_edition)

    loads = _loads(jury_edition)
    assert report.created == 30
    assert sorted(loads) == sorted(j.pk for j in jurors)
    assert sorted(loads.values()) == [5, 5, 5, 5, 5, 5]


def test_uneven_totals_still_differ_by_at_most_one(jury_edition, territory, candidacies_in, panel_of):
    candidacies_in(jury_edition, territory, 7)
    panel_of(jury_edition, territory, 4)

    assign_jurors(edition=jury_edition)

    assert sorted(_loads(jury_edition).values()) == [5, 5, 5, 6]


def test_jurors_only_score_candidacies_of_their_own_territory_panel(
    jury_edition, territory, other_territory, candidacies_in, panel_of
):
    here = candidacies_in(jury_edition, territory, 2)
    there = candidacies_in(jury_edition, other_territory, 2)
    local = panel_of(jury_edition, territory, 3)
    remote = panel_of(jury_edition, other_territory, 3)

    assign_jurors(edition=jury_edition)

    assert all(_jurors_of(c) == {j.pk for j in local} for c in here)
    assert all(_jurors_of(c) == {j.pk for j in remote} for c in there)


def test_a_conflicted_juror_is_never_assigned_and_the_candidacy_is_reported_short(
    jury_edition, territory, candidacies_in, panel_of
):
    first, second = candidacies_in(jury_edition, territory, 2)
    alice, bob, chloe = panel_of(jury_edition, territory, 3)
    Conflict.objects.create(juror=alice, candidacy=first)

    report = assign_jurors(edition=jury_edition)

    assert _jurors_of(first) == {bob.pk, chloe.pk}
    assert _jurors_of(second) == {alice.pk, bob.pk, chloe.pk}
    assert report.short == [first]
    assert report.created == 5


def test_re_running_fills_gaps_without_removing_or_duplicating(
    jury_edition, territory, candidacies_in, panel_of
):
    candidacies = candidacies_in(jury_edition, territory, 3)
    jurors = panel_of(jury_edition, territory, 2)
    first_report = assign_jurors(edition=jury_edition)
    before = set(Assignment.objects.values_list("pk", "candidacy_id", "juror_id"))
    newcomer = make_juror()
    set_panel(edition=jury_edition, territory=territory, jurors=[*jurors, newcomer])

    second_report = assign_jurors(edition=jury_edition)
    third_report = assign_jurors(edition=jury_edition)

    after = set(Assignment.objects.values_list("pk", "candidacy_id", "juror_id"))
    assert first_report.created == 6
    assert first_report.short == candidacies
    assert second_report.created == 3
    assert second_report.short == []
    assert third_report.created == 0
    assert before < after
    assert len(after) == 9
    assert all(_jurors_of(c) == {jurors[0].pk, jurors[1].pk, newcomer.pk} for c in candidacies)


def test_a_juror_leaving_the_panel_keeps_a_submitted_evaluation(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    leaving, *staying = panel_of(jury_edition, territory, 3)
    assign_jurors(edition=jury_edition)
    assignment = Assignment.objects.get(candidacy=candidacy, juror=leaving)
    submit(assignment)

    set_panel(edition=jury_edition, territory=territory, jurors=staying)
    report = assign_jurors(edition=jury_edition)

    assert report.created == 0
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    assert Evaluation.objects.get(assignment=assignment).status == EvaluationStatus.SUBMITTED


def test_removing_an_assignment_with_a_submitted_evaluation_is_refused(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    (juror,) = panel_of(jury_edition, territory, 1)
    assign_jurors(edition=jury_edition)
    assignment = Assignment.objects.get(candidacy=candidacy, juror=juror)
    submit(assignment)

    with pytest.raises(AssignmentError):
        remove_assignment(assignment=Assignment.objects.get(pk=assignment.pk))

    assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_a_candidacy_without_an_eligible_nomination_gets_no_juror(
    jury_edition, territory, candidacies_in, panel_of
):
    (judged,) = candidacies_in(jury_edition, territory, 1)
    employer = employer_in(territory, "Seulement confirmée")
    make_nomination(edition=jury_edition, employer=employer, status=NominationStatus.CONFIRMED)
    not_judged = Candidacy.objects.create(edition=jury_edition, employer=employer)
    panel_of(jury_edition, territory, 3)

    report = assign_jurors(edition=jury_edition)

    assert report.created == 3
    assert len(_jurors_of(judged)) == 3
    assert _jurors_of(not_judged) == set()


def test_adding_a_conflicted_juror_by_hand_is_refused(jury_edition, territory, candidacies_in):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    juror = make_juror()
    Conflict.objects.create(juror=juror, candidacy=candidacy)

    with pytest.raises(AssignmentError):
        add_assignment(candidacy=candidacy, juror=juror)

    assert not Assignment.objects.filter(candidacy=candidacy).exists()


def test_declaring_a_conflict_moves_the_unsubmitted_assignment_to_another_panel_juror(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    jurors = panel_of(jury_edition, territory, 4)
    assign_jurors(edition=jury_edition)
    assigned = _jurors_of(candidacy)
    (spare,) = [j for j in jurors if j.pk not in assigned]
    conflicted = next(j for j in jurors if j.pk in assigned)
    draft = submit(Assignment.objects.get(candidacy=candidacy, juror=conflicted), final=False)

    conflict = declare_conflict(juror=conflicted, candidacy=candidacy, reason=" Sa sœur y travaille ")

    assert conflict.reason == "Sa sœur y travaille"
    assert _jurors_of(candidacy) == (assigned - {conflicted.pk}) | {spare.pk}
    assert not Evaluation.objects.filter(pk=draft.pk).exists()


def test_declaring_a_conflict_after_submitting_is_refused_and_changes_nothing(
    jury_edition, territory, candidacies_in, panel_of, submit
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    panel_of(jury_edition, territory, 4)
    assign_jurors(edition=jury_edition)
    assignment = Assignment.objects.filter(candidacy=candidacy).first()
    submit(assignment)
    before = _jurors_of(candidacy)

    with pytest.raises(ConflictError):
        declare_conflict(juror=assignment.juror, candidacy=candidacy)

    assert not Conflict.objects.exists()
    assert _jurors_of(candidacy) == before


def test_a_panel_member_taken_out_of_the_jurors_group_gets_no_new_assignment(
    jury_edition, territory, candidacies_in, panel_of
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    kept, removed = panel_of(jury_edition, territory, 2)
    removed.groups.clear()  # still active, still on the panel, but no longer a juror

    report = assign_jurors(edition=jury_edition)

    assert _jurors_of(candidacy) == {kept.pk}
    assert report.created == 1


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_adding_a_juror_by_hand_after_the_jury_window_is_refused(
    jury_edition, territory, candidacies_in, phase
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    move_to(jury_edition, phase)
    candidacy.refresh_from_db()

    with pytest.raises(AssignmentError) as caught:
        add_assignment(candidacy=candidacy, juror=make_juror())

    assert caught.value.code == "closed"
    assert not Assignment.objects.exists()


def test_assign_missing_jurors_in_the_jury_window_gives_each_candidacy_its_jurors(
    jury_edition, territory, candidacies_in, panel_of
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    jurors = panel_of(jury_edition, territory, 3)

    report = assign_missing_jurors(edition=jury_edition)

    assert report.created == 3
    assert _jurors_of(candidacy) == {juror.pk for juror in jurors}


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_assign_missing_jurors_after_the_jury_window_is_refused(
    jury_edition, territory, candidacies_in, panel_of, phase
):
    candidacies_in(jury_edition, territory, 2)
    panel_of(jury_edition, territory, 3)
    move_to(jury_edition, phase)

    with pytest.raises(AssignmentError) as caught:
        assign_missing_jurors(edition=jury_edition)

    assert caught.value.code == "closed"
    assert not Assignment.objects.exists()


def test_setting_a_panel_once_the_results_are_published_is_refused(jury_edition, territory, panel_of):
    (member,) = panel_of(jury_edition, territory, 1)
    move_to(jury_edition, Phase.PUBLISHED)

    with pytest.raises(PanelError):
        set_panel(edition=jury_edition, territory=territory, jurors=[make_juror()])

    assert list(PanelMembership.objects.values_list("juror_id", flat=True)) == [member.pk]


def test_a_conflict_declared_after_the_jury_window_is_recorded_without_reassigning(
    jury_edition, territory, candidacies_in, panel_of
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    jurors = panel_of(jury_edition, territory, 4)
    assign_jurors(edition=jury_edition)
    assigned = _jurors_of(candidacy)
    conflicted = next(j for j in jurors if j.pk in assigned)
    move_to(jury_edition, Phase.DELIBERATION)
    candidacy.refresh_from_db()

    declare_conflict(juror=conflicted, candidacy=candidacy)

    assert Conflict.objects.filter(juror=conflicted, candidacy=candidacy).exists()
    assert _jurors_of(candidacy) == assigned - {conflicted.pk}


@pytest.mark.parametrize("phase", [Phase.DELIBERATION, Phase.PUBLISHED])
def test_a_juror_declaring_their_own_conflict_after_the_jury_window_is_refused(
    jury_edition, territory, candidacies_in, panel_of, phase
):
    (candidacy,) = candidacies_in(jury_edition, territory, 1)
    (juror,) = panel_of(jury_edition, territory, 1)
    assign_jurors(edition=jury_edition)
    move_to(jury_edition, phase)
    candidacy.refresh_from_db()

    with pytest.raises(ConflictError) as caught:
        declare_own_conflict(juror=juror, candidacy=candidacy)

    assert caught.value.code == "closed"
    assert not Conflict.objects.exists()
    assert _jurors_of(candidacy) == {juror.pk}


# --- property test ----------------------------------------------------------------------------

PANEL_MAX = 6
# Each territory has its own six jurors; with overlapping panels, all draw from the first eight.
POOL_SIZE = PANEL_MAX * 3
SHARED = 8
TERRITORY_SLUGS = ["sherbrooke", "coaticook", "memphremagog"]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_panels_and_conflicts_keep_every_assignment_rule(data, jury_edition, candidacies_in):
    """On random panels (0 to 6 jurors per territory, possibly overlapping), a random N and random
    conflicts: each candidacy gets min(N, free jurors of its panel), none conflicted, none from outside
    its panel, no duplicates; within a territory whose jurors sit on no other panel and that has no
    conflict, loads differ by at most one; a second run creates nothing."""
    pool = make_juror_pool()
    territories = {t.slug: t for t in Territory.objects.filter(slug__in=TERRITORY_SLUGS)}
    with transaction.atomic():
        wanted = data.draw(st.integers(1, 4), label="N")
        jury_edition.jurors_per_candidacy = wanted
        jury_edition.save(update_fields=["jurors_per_candidacy"])
        overlapping = data.draw(st.booleans(), label="panels may overlap")
        panels, candidacies_by_territory = {}, {}
        for number, slug in enumerate(TERRITORY_SLUGS):
            own = range(SHARED) if overlapping else range(number * PANEL_MAX, (number + 1) * PANEL_MAX)
            members = data.draw(st.sets(st.sampled_from(own), max_size=PANEL_MAX), label=f"panel {slug}")
            panels[slug] = {pool[i].pk for i in members}
            set_panel(edition=jury_edition, territory=territories[slug], jurors=[pool[i] for i in members])
            count = data.draw(st.integers(0, 4), label=f"candidacies {slug}")
            candidacies_by_territory[slug] = candidacies_in(jury_edition, territories[slug], count)
        conflicts = set()
        for slug, candidacies in candidacies_by_territory.items():
            if not data.draw(st.booleans(), label=f"conflicts in {slug}"):
                continue
            for candidacy in candidacies:
                drawn = data.draw(st.sets(st.integers(0, POOL_SIZE - 1), max_size=3), label="conflicts")
                for i in drawn:
                    Conflict.objects.create(juror=pool[i], candidacy=candidacy)
                    conflicts.add((pool[i].pk, candidacy.pk))

        report = assign_jurors(edition=jury_edition)
        rerun = assign_jurors(edition=jury_edition)

        pairs = list(
            Assignment.objects.filter(candidacy__edition=jury_edition).values_list("candidacy_id", "juror_id")
        )
        assert len(pairs) == len(set(pairs)) == report.created
        assert rerun.created == 0
        short = set()
        for slug, candidacies in candidacies_by_territory.items():
            for candidacy in candidacies:
                assigned = {juror for cid, juror in pairs if cid == candidacy.pk}
                free = {juror for juror in panels[slug] if (juror, candidacy.pk) not in conflicts}
                assert assigned <= free
                assert len(assigned) == min(wanted, len(free))
                if len(free) < wanted:
                    short.add(candidacy.pk)
        assert {c.pk for c in report.short} == short

        loads = Counter(juror for _cid, juror in pairs)
        for slug, candidacies in candidacies_by_territory.items():
            others = set().union(*(panels[s] for s in TERRITORY_SLUGS if s != slug))
            untouched = not any(cid in {c.pk for c in candidacies} for _j, cid in conflicts)
            if panels[slug] and not panels[slug] & others and untouched:
                territory_loads = [loads[juror] for juror in panels[slug]]
                assert max(territory_loads) - min(territory_loads) <= 1
        transaction.set_rollback(True)


def make_juror_pool():
    """The same jurors for every example of one test run (made outside the savepoints)."""
    emails = [f"pool{i}@example.org" for i in range(POOL_SIZE)]
    existing = {u.email: u for u in User.objects.filter(email__in=emails)}
    return [existing.get(email) or make_juror(email) for email in emails]
