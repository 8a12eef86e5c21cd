"""Privacy duties (Québec's Law 25) as features: consent records, a parent's consent under 14, the
youth's rights (access, download, correction, withdrawal), the destruction of unconsented nominations and
the anonymisation of personal data once an edition's retention period is over.

Invariants:

- a nomination's consents carry the time they were given or changed and the version of the wording the
  youth saw (``CONSENT_TEXT_VERSION``); publication stays off unless consented (model defaults False);
- a nomination of a youth under ``PARENTAL_CONSENT_AGE`` holds a parent's e-mail and stays
  ``AWAITING_PARENT`` (invisible to screening, jurors and suggestions) until that parent consents;
- destroying a nomination leaves nothing of the youth: answers, photo file, the row; its employer's
  candidacy goes with it when nothing else holds it, and never keeps a link to the youth;
- anonymising keeps what results need (employer, edition, status, the boss's name and role, consented
  quotes) and nothing else about the youth;
- audit events name actions, ids and counts, never a person's data.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import hashlib
import io
import itertools
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from contest.domain.audit import record_event
from contest.domain.editions import lock_edition
from contest.domain.public_cache import invalidate_public_pages
from contest.enums import PARENTAL_CONSENT_AGE
from contest.models import Edition
from contest.streaming import spreadsheet_safe
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination, TestimonialAnswer

# Bump when the wording of the consent boxes (nominations/forms/nomination.py) or of the privacy policy
# that they link to changes: each nomination records the version its youth saw.
CONSENT_TEXT_VERSION = "2026-11"
CONSENT_FIELDS = (
    "consent_publish_first_name",
    "consent_publish_testimonial",
    "consent_tell_employer",
    "consent_results_email",
)
# What the youth may correct about themselves at any time, even once nominations are closed (their
# e-mail excepted: a new address would need its own confirmation). Consents may be changed at any time too.
IDENTITY_FIELDS = ("first_name", "last_name", "age", "school", "school_level", "hours_per_week")
CORRECTABLE_ANYTIME = IDENTITY_FIELDS + CONSENT_FIELDS
PARENT_SALT = "nominations.parent"
# Anonymised nominations keep a unique, undeliverable address (the e-mail takes part in a unique
# constraint); ``.invalid`` is reserved and never delivered.
ANONYMISED_EMAIL = "anonymised-{pk}@invalid"
BATCH_SIZE = 500
# From this many rows on, the commands show a progress bar (on a terminal only).
PROGRESS_FROM = 200

Progress = Callable[[Iterable, int], Iterable]


def _no_progress(items: Iterable, total: int) -> Iterable:
    return items


# Consents ---------------------------------------------------------------------------------------------


def stamp_consents(nomination: Nomination, *, now: dt.datetime | None = None) -> None:
    """Record on the (unsaved) nomination that its consents were given now, in the current wording."""
    nomination.consents_recorded_at = now or timezone.now()
    nomination.consent_text_version = CONSENT_TEXT_VERSION


def needs_parental_consent(age: int | None) -> bool:
    return age is not None and age < PARENTAL_CONSENT_AGE


# A parent's consent -----------------------------------------------------------------------------------


class ParentCodeExpired(Exception):
    """The parent's link is older than ``PARENTAL_CONSENT_DAYS``."""


def _parent_digest(parent_email: str) -> str:
    # Binds the link to the address it was sent to, without putting the address in the link.
    return hashlib.sha256(parent_email.strip().lower().encode("utf-8")).hexdigest()[:16]


def make_parent_code(nomination: Nomination) -> str:
    return signing.dumps(
        {"n": nomination.pk, "p": _parent_digest(nomination.parent_email)}, salt=PARENT_SALT, compress=True
    )


def read_parent_code(code: str) -> dict:
    """The payload of a parent's link. Raises ParentCodeExpired or signing.BadSignature."""
    try:
        return signing.loads(code, salt=PARENT_SALT, max_age=parental_consent_period())
    except signing.SignatureExpired:
        raise ParentCodeExpired from None


def parent_code_matches(nomination: Nomination, payload: dict) -> bool:
    return bool(nomination.parent_email) and payload.get("p") == _parent_digest(nomination.parent_email)


def parental_consent_period() -> dt.timedelta:
    return dt.timedelta(days=settings.PARENTAL_CONSENT_DAYS)


def unconfirmed_period() -> dt.timedelta:
    """How long an unconfirmed nomination is kept: its confirmation link's life and a margin."""
    return dt.timedelta(seconds=settings.NOMINATION_CONFIRM_MAX_AGE + settings.UNCONFIRMED_PURGE_MARGIN)


# Destruction ------------------------------------------------------------------------------------------


def delete_file_on_commit(file_field) -> None:
    if file_field:
        name, storage = file_field.name, file_field.storage
        transaction.on_commit(lambda: storage.delete(name))


def release_candidacy(*, edition_id: int, employer_id: int) -> None:
    """A candidacy left without eligible nominations goes, unless the jury already worked on it or a
    prize refers to it (then it stays, and holds no link to any youth: candidacies refer to the
    employer, never to a nomination)."""
    candidacy = Candidacy.objects.filter(edition_id=edition_id, employer_id=employer_id).first()
    if candidacy is None:
        return
    still_eligible = Nomination.objects.filter(
        edition_id=edition_id, employer_id=employer_id, status=NominationStatus.ELIGIBLE
    ).exists()
    if still_eligible or candidacy.assignments.exists():
        return
    try:
        with transaction.atomic():
            candidacy.delete()
    except ProtectedError:  # a prize refers to it: results stay
        pass


@transaction.atomic
def destroy_nomination(*, nomination: Nomination) -> None:
    """Destroy the nomination and every personal datum it holds (answers, photo file, parent's e-mail).

    Its candidacy goes when it was the last eligible nomination and the jury has not worked on it; the
    employer stays only if something else refers to it."""
    edition_id, employer_id = nomination.edition_id, nomination.employer_id
    lock_edition(edition_id)
    delete_file_on_commit(nomination.photo)
    Nomination.objects.filter(pk=nomination.pk).delete()  # its answers go with it (cascade)
    release_candidacy(edition_id=edition_id, employer_id=employer_id)
    employer = nomination.employer
    if not employer.nominations.exists() and not employer.candidacies.exists():
        employer.delete()


@dataclass
class PurgeReport:
    awaiting_parent: int = 0
    unconfirmed: int = 0

    @property
    def total(self) -> int:
        return self.awaiting_parent + self.unconfirmed


def expired_awaiting_parent(now: dt.datetime | None = None):
    """Nominations whose parent did not consent within ``PARENTAL_CONSENT_DAYS`` of the parent's e-mail
    (sent when the youth confirmed)."""
    limit = (now or timezone.now()) - parental_consent_period()
    return Nomination.objects.filter(status=NominationStatus.AWAITING_PARENT, confirmed_at__lt=limit)


def expired_unconfirmed(now: dt.datetime | None = None):
    """Nominations never confirmed, whose last confirmation link expired (plus a margin). A new link
    (resend, second submission) touches ``updated_at``."""
    limit = (now or timezone.now()) - unconfirmed_period()
    return Nomination.objects.filter(status=NominationStatus.PENDING, updated_at__lt=limit)


def purge_unconsented(
    *, now: dt.datetime | None = None, dry_run: bool = False, progress: Progress = _no_progress
) -> PurgeReport:
    """Destroy the nominations that never got their consent: unconfirmed ones, and those of youths under
    14 whose parent did not consent in time. Safe to run again and concurrently (each is re-checked
    under lock before it goes)."""
    now = now or timezone.now()
    awaiting = list(expired_awaiting_parent(now).values_list("pk", flat=True))
    unconfirmed = list(expired_unconfirmed(now).values_list("pk", flat=True))
    if dry_run:
        return PurgeReport(awaiting_parent=len(awaiting), unconfirmed=len(unconfirmed))
    report = PurgeReport()
    still_expired = expired_awaiting_parent(now) | expired_unconfirmed(now)
    ids = awaiting + unconfirmed
    for pk in progress(ids, len(ids)):
        with transaction.atomic():
            edition_id = still_expired.filter(pk=pk).values_list("edition_id", flat=True).first()
            if edition_id is None:
                continue
            lock_edition(edition_id)  # before the nomination: see lock_edition
            nomination = still_expired.select_for_update().filter(pk=pk).first()
            if nomination is None:
                continue
            status = nomination.status
            destroy_nomination(nomination=nomination)
        if status == NominationStatus.AWAITING_PARENT:
            report.awaiting_parent += 1
        else:
            report.unconfirmed += 1
    if report.total:
        record_event("privacy.purged", awaiting_parent=report.awaiting_parent, unconfirmed=report.unconfirmed)
    return report


# Access and download ----------------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def personal_data(nomination: Nomination) -> dict:
    """Everything held about the youth through this nomination, in the current language's labels.

    The one source of the JSON and CSV downloads (and of what the private page promises)."""
    employer = nomination.employer
    return {
        "edition": nomination.edition.year,
        "status": nomination.status,
        "status_label": str(nomination.get_status_display()),
        "submitted_at": _when(nomination.created_at),
        "confirmed_at": _when(nomination.confirmed_at),
        "updated_at": _when(nomination.updated_at),
        "screened_at": _when(nomination.screened_at),
        "screening_reason": nomination.screening_reason,
        "language": nomination.language,
        "you": {
            "first_name": nomination.first_name,
            "last_name": nomination.last_name,
            "email": nomination.email,
            "age": nomination.age,
            "school": nomination.school,
            "school_level": nomination.school_level,
            "hours_per_week": nomination.hours_per_week,
        },
        "boss": {"name": nomination.boss_name, "role": nomination.boss_role},
        "employer": {
            "name": employer.name,
            "municipality": employer.municipality.name,
            "territory": employer.territory.name,
            "sector": employer.sector,
        },
        "testimonial": {
            "answers": [
                {"question": str(answer.criterion.question), "answer": answer.text}
                for answer in nomination.answers.all()
            ],
            "free_text": nomination.testimonial,
            "photo": bool(nomination.photo),
        },
        "consents": {
            "publish_first_name": nomination.consent_publish_first_name,
            "publish_testimonial": nomination.consent_publish_testimonial,
            "tell_employer": nomination.consent_tell_employer,
            "results_email": nomination.consent_results_email,
            "recorded_at": _when(nomination.consents_recorded_at),
            "text_version": nomination.consent_text_version,
        },
        "parent": {
            "email": nomination.parent_email,
            "consented_at": _when(nomination.parent_consented_at),
        },
    }


def _flatten(value, prefix: str = "") -> list[tuple[str, object]]:
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in _flatten(item, f"{prefix}{key}.")]
    if isinstance(value, list):
        return [row for index, item in enumerate(value, 1) for row in _flatten(item, f"{prefix}{index}.")]
    return [(prefix.rstrip("."), value)]


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(str(value))


def personal_data_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def personal_data_csv(data: dict) -> str:
    """Two columns, ``field`` (a dotted path of ``personal_data``) and ``value``; UTF-8 with a BOM so
    that spreadsheets read the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["field", "value"])
    writer.writerows((name, _csv_cell(value)) for name, value in _flatten(data))
    return "\ufeff" + buffer.getvalue()


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


DOWNLOAD_FORMATS = {
    "json": ("application/json; charset=utf-8", personal_data_json),
    "csv": ("text/csv; charset=utf-8", personal_data_csv),
}


def download_personal_data(*, nomination: Nomination, data_format: str) -> Download:
    """The youth's data in ``json`` or ``csv``; the request is recorded (without the data)."""
    content_type, render = DOWNLOAD_FORMATS[data_format]
    content = render(personal_data(nomination)).encode("utf-8")
    record_event("privacy.data_downloaded", target=nomination, format=data_format)
    return Download(
        filename=f"mon-boss-{nomination.edition.year}-{nomination.pk}.{data_format}",
        content_type=content_type,
        content=content,
    )


# Retention --------------------------------------------------------------------------------------------


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def retention_ends_at(edition: Edition) -> dt.datetime:
    return add_months(edition.announce_at, edition.retention_months)


def editions_past_retention(now: dt.datetime | None = None) -> list[Edition]:
    """Editions whose announcement plus retention period is over, oldest first."""
    now = now or timezone.now()
    editions = Edition.objects.filter(announce_at__lte=now).order_by("year")
    return [edition for edition in editions if retention_ends_at(edition) <= now]


@dataclass
class RetentionReport:
    edition: Edition
    nominations: int = 0
    photos: int = 0
    answers: int = 0


def _to_anonymise(edition: Edition):
    return Nomination.objects.filter(edition=edition, anonymised_at__isnull=True)


def plan_retention(*, edition: Edition) -> RetentionReport:
    """What ``anonymise_edition`` would do, changing nothing."""
    nominations = _to_anonymise(edition)
    return RetentionReport(
        edition=edition,
        nominations=nominations.count(),
        photos=nominations.exclude(photo="").count(),
        answers=TestimonialAnswer.objects.filter(
            nomination__in=nominations, nomination__consent_publish_testimonial=False
        ).count(),
    )


def _batches(items: Iterable, size: int) -> Iterable[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _anonymise(nomination: Nomination, now: dt.datetime) -> None:
    delete_file_on_commit(nomination.photo)
    nomination.photo = ""
    nomination.first_name = ""
    nomination.last_name = ""
    nomination.email = ANONYMISED_EMAIL.format(pk=nomination.pk)
    nomination.age = None
    nomination.school = ""
    nomination.school_level = ""
    nomination.hours_per_week = None
    nomination.parent_email = ""
    # Its mere presence would tell that the youth was under 14.
    nomination.parent_consented_at = None
    nomination.screening_reason = ""
    # Not a hash of any token (and unique): the private link no longer opens anything.
    nomination.token_hash = secrets.token_hex(32)
    if not nomination.consent_publish_testimonial:
        nomination.testimonial = ""
    nomination.anonymised_at = now


ANONYMISED_FIELDS = [
    "photo",
    "first_name",
    "last_name",
    "email",
    "age",
    "school",
    "school_level",
    "hours_per_week",
    "parent_email",
    "parent_consented_at",
    "screening_reason",
    "token_hash",
    "testimonial",
    "anonymised_at",
    "updated_at",
]


def anonymise_edition(
    *, edition: Edition, now: dt.datetime | None = None, progress: Progress = _no_progress
) -> RetentionReport:
    """Remove the youths' personal data from the edition's nominations; results (candidacies,
    evaluations, awards) and employers stay. Idempotent: anonymised nominations are skipped."""
    now = now or timezone.now()
    report = RetentionReport(edition=edition)
    ids = list(_to_anonymise(edition).order_by("pk").values_list("pk", flat=True))
    for batch in _batches(progress(ids, len(ids)), BATCH_SIZE):
        with transaction.atomic():
            nominations = list(
                Nomination.objects.select_for_update().filter(pk__in=batch, anonymised_at__isnull=True)
            )
            unconsented = [n.pk for n in nominations if not n.consent_publish_testimonial]
            report.answers += TestimonialAnswer.objects.filter(nomination_id__in=unconsented).delete()[0]
            for nomination in nominations:
                report.photos += bool(nomination.photo)
                _anonymise(nomination, now)
                nomination.updated_at = now
            Nomination.objects.bulk_update(nominations, ANONYMISED_FIELDS)
            report.nominations += len(nominations)
    if report.nominations:
        record_event("privacy.retention_applied", edition=edition.pk, nominations=report.nominations)
        invalidate_public_pages()
    return report
