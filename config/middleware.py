"""Two-factor authentication for staff, when the security policy requires it."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from contest.models import SecurityPolicy

# The areas that need the second factor, by URL namespace; the admin's log-out page stays reachable.
PROTECTED_NAMESPACES = {"staff", "admin"}
EXEMPT_VIEWS = {"admin:logout"}


def _has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    """When SecurityPolicy.require_mfa_for_staff is on, a staff account without an activated authenticator
    app that opens the staff area or the admin is sent to the activation page first.

    Runs after AuthenticationMiddleware and allauth's AccountMiddleware; reads the policy only for staff
    on those pages, so other visitors cost no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_VIEWS:
            return None
        if not PROTECTED_NAMESPACES.intersection(match.namespaces):
            return None
        if not SecurityPolicy.current().require_mfa_for_staff or _has_totp(user):
            return None
        messages.warning(
            request,
            _(
                "Staff accounts must use two-factor authentication. Activate an authenticator app "
                "to continue."
            ),
        )
        return redirect("mfa_activate_totp")
