"""Sign-ins in the audit log. Django's own signals, which allauth's login (and the admin's, which goes
through it) send too.

Nothing about the client is kept: no address, no browser, no typed e-mail, no password."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from contest.domain.audit import record_event

# The names under which a login form hands the typed identifier to ``authenticate``.
LOGIN_KEYS = ("email", "username", "login")


def record_login(sender, request=None, user=None, **kwargs) -> None:
    record_event("account.login", actor=user)


def record_login_failed(sender, credentials=None, request=None, **kwargs) -> None:
    """The account whose e-mail was typed, if there is one, is the event's account; else none."""
    typed = next((str(value).strip() for key in LOGIN_KEYS if (value := (credentials or {}).get(key))), "")
    account = get_user_model().objects.filter(email__iexact=typed).order_by("pk").first() if typed else None
    record_event("account.login_failed", actor=account)


def record_second_factor_failed(sender, user=None, **kwargs) -> None:
    """A wrong second-factor code (allauth.mfa, on signing in or confirming it again): a failed step of
    signing in, of that account; nothing about the client nor the code typed."""
    record_event("account.login_failed", actor=user, step="second_factor")
