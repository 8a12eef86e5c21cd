from .candidacy import Candidacy
from .employer import Employer
from .nomination import Nomination, TestimonialAnswer
from .notice import EmployerNotice

__all__ = ["Candidacy", "Employer", "EmployerNotice", "Nomination", "TestimonialAnswer"]
