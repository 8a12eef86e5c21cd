"""Awards: the winner of each territory (« meilleur boss ») and the regional prizes.

Staff choose, once the jury window is closed; by default the winner is the top of the territory's
ranking. Choosing another candidacy is an override, recorded with its reason. Nothing changes once the
results are public (published and past the announcement time): the winners a visitor saw stay the
winners.

A choice can go stale before the publication: the laureate's nominations screened ineligible (it is no
longer judged, so it can be neither published nor given a badge), or, for a winner chosen as the top,
new evaluations moving another candidacy first. ``check_awards`` says so; the first blocks the
publication (``jury.domain.publication``), the second is a warning."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from contest.domain.audit import record_event
from contest.domain.editions import lock_edition
from contest.domain.public_cache import invalidate_public_pages
from contest.domain.queries import is_published
from contest.models import Edition, Territory
from jury.domain.assignment import candidacies_to_judge
from jury.domain.ranking import RankedCandidacy, rank_candidacies
from jury.enums import AwardKind
from jury.models import Award, RankingEntry
from nominations.models import Candidacy


class AwardError(ValueError):
    """Why an award cannot be changed. ``code`` is one of:

    - ``published``: the edition's results are public;
    - ``jury_open``: the jury window is not closed yet, so the ranking can still change;
    - ``wrong_edition``: the candidacy belongs to another edition;
    - ``wrong_territory``: the candidacy's employer is not in the territory;
    - ``not_a_candidate``: the candidacy has no eligible nomination, so it is not ranked;
    - ``reason_required``: the candidacy is not the top of the ranking and no reason was given;
    - ``title_required``: a regional prize without a name.
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _locked_edition(edition: Edition, *, deciding: bool = False) -> Edition:
    """The edition's row, locked until the end of the transaction, so that a publication and a change
    of winner cannot cross; refuses when the results are public, and when ``deciding`` (a winner is
    chosen) while the jury window is open."""
    locked = lock_edition(edition.pk)
    if is_published(locked):
        raise AwardError("published")
    if deciding and not locked.jury_window_closed:
        raise AwardError("jury_open")
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

    A candidacy that is not ranked first is an override: ``reason`` is then required and recorded.
    Refused while the jury window is open."""
    _locked_edition(edition, deciding=True)
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
    Returns how many winners were chosen. Refused while the jury window is open."""
    _locked_edition(edition, deciding=True)
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


def checked_awards(*, edition: Edition) -> QuerySet[Award]:
    """The edition's awards, each annotated with ``judged`` (its candidacy still has an eligible
    nomination) and ``ranked`` (the candidacy's rank in the stored ranking: call
    ``ranking_store.fresh_state`` first). No query of its own: chain it."""
    return Award.objects.filter(edition=edition).annotate(
        judged=Exists(candidacies_to_judge(edition).filter(pk=OuterRef("candidacy_id"))),
        ranked=Subquery(
            RankingEntry.objects.filter(edition=edition, candidacy=OuterRef("candidacy_id")).values("rank")[
                :1
            ]
        ),
    )


def no_longer_judged(award: Award | None) -> bool:
    """Whether an award (from ``checked_awards``) goes to a candidacy with no eligible nomination left:
    it blocks the publication. False when there is no award."""
    return award is not None and not award.judged


def no_longer_top(award: Award | None) -> bool:
    """Whether a territory winner chosen as the top of the ranking (no override reason) is no longer
    ranked first (``award`` from ``checked_awards``). A winner no longer judged is not counted here;
    False when there is no award."""
    return (
        award is not None
        and award.kind == AwardKind.TERRITORY_WINNER
        and not award.is_override
        and award.judged
        and award.ranked != 1
    )


@dataclass
class AwardCheck:
    """What changed since the edition's awards were chosen (see the module's docstring)."""

    # Winners and regional prizes whose candidacy has no eligible nomination left: they block the
    # publication.
    not_judged: list[Award] = field(default_factory=list)
    # Territory winners chosen as the top of the ranking that the ranking no longer puts first: a warning.
    not_top: list[Award] = field(default_factory=list)


def check_awards(*, edition: Edition) -> AwardCheck:
    """The edition's awards that need another look, territory winners first (by territory name), then
    prizes (by title). One query; ``not_top`` reads the stored ranking (call
    ``ranking_store.fresh_state`` first)."""
    awards = list(
        checked_awards(edition=edition)
        .select_related("territory", "candidacy__employer")
        .order_by("-kind", "territory__name", "title", "pk")
    )
    return AwardCheck(
        not_judged=[award for award in awards if no_longer_judged(award)],
        not_top=[award for award in awards if no_longer_top(award)],
    )
