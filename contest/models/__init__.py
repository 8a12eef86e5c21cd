from .criterion import Criterion, RubricLevel
from .edition import Edition
from .territory import Municipality, Territory

__all__ = ["Criterion", "Edition", "Municipality", "RubricLevel", "Territory"]
