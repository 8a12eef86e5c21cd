"""State changes of nominations: submit, confirm, update, withdraw. Views call these, nothing else
writes a nomination."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from contest.models import Criterion, Edition, Municipality
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from nominations.normalize import normalize_email, normalize_name

from .emails import send_already_nominated_email, send_confirmation_email
from .tokens import new_private_token

# Fields a youth types about themselves, their boss and their testimonial (editable later).
NOMINATOR_FIELDS = (
    "first_name",
    "last_name",
    "age",
    "school",
    "school_level",
    "hours_per_week",
    "boss_name",
    "boss_role",
    "testimonial",
    "consent_publish_first_name",
    "consent_publish_testimonial",
    "consent_tell_employer",
    "consent_results_email",
)


@dataclass(frozen=True)
class Submission:
    nomination: Nomination
    created: bool


class NominationsClosed(Exception):
    """The edition does not accept nominations (or changes to them) now."""


def find_or_create_employer(
    *, name: str, municipality: Municipality, sector: str = "", contact_email: str = ""
) -> Employer:
    """The Employer that this business name in this municipality designates, created if new."""
    employer, created = Employer.objects.get_or_create(
        normalized_name=normalize_name(name),
        municipality=municipality,
        defaults={
            "name": " ".join(name.split()),
            "territory_id": municipality.territory_id,
            "sector": sector,
            "contact_email": contact_email,
        },
    )
    if not created:
        changed = []
        if sector and not employer.sector:
            employer.sector = sector
            changed.append("sector")
        if contact_email and not employer.contact_email:
            employer.contact_email = contact_email
            changed.append("contact_email")
        if changed:
            employer.save(update_fields=changed)
    return employer


def _save_answers(nomination: Nomination, answers: dict[Criterion, str]) -> None:
    TestimonialAnswer.objects.filter(nomination=nomination).delete()
    TestimonialAnswer.objects.bulk_create(
        TestimonialAnswer(nomination=nomination, criterion=criterion, text=text.strip())
        for criterion, text in answers.items()
        if text and text.strip()
    )


def submit_nomination(
    *,
    edition: Edition,
    email: str,
    employer_name: str,
    municipality: Municipality,
    sector: str = "",
    employer_contact_email: str = "",
    nominator: dict,
    answers: dict[Criterion, str],
    photo: ContentFile | None = None,
    language: str = "fr",
    site_url: str,
) -> Submission:
    """Record a nomination and send its confirmation e-mail.

    A second nomination of the same employer by the same e-mail in the edition creates nothing:
    the address gets its private link to the first one instead (whoever typed the address cannot
    change a nomination they do not control). Safe against concurrent duplicates.
    """
    if not edition.accepts_nominations:
        raise NominationsClosed
    email = normalize_email(email)
    token, token_hash = new_private_token()
    fields = {key: nominator[key] for key in NOMINATOR_FIELDS if key in nominator}
    for attempt in range(2):
        employer = find_or_create_employer(
            name=employer_name,
            municipality=municipality,
            sector=sector,
            contact_email=employer_contact_email,
        )
        try:
            with transaction.atomic():
                nomination = Nomination.objects.create(
                    edition=edition,
                    employer=employer,
                    email=email,
                    token_hash=token_hash,
                    language=language,
                    **fields,
                )
                _save_answers(nomination, answers)
                if photo is not None:
                    nomination.photo.save(photo.name, photo, save=True)
        except IntegrityError:
            existing = Nomination.objects.filter(edition=edition, employer=employer, email=email).first()
            if existing is not None:
                Nomination.objects.filter(pk=existing.pk).update(token_hash=token_hash)
                transaction.on_commit(
                    partial(send_already_nominated_email, nomination=existing, token=token, site_url=site_url)
                )
                return Submission(nomination=existing, created=False)
            if attempt:
                raise
            # Not a duplicate: the employer was deleted with its last (withdrawn) nomination after
            # we found it, and the foreign key refused ours. Find or create it again.
            continue
        transaction.on_commit(
            partial(send_confirmation_email, nomination=nomination, token=token, site_url=site_url)
        )
        return Submission(nomination=nomination, created=True)
    raise AssertionError("unreachable")


def confirm_nomination(*, nomination: Nomination) -> bool:
    """Mark the nomination's e-mail as confirmed; True if this call confirmed it."""
    updated = Nomination.objects.filter(pk=nomination.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), status=NominationStatus.CONFIRMED
    )
    nomination.refresh_from_db(fields=["confirmed_at", "status"])
    return bool(updated)


def resend_confirmation(*, nomination: Nomination, site_url: str) -> None:
    """A fresh private link and confirmation code (the previous link stops working)."""
    token, token_hash = new_private_token()
    Nomination.objects.filter(pk=nomination.pk).update(token_hash=token_hash)
    send_confirmation_email(nomination=nomination, token=token, site_url=site_url)


@transaction.atomic
def update_nomination(
    *,
    nomination: Nomination,
    nominator: dict,
    answers: dict[Criterion, str],
    photo: ContentFile | None = None,
    remove_photo: bool = False,
) -> Nomination:
    """The youth corrects their nomination through the private link, while nominations are open."""
    if not nomination.edition.accepts_nominations:
        raise NominationsClosed
    for key in NOMINATOR_FIELDS:
        if key in nominator:
            setattr(nomination, key, nominator[key])
    if (photo is not None or remove_photo) and nomination.photo:
        old = nomination.photo.name
        storage = nomination.photo.storage
        nomination.photo = ""
        transaction.on_commit(lambda: storage.delete(old))
    if photo is not None:
        nomination.photo.save(photo.name, photo, save=False)
    nomination.save()
    _save_answers(nomination, answers)
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination) -> None:
    """Destroy the nomination and every personal datum it holds (answers, photo).

    The employer stays only if something else refers to it.
    """
    employer = nomination.employer
    if nomination.photo:
        name, storage = nomination.photo.name, nomination.photo.storage
        transaction.on_commit(lambda: storage.delete(name))
    nomination.delete()
    if not employer.nominations.exists() and not employer.candidacies.exists():
        employer.delete()
