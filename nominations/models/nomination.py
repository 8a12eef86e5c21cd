from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nominations.enums import COUNTED_STATUSES, NominationStatus, SchoolLevel


def photo_path(instance: Nomination, filename: str) -> str:
    """Generated names only: nothing the uploader typed reaches the file system."""
    suffix = PurePosixPath(filename).suffix.lower() or ".jpg"
    return f"nominations/photos/{uuid.uuid4().hex}{suffix}"


class NominationQuerySet(models.QuerySet):
    def counted(self) -> NominationQuerySet:
        """Nominations whose e-mail was confirmed and that were not rejected."""
        return self.filter(status__in=COUNTED_STATUSES)

    def for_edition(self, edition) -> NominationQuerySet:
        return self.filter(edition=edition)


class Nomination(models.Model):
    """One youth's nomination of one boss at one employer, in one edition.

    It counts only once its e-mail is confirmed. One e-mail nominating the same employer twice in
    an edition is one nomination (database constraint). The private token is stored hashed.
    """

    edition = models.ForeignKey(
        "contest.Edition", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("edition")
    )
    employer = models.ForeignKey(
        "nominations.Employer",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("employer"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NominationStatus.choices, default=NominationStatus.PENDING
    )
    # The youth.
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    email = models.EmailField(_("e-mail"), max_length=254)
    # Age and hours are null only once the retention period has anonymised the nomination.
    age = models.PositiveSmallIntegerField(
        _("age"), null=True, validators=[MinValueValidator(10), MaxValueValidator(99)]
    )
    school = models.CharField(_("school"), max_length=150)
    school_level = models.CharField(_("school level"), max_length=20, choices=SchoolLevel.choices)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours worked per week"), null=True, validators=[MaxValueValidator(80)]
    )
    # The boss.
    boss_name = models.CharField(pgettext_lazy("person", "boss's name"), max_length=120)
    boss_role = models.CharField(pgettext_lazy("person", "boss's role"), max_length=120, blank=True)
    # The testimonial: one answer per criterion prompt (TestimonialAnswer) plus a free text.
    testimonial = models.TextField(_("testimonial"), max_length=3000)
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    # Consents, asked separately and unticked by default.
    consent_publish_first_name = models.BooleanField(_("publish my first name"), default=False)
    consent_publish_testimonial = models.BooleanField(
        _("publish my testimonial or a quote of it"), default=False
    )
    consent_tell_employer = models.BooleanField(
        _("the employer may be told who nominated them"), default=False
    )
    consent_results_email = models.BooleanField(_("e-mail me the results"), default=False)
    # When the consents above were last given or changed, and which wording of them the youth saw
    # (nominations.domain.privacy.CONSENT_TEXT_VERSION). Set by the domain functions only.
    consents_recorded_at = models.DateTimeField(_("consents recorded"), null=True, blank=True, editable=False)
    consent_text_version = models.CharField(
        _("version of the consent text"), max_length=20, blank=True, editable=False
    )
    # Under 14 (where the edition admits them): a parent or tutor consents through an e-mailed link.
    parent_email = models.EmailField(_("parent's or tutor's e-mail"), max_length=254, blank=True)
    parent_consented_at = models.DateTimeField(
        _("parent's or tutor's consent"), null=True, blank=True, editable=False
    )
    # Screening by staff; the reason is told to the youth when the nomination is ineligible.
    screening_reason = models.TextField(_("reason told to the youth"), max_length=1000, blank=True)
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="fr", editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    # Set when the retention period ended: the youth's personal data is gone, results stay.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "employer", "email"], name="one_nomination_per_email_and_employer"
            ),
        ]
        indexes = [
            models.Index(fields=["edition", "status"]),
            models.Index(fields=["employer", "edition", "status"]),
        ]

    def __str__(self) -> str:
        return _("Nomination of %(employer)s (%(year)s)") % {
            "employer": self.employer.name,
            "year": self.edition.year,
        }

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class TestimonialAnswer(models.Model):
    """The youth's answer to one criterion's prompt."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="answers", verbose_name=_("nomination")
    )
    criterion = models.ForeignKey(
        "contest.Criterion", on_delete=models.CASCADE, related_name="answers", verbose_name=_("criterion")
    )
    text = models.TextField(_("answer"), max_length=1500, blank=True)

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = _("testimonial answer")
        verbose_name_plural = _("testimonial answers")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "criterion"], name="one_answer_per_criterion")
        ]

    def __str__(self) -> str:
        return str(self.criterion)
