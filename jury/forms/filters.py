"""GET forms that filter and sort the long lists of the jury pages (assignments, conflicts, the juror's
candidacies). An invalid value is ignored: the list is shown unfiltered rather than refused."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The house default of every paginated list.
PAGE_SIZE = 50


class ListFilterForm(forms.Form):
    """Base: the territories to choose from come from the view as (slug, name) pairs (it usually has
    them at hand, from its summary), so that the form costs no query. ``values()`` gives the cleaned
    data, or the defaults when the input is invalid."""

    territory = forms.ChoiceField(label=_("Territory"), required=False)

    def __init__(self, *args, territories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].choices = [("", _("Every territory")), *territories]

    def values(self) -> dict:
        if self.is_bound and self.is_valid():
            return {name: self.cleaned_data.get(name) or field.initial for name, field in self.fields.items()}
        return {name: field.initial for name, field in self.fields.items()}


class AssignmentFilterForm(ListFilterForm):
    MISSING = "missing"
    UNFINISHED = "unfinished"
    CONFLICTS = "conflicts"
    NOT_JUDGED = "not_judged"

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Every candidacy")),
            (MISSING, _("Missing jurors")),
            (UNFINISHED, _("Evaluations not submitted yet")),
            (CONFLICTS, _("With a declared conflict")),
            (NOT_JUDGED, _("Not judged: no eligible nomination")),
        ],
    )
    q = forms.CharField(label=_("Employer name"), required=False, max_length=100)
    sort = forms.ChoiceField(
        label=_("Order within a territory"),
        required=False,
        initial="name",
        choices=[("name", _("Employer name")), ("jurors", _("Fewest jurors first"))],
    )


class ConflictFilterForm(ListFilterForm):
    """Filters the declared conflicts and the candidacies offered in the declaration form."""

    q = forms.CharField(label=_("Employer name"), required=False, max_length=100)


class DashboardFilterForm(ListFilterForm):
    TODO = "todo"
    SUBMITTED = "submitted"

    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Every candidacy")),
            (TODO, _("To do (not submitted)")),
            # Translators: filter of the juror's candidacies, those whose evaluation is submitted.
            (SUBMITTED, pgettext_lazy("candidacies", "Submitted")),
        ],
    )
