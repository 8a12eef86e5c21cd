"""E-mails to nominators: plain text with an HTML alternative, in the nominator's language.

Every e-mail links to the privacy policy: ``send_templated_email`` gives each template ``privacy_url``
(in the e-mail's language), ``privacy_url_fr`` and ``privacy_url_en``."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from nominations.domain.privacy import make_parent_code
from nominations.domain.tokens import make_confirmation_code
from nominations.models import Nomination


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def _site_url_in(value) -> str | None:
    """The site's address (scheme and host) taken from the first absolute link of a context."""
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        parts = urlsplit(value)
        return f"{parts.scheme}://{parts.netloc}/"
    if isinstance(value, dict):
        for item in value.values():
            if found := _site_url_in(item):
                return found
    return None


def privacy_links(*, site_url: str, language: str) -> dict:
    links = {}
    for code in ("fr", "en"):
        with translation.override(code):
            links[f"privacy_url_{code}"] = _absolute(site_url, reverse("contest:privacy"))
    links["privacy_url"] = links.get(f"privacy_url_{language}", links["privacy_url_fr"])
    return links


def send_templated_email(
    *, to: str, template: str, context: dict, language: str, site_url: str | None = None
) -> None:
    """Send ``emails/<template>.txt`` with its ``.html`` alternative and ``_subject.txt``.

    The privacy policy's links are added to the context (unless given) from ``site_url`` or, when the
    caller does not give it, from the first absolute link of the context."""
    site_url = site_url or _site_url_in(context)
    if site_url:
        context = {**privacy_links(site_url=site_url, language=language), **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def nomination_links(*, nomination: Nomination, token: str, site_url: str) -> dict:
    with translation.override(nomination.language):
        code = make_confirmation_code(nomination_id=nomination.pk, token=token)
        return {
            "confirm_url": _absolute(site_url, reverse("nominations:confirm", args=[code])),
            "private_url": _absolute(site_url, reverse("nominations:private", args=[token])),
            "privacy_url": _absolute(site_url, reverse("contest:privacy")),
        }


def send_confirmation_email(*, nomination: Nomination, token: str, site_url: str) -> None:
    context = {
        "nomination": nomination,
        **nomination_links(nomination=nomination, token=token, site_url=site_url),
    }
    send_templated_email(
        to=nomination.email, template="nomination_confirm", context=context, language=nomination.language
    )


def send_already_nominated_email(*, nomination: Nomination, token: str, site_url: str) -> None:
    context = {
        "nomination": nomination,
        **nomination_links(nomination=nomination, token=token, site_url=site_url),
    }
    send_templated_email(
        to=nomination.email, template="nomination_existing", context=context, language=nomination.language
    )


def send_ineligible_email(*, nomination: Nomination, site_url: str) -> None:
    send_templated_email(
        to=nomination.email,
        template="nomination_ineligible",
        context={"nomination": nomination},
        language=nomination.language,
        site_url=site_url,
    )


def send_parent_consent_email(*, nomination: Nomination, site_url: str) -> None:
    """Ask the parent or tutor of a nominator under 14 for their consent, in the youth's language."""
    with translation.override(nomination.language):
        consent_url = _absolute(site_url, reverse("nominations:parent", args=[make_parent_code(nomination)]))
    days = settings.PARENTAL_CONSENT_DAYS
    send_templated_email(
        to=nomination.parent_email,
        template="parent_consent",
        context={
            "nomination": nomination,
            "consent_url": consent_url,
            "days": days,
            "deadline": timezone.localtime(nomination.confirmed_at or timezone.now())
            + dt.timedelta(days=days),
        },
        language=nomination.language,
        site_url=site_url,
    )
