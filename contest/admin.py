from django import forms
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


# What sets a juror's total: the evaluations' stored totals were computed with these when submitted, so
# they stay as they are from the opening of the jury window, and no criterion comes or goes.
SCORING_FIELDS = ["weight", "scale_min", "scale_max"]
SCORING_LOCKED = _(
    "The jury window of this edition has opened: the weights and scales of its criteria can no longer "
    "change, and no criterion can be added or deleted, since the jurors' totals already submitted were "
    "computed with them."
)


def jury_has_opened(edition: Edition | None) -> bool:
    return edition is not None and edition.jury_has_opened


def _with_description(fieldsets, description) -> list:
    """The admin's fieldsets, the first one with ``description`` (why some fields are read-only)."""
    (name, options), *rest = fieldsets
    return [(name, {**options, "description": description}), *rest]


class CriterionAdminForm(forms.ModelForm):
    def clean_edition(self):
        edition = self.cleaned_data.get("edition")
        moved = self.instance.pk is None or edition != self.instance.edition
        if moved and jury_has_opened(edition):
            raise forms.ValidationError(SCORING_LOCKED, code="jury_opened")
        return edition


@admin.register(Criterion)
class CriterionAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    form = CriterionAdminForm
    list_display = ["name", "edition", "weight", "scale_min", "scale_max", "position"]
    list_filter = [("edition", admin.EmptyFieldListFilter), "edition"]
    list_select_related = ["edition"]
    search_fields = ["name", "name_en", "code"]
    inlines = [RubricLevelInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and jury_has_opened(obj.edition):
            return [*self.readonly_fields, "edition", *SCORING_FIELDS]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and jury_has_opened(obj.edition):
            return _with_description(fieldsets, SCORING_LOCKED)
        return fieldsets

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and jury_has_opened(obj.edition):
            return False
        return super().has_delete_permission(request, obj)


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "name", "weight", "scale_min", "scale_max"]
    extra = 0
    show_change_link = True

    # ``obj`` is the inline's parent: the edition.
    def get_readonly_fields(self, request, obj=None):
        if jury_has_opened(obj):
            return [*self.readonly_fields, *SCORING_FIELDS]
        return self.readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return not jury_has_opened(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not jury_has_opened(obj) and super().has_delete_permission(request, obj)


# The settings that rank the candidacies or shape the published leaderboard.
PUBLISHED_FIELDS = ["aggregation_method", "tie_break_criterion", "disagreement_threshold", "leaderboard_size"]
PUBLISHED_LOCKED = _(
    "The results are published: the announcement, the aggregation method, the tie-break criterion, the "
    "disagreement threshold and the ranks shown per territory can no longer change, so that the "
    "published results stay as announced. Under embargo, the Publish page can still withdraw the "
    "publication."
)


@admin.register(Edition)
class EditionAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["year", "number", "phase_label", "nominations_open_at", "announce_at"]
    readonly_fields = ["published_at"]
    inlines = [CriterionInline]

    def get_readonly_fields(self, request, obj=None):
        # Once published, the announcement time moves only through the staff's Publish page, and what
        # ranks the candidacies and shapes the leaderboard stays as it was published.
        if obj is not None and obj.published_at is not None:
            return [*self.readonly_fields, "announce_at", *PUBLISHED_FIELDS]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        notes = []
        if obj is not None and obj.published_at is not None:
            notes.append(PUBLISHED_LOCKED)
        if jury_has_opened(obj):
            notes.append(SCORING_LOCKED)
        return _with_description(fieldsets, " ".join(str(note) for note in notes)) if notes else fieldsets

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
