from .assignment import Assignment, Conflict, PanelMembership
from .evaluation import Evaluation, Score

__all__ = ["Assignment", "Conflict", "Evaluation", "PanelMembership", "Score"]
