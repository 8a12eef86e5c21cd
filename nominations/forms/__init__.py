from .nomination import NominationEditForm, NominationForm, too_young_error

__all__ = ["NominationEditForm", "NominationForm", "too_young_error"]
