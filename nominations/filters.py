"""Filters of the staff's screening queue (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from contest.models import Edition, Territory
from nominations.domain.queries import visible_to_staff
from nominations.enums import NominationStatus
from nominations.models import Nomination
from nominations.normalize import normalize_name

# The queue opens on what is left to screen.
DEFAULT_STATUS = NominationStatus.CONFIRMED
# Nominations waiting for a parent's consent are never shown to staff (visible_to_staff).
STATUS_CHOICES = [
    (value, label) for value, label in NominationStatus.choices if value != NominationStatus.AWAITING_PARENT
]


def screening_queryset():
    """Nominations with what a row of the queue shows, in one query whatever the number of rows:
    the employer, its municipality and territory, and how many eligible nominations the employer
    already has in the nomination's edition. Never a nomination waiting for a parent's consent."""
    eligible = (
        Nomination.objects.filter(
            employer=OuterRef("employer"), edition=OuterRef("edition"), status=NominationStatus.ELIGIBLE
        )
        .order_by()
        .values("employer")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        visible_to_staff()
        .select_related("edition", "employer__municipality", "employer__territory")
        .annotate(
            employer_eligible=Coalesce(Subquery(eligible, output_field=IntegerField()), Value(0)),
        )
        .order_by("created_at", "pk")
    )


class ScreeningFilter(django_filters.FilterSet):
    """Edition (the current one by default), territory, status (« to be screened » by default) and a
    search over the employer's name, the boss's name and the school.

    Nominations waiting for their author's confirmation show only when the status filter asks for them;
    those waiting for a parent's consent never show.
    """

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Employer, boss or school"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"), queryset=Edition.objects.all(), empty_label=_("All editions")
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"),
        field_name="employer__territory",
        queryset=Territory.objects.all(),
        empty_label=_("All territories"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("Any confirmed status"),
    )

    class Meta:
        model = Nomination
        fields = ["q", "edition", "territory", "status"]

    def __init__(self, data=None, *args, default_edition: Edition | None = None, **kwargs):
        # A filter absent from the query string takes its default; present but empty means « all ».
        data = data.copy() if data is not None else {}
        if "status" not in data:
            data["status"] = DEFAULT_STATUS
        if "edition" not in data and default_edition is not None:
            data["edition"] = str(default_edition.pk)
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = (
            Q(employer__name__icontains=value) | Q(boss_name__icontains=value) | Q(school__icontains=value)
        )
        normalized = normalize_name(value)
        if normalized:
            match |= Q(employer__normalized_name__contains=normalized)
        return queryset.filter(match)

    def filter_queryset(self, queryset):
        # Nominations not yet confirmed by their author show only when asked for by name.
        if self.form.cleaned_data.get("status") != NominationStatus.PENDING:
            queryset = queryset.exclude(status=NominationStatus.PENDING)
        return super().filter_queryset(queryset)
