from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jury.domain.invitations import invitation_refused

INACTIVE_STAFF = _(
    "This address belongs to a deactivated staff or administrator account: an invitation "
    "would give it back its access. An administrator can reactivate it in the Django "
    "admin if that is intended."
)


class JurorInvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        help_text=_("An existing account keeps its own names."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail and the link are in this language; the juror can switch later."),
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if invitation_refused(email):
            raise forms.ValidationError(INACTIVE_STAFF, code="inactive_staff")
        return email
