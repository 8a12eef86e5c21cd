"""State changes of nominations: submit, confirm, a parent's consent, update, withdraw. Views call
these, nothing else writes a nomination."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from contest.domain.audit import record_event
from contest.domain.public_cache import invalidate_public_pages
from contest.enums import PARENTAL_CONSENT_AGE
from contest.models import Criterion, Edition, Municipality
from nominations.enums import NominationStatus
from nominations.models import Employer, Nomination, TestimonialAnswer
from nominations.normalize import employer_key, normalize_email

from .emails import send_already_nominated_email, send_confirmation_email, send_parent_consent_email
from .privacy import (
    CONSENT_FIELDS,
    CONSENT_TEXT_VERSION,
    CORRECTABLE_ANYTIME,
    destroy_nomination,
    needs_parental_consent,
    stamp_consents,
)
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


class ParentalConsentRequired(ValueError):
    """A nominator under 14 without a parent's e-mail."""


class TooYoung(ValueError):
    """A nominator younger than the edition admits (``youngest_admitted_age``)."""

    def __init__(self, minimum_age: int):
        super().__init__(minimum_age)
        self.minimum_age = minimum_age


def youngest_admitted_age(edition: Edition) -> int:
    """The youngest age the edition admits: never below its minimum age, and under 14 only where it
    admits younger youths with a parent's or tutor's consent (Québec law)."""
    if edition.admits_younger_with_consent:
        return edition.minimum_age
    return max(edition.minimum_age, PARENTAL_CONSENT_AGE)


def check_age(*, edition: Edition, age: int | None) -> None:
    """Raise TooYoung when the edition does not admit this age."""
    minimum = youngest_admitted_age(edition)
    if age is not None and age < minimum:
        raise TooYoung(minimum)


def find_or_create_employer(
    *, name: str, municipality: Municipality, sector: str = "", contact_email: str = ""
) -> Employer:
    """The Employer that this business name in this municipality designates, created if new."""
    employer, created = Employer.objects.get_or_create(
        normalized_name=employer_key(name),
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
    parent_email: str = "",
    language: str = "fr",
    site_url: str,
) -> Submission:
    """Record a nomination and send its confirmation e-mail.

    A nominator younger than the edition admits is refused (TooYoung). The consents are recorded with
    their time and the version of their wording. A nominator under 14
    (where the edition admits them) gives a parent's or tutor's e-mail, kept only then; the parent is
    asked once the youth has confirmed. A second nomination of the same employer by the same e-mail in
    the edition creates nothing: the address gets its private link to the first one instead (whoever
    typed the address cannot change a nomination they do not control). Safe against concurrent
    duplicates.
    """
    if not edition.accepts_nominations:
        raise NominationsClosed
    email = normalize_email(email)
    token, token_hash = new_private_token()
    fields = {key: nominator[key] for key in NOMINATOR_FIELDS if key in nominator}
    check_age(edition=edition, age=fields.get("age"))
    if needs_parental_consent(fields.get("age")):
        parent_email = normalize_email(parent_email or "")
        if not parent_email:
            raise ParentalConsentRequired
        fields["parent_email"] = parent_email
    consented_at = timezone.now()
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
                    consents_recorded_at=consented_at,
                    consent_text_version=CONSENT_TEXT_VERSION,
                    **fields,
                )
                _save_answers(nomination, answers)
                if photo is not None:
                    nomination.photo.save(photo.name, photo, save=True)
        except IntegrityError:
            existing = Nomination.objects.filter(edition=edition, employer=employer, email=email).first()
            if existing is not None:
                # A new link: the clock of the unconfirmed-nomination purge starts again.
                Nomination.objects.filter(pk=existing.pk).update(
                    token_hash=token_hash, updated_at=timezone.now()
                )
                # This e-mail answers this request: in its language (the stored one stays as it was).
                existing.language = language
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


def confirm_nomination(*, nomination: Nomination, site_url: str) -> bool:
    """Mark the nomination's e-mail as confirmed; True if this call confirmed it.

    A nominator under 14 (a parent's e-mail is on the nomination) waits for the parent's consent
    (AWAITING_PARENT), and the parent is e-mailed their link; otherwise the nomination is CONFIRMED."""
    needs_parent = bool(nomination.parent_email)
    status = NominationStatus.AWAITING_PARENT if needs_parent else NominationStatus.CONFIRMED
    updated = Nomination.objects.filter(pk=nomination.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), status=status
    )
    nomination.refresh_from_db(fields=["confirmed_at", "status"])
    if updated and needs_parent:
        transaction.on_commit(partial(send_parent_consent_email, nomination=nomination, site_url=site_url))
    if updated:
        invalidate_public_pages()
    return bool(updated)


def resend_confirmation(*, nomination: Nomination, site_url: str) -> None:
    """A fresh private link and confirmation code (the previous link stops working)."""
    token, token_hash = new_private_token()
    Nomination.objects.filter(pk=nomination.pk).update(token_hash=token_hash, updated_at=timezone.now())
    send_confirmation_email(nomination=nomination, token=token, site_url=site_url)


def give_parental_consent(*, nomination: Nomination) -> bool:
    """The parent or tutor consents: the nomination goes on to screening. True if this call did it."""
    updated = Nomination.objects.filter(pk=nomination.pk, status=NominationStatus.AWAITING_PARENT).update(
        status=NominationStatus.CONFIRMED, parent_consented_at=timezone.now(), updated_at=timezone.now()
    )
    nomination.refresh_from_db(fields=["status", "parent_consented_at"])
    if updated:
        record_event("privacy.parent_consented", target=nomination)
        invalidate_public_pages()
    return bool(updated)


@transaction.atomic
def refuse_parental_consent(*, nomination: Nomination) -> None:
    """The parent or tutor refuses (or withdraws their consent): the nomination is destroyed."""
    edition_id = nomination.edition_id
    destroy_nomination(nomination=nomination)
    record_event("privacy.parent_refused", edition=edition_id)


@transaction.atomic
def update_nomination(
    *,
    nomination: Nomination,
    nominator: dict,
    answers: dict[Criterion, str] | None = None,
    photo: ContentFile | None = None,
    remove_photo: bool = False,
) -> Nomination:
    """The youth corrects their nomination through the private link.

    Their own identity and their consents may be corrected at any time; the boss, the testimonial
    (answers, free text) and a new photo only while nominations are open (NominationsClosed otherwise).
    Removing the photo is always possible. The e-mail is never changed here (a new address would need
    its own confirmation). A consent that changes is recorded with its time and wording version; the
    correction is recorded in the audit log (field names only)."""
    is_open = nomination.edition.accepts_nominations
    # Compared with the stored row: a bound ModelForm has already copied its values onto the instance.
    stored = Nomination.objects.select_for_update().values(*NOMINATOR_FIELDS).get(pk=nomination.pk)
    changed = {key for key in NOMINATOR_FIELDS if key in nominator and nominator[key] != stored[key]}
    if not is_open and (answers is not None or photo is not None or changed - set(CORRECTABLE_ANYTIME)):
        raise NominationsClosed
    if "age" in changed:
        check_age(edition=nomination.edition, age=nominator["age"])
        if needs_parental_consent(nominator["age"]) and not nomination.parent_email:
            raise ParentalConsentRequired
    for key in changed:
        setattr(nomination, key, nominator[key])
    if changed & set(CONSENT_FIELDS):
        stamp_consents(nomination)
    if (photo is not None or remove_photo) and nomination.photo:
        old = nomination.photo.name
        storage = nomination.photo.storage
        nomination.photo = ""
        transaction.on_commit(lambda: storage.delete(old))
        changed.add("photo")
    if photo is not None:
        nomination.photo.save(photo.name, photo, save=False)
        changed.add("photo")
    nomination.save()
    if answers is not None:
        _save_answers(nomination, answers)
        changed.add("answers")
    record_event("privacy.corrected", target=nomination, fields=sorted(changed))
    # Public pages show a first name or a quote only while consented.
    invalidate_public_pages()
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: Nomination) -> None:
    """Destroy the nomination and every personal datum it holds (answers, photo, the row itself).

    The candidacy goes if it was its last eligible nomination and the jury has not worked on it (it never
    holds a link to the youth); the employer stays only if something else refers to it. The audit log
    records the withdrawal with the edition only: the nomination is gone."""
    edition_id = nomination.edition_id
    destroy_nomination(nomination=nomination)
    record_event("privacy.withdrawn", edition=edition_id)
    invalidate_public_pages()
