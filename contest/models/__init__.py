from .audit import AuditEvent
from .criterion import Criterion, RubricLevel
from .edition import Edition
from .incident import PrivacyIncident
from .policy import SecurityPolicy
from .territory import Municipality, Territory

__all__ = [
    "AuditEvent",
    "Criterion",
    "Edition",
    "Municipality",
    "PrivacyIncident",
    "RubricLevel",
    "SecurityPolicy",
    "Territory",
]
