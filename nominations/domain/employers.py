"""The employer's claim link and public profile."""

from __future__ import annotations

from django.core import signing
from django.http import Http404

from nominations.models import Employer

CLAIM_SALT = "nominations.employer-claim"
# A claim link stays good for a year: the results e-mail carries it, and badges are downloaded later.
CLAIM_MAX_AGE = 366 * 24 * 3600


def make_claim_token(employer: Employer) -> str:
    return signing.dumps(employer.pk, salt=CLAIM_SALT)


def employer_for_claim_token(token: str) -> Employer:
    """The employer this claim link opens, or 404 (malformed, altered, expired or unknown)."""
    try:
        pk = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    employer = Employer.objects.select_related("municipality", "territory").filter(pk=pk).first()
    if employer is None:
        raise Http404
    return employer
