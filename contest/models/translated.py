from django.utils.translation import get_language


class TranslatedFieldsMixin:
    """Content typed by staff is kept in French (``field``) and English (``field_en``).

    ``localized("name")`` gives the English text on English pages when it exists, else the French.
    """

    def localized(self, field: str) -> str:
        if (get_language() or "fr").startswith("en"):
            english = getattr(self, f"{field}_en", "")
            if english:
                return english
        return getattr(self, field)
