from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from contest.admin_cache import InvalidatesPublicPages
from nominations.domain.nominations import withdraw_nomination
from nominations.domain.queries import visible_to_staff
from nominations.models import Candidacy, Employer, Nomination, TestimonialAnswer
from nominations.normalize import employer_key


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
    # sends the e-mails); the admin only shows it. Consents are the youth's (or the parent's) to give,
    # recorded with their time and wording version by the domain functions: shown, never ticked here.
    readonly_fields = [
        "status",
        "consent_publish_first_name",
        "consent_publish_testimonial",
        "consent_tell_employer",
        "consent_results_email",
        "parent_email",
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

    def get_queryset(self, request):
        # Nobody sees a nomination waiting for a parent's consent, superusers included.
        return visible_to_staff(super().get_queryset(request))

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


class EmployerAdminForm(forms.ModelForm):
    # The admin gives the model and fields (EmployerAdmin).

    def clean(self):
        # normalized_name is not a form field, so the form skips the database's uniqueness rule: a
        # rename or a move onto another record of the same business would end in an IntegrityError.
        cleaned = super().clean()
        name, municipality = cleaned.get("name"), cleaned.get("municipality")
        if name and municipality:
            other = (
                Employer.objects.filter(normalized_name=employer_key(name), municipality=municipality)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if other is not None:
                merge_url = f"{reverse('staff:merge_employers')}?{urlencode({'q': other.name})}"
                self.add_error(
                    "name",
                    _(
                        "Another employer of this municipality already has this name: %(employer)s. If "
                        "it is the same business, bring the two together with the merge tool: %(url)s"
                    )
                    % {"employer": other.name, "url": merge_url},
                )
        return cleaned


@admin.register(Employer)
class EmployerAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    form = EmployerAdminForm
    list_display = ["name", "municipality", "territory", "sector"]
    list_filter = ["territory", "sector"]
    search_fields = ["name", "normalized_name"]
    list_select_related = ["municipality", "territory"]
    autocomplete_fields = ["municipality"]
    # A website typed without its scheme is https, as on the employer's own page (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Candidacy)
class CandidacyAdmin(InvalidatesPublicPages, admin.ModelAdmin):
    list_display = ["employer", "edition"]
    list_filter = ["edition", "employer__territory"]
    search_fields = ["employer__name"]
    list_select_related = ["employer__municipality", "edition"]
