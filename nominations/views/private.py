"""The youth's private page: view, edit while nominations are open, withdraw. No login: the token
in the link opens exactly one nomination; any other token answers 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from contest.domain.queries import criteria_with_rubric
from nominations.domain.nominations import NominationsClosed, update_nomination, withdraw_nomination
from nominations.domain.queries import nomination_for_token
from nominations.forms import NominationEditForm


@never_cache
@require_safe
def private(request, token: str):
    nomination = nomination_for_token(token)
    return render(request, "nominations/private.html", {"nomination": nomination, "token": token})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, token: str):
    nomination = nomination_for_token(token)
    edition = nomination.edition
    if not edition.accepts_nominations:
        messages.warning(request, _("Nominations are closed: your nomination can no longer be changed."))
        return redirect("nominations:private", token=token)
    criteria = criteria_with_rubric(edition)
    form = NominationEditForm(
        request.POST or None, request.FILES or None, instance=nomination, edition=edition, criteria=criteria
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                update_nomination(
                    nomination=nomination,
                    nominator=form.nominator_data(),
                    answers=form.answers(),
                    photo=form.cleaned_data["photo_upload"],
                    remove_photo=form.cleaned_data["remove_photo"],
                )
            except NominationsClosed:
                messages.warning(
                    request, _("Nominations are closed: your nomination can no longer be changed.")
                )
                return redirect("nominations:private", token=token)
            messages.success(request, _("Your changes are saved."))
            return redirect("nominations:private", token=token)
        status = 400
    else:
        status = 200
    return render(
        request,
        "nominations/edit.html",
        {"form": form, "nomination": nomination, "token": token},
        status=status,
    )


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
