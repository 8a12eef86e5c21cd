"""Forms of the staff's jury pages: the edition picker, panels, conflicts and hand-made assignments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from contest.converters import MAX_ID
from contest.domain.roles import jurors
from contest.models import Edition
from jury.models import Assignment, Conflict
from nominations.models import Candidacy


def juror_label(user) -> str:
    """How staff pages name a juror: full name and e-mail, or the e-mail alone."""
    full_name = user.get_full_name().strip()
    return f"{full_name} <{user.email}>" if full_name else user.email


def candidacy_label(candidacy: Candidacy) -> str:
    """Needs ``employer__territory`` selected."""
    return f"{candidacy.employer.name} — {candidacy.employer.territory.name}"


class JurorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return juror_label(obj)


class JurorMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return juror_label(obj)

    def clean(self, value):
        # Ids beyond a 64-bit integer cannot exist; refusing them here keeps the database's `IN (...)`
        # from overflowing (either sign).
        for item in value or ():
            text = str(item).strip()
            try:
                number = int(text)
            except ValueError:
                continue  # not a number: refused by the parent as an invalid choice
            if abs(number) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super().clean(value)


class CandidacyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return candidacy_label(obj)


class EditionPickerForm(forms.Form):
    """The GET form at the top of each page; the view resolves the parameter itself (404 if unknown)."""

    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.order_by("-year"), empty_label=None
    )


class PanelForm(forms.Form):
    jurors = JurorMultipleChoiceField(
        label=_("Jurors on this territory's panel"),
        queryset=jurors(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("This juror does not exist or is no longer active.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form, not once at import time.
        self.fields["jurors"].queryset = jurors()


class ConflictForm(forms.Form):
    """A conflict of interest declared by staff on a juror's behalf."""

    juror = JurorChoiceField(
        label=_("Juror"),
        queryset=jurors(),
        empty_label=_("Choose a juror"),
        error_messages={"invalid_choice": _("This juror does not exist or is no longer active.")},
    )
    candidacy = CandidacyChoiceField(
        label=_("Candidacy"),
        queryset=Candidacy.objects.none(),
        empty_label=_("Choose a candidacy"),
        error_messages={"invalid_choice": _("This candidacy is not part of this edition.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("For example: a relative works there. Jurors do not see it."),
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = jurors()
        self.fields["candidacy"].queryset = (
            Candidacy.objects.filter(edition=edition)
            .select_related("employer__territory")
            .order_by("employer__territory__name", "employer__name")
        )

    def clean(self):
        cleaned = super().clean()
        juror, candidacy = cleaned.get("juror"), cleaned.get("candidacy")
        if juror and candidacy and Conflict.objects.filter(juror=juror, candidacy=candidacy).exists():
            raise forms.ValidationError(_("This conflict is already recorded."), code="duplicate")
        return cleaned


class AssignmentAddForm(forms.Form):
    """Staff override: one juror added by hand to a candidacy (the candidacy comes from the URL data)."""

    juror = JurorChoiceField(
        label=_("Juror"),
        queryset=jurors(),
        empty_label=_("Choose a juror"),
        error_messages={
            "required": _("Choose a juror to add."),
            "invalid_choice": _("This juror does not exist or is no longer active."),
        },
    )

    def __init__(self, *args, candidacy: Candidacy, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidacy = candidacy
        self.fields["juror"].queryset = jurors()

    def clean_juror(self):
        juror = self.cleaned_data["juror"]
        if Assignment.objects.filter(candidacy=self.candidacy, juror=juror).exists():
            raise forms.ValidationError(_("This juror is already assigned to this candidacy."), code="exists")
        return juror
