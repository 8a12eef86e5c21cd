"""Account rules: nobody signs up publicly (staff invite jurors); people land in their own area after
signing in; allauth's e-mails look like ours (the contest's name, a plain-text body and an HTML one)."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

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
        # allauth's e-mails greet with the Site's name, which is a domain; use the contest's name.
        request = allauth_context.request
        domain = request.get_host() if request is not None else ""
        super().send_mail(
            template_prefix,
            email,
            {"current_site": SimpleNamespace(name=SITE_NAME, domain=domain), **context},
        )

    def render_mail(self, template_prefix: str, email, context: dict, headers=None) -> EmailMessage:
        """Every e-mail has an HTML alternative: allauth ships text bodies only, so wrap the text."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            return message
        html = render_to_string(
            "account/email/html_wrapper.html",
            {"subject": message.subject, "body": message.body, "site_name": SITE_NAME},
        )
        alternative = EmailMultiAlternatives(
            message.subject,
            message.body,
            message.from_email,
            message.to,
            headers=message.extra_headers,
        )
        alternative.attach_alternative(html, "text/html")
        return alternative
