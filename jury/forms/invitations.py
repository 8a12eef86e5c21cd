from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class JurorInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail and the link are in this language; the juror can switch later."),
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
