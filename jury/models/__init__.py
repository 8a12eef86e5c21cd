from .assignment import Assignment, Conflict, PanelMembership
from .award import Award
from .evaluation import Evaluation, Score
from .ranking import RankingEntry, RankingState, RankingTerritory

__all__ = [
    "Assignment",
    "Award",
    "Conflict",
    "Evaluation",
    "PanelMembership",
    "RankingEntry",
    "RankingState",
    "RankingTerritory",
    "Score",
]
