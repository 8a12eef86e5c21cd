"""The juror's score form: one radio group per criterion of the edition, labelled with the rubric."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from contest.models import Criterion
from jury.domain.scoring import ScoringError
from jury.models import Evaluation

SCORE_PREFIX = "criterion_"
ACTION_DRAFT = "draft"
ACTION_SUBMIT = "submit"


def score_choices(criterion: Criterion) -> list[tuple[int, str]]:
    """Every score of the criterion's scale, labelled with what that level means in its rubric.

    The rubric levels must be prefetched (``criteria_with_rubric``) so that this runs no query."""
    meanings = {level.score: level.meaning for level in criterion.rubric.all()}
    choices = []
    for score in range(criterion.scale_min, criterion.scale_max + 1):
        meaning = meanings.get(score)
        choices.append((score, f"{score} — {meaning}" if meaning else str(score)))
    return choices


def criterion_heading(criterion: Criterion) -> str:
    """« Name (weight 1.5) », the weight written as briefly as it is (1, 1.5, 1.25), localised."""
    hundredths = criterion.weight * 100 % 10 != 0
    weight = floatformat(criterion.weight, "-2" if hundredths else "-1")
    return gettext("%(name)s (weight %(weight)s)") % {"name": criterion.label, "weight": weight}


def out_of_range_message(criterion: Criterion) -> str:
    return gettext("Choose a score between %(low)s and %(high)s.") % {
        "low": criterion.scale_min,
        "high": criterion.scale_max,
    }


class ScoreForm(forms.Form):
    """Scores are optional field by field: a draft may be partial. Whether a submission is complete is
    the scoring domain's rule (``ScoringError("incomplete")``), which ``add_scoring_error`` shows."""

    comment = forms.CharField(
        label=_("Your comment"),
        help_text=_("For the deliberation: what tipped your scores. Only the staff read it."),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 3000}),
    )

    def __init__(self, *args, criteria, evaluation: Evaluation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        stored = {}
        if evaluation is not None:
            stored = {score.criterion_id: score.value for score in evaluation.scores.all()}
            self.fields["comment"].initial = evaluation.comment
        for criterion in self.criteria:
            self.fields[f"{SCORE_PREFIX}{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.label,
                help_text=criterion.help_text,
                choices=score_choices(criterion),
                coerce=int,
                empty_value=None,
                required=False,
                initial=stored.get(criterion.pk),
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": out_of_range_message(criterion)},
            )

    def criterion_fields(self) -> list[tuple[Criterion, forms.BoundField, str]]:
        """Each criterion with its bound radio group and the legend of its fieldset."""
        return [
            (criterion, self[f"{SCORE_PREFIX}{criterion.pk}"], criterion_heading(criterion))
            for criterion in self.criteria
        ]

    def scored_count(self) -> int:
        """How many criteria have a score in what is shown (what was typed, else what is stored)."""
        count = 0
        for _criterion, bound, _heading in self.criterion_fields():
            if bound.value() not in (None, ""):
                count += 1
        return count

    @property
    def wants_submit(self) -> bool:
        return self.data.get("action") == ACTION_SUBMIT

    def values(self) -> dict[int, int | None]:
        return {
            criterion.pk: self.cleaned_data.get(f"{SCORE_PREFIX}{criterion.pk}")
            for criterion in self.criteria
        }

    def add_scoring_error(self, error: ScoringError) -> None:
        """Show the domain's refusal next to each criterion it names."""
        for criterion in error.criteria:
            name = f"{SCORE_PREFIX}{criterion.pk}"
            if name not in self.fields:
                continue
            if error.code == "incomplete":
                message = pgettext("score", "Choose a score for this criterion before submitting.")
            else:
                message = out_of_range_message(criterion)
            self.add_error(name, message)


class ConflictForm(forms.Form):
    """A juror declares a conflict of interest with a candidacy (the reason is optional)."""

    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("For example: a relative or a friend works there. Only the contest's staff read it."),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].strip()
