import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from contest.domain.editions import latest_announcement, publish_edition
from contest.enums import Phase
from contest.models import Edition
from jury.domain.awards import (
    AwardError,
    add_regional_prize,
    check_awards,
    choose_top_winners,
    choose_winner,
    remove_award,
)
from jury.domain.publication import PublicationError, publish_results
from jury.domain.ranking_store import mark_stale
from jury.domain.scoring import save_evaluation
from jury.enums import AwardKind
from jury.models import Award, Evaluation
from nominations.enums import NominationStatus
from tests.factories import make_edition
from tests.jury.conftest import employer_in
from tests.jury.fixtures_scoring import assign, make_candidacy, make_juror, use_two_criteria


def close_jury(edition: Edition) -> Edition:
    """End the jury window (scored while it was open): the time to choose winners."""
    Edition.objects.filter(pk=edition.pk).update(jury_close_at=timezone.now() - dt.timedelta(hours=1))
    edition.refresh_from_db()
    return edition


@pytest.fixture
def setup(jury_edition, territory, other_territory, staff):
    """Sherbrooke: A (total 100), B (75), C (not evaluated); Coaticook: D (50). The jury is closed."""
    first, second = use_two_criteria(jury_edition)
    juror = make_juror()

    def judged(where, name, value):
        candidacy = make_candidacy(jury_edition, employer=employer_in(where, name))
        if value is not None:
            save_evaluation(
                assignment=assign(candidacy, juror), values={first.pk: value, second.pk: value}, submit=True
            )
        return candidacy

    built = {
        "a": judged(territory, "Alpha", 4),
        "b": judged(territory, "Bravo", 3),
        "c": judged(territory, "Charlie", None),
        "d": judged(other_territory, "Delta", 2),
    }
    return {"edition": close_jury(jury_edition), **built}


@pytest.fixture
def staff(db):
    return User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True)


def make_public(edition: Edition) -> Edition:
    """Close the jury window and publish with an announcement time already past."""
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        jury_close_at=now - dt.timedelta(days=2), announce_at=now - dt.timedelta(days=1)
    )
    edition.refresh_from_db()
    return publish_edition(edition=edition, announce_at=now - dt.timedelta(hours=1))


def test_choose_top_winners_makes_rank_one_of_each_territory_the_winner(
    setup, territory, other_territory, staff
):
    chosen = choose_top_winners(edition=setup["edition"], chosen_by=staff)

    assert chosen == 2
    winners = {award.territory_id: award for award in Award.objects.filter(kind=AwardKind.TERRITORY_WINNER)}
    assert winners[territory.pk].candidacy == setup["a"]
    assert winners[other_territory.pk].candidacy == setup["d"]
    assert winners[territory.pk].is_override is False
    assert winners[territory.pk].chosen_by == staff


def test_choose_top_winners_keeps_the_winners_already_chosen(setup, territory, other_territory, staff):
    choose_winner(
        edition=setup["edition"],
        territory=territory,
        candidacy=setup["b"],
        reason="Coup de foudre",
        chosen_by=staff,
    )

    chosen = choose_top_winners(edition=setup["edition"], chosen_by=staff)

    assert chosen == 1
    assert Award.objects.get(territory=territory).candidacy == setup["b"]
    assert Award.objects.get(territory=other_territory).candidacy == setup["d"]
    assert choose_top_winners(edition=setup["edition"], chosen_by=staff) == 0


def test_choose_top_winners_skips_a_territory_with_no_submitted_evaluation(staff, jury_edition, territory):
    make_candidacy(jury_edition, employer=employer_in(territory, "Sans note"))
    close_jury(jury_edition)

    assert choose_top_winners(edition=jury_edition, chosen_by=staff) == 0
    assert Award.objects.count() == 0


def test_choose_winner_top_of_the_ranking_is_not_an_override(setup, territory, staff):
    award = choose_winner(
        edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff
    )

    assert award.candidacy == setup["a"]
    assert award.is_override is False
    assert award.reason == ""
    assert award.kind == AwardKind.TERRITORY_WINNER


def test_choose_winner_other_than_the_top_needs_a_reason(setup, territory, staff):
    with pytest.raises(AwardError) as raised:
        choose_winner(
            edition=setup["edition"], territory=territory, candidacy=setup["b"], reason="  ", chosen_by=staff
        )

    assert raised.value.code == "reason_required"
    assert Award.objects.count() == 0


def test_choose_winner_override_is_recorded_with_its_reason(setup, territory, staff):
    award = choose_winner(
        edition=setup["edition"],
        territory=territory,
        candidacy=setup["b"],
        reason=" Témoignages plus concrets. ",
        chosen_by=staff,
    )

    award.refresh_from_db()
    assert award.is_override is True
    assert award.reason == "Témoignages plus concrets."
    assert award.chosen_by == staff


def test_choose_winner_unranked_candidacy_is_an_override(setup, territory, staff):
    with pytest.raises(AwardError) as raised:
        choose_winner(edition=setup["edition"], territory=territory, candidacy=setup["c"], chosen_by=staff)
    assert raised.value.code == "reason_required"

    award = choose_winner(
        edition=setup["edition"],
        territory=territory,
        candidacy=setup["c"],
        reason="Dossier exemplaire",
        chosen_by=staff,
    )
    assert award.is_override is True


def test_choose_winner_replaces_the_previous_choice(setup, territory, staff):
    choose_winner(
        edition=setup["edition"],
        territory=territory,
        candidacy=setup["b"],
        reason="Pourquoi pas",
        chosen_by=staff,
    )

    award = choose_winner(
        edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff
    )

    assert list(Award.objects.filter(kind=AwardKind.TERRITORY_WINNER).values_list("pk", flat=True)) == [
        award.pk
    ]
    award.refresh_from_db()
    assert award.candidacy == setup["a"]
    assert award.is_override is False
    assert award.reason == ""


def test_choose_winner_refuses_a_candidacy_of_another_territory(setup, territory, staff):
    with pytest.raises(AwardError) as raised:
        choose_winner(
            edition=setup["edition"], territory=territory, candidacy=setup["d"], reason="x", chosen_by=staff
        )

    assert raised.value.code == "wrong_territory"


def test_choose_winner_refuses_a_candidacy_of_another_edition(setup, territory, staff):
    other = make_candidacy(make_edition(Phase.JURY), employer=employer_in(territory, "Ailleurs"))

    with pytest.raises(AwardError) as raised:
        choose_winner(
            edition=setup["edition"], territory=territory, candidacy=other, reason="x", chosen_by=staff
        )

    assert raised.value.code == "wrong_edition"


def test_add_regional_prize(setup, staff):
    award = add_regional_prize(
        edition=setup["edition"],
        title=" Coup de cœur ",
        candidacy=setup["d"],
        reason="Unanime",
        chosen_by=staff,
    )

    award.refresh_from_db()
    assert award.kind == AwardKind.REGIONAL_PRIZE
    assert award.title == "Coup de cœur"
    assert award.territory is None
    assert award.candidacy == setup["d"]
    assert award.reason == "Unanime"
    assert award.is_override is False


def test_add_regional_prize_needs_a_title_and_a_candidacy_of_the_edition(setup, territory, staff):
    with pytest.raises(AwardError) as raised:
        add_regional_prize(edition=setup["edition"], title=" ", candidacy=setup["a"], chosen_by=staff)
    assert raised.value.code == "title_required"

    other = make_candidacy(make_edition(Phase.JURY), employer=employer_in(territory, "Ailleurs"))
    with pytest.raises(AwardError) as raised:
        add_regional_prize(edition=setup["edition"], title="Coup de cœur", candidacy=other, chosen_by=staff)
    assert raised.value.code == "wrong_edition"
    assert Award.objects.count() == 0


def test_remove_award(setup, staff):
    award = add_regional_prize(
        edition=setup["edition"], title="Coup de cœur", candidacy=setup["a"], chosen_by=staff
    )

    remove_award(award=award)

    assert Award.objects.count() == 0


def test_changes_are_allowed_under_embargo(setup, territory, staff):
    edition = publish_edition(edition=setup["edition"], announce_at=setup["edition"].announce_at)

    award = choose_winner(edition=edition, territory=territory, candidacy=setup["a"], chosen_by=staff)
    remove_award(award=award)

    assert Award.objects.count() == 0


def test_changes_are_refused_once_the_results_are_public(setup, territory, staff):
    prize = add_regional_prize(
        edition=setup["edition"], title="Coup de cœur", candidacy=setup["a"], chosen_by=staff
    )
    edition = make_public(setup["edition"])

    attempts = [
        lambda: choose_winner(edition=edition, territory=territory, candidacy=setup["a"], chosen_by=staff),
        lambda: choose_top_winners(edition=edition, chosen_by=staff),
        lambda: add_regional_prize(edition=edition, title="Mention", candidacy=setup["b"], chosen_by=staff),
        lambda: remove_award(award=prize),
    ]
    for attempt in attempts:
        with pytest.raises(AwardError) as raised:
            attempt()
        assert raised.value.code == "published"
    assert list(Award.objects.values_list("pk", flat=True)) == [prize.pk]


def test_winners_are_refused_while_the_jury_window_is_open(jury_edition, territory, staff):
    candidacy = make_candidacy(jury_edition, employer=employer_in(territory, "Trop tôt"))
    save_evaluation(
        assignment=assign(candidacy, make_juror()),
        values={criterion.pk: 4 for criterion in jury_edition.criteria.all()},
        submit=True,
    )

    attempts = [
        lambda: choose_winner(
            edition=jury_edition, territory=territory, candidacy=candidacy, chosen_by=staff
        ),
        lambda: choose_top_winners(edition=jury_edition, chosen_by=staff),
    ]
    for attempt in attempts:
        with pytest.raises(AwardError) as raised:
            attempt()
        assert raised.value.code == "jury_open"
    assert Award.objects.count() == 0


def screen_out(candidacy) -> None:
    """Every nomination of the candidacy screened ineligible after the choice (the stored ranking told)."""
    candidacy.employer.nominations.update(status=NominationStatus.INELIGIBLE)
    mark_stale(edition=candidacy.edition_id)


def test_check_awards_finds_the_laureates_no_longer_judged(setup, territory, staff):
    winner = choose_winner(
        edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff
    )
    prize = add_regional_prize(
        edition=setup["edition"], title="Coup de cœur", candidacy=setup["a"], chosen_by=staff
    )
    add_regional_prize(edition=setup["edition"], title="Mention", candidacy=setup["d"], chosen_by=staff)
    screen_out(setup["a"])

    check = check_awards(edition=setup["edition"])

    assert check.not_judged == [winner, prize]
    assert check.not_top == []  # not ranked at all: not judged says it


def test_check_awards_warns_when_a_winner_chosen_as_the_top_is_no_longer_first(setup, territory, staff):
    winner = choose_winner(
        edition=setup["edition"], territory=territory, candidacy=setup["b"], reason="x", chosen_by=staff
    )
    top = choose_winner(edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff)
    assert top.pk == winner.pk
    # Alpha's evaluation reopened and scored lower by staff's correction: Bravo (75) now leads.
    Evaluation.objects.filter(assignment__candidacy=setup["a"]).update(weighted_total=Decimal("10.00"))
    mark_stale(edition=setup["edition"])

    check = check_awards(edition=setup["edition"])

    assert check.not_top == [top]
    assert check.not_judged == []


def test_check_awards_does_not_warn_for_an_override(setup, territory, staff):
    choose_winner(
        edition=setup["edition"],
        territory=territory,
        candidacy=setup["b"],
        reason="Coup de foudre",
        chosen_by=staff,
    )

    assert check_awards(edition=setup["edition"]).not_top == []


def test_publish_results_is_refused_while_a_winner_is_no_longer_judged(setup, territory, staff):
    choose_winner(edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff)
    screen_out(setup["a"])

    with pytest.raises(PublicationError) as raised:
        publish_results(edition=setup["edition"], announce_at=setup["edition"].announce_at, actor=staff)

    assert [award.territory for award in raised.value.awards] == [territory]
    setup["edition"].refresh_from_db()
    assert setup["edition"].published_at is None


def test_publish_results_publishes_when_every_award_holds(setup, territory, staff):
    choose_winner(edition=setup["edition"], territory=territory, candidacy=setup["a"], chosen_by=staff)

    edition = publish_results(edition=setup["edition"], announce_at=setup["edition"].announce_at, actor=staff)

    assert edition.published_at is not None


@pytest.mark.parametrize("publish", [publish_edition, publish_results])
def test_publishing_refuses_an_announcement_more_than_two_years_ahead(setup, staff, publish):
    too_late = latest_announcement(setup["edition"]) + dt.timedelta(hours=1)

    with pytest.raises(ValueError, match="announce_too_late"):
        publish(edition=setup["edition"], announce_at=too_late, actor=staff)

    setup["edition"].refresh_from_db()
    assert setup["edition"].published_at is None


def test_latest_announcement_is_two_years_after_now_or_after_the_jury(setup):
    edition = setup["edition"]
    now = edition.jury_close_at + dt.timedelta(days=10)

    assert latest_announcement(edition, now) == now + dt.timedelta(days=730)
    assert latest_announcement(edition, edition.jury_close_at - dt.timedelta(days=10)) == (
        edition.jury_close_at + dt.timedelta(days=730)
    )
