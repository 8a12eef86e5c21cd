"""Ranking the candidacies of a territory by the edition's method. (Interface; being written.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from contest.models import Edition, Territory
from nominations.models import Candidacy


@dataclass
class RankedCandidacy:
    candidacy: Candidacy  # with employer, municipality and territory loaded
    rank: int | None  # 1, 2, 3…; None when the candidacy has no submitted evaluation
    score: Decimal | None  # by the edition's method (0–100 for mean and median, z-score mean for normalised)
    evaluations: int  # submitted evaluations
    mean: Decimal | None  # mean of the weighted totals (0–100)
    median: Decimal | None
    normalised: Decimal | None  # mean of the jurors' z-scores
    spread: Decimal | None  # highest minus lowest weighted total (0–100 points)
    disagreement: bool  # spread above edition.disagreement_threshold
    criterion_means: dict[int, Decimal] = field(default_factory=dict)  # criterion id -> mean raw score
    eligible_nominations: int = 0
    tie_break: str = ""  # how a tie with the candidacy ranked just above was broken, for the page


def rank_candidacies(*, edition: Edition, territory: Territory | None = None) -> list[RankedCandidacy]:
    """The candidacies (with an eligible nomination) of the edition, or of one territory, ranked.

    Ranks restart at 1 in each territory. Constant number of queries."""
    raise NotImplementedError
