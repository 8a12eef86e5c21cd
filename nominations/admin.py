from django.contrib import admin

from contest.admin_cache import InvalidatesPublicPages
from nominations.domain.nominations import withdraw_nomination
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer


class TestimonialAnswerInline(admin.StackedInline):
    model = TestimonialAnswer
    extra = 0


@admin.register(Nomination)
class NominationAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["employer", "boss_name", "edition", "territory", "status", "created_at", "confirmed_at"]
    list_filter = ["edition", ("employer__territory", admin.RelatedOnlyFieldListFilter), "status"]
    search_fields = ["employer__name", "boss_name", "first_name", "last_name", "email", "school"]
    list_select_related = ["employer__territory", "employer__municipality", "edition"]
    # Status changes go through the staff screening page (screen_nomination forms candidacies and
    # sends the e-mails); the admin only shows it.
    readonly_fields = [
        "status",
        "screening_reason",
        "created_at",
        "updated_at",
        "confirmed_at",
        "screened_at",
        "language",
        "consents_recorded_at",
        "consent_text_version",
        "parent_consented_at",
        "anonymised_at",
    ]
    raw_id_fields = ["employer"]
    date_hierarchy = "created_at"
    inlines = [TestimonialAnswerInline]

    @admin.display(ordering="employer__territory__name")
    def territory(self, nomination: Nomination):
        return nomination.employer.territory

    # Deleting here is a withdrawal: the photo file and an empty candidacy go too, and the audit log
    # records it, exactly as when the youth withdraws.
    def delete_model(self, request, obj: Nomination) -> None:
        withdraw_nomination(nomination=obj)

    def delete_queryset(self, request, queryset) -> None:
        for nomination in queryset.select_related("employer"):
            withdraw_nomination(nomination=nomination)


@admin.register(Employer)
class EmployerAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["name", "municipality", "territory", "sector"]
    list_filter = ["territory", "sector"]
    search_fields = ["name", "normalized_name"]
    list_select_related = ["municipality", "territory"]
    autocomplete_fields = ["municipality"]


@admin.register(Candidacy)
class CandidacyAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["employer", "edition"]
    list_filter = ["edition", "employer__territory"]
    search_fields = ["employer__name"]
    list_select_related = ["employer__municipality", "edition"]
