"""The public nomination form and its confirmation pages."""

from django.contrib import messages
from django.core import signing
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contest.converters import parse_id
from contest.domain.queries import criteria_with_rubric, current_edition
from nominations.domain import guards
from nominations.domain.nominations import (
    NominationsClosed,
    ParentalConsentRequired,
    TooYoung,
    confirm_nomination,
    resend_confirmation,
    submit_nomination,
)
from nominations.domain.queries import employer_suggestions, nomination_for_confirmation
from nominations.domain.tokens import ConfirmationExpired, read_confirmation_code
from nominations.enums import NominationStatus
from nominations.forms import NominationForm, too_young_error


def site_url(request) -> str:
    return request.build_absolute_uri("/")


def _form_page(request, *, form, edition, status=200, guard_error=None, closed=False):
    return render(
        request,
        "nominations/form.html",
        {
            "form": form,
            "edition": edition,
            "closed": closed,
            "guard_error": guard_error,
            "timing_token": guards.new_timing_token(),
            "honeypot_field": guards.HONEYPOT_FIELD,
            "timing_field": guards.TIMING_FIELD,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nominate(request):
    edition = current_edition()
    is_post = request.method == "POST"
    if edition is None or not (edition.accepts_nominations or is_post):
        return render(request, "nominations/closed.html", {"edition": edition})
    criteria = list(criteria_with_rubric(edition))
    if not is_post:
        return _form_page(request, form=NominationForm(edition=edition, criteria=criteria), edition=edition)

    form = NominationForm(request.POST, request.FILES, edition=edition, criteria=criteria)
    if not edition.accepts_nominations:
        return _closed_meanwhile(request, form=form, edition=edition)
    verdict = guards.check_form_guards(request.POST, address=guards.client_address(request))
    if verdict.is_bot:
        # Answer as if it worked, so the bot learns nothing; nothing is saved or sent.
        return redirect("nominations:sent")
    if verdict.error:
        form.is_valid()  # show field errors too, alongside the guard's message
        return _form_page(
            request, form=form, edition=edition, status=verdict.status, guard_error=verdict.error
        )
    if not form.is_valid():
        return _form_page(request, form=form, edition=edition, status=400)
    if not guards.take_rate_limit_slot(guards.client_address(request)):
        return _form_page(
            request, form=form, edition=edition, status=429, guard_error=guards.rate_limit_message()
        )
    try:
        submit_nomination(
            edition=edition,
            email=form.cleaned_data["email"],
            employer_name=form.cleaned_data["employer_name"],
            municipality=form.cleaned_data["municipality"],
            sector=form.cleaned_data["sector"],
            employer_contact_email=form.cleaned_data["employer_contact_email"],
            nominator=form.nominator_data(),
            answers=form.answers(),
            photo=form.cleaned_data["photo_upload"],
            parent_email=form.cleaned_data.get("parent_email", ""),
            language=get_language() or "fr",
            site_url=site_url(request),
        )
    except NominationsClosed:
        return _closed_meanwhile(request, form=form, edition=edition)
    except TooYoung as refusal:  # the form checks it first; the edition changed meanwhile
        form.add_error("age", too_young_error(refusal.minimum_age))
        return _form_page(request, form=form, edition=edition, status=400)
    except ParentalConsentRequired:  # likewise
        form.add_error("age", _("Under 14, a parent or tutor must agree."))
        return _form_page(request, form=form, edition=edition, status=400)
    return redirect("nominations:sent")


def _closed_meanwhile(request, *, form, edition):
    """Nominations closed while the youth was writing: the form comes back as sent (nothing saved), so
    that nothing typed is lost."""
    form.is_valid()
    form.add_error(
        None,
        _(
            "Nominations are closed: your nomination could not be sent. What you wrote is still below, "
            "so that you can keep a copy."
        ),
    )
    return _form_page(request, form=form, edition=edition, status=409, closed=True)


@require_safe
def sent(request):
    return render(request, "nominations/sent.html")


@never_cache
@require_safe
def confirm(request, code: str):
    try:
        payload = read_confirmation_code(code)
    except ConfirmationExpired:
        return render(request, "nominations/confirm_expired.html", {"code": code}, status=410)
    except signing.BadSignature:
        return render(request, "nominations/confirm_invalid.html", status=404)
    nomination = nomination_for_confirmation(payload)
    if nomination is None:
        return render(request, "nominations/confirm_invalid.html", status=404)
    if confirm_nomination(nomination=nomination, site_url=site_url(request)):
        if nomination.status == NominationStatus.AWAITING_PARENT:
            messages.success(
                request,
                _("Thank you! Your e-mail is confirmed. We asked your parent or tutor for their consent."),
            )
        else:
            messages.success(request, _("Thank you! Your nomination is confirmed."))
    else:
        messages.info(request, _("Your nomination was already confirmed."))
    return redirect("nominations:private", token=payload["t"])


@require_POST
def resend(request, code: str):
    try:
        read_confirmation_code(code)
        payload = None  # still valid: nothing to resend, the link works
    except ConfirmationExpired as expired:
        payload = expired.payload
    except signing.BadSignature:
        return render(request, "nominations/confirm_invalid.html", status=404)
    if payload is not None:
        nomination = nomination_for_confirmation(payload)
        if nomination is None:
            return render(request, "nominations/confirm_invalid.html", status=404)
        resend_confirmation(nomination=nomination, site_url=site_url(request))
    return redirect("nominations:sent")


@require_safe
def suggest_employers(request):
    # A malformed or absurd municipality is ignored.
    suggestions = employer_suggestions(
        request.GET.get("q", ""), municipality_id=parse_id(request.GET.get("municipality"))
    )
    return JsonResponse({"results": suggestions})
