"""The youth's private page: see everything held about them, download it, correct it, withdraw. No
login: the token in the link opens exactly one nomination; any other token answers 404."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from contest.domain.queries import criteria_with_rubric
from nominations.domain.nominations import (
    NominationsClosed,
    ParentalConsentRequired,
    TooYoung,
    update_nomination,
    withdraw_nomination,
)
from nominations.domain.privacy import CONSENT_TEXT_VERSION, download_personal_data
from nominations.domain.queries import nomination_for_token
from nominations.forms import NominationEditForm, too_young_error


@never_cache
@require_safe
def private(request, token: str):
    nomination = nomination_for_token(token)
    return render(
        request,
        "nominations/private.html",
        {"nomination": nomination, "token": token, "consent_text_version": CONSENT_TEXT_VERSION},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, token: str):
    nomination = nomination_for_token(token)
    edition = nomination.edition
    criteria = criteria_with_rubric(edition) if edition.accepts_nominations else []
    # Bound on every POST, an empty one included: it gets its field errors, not a bare 400.
    is_post = request.method == "POST"
    form = NominationEditForm(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        instance=nomination,
        edition=edition,
        criteria=criteria,
    )
    status = 200
    if is_post:
        if form.is_valid():
            try:
                update_nomination(
                    nomination=nomination,
                    nominator=form.nominator_data(),
                    answers=form.answers(),
                    photo=form.cleaned_data.get("photo_upload"),
                    remove_photo=form.cleaned_data["remove_photo"],
                )
            except NominationsClosed:
                messages.warning(
                    request,
                    _("Nominations are closed: your testimonial and your boss can no longer be changed."),
                )
                return redirect("nominations:edit", token=token)
            except TooYoung as refusal:
                form.add_error("age", too_young_error(refusal.minimum_age))
                status = 400
            except ParentalConsentRequired:
                form.add_error("age", _("Under 14, a parent or tutor must agree."))
                status = 400
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("nominations:private", token=token)
        else:
            status = 400
    return render(
        request,
        "nominations/edit.html",
        {"form": form, "nomination": nomination, "token": token},
        status=status,
    )


def _download(request, token: str, data_format: str):
    nomination = nomination_for_token(token)
    download = download_personal_data(nomination=nomination, data_format=data_format)
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


@never_cache
@require_safe
def data_json(request, token: str):
    return _download(request, token, "json")


@never_cache
@require_safe
def data_csv(request, token: str):
    return _download(request, token, "csv")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, token: str):
    nomination = nomination_for_token(token)
    if request.method == "POST":
        withdraw_nomination(nomination=nomination)
        return redirect("nominations:withdrawn")
    return render(request, "nominations/withdraw.html", {"nomination": nomination, "token": token})


@require_safe
def withdrawn(request):
    return render(request, "nominations/withdrawn.html")
