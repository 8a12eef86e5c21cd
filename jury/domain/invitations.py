"""Jurors join by invitation: staff enter a name and an e-mail, the juror gets a private link to choose
a password.

The link carries Django's default_token_generator token: it expires after PASSWORD_RESET_TIMEOUT and
stops working as soon as the password is set (the token is derived from the password hash)."""

from __future__ import annotations

from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from contest.domain.roles import JUROR_GROUP
from nominations.domain.emails import send_templated_email

User = get_user_model()


def juror_accounts() -> QuerySet:
    """Every member of the Jurors group, active or not, for the staff's list (one query)."""
    return (
        User.objects.filter(groups__name=JUROR_GROUP)
        .only("email", "first_name", "last_name", "is_active", "last_login", "password")
        .order_by("email")
    )


def _find_account(email: str):
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).first()
    )


def invitation_path(user) -> str:
    """/<active language>/jury/invitation/<uidb64>/<token>/ for this account, valid from now on."""
    return reverse(
        "jury:accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


class InvitationError(ValueError):
    """The address belongs to a deactivated staff or administrator account: an invitation would give it
    back its access (staff area, Django admin), so it is refused."""


def invitation_refused(email: str) -> bool:
    """True when inviting this address would reactivate a deactivated staff or superuser account."""
    user = _find_account(email.strip().lower())
    return user is not None and not user.is_active and (user.is_staff or user.is_superuser)


@transaction.atomic
def invite_juror(*, email: str, first_name: str, last_name: str, site_url: str, language: str) -> User:
    """Create the juror's account (or reuse the one with this address), put it in the Jurors group with
    a verified primary e-mail address, and e-mail the invitation link once the transaction commits.

    A new account has no usable password until the juror chooses one. Inviting an existing account
    again sends a fresh link and reactivates it; its password and its names, if any, are left alone
    (the names typed fill only blank ones). A deactivated staff or superuser account is never
    reactivated: InvitationError."""
    email = email.strip().lower()
    if invitation_refused(email):
        raise InvitationError("inactive_staff")
    user = _find_account(email)
    if user is None:
        # get_or_create: two staff inviting the same address at once still make one account.
        user, _ = User.objects.get_or_create(
            username=email, defaults={"email": email, "password": make_password(None)}
        )
    user.first_name = user.first_name or first_name.strip()
    user.last_name = user.last_name or last_name.strip()
    user.email = user.email or email
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=JUROR_GROUP))

    # The address staff typed is verified; it becomes primary unless the account already has one.
    address, _ = EmailAddress.objects.get_or_create(user=user, email__iexact=email, defaults={"email": email})
    address.verified = True
    address.primary = address.primary or not user.emailaddress_set.filter(primary=True).exists()
    address.save(update_fields=["verified", "primary"])

    with translation.override(language):
        link = site_url.rstrip("/") + invitation_path(user)
        login_url = site_url.rstrip("/") + reverse("account_login")
    context = {
        "first_name": user.first_name,
        "email": email,
        "invitation_url": link,
        "login_url": login_url,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)),
    }
    transaction.on_commit(
        partial(
            send_templated_email, to=email, template="juror_invitation", context=context, language=language
        )
    )
    return user


def invited_juror(*, uidb64: str, token: str):
    """The juror whose invitation link this is, or None when the link is malformed, expired, already
    used (a password was set since) or not an active juror's. Never raises on bad input."""
    try:
        pk = force_str(urlsafe_base64_decode(uidb64))
        user = User.objects.filter(pk=int(pk), is_active=True, groups__name=JUROR_GROUP).first()
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def set_juror_password(*, user, password: str) -> User:
    """Save the password the juror chose (already validated); the invitation link dies with it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
