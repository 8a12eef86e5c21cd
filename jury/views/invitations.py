"""Jurors' accounts: staff list and invite them; a juror opens the private link to choose a password."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contest.access import staff_required
from jury.domain.invitations import InvitationError, invited_juror, juror_accounts, set_juror_password
from jury.domain.invitations import invite_juror as invite_juror_account
from jury.forms.invitations import INACTIVE_STAFF, JurorInvitationForm

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _jurors_page(request, *, form, status=200):
    return render(request, "staff/jurors.html", {"jurors": juror_accounts(), "form": form}, status=status)


@staff_required
@require_safe
def juror_list(request):
    return _jurors_page(request, form=JurorInvitationForm(initial={"language": get_language()}))


@staff_required
@require_POST
def invite_juror(request):
    form = JurorInvitationForm(request.POST)
    if not form.is_valid():
        return _jurors_page(request, form=form, status=400)
    try:
        user = invite_juror_account(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            site_url=request.build_absolute_uri("/"),
            language=form.cleaned_data["language"],
        )
    except InvitationError:  # the account was deactivated after the form was checked
        form.add_error("email", INACTIVE_STAFF)
        return _jurors_page(request, form=form, status=400)
    messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
    return redirect("staff:jurors")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request, uidb64, token):
    """A private link: no login needed. A bad, expired or used link gets a clear page, status 400."""
    user = invited_juror(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "jury/accept_invitation.html", {"valid": False}, status=400)
    if request.method != "POST":
        form = SetPasswordForm(user)
        return render(request, "jury/accept_invitation.html", {"valid": True, "form": form, "juror": user})
    form = SetPasswordForm(user, request.POST)
    if not form.is_valid():
        return render(
            request, "jury/accept_invitation.html", {"valid": True, "form": form, "juror": user}, status=400
        )
    set_juror_password(user=user, password=form.cleaned_data["new_password1"])
    if is_mfa_enabled(user):
        # The link must not skip an account's second factor: sign in through the login page.
        messages.success(request, _("Your password is saved. Sign in to continue."))
        return redirect("account_login")
    login(request, user, backend=ALLAUTH_BACKEND)
    messages.success(request, _("Your password is saved. Welcome to the jury!"))
    return redirect("jury:dashboard")
