from .nomination import NominationEditForm, NominationForm

__all__ = ["NominationEditForm", "NominationForm"]
