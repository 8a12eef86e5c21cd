"""The employer's profile form, behind the claim link: logo, short description, website, opt-out."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from nominations.domain.images import clean_logo
from nominations.models import Employer

DESCRIPTION_MAX_LENGTH = 600


class WebsiteField(forms.URLField):
    """A web address: http or https only (no ftp:, javascript:, data:…), one message for every refusal.

    The field's "invalid" message replaces its validator's (Django's rule for a shared error code)."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a valid web address that starts with http:// or https://."),
    }


class EmployerProfileForm(forms.Form):
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, 5 MB at most. We keep a PNG copy of at most 800 pixels, "
            "without the file's hidden data."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    description = forms.CharField(
        label=_("Short description of the business"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("A few sentences, 600 characters at most."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": DESCRIPTION_MAX_LENGTH}),
    )
    website = WebsiteField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://www.example.com"),
        widget=forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
    )
    public_opt_out = forms.BooleanField(
        label=_("Leave my business out of the public list of engaged employers"),
        required=False,
        help_text=_("Your business still receives its badge and certificate."),
    )

    def __init__(self, *args, employer: Employer, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "description": employer.description,
                "website": employer.website,
                "public_opt_out": employer.public_opt_out,
            },
        )
        super().__init__(*args, **kwargs)
        self.employer = employer

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        return clean_logo(upload)

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()
