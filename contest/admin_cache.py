"""The admin's writes make the public pages' cache stale (``contest.domain.public_cache``): the admin saves
models directly, not through the domain functions that invalidate it."""

from contest.domain.public_cache import invalidate_public_pages


class InvalidatesPublicPages:
    """A ModelAdmin mixin: every save or deletion, inlines included, invalidates the public pages."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        invalidate_public_pages()

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        invalidate_public_pages()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        invalidate_public_pages()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        invalidate_public_pages()
