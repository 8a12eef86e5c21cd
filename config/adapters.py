"""Account rules: nobody signs up publicly (staff invite jurors); people land in their own area after
signing in; allauth's e-mails look like ours (the contest's name, a plain-text body and an HTML one)."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from contest.domain.roles import user_is_juror, user_is_staff

SITE_NAME = "Mon boss c'est le meilleur"


class ClosedAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        """Staff to the staff area, jurors to their candidacies; a `next` parameter still wins."""
        user = request.user
        if user_is_staff(user):
            return reverse("staff:home")
        if user_is_juror(user):
            return reverse("jury:dashboard")
        return super().get_login_redirect_url(request)

    def format_email_subject(self, subject: str) -> str:
        # Like our own e-mails: "<subject> — <contest>", rather than "[example.com] <subject>".
        return f"{subject} — {SITE_NAME}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """In the language of the request's address (/fr/…, /en/…), with the policy's link in it.

        Some notices are sent once the transaction is committed, when allauth's context has no
        request any more: the adapter's own is used then."""
        request = allauth_context.request or self.request
        language = None
        if request is not None:
            language = translation.get_language_from_path(request.path_info)
        with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
            super().send_mail(
                template_prefix,
                email,
                {
                    # allauth's e-mails greet with the Site's name, which is a domain: the contest's name.
                    "current_site": SimpleNamespace(
                        name=SITE_NAME, domain=request.get_host() if request is not None else ""
                    ),
                    "privacy_url": (
                        request.build_absolute_uri(reverse("contest:privacy")) if request is not None else ""
                    ),
                    **context,
                },
            )

    def render_mail(self, template_prefix: str, email, context: dict, headers=None) -> EmailMessage:
        """Every e-mail links to the privacy policy and has an HTML alternative: allauth ships text bodies
        only, so add the link to the text and wrap it."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            return message
        privacy_url = context.get("privacy_url", "")
        body = f"{message.body}\n\n{_('Privacy policy:')} {privacy_url}" if privacy_url else message.body
        html = render_to_string(
            "account/email/html_wrapper.html",
            {
                "subject": message.subject,
                "body": message.body,
                "site_name": SITE_NAME,
                "privacy_url": privacy_url,
            },
        )
        alternative = EmailMultiAlternatives(
            message.subject,
            body,
            message.from_email,
            message.to,
            headers=message.extra_headers,
        )
        alternative.attach_alternative(html, "text/html")
        return alternative
