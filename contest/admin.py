from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from contest import admin_policy  # noqa: F401  (registers the security policy)
from contest.admin_cache import InvalidatesPublicPages
from contest.domain.editions import give_default_criteria
from contest.models import AuditEvent, Criterion, Edition, Municipality, RubricLevel, Territory


class MunicipalityInline(admin.TabularInline):
    model = Municipality
    extra = 0


@admin.register(Territory)
class TerritoryAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["name", "mrc_code"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalityInline]


@admin.register(Municipality)
class MunicipalityAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["name", "designation", "territory"]
    list_filter = ["territory"]
    search_fields = ["name"]
    list_select_related = ["territory"]


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    extra = 0


@admin.register(Criterion)
class CriterionAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["name", "edition", "weight", "scale_min", "scale_max", "position"]
    list_filter = [("edition", admin.EmptyFieldListFilter), "edition"]
    list_select_related = ["edition"]
    search_fields = ["name", "name_en", "code"]
    inlines = [RubricLevelInline]


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "name", "weight", "scale_min", "scale_max"]
    extra = 0
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["year", "number", "phase_label", "nominations_open_at", "announce_at"]
    readonly_fields = ["published_at"]
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        # Once published, the announcement time moves only through the staff's Publish page.
        if obj is not None and obj.published_at is not None:
            return [*self.readonly_fields, "announce_at"]
        return self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "tie_break_criterion":
            # Only the edition's own criteria can break its ties.
            edition_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                Criterion.objects.filter(edition_id=edition_id) if edition_id else Criterion.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("phase"))
    def phase_label(self, edition: Edition) -> str:
        return edition.phase.label

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if not form.instance.criteria.exists():
            give_default_criteria(edition=form.instance)
            messages.info(request, _("The default criteria set was copied into this edition."))


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the audit log is append-only, for the administrator too."""

    list_display = ["at", "action", "actor", "target_type", "target_id"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
