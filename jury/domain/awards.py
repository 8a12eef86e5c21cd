"""Awards: the winner of each territory (« meilleur boss ») and the regional prizes.

Staff choose; by default the winner is the top of the territory's ranking. Choosing another candidacy
is an override, recorded with its reason. Nothing changes once the results are public (published and
past the announcement time): the winners a visitor saw stay the winners."""

from __future__ import annotations

from django.db import transaction

from contest.domain.audit import record_event
from contest.domain.public_cache import invalidate_public_pages
from contest.domain.queries import is_published
from contest.models import Edition, Territory
from jury.domain.ranking import RankedCandidacy, rank_candidacies
from jury.enums import AwardKind
from jury.models import Award
from nominations.models import Candidacy


class AwardError(ValueError):
    """Why an award cannot be changed. ``code`` is one of:

    - ``published``: the edition's results are public;
    - ``wrong_edition``: the candidacy belongs to another edition;
    - ``wrong_territory``: the candidacy's employer is not in the territory;
    - ``not_a_candidate``: the candidacy has no eligible nomination, so it is not ranked;
    - ``reason_required``: the candidacy is not the top of the ranking and no reason was given;
    - ``title_required``: a regional prize without a name.
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _locked_edition(edition: Edition) -> Edition:
    """The edition's row, locked until the end of the transaction, so that a publication and a change
    of winner cannot cross; refuses when the results are public."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if is_published(locked):
        raise AwardError("published")
    return locked


def _check_candidacy(edition: Edition, candidacy: Candidacy) -> None:
    if candidacy.edition_id != edition.pk:
        raise AwardError("wrong_edition")


def top_of(ranking: list[RankedCandidacy]) -> RankedCandidacy | None:
    """The candidacy ranked first (the first one listed if a tie could not be broken)."""
    return next((row for row in ranking if row.rank == 1), None)


@transaction.atomic
def choose_winner(
    *, edition: Edition, territory: Territory, candidacy: Candidacy, reason: str = "", chosen_by
) -> Award:
    """Make ``candidacy`` the winner of ``territory``, replacing any previous choice.

    A candidacy that is not ranked first is an override: ``reason`` is then required and recorded."""
    _locked_edition(edition)
    _check_candidacy(edition, candidacy)
    ranking = rank_candidacies(edition=edition, territory=territory)
    row = next((row for row in ranking if row.candidacy.pk == candidacy.pk), None)
    if row is None:
        in_territory = candidacy.employer.territory_id == territory.pk
        raise AwardError("not_a_candidate" if in_territory else "wrong_territory")
    reason = reason.strip()
    is_override = row.rank != 1
    if is_override and not reason:
        raise AwardError("reason_required")
    award, _created = Award.objects.update_or_create(
        edition=edition,
        territory=territory,
        kind=AwardKind.TERRITORY_WINNER,
        defaults={
            "candidacy": candidacy,
            "is_override": is_override,
            "reason": reason,
            "chosen_by": chosen_by,
            "title": "",
        },
    )
    record_event(
        "award.winner_overridden" if is_override else "award.winner_chosen",
        actor=chosen_by,
        target=candidacy,
        award=award.pk,
        territory=territory.pk,
    )
    invalidate_public_pages()
    return award


@transaction.atomic
def choose_top_winners(*, edition: Edition, chosen_by) -> int:
    """Make the top of the ranking the winner of every territory that has none yet.

    Territories with no ranked candidacy (no submitted evaluation) are left without a winner.
    Returns how many winners were chosen."""
    _locked_edition(edition)
    decided = set(
        Award.objects.filter(edition=edition, kind=AwardKind.TERRITORY_WINNER).values_list(
            "territory_id", flat=True
        )
    )
    tops: dict[int, RankedCandidacy] = {}
    for row in rank_candidacies(edition=edition):
        territory_id = row.candidacy.employer.territory_id
        if row.rank == 1 and territory_id not in decided and territory_id not in tops:
            tops[territory_id] = row
    Award.objects.bulk_create(
        Award(
            edition=edition,
            kind=AwardKind.TERRITORY_WINNER,
            territory_id=territory_id,
            candidacy=row.candidacy,
            is_override=False,
            chosen_by=chosen_by,
        )
        for territory_id, row in tops.items()
    )
    record_event("award.top_winners_chosen", actor=chosen_by, target=edition, count=len(tops))
    invalidate_public_pages()
    return len(tops)


@transaction.atomic
def add_regional_prize(
    *, edition: Edition, title: str, candidacy: Candidacy, reason: str = "", chosen_by
) -> Award:
    """A prize of the whole region (« Coup de cœur »…), given to any candidacy of the edition."""
    _locked_edition(edition)
    _check_candidacy(edition, candidacy)
    title = title.strip()
    if not title:
        raise AwardError("title_required")
    award = Award.objects.create(
        edition=edition,
        kind=AwardKind.REGIONAL_PRIZE,
        title=title,
        candidacy=candidacy,
        reason=reason.strip(),
        chosen_by=chosen_by,
    )
    record_event("award.prize_added", actor=chosen_by, target=candidacy, award=award.pk)
    invalidate_public_pages()
    return award


@transaction.atomic
def remove_award(*, award: Award, actor=None) -> None:
    """Take back a territory winner or a regional prize, until the results are public."""
    _locked_edition(award.edition)
    Award.objects.filter(pk=award.pk).delete()
    record_event("award.removed", actor=actor, target=award.candidacy, award=award.pk, kind=str(award.kind))
    invalidate_public_pages()
