"""Choosing the two employers of a merge: the one merged away (source) and the one kept (target)."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from contest.converters import parse_id
from nominations.models import Employer

SEARCH_LIMIT = 50


def employers_for_merge(*, query: str = "", include: tuple = ()) -> QuerySet:
    """Employers whose name contains the query (accents and legal suffixes ignored) or whose number
    is the query, plus the ones already chosen; each with its municipality and its number of
    nominations, in one query."""
    query = query.strip()
    match = Q(pk__in=[pk for pk in include if pk])
    if query:
        match |= Q(pk__in=Employer.objects.matching(query).values("pk")[:SEARCH_LIMIT])
        if (pk := parse_id(query)) is not None:
            match |= Q(pk=pk)
    return (
        Employer.objects.filter(match)
        .select_related("municipality", "territory")
        .annotate(nomination_count=Count("nominations"))
        .order_by("name", "pk")
    )


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Employer) -> str:
        return _("%(name)s, %(municipality)s (no. %(pk)s)") % {
            "name": obj.name,
            "municipality": obj.municipality,
            "pk": obj.pk,
        }


class MergeEmployersForm(forms.Form):
    """The choices come from the search; the employers already chosen stay in them, so that a
    new search does not lose the choice."""

    source = EmployerChoiceField(
        label=_("Employer to merge (it disappears)"),
        queryset=Employer.objects.none(),
        empty_label=_("Choose an employer"),
        help_text=_("Its nominations, candidacies and jury assignments move to the employer kept."),
    )
    target = EmployerChoiceField(
        label=_("Employer to keep"),
        queryset=Employer.objects.none(),
        empty_label=_("Choose an employer"),
    )

    def __init__(self, data=None, *args, query: str = "", **kwargs):
        super().__init__(data, *args, **kwargs)
        values = data if data is not None else self.initial
        chosen = (parse_id(values.get("source")), parse_id(values.get("target")))
        self.candidates = list(employers_for_merge(query=query, include=chosen))
        for name in ("source", "target"):
            field = self.fields[name]
            field.queryset = Employer.objects.filter(pk__in=[employer.pk for employer in self.candidates])
            # Render the already-fetched candidates instead of querying the employers again.
            field.widget.choices = [("", field.empty_label)] + [
                (employer.pk, field.label_from_instance(employer)) for employer in self.candidates
            ]

    def clean(self):
        cleaned = super().clean()
        source, target = cleaned.get("source"), cleaned.get("target")
        if source is not None and target is not None and source.pk == target.pk:
            self.add_error(
                "target", _("Choose two different employers: an employer cannot be merged into itself.")
            )
        return cleaned
