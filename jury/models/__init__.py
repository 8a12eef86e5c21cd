from .assignment import Assignment, Conflict, PanelMembership
from .award import Award
from .evaluation import Evaluation, Score

__all__ = ["Assignment", "Award", "Conflict", "Evaluation", "PanelMembership", "Score"]
