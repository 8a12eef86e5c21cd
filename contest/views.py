import math

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from contest.domain.public_cache import cache_public_page
from contest.domain.queries import (
    criteria_with_rubric,
    current_edition,
    territories_with_municipalities,
)


@require_safe
@cache_public_page
def home(request):
    edition = current_edition()
    return render(request, "contest/home.html", {"edition": edition})


@require_safe
@cache_public_page
def rules(request):
    edition = current_edition()
    criteria = criteria_with_rubric(edition) if edition else []
    return render(
        request,
        "contest/rules.html",
        {"edition": edition, "criteria": criteria, "territories": territories_with_municipalities()},
    )


@require_safe
def privacy(request):
    unconfirmed_seconds = settings.NOMINATION_CONFIRM_MAX_AGE + settings.UNCONFIRMED_PURGE_MARGIN
    return render(
        request,
        "contest/privacy.html",
        {
            "edition": current_edition(),
            "officer_name": settings.PRIVACY_OFFICER_NAME,
            "officer_email": settings.PRIVACY_OFFICER_EMAIL,
            "parental_consent_days": settings.PARENTAL_CONSENT_DAYS,
            "unconfirmed_days": math.ceil(unconfirmed_seconds / 86400),
        },
    )
