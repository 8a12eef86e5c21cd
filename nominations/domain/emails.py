"""E-mails to nominators: plain text with an HTML alternative, in the nominator's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from nominations.domain.tokens import make_confirmation_code
from nominations.models import Nomination


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + path


def send_templated_email(*, to: str, template: str, context: dict, language: str) -> None:
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
    with translation.override(nomination.language):
        privacy_url = _absolute(site_url, reverse("contest:privacy"))
    send_templated_email(
        to=nomination.email,
        template="nomination_ineligible",
        context={"nomination": nomination, "privacy_url": privacy_url},
        language=nomination.language,
    )


def send_employer_nominated_email(*, candidacy, site_url: str) -> None:
    """Tell a business it was nominated. French first, English below (we do not know its language)."""
    employer = candidacy.employer
    with translation.override("fr"):
        privacy_url = _absolute(site_url, reverse("contest:privacy"))
        rules_url = _absolute(site_url, reverse("contest:rules"))
    send_templated_email(
        to=employer.contact_email,
        template="employer_nominated",
        context={
            "candidacy": candidacy,
            "employer": employer,
            "privacy_url": privacy_url,
            "rules_url": rules_url,
        },
        language="fr",
    )
