"""The staff's screening form: one decision and, for an ineligible nomination, the reason the youth
receives."""

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.domain.screening import SCREENING_DECISIONS
from nominations.enums import NominationStatus


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(decision.value, decision.label) for decision in SCREENING_DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason told to the youth"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when the nomination is ineligible: it is sent by e-mail to the youth, "
            "in their language."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        # Mirrors the domain rule (screen_nomination), so that the message sits next to the field.
        if cleaned.get("decision") == NominationStatus.INELIGIBLE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason the youth will receive."))
        return cleaned
