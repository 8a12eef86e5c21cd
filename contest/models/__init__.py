from .criterion import Criterion, RubricLevel
from .edition import Edition
from .policy import SecurityPolicy
from .territory import Municipality, Territory

__all__ = ["Criterion", "Edition", "Municipality", "RubricLevel", "SecurityPolicy", "Territory"]
