from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Phase(models.TextChoices):
    """Where an edition stands. Derived from its dates and the publish action, never stored."""

    UPCOMING = "upcoming", _("Upcoming")
    NOMINATIONS = "nominations", _("Nominations open")
    SCREENING = "screening", _("Screening")
    JURY = "jury", pgettext_lazy("phase", "Jury at work")
    DELIBERATION = "deliberation", _("Deliberation")
    PUBLISHED = "published", _("Results published")
    ARCHIVED = "archived", _("Archived")


class AggregationMethod(models.TextChoices):
    WEIGHTED_MEAN = "weighted_mean", _("Weighted mean")
    MEDIAN = "median", _("Median")
    NORMALISED = "normalised", _("Juror-normalised scores")


# Québec law: under 14, a parent or tutor consents for the youth (where an edition admits them at all).
PARENTAL_CONSENT_AGE = 14
