from .nomination import EmployerSuggestionQuery, NominationEditForm, NominationForm, too_young_error

__all__ = ["EmployerSuggestionQuery", "NominationEditForm", "NominationForm", "too_young_error"]
