from .candidacy import Candidacy
from .employer import Employer
from .nomination import Nomination, TestimonialAnswer

__all__ = ["Candidacy", "Employer", "Nomination", "TestimonialAnswer"]
