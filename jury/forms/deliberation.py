"""Forms of the deliberation pages: the territory's winner, regional prizes and the publication."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contest.domain.editions import ANNOUNCEMENT_YEARS_AHEAD, latest_announcement
from contest.models import Edition
from jury.domain.assignment import candidacies_to_judge
from jury.domain.awards import AwardError
from jury.domain.ranking import RankedCandidacy
from jury.forms.staff import CandidacyChoiceField
from jury.models import Award
from nominations.models import Candidacy

AWARD_ERRORS = {
    "published": _("The results are public: winners and prizes can no longer change."),
    "jury_open": _("Winners are chosen once the jury window is closed: until then the ranking can change."),
    "wrong_edition": _("This candidacy is not part of this edition."),
    "wrong_territory": _("This candidacy is not in this territory."),
    "not_a_candidate": _("This candidacy has no eligible nomination: it cannot win."),
    "reason_required": _("Say why you choose a candidacy that is not the top of the ranking."),
    "title_required": _("Give the prize a name."),
}

# Which field each domain error belongs next to (None: the whole form).
AWARD_ERROR_FIELDS = {
    "published": None,
    "jury_open": None,
    "wrong_edition": "candidacy",
    "wrong_territory": "candidacy",
    "not_a_candidate": "candidacy",
    "reason_required": "reason",
    "title_required": "title",
}


class AwardErrorMixin:
    def add_award_error(self, error: AwardError) -> None:
        field = AWARD_ERROR_FIELDS.get(error.code)
        if field not in self.fields:
            field = None
        self.add_error(field, AWARD_ERRORS.get(error.code, error.code))


def award_label(award: Award) -> str:
    """« Sherbrooke: Resto Chez Ginette » for a territory's winner, « « Coup de cœur »: … » for a prize."""
    place = award.territory.name if award.territory_id else f"« {award.title} »"
    return gettext("%(place)s: %(employer)s") % {"place": place, "employer": award.candidacy.employer.name}


def not_judged_message(awards: list[Award]) -> str:
    """Why the results cannot be published, naming each territory (or prize) concerned."""
    return gettext(
        "The results cannot be published: no eligible nomination is left for %(awards)s, so they are no "
        "longer judged. Choose another winner, or remove the prize, first."
    ) % {"awards": "; ".join(award_label(award) for award in awards)}


def ranked_label(row: RankedCandidacy) -> str:
    employer = row.candidacy.employer.name
    if row.rank is None:
        return _("%(employer)s (not ranked: no evaluation submitted)") % {"employer": employer}
    return _("%(rank)s. %(employer)s") % {"rank": row.rank, "employer": employer}


class WinnerForm(AwardErrorMixin, forms.Form):
    """The territory's winner, among its ranked candidacies; the top of the ranking by default."""

    candidacy = forms.TypedChoiceField(
        label=_("Winner of the territory"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose one of this territory's candidacies.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the winner is not the top of the ranking. Recorded with the choice."),
    )

    def __init__(self, *args, ranking: list[RankedCandidacy], **kwargs):
        super().__init__(*args, **kwargs)
        self.ranking = {row.candidacy.pk: row for row in ranking}
        self.fields["candidacy"].choices = [(row.candidacy.pk, ranked_label(row)) for row in ranking]
        top = next((row for row in ranking if row.rank == 1), None)
        if top is not None and "candidacy" not in self.initial:
            self.initial["candidacy"] = top.candidacy.pk

    @property
    def chosen(self) -> RankedCandidacy | None:
        return self.ranking.get(self.cleaned_data.get("candidacy"))

    def clean(self):
        cleaned = super().clean()
        chosen = self.chosen
        if chosen is not None and chosen.rank != 1 and not cleaned.get("reason", "").strip():
            self.add_error("reason", AWARD_ERRORS["reason_required"])
        return cleaned


def prize_candidacies(edition: Edition):
    """The edition's candidacies that have an eligible nomination, for the prize form's list."""
    return (
        candidacies_to_judge(edition)
        .select_related("employer__territory")
        .order_by("employer__territory__name", "employer__name")
    )


class PrizeForm(AwardErrorMixin, forms.Form):
    title = forms.CharField(
        label=_("Prize name"),
        max_length=120,
        help_text=_("For example « Coup de cœur » or « Special mention of the jury »."),
    )
    candidacy = CandidacyChoiceField(
        label=_("Candidacy"),
        queryset=Candidacy.objects.none(),
        empty_label=_("Choose a candidacy"),
        error_messages={"invalid_choice": _("This candidacy is not part of this edition.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this prize: staff see it here."),
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidacy"].queryset = prize_candidacies(edition)


DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class PublishForm(forms.Form):
    announce_at = forms.DateTimeField(
        label=_("Announcement date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        help_text=_(
            "The results stay under embargo until then and appear by themselves at that moment. "
            "Local time of Québec."
        ),
        error_messages={"invalid": _("Enter a date and time, for example 2026-05-14 10:00.")},
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.edition = edition
        if "announce_at" not in self.initial:
            self.initial["announce_at"] = localtime(edition.announce_at).replace(second=0, microsecond=0)

    def clean_announce_at(self):
        announce_at = self.cleaned_data["announce_at"]
        if announce_at < self.edition.jury_close_at:
            raise forms.ValidationError(
                _("The announcement cannot come before the jury closes (%(date)s).")
                % {"date": date_format(localtime(self.edition.jury_close_at), "DATETIME_FORMAT")},
                code="before_jury_close",
            )
        latest = latest_announcement(self.edition)
        if announce_at > latest:
            raise forms.ValidationError(
                _("The announcement can be at most %(years)d years ahead: %(date)s at the latest.")
                % {
                    "years": ANNOUNCEMENT_YEARS_AHEAD,
                    "date": date_format(localtime(latest), "DATETIME_FORMAT"),
                },
                code="too_late",
            )
        return announce_at
