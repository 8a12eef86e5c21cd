"""A parent's or tutor's consent for a nominator under 14, through the signed link e-mailed to them. No
login: the link opens exactly one nomination, only while the parent has something to decide; an altered,
foreign or stale link answers 404, an expired one 410."""

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from nominations.domain.nominations import give_parental_consent, refuse_parental_consent
from nominations.domain.privacy import ParentCodeExpired, read_parent_code
from nominations.domain.queries import nomination_for_parent
from nominations.enums import NominationStatus

CONSENT, REFUSE = "consent", "refuse"


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def consent(request, code: str):
    try:
        payload = read_parent_code(code)
    except ParentCodeExpired:
        return render(
            request,
            "nominations/parent_expired.html",
            {"parental_consent_days": settings.PARENTAL_CONSENT_DAYS},
            status=410,
        )
    except signing.BadSignature:
        return render(request, "nominations/confirm_invalid.html", status=404)
    nomination = nomination_for_parent(payload)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision == REFUSE:
            refuse_parental_consent(nomination=nomination)
            return render(request, "nominations/parent_done.html", {"decision": REFUSE})
        if decision == CONSENT:
            give_parental_consent(nomination=nomination)  # a second click changes nothing
            return render(request, "nominations/parent_done.html", {"decision": CONSENT})
    return render(
        request,
        "nominations/parent.html",
        {
            "nomination": nomination,
            "code": code,
            "awaiting": nomination.status == NominationStatus.AWAITING_PARENT,
            "consent": CONSENT,
            "refuse": REFUSE,
        },
        status=400 if request.method == "POST" else 200,
    )
