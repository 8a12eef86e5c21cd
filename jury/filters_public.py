"""Filters of the public list of engaged employers (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from contest.domain.queries import published_editions
from contest.models import Edition, Territory
from jury.domain.public_queries import engaged_in_edition
from nominations.enums import Sector
from nominations.models import Employer
from nominations.normalize import normalize_name


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Edition) -> str:
        return str(obj.year)


class EditionFilter(django_filters.ModelChoiceFilter):
    field_class = EditionChoiceField


class EngagedEmployerFilter(django_filters.FilterSet):
    """Edition (by year, published ones only), territory (by slug), sector, and a search over the
    employer's name that ignores accents, case and legal suffixes (« Café Élan inc. » ~ « cafe elan »).

    A value that does not fit (an unknown year, say) is reported next to its field and ignored."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        help_text=_("Employer's name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    edition = EditionFilter(
        label=_("Edition"),
        queryset=Edition.objects.none(),
        to_field_name="year",
        method="in_edition",
        empty_label=_("All editions"),
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"),
        queryset=Territory.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All territories"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors")
    )

    class Meta:
        model = Employer
        fields = ["q", "edition", "territory", "sector"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per request: an edition joins the choices at its announcement time.
        self.filters["edition"].queryset = published_editions().order_by("-year")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        normalized = normalize_name(value)
        if not normalized:
            # Only punctuation or a legal suffix (« inc. »): match the name as typed.
            return queryset.filter(name__icontains=value)
        return queryset.filter(normalized_name__contains=normalized)

    def in_edition(self, queryset, name, value):
        return engaged_in_edition(queryset, edition=value) if value else queryset
