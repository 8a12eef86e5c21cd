"""The public nomination form and the private edit form. Plain language for a 15-year-old."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contest.domain.queries import territories_with_municipalities
from contest.models import Criterion, Edition, Municipality
from nominations.domain.images import clean_photo
from nominations.domain.nominations import NOMINATOR_FIELDS, youngest_admitted_age
from nominations.domain.privacy import CORRECTABLE_ANYTIME, needs_parental_consent
from nominations.enums import SchoolLevel, Sector
from nominations.models import Nomination
from nominations.normalize import is_only_legal_form

ANSWER_PREFIX = "answer_"
# The database's limit for an e-mail column (EmailField's default max_length).
EMAIL_MAX_LENGTH = 254


def too_young_error(minimum_age: int) -> forms.ValidationError:
    return forms.ValidationError(
        _("You must be at least %(age)s years old to nominate your boss in this edition."),
        code="too_young",
        params={"age": minimum_age},
    )


class BaseNominationForm(forms.ModelForm):
    """What the youth says about themselves, their boss and their testimonial."""

    is_student = forms.BooleanField(
        label=_("I am a student (high school, vocational training, adult education, cégep or university)"),
        error_messages={"required": _("The contest is for youths who work while studying.")},
    )
    photo_upload = forms.FileField(
        label=_("A photo of your boss or of you with your boss"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, 5 MB at most. We remove the photo's hidden data (such as its location)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Nomination
        fields = NOMINATOR_FIELDS
        labels = {
            "first_name": _("Your first name"),
            "last_name": _("Your last name"),
            "age": _("Your age"),
            "school": _("Your school"),
            "school_level": _("Your school level"),
            "hours_per_week": _("Hours you work per week, on average, during the school year"),
            "boss_name": pgettext_lazy("person", "Your boss's first and last name"),
            "boss_role": pgettext_lazy("person", "Your boss's job title"),
            "testimonial": _("In your own words: why is your boss the best?"),
            "consent_publish_first_name": _("I agree that my first name may be published if my boss wins."),
            "consent_publish_testimonial": _(
                "I agree that my testimonial, or a quote of it, may be published."
            ),
            "consent_tell_employer": _("I agree that my employer may be told that I nominated them."),
            "consent_results_email": _("E-mail me the results when they are announced."),
        }
        help_texts = {
            "age": _("The contest is for youths aged %(age)s and older."),
            "testimonial": _("Tell a story: what your boss does that helps you succeed in school."),
        }
        widgets = {
            "age": forms.NumberInput(attrs={"inputmode": "numeric", "min": 10, "max": 99}),
            "hours_per_week": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 80}),
            "testimonial": forms.Textarea(attrs={"rows": 6, "maxlength": 3000}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, edition: Edition, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.criteria = list(criteria)
        self.youngest_age = youngest_admitted_age(edition)
        self.fields["age"].help_text = self.fields["age"].help_text % {"age": self.youngest_age}
        self.fields["age"].widget.attrs["min"] = self.youngest_age
        self.fields["school_level"].choices = [("", _("Choose your level")), *SchoolLevel.choices]
        existing = {}
        if self.instance.pk:
            existing = {answer.criterion_id: answer.text for answer in self.instance.answers.all()}
            self.fields["is_student"].initial = True
        for criterion in self.criteria:
            self.fields[f"{ANSWER_PREFIX}{criterion.pk}"] = forms.CharField(
                label=criterion.question,
                help_text=criterion.help_text,
                required=False,
                max_length=1500,
                initial=existing.get(criterion.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1500}),
            )

    def answer_fields(self):
        return [self[f"{ANSWER_PREFIX}{criterion.pk}"] for criterion in self.criteria]

    def clean_age(self) -> int:
        age = self.cleaned_data["age"]
        if age < self.youngest_age:
            raise too_young_error(self.youngest_age)
        return age

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        return clean_photo(upload)

    def clean_testimonial(self) -> str:
        return self.cleaned_data["testimonial"].strip()

    def nominator_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in NOMINATOR_FIELDS if key in self.fields}

    def answers(self) -> dict[Criterion, str] | None:
        return {
            criterion: self.cleaned_data.get(f"{ANSWER_PREFIX}{criterion.pk}", "")
            for criterion in self.criteria
        }


class NominationForm(BaseNominationForm):
    """The public form: adds the e-mail and the employer."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We send you a link to confirm your nomination. We never publish it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    employer_name = forms.CharField(
        label=_("Name of the business where you work"),
        max_length=200,
        help_text=_("Start typing: businesses already nominated are suggested."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "employer-suggestions"}),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality of the business"),
        queryset=Municipality.objects.all(),
        help_text=_("Its territory follows from the municipality."),
        empty_label=_("Choose a municipality"),
    )
    sector = forms.ChoiceField(
        label=_("Sector of the business"), choices=[("", _("Choose a sector")), *Sector.choices]
    )
    employer_contact_email = forms.EmailField(
        label=_("E-mail address of the business"),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("If you know it: we tell the business it was nominated once the nomination is accepted."),
    )
    parent_email = forms.EmailField(
        label=_("E-mail address of your parent or tutor"),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        help_text=_(
            "Only if you are under 14: the law asks a parent or tutor to agree. We send them a link to "
            "read your nomination and say yes or no. Your nomination counts only once they agree."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "age",
        "is_student",
        "school",
        "school_level",
        "hours_per_week",
        "employer_name",
        "municipality",
        "sector",
        "employer_contact_email",
        "boss_name",
        "boss_role",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [("", self.fields["municipality"].empty_label)] + [
            (territory.name, [(m.pk, str(m)) for m in territory.municipalities.all()])
            for territory in territories_with_municipalities()
        ]
        if not self.edition.admits_younger_with_consent:
            del self.fields["parent_email"]

    @property
    def asks_parent(self) -> bool:
        return "parent_email" in self.fields

    def clean(self):
        cleaned = super().clean()
        if not self.asks_parent:
            return cleaned
        if not needs_parental_consent(cleaned.get("age")):
            # Kept only when needed: an older youth's parent's address is none of our business.
            cleaned["parent_email"] = ""
            return cleaned
        parent_email = cleaned.get("parent_email")
        if "parent_email" in self.errors:
            return cleaned
        if not parent_email:
            self.add_error(
                "parent_email",
                forms.ValidationError(
                    _("You are under 14: give the e-mail address of a parent or tutor."),
                    code="parent_required",
                ),
            )
        elif parent_email.strip().lower() == (cleaned.get("email") or "").strip().lower():
            self.add_error(
                "parent_email",
                forms.ValidationError(
                    _("Give your parent's or tutor's own address, not yours."), code="parent_is_youth"
                ),
            )
        return cleaned

    def clean_employer_name(self) -> str:
        name = " ".join(self.cleaned_data["employer_name"].split())
        if not any(char.isalnum() for char in name):
            raise forms.ValidationError(_("Write the name of the business."), code="blank")
        if is_only_legal_form(name):
            raise forms.ValidationError(
                _("Write the name of the business, not only its legal form (such as « Inc. »)."),
                code="legal_form_only",
            )
        return name


class NominationEditForm(BaseNominationForm):
    """The private edit form: the e-mail and the employer stay as they are.

    Once nominations are closed only the youth's identity and consents remain (and removing the photo):
    the boss and the testimonial fields are left out."""

    remove_photo = forms.BooleanField(label=_("Remove the current photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.testimonial_open = self.edition.accepts_nominations
        if not self.testimonial_open:
            for name in [*NOMINATOR_FIELDS, "photo_upload", *(f.name for f in self.answer_fields())]:
                if name not in CORRECTABLE_ANYTIME and name in self.fields:
                    del self.fields[name]
            self.criteria = []

    def clean_age(self) -> int:
        age = super().clean_age()
        if needs_parental_consent(age) and not self.instance.parent_email:
            raise forms.ValidationError(
                _(
                    "Under 14, a parent or tutor must agree: withdraw this nomination and send a new one "
                    "with their e-mail address."
                ),
                code="parent_required",
            )
        return age

    def answers(self) -> dict[Criterion, str] | None:
        return super().answers() if self.testimonial_open else None
