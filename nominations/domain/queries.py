"""Reads of nominations that views and other apps reuse."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from nominations.enums import COUNTED_STATUSES, NominationStatus
from nominations.models import Employer, Nomination

from .privacy import parent_code_matches
from .tokens import hash_token

SUGGESTION_MIN_LENGTH = 2
SUGGESTION_MAX_LENGTH = 100  # what is typed beyond is ignored
SUGGESTION_LIMIT = 8

# A youth under 14 whose parent or tutor has not consented yet: before the youth confirmed their e-mail
# (PENDING, a parent's e-mail given) or after (AWAITING_PARENT).
WAITING_FOR_PARENT = Q(status=NominationStatus.AWAITING_PARENT) | (
    ~Q(parent_email="") & Q(parent_consented_at__isnull=True)
)


def visible_to_staff(nominations: QuerySet[Nomination] | None = None) -> QuerySet[Nomination]:
    """The nominations staff may see (screening queue, a nomination's page, the admin): all but those
    of a youth under 14 waiting for a parent's or tutor's consent, which nobody sees until then
    (Québec privacy law). Only their number shows, on the staff's overview."""
    nominations = Nomination.objects.all() if nominations is None else nominations
    return nominations.exclude(WAITING_FOR_PARENT)


def nomination_for_token(token: str) -> Nomination:
    """The nomination this private token opens, or 404 (also for a malformed token)."""
    if not token or len(token) > 100:
        raise Http404
    try:
        return (
            Nomination.objects.select_related("edition", "employer__municipality__territory")
            .prefetch_related("answers__criterion")
            .get(token_hash=hash_token(token))
        )
    except Nomination.DoesNotExist:
        raise Http404 from None


def nomination_for_confirmation(payload: dict) -> Nomination | None:
    """The nomination a (verified) confirmation code designates, if its link is still the current one."""
    token = payload.get("t")
    if not isinstance(token, str):
        return None
    return Nomination.objects.filter(pk=payload.get("n"), token_hash=hash_token(token)).first()


def nomination_for_parent(payload: dict) -> Nomination:
    """The nomination a (verified) parent's link designates, with everything its page shows, or 404.

    Only while the parent has something to decide: waiting for their consent, or consented (they may
    withdraw it); never once anonymised, and never for a link sent to another address."""
    nomination = (
        Nomination.objects.select_related("edition", "employer__municipality__territory")
        .prefetch_related("answers__criterion")
        .filter(pk=payload.get("n"), anonymised_at__isnull=True)
        .exclude(parent_email="")
        .filter(
            Q(status=NominationStatus.AWAITING_PARENT) | Q(parent_consented_at__isnull=False),
        )
        .first()
    )
    if nomination is None or not parent_code_matches(nomination, payload):
        raise Http404
    return nomination


def employer_suggestions(query: str, *, municipality_id: int | None = None) -> list[dict]:
    """Known employers whose name contains the query. Only employers with a confirmed nomination
    are suggested, so that unconfirmed (possibly junk) names never show to others."""
    query = query.strip()[:SUGGESTION_MAX_LENGTH]
    if len(query) < SUGGESTION_MIN_LENGTH:
        return []
    confirmed = Nomination.objects.filter(employer=OuterRef("pk"), status__in=COUNTED_STATUSES)
    employers = (
        Employer.objects.matching(query)
        .filter(Exists(confirmed))
        .select_related("municipality")
        .order_by("name")
    )
    if municipality_id:
        employers = employers.filter(municipality_id=municipality_id)
    return [
        {
            "name": employer.name,
            "municipality": str(employer.municipality),
            "municipality_id": employer.municipality_id,
        }
        for employer in employers[:SUGGESTION_LIMIT]
    ]
