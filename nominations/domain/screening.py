"""Screening by staff: eligible nominations join their employer's candidacy."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contest.domain.audit import record_event
from contest.domain.editions import lock_edition
from contest.domain.public_cache import invalidate_public_pages
from nominations.enums import NominationStatus
from nominations.models import Candidacy, EmployerNotice, Nomination

from .emails import send_ineligible_email
from .employers import send_employer_nominated_email
from .privacy import release_candidacy

SCREENING_DECISIONS = (
    NominationStatus.ELIGIBLE,
    NominationStatus.INELIGIBLE,
    NominationStatus.DUPLICATE,
    NominationStatus.SPAM,
)


class ScreeningError(ValueError):
    """A screening decision that cannot be applied; its message is for the staff member."""


@transaction.atomic
def screen_nomination(
    *, nomination: Nomination, decision: NominationStatus, reason: str = "", site_url: str, actor=None
) -> Nomination:
    """Apply a screening decision.

    Eligible: the nomination joins its employer's candidacy in the edition (created on the first
    one); the employer is told, with its claim link, once per edition, if we have its address.
    Ineligible: the youth receives the reason by e-mail (again when the reason changes). A nomination
    not yet confirmed by its author, or by a parent, cannot be screened.
    """
    if decision not in SCREENING_DECISIONS:
        raise ScreeningError(_("Unknown decision."))
    lock_edition(nomination.edition_id)
    nomination = (
        Nomination.objects.select_for_update().select_related("employer", "edition").get(pk=nomination.pk)
    )
    if nomination.status == NominationStatus.PENDING:
        raise ScreeningError(_("This nomination has not been confirmed by its author yet."))
    if nomination.status == NominationStatus.AWAITING_PARENT:
        raise ScreeningError(_("This nomination waits for a parent's or tutor's consent."))
    reason = reason.strip()
    if decision == NominationStatus.INELIGIBLE and not reason:
        raise ScreeningError(_("Give the reason the youth will receive."))
    previous, previous_reason = nomination.status, nomination.screening_reason
    nomination.status = decision
    nomination.screening_reason = reason if decision == NominationStatus.INELIGIBLE else ""
    nomination.screened_at = timezone.now()
    nomination.save(update_fields=["status", "screening_reason", "screened_at", "updated_at"])
    record_event(
        "nomination.screened", actor=actor, target=nomination, decision=str(decision), previous=previous
    )

    if decision == NominationStatus.ELIGIBLE:
        _join_candidacy(nomination, site_url=site_url)
    elif previous == NominationStatus.ELIGIBLE:
        release_candidacy(edition_id=nomination.edition_id, employer_id=nomination.employer_id)
    if decision == NominationStatus.INELIGIBLE and (
        previous != NominationStatus.INELIGIBLE or reason != previous_reason
    ):
        transaction.on_commit(lambda: send_ineligible_email(nomination=nomination, site_url=site_url))
    invalidate_public_pages()
    return nomination


def _join_candidacy(nomination: Nomination, *, site_url: str) -> Candidacy:
    candidacy, _created = Candidacy.objects.get_or_create(
        edition=nomination.edition, employer=nomination.employer
    )
    if nomination.employer.contact_email:
        # The notice, the only record that the employer was told, outlives a candidacy that went and came
        # back: the employer is told only once per edition.
        _notice, first = EmployerNotice.objects.get_or_create(
            edition=nomination.edition, employer=nomination.employer, defaults={"sent_at": timezone.now()}
        )
        if first:
            transaction.on_commit(
                lambda: send_employer_nominated_email(candidacy=candidacy, site_url=site_url)
            )
    return candidacy
