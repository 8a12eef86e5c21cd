from __future__ import annotations

import datetime as dt
import itertools

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contest.enums import PARENTAL_CONSENT_AGE, AggregationMethod, Phase


class EditionQuerySet(models.QuerySet):
    def started(self, now: dt.datetime | None = None) -> EditionQuerySet:
        return self.filter(nominations_open_at__lte=now or timezone.now())

    def open_for_nominations(self, now: dt.datetime | None = None) -> EditionQuerySet:
        now = now or timezone.now()
        return self.filter(nominations_open_at__lte=now, nominations_close_at__gt=now)


class Edition(models.Model):
    """One year of the contest. Its phase follows from its dates and the publish action."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    number = models.PositiveSmallIntegerField(_("edition number"), help_text=_("6 for the 6th edition."))
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    jury_open_at = models.DateTimeField(_("jury opens"))
    jury_close_at = models.DateTimeField(_("jury closes"))
    announce_at = models.DateTimeField(_("announcement"))
    archive_at = models.DateTimeField(
        _("archived from"),
        null=True,
        blank=True,
        help_text=_("From this date the edition is archived; its results stay browsable."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set by the staff's publish action, never by hand."),
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    admits_younger_with_consent = models.BooleanField(
        _("admits younger nominators with parental consent"), default=False
    )
    jurors_per_candidacy = models.PositiveSmallIntegerField(_("jurors per candidacy"), default=3)
    aggregation_method = models.CharField(
        _("aggregation method"),
        max_length=20,
        choices=AggregationMethod.choices,
        default=AggregationMethod.WEIGHTED_MEAN,
    )
    anonymous_judging = models.BooleanField(_("anonymised judging"), default=True)
    leaderboard_size = models.PositiveSmallIntegerField(_("ranks shown per territory"), default=5)
    tie_break_criterion = models.ForeignKey(
        "contest.Criterion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tie-break criterion"),
        help_text=_(
            "Ties are broken by this criterion's mean first, then by the number of eligible nominations."
        ),
    )
    disagreement_threshold = models.PositiveSmallIntegerField(
        _("disagreement threshold (points out of 100)"),
        default=25,
        help_text=_("A candidacy whose jurors' totals differ by more than this is flagged."),
    )
    jurors_see_deliberation = models.BooleanField(
        _("jurors of a territory see its deliberation once the jury window is closed"), default=False
    )
    results_emailed_at = models.DateTimeField(_("results e-mailed"), null=True, blank=True, editable=False)
    retention_months = models.PositiveSmallIntegerField(
        _("personal data kept (months after the announcement)"), default=12
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_open_at__lt=models.F("nominations_close_at"))
                & Q(nominations_close_at__lte=models.F("jury_open_at"))
                & Q(jury_open_at__lt=models.F("jury_close_at"))
                & Q(jury_close_at__lte=models.F("announce_at")),
                name="edition_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return _("Edition %(number)s (%(year)s)") % {"number": self.number, "year": self.year}

    def clean(self) -> None:
        """Mirror the database's date-order constraint, and say when admitting younger nominators would
        admit nobody, with a message next to the field."""
        dates = [
            ("nominations_open_at", True),
            ("nominations_close_at", False),
            ("jury_open_at", True),
            ("jury_close_at", False),
            ("announce_at", None),
        ]
        for (before, strict), (after, _next_strict) in itertools.pairwise(dates):
            first, second = getattr(self, before), getattr(self, after)
            if first and second and (second <= first if strict else second < first):
                raise ValidationError({after: _("This date must come after the previous one.")})
        # Nominators under the minimum age are refused anyway: admitting younger ones means lowering it.
        if self.admits_younger_with_consent and (self.minimum_age or 0) >= PARENTAL_CONSENT_AGE:
            raise ValidationError(
                {
                    "minimum_age": _(
                        "To admit nominators under %(age)s with a parent's consent, set the minimum age "
                        "below %(age)s (for example 12)."
                    )
                    % {"age": PARENTAL_CONSENT_AGE}
                }
            )

    def phase_at(self, now: dt.datetime) -> Phase:
        if now < self.nominations_open_at:
            return Phase.UPCOMING
        if now < self.nominations_close_at:
            return Phase.NOMINATIONS
        if now < self.jury_open_at:
            return Phase.SCREENING
        if now < self.jury_close_at:
            return Phase.JURY
        if self.published_at is None or now < self.announce_at:
            return Phase.DELIBERATION
        if self.archive_at and now >= self.archive_at:
            return Phase.ARCHIVED
        return Phase.PUBLISHED

    @property
    def phase(self) -> Phase:
        return self.phase_at(timezone.now())

    @property
    def jury_has_opened(self) -> bool:
        """From the jury's opening on, evaluations are stored with the criteria's weights and scales."""
        return self.jury_open_at is not None and timezone.now() >= self.jury_open_at

    @property
    def jury_window_closed(self) -> bool:
        return self.phase in {Phase.DELIBERATION, Phase.PUBLISHED, Phase.ARCHIVED}

    @property
    def accepts_nominations(self) -> bool:
        return self.phase == Phase.NOMINATIONS
