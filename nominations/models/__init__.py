from .candidacy import Candidacy
from .employer import Employer
from .notice import EmployerNotice
from .nomination import Nomination, TestimonialAnswer

__all__ = ["Candidacy", "Employer", "EmployerNotice", "Nomination", "TestimonialAnswer"]
