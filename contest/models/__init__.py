from .audit import AuditEvent
from .criterion import Criterion, RubricLevel
from .edition import Edition
from .policy import SecurityPolicy
from .territory import Municipality, Territory

__all__ = ["AuditEvent", "Criterion", "Edition", "Municipality", "RubricLevel", "SecurityPolicy", "Territory"]
