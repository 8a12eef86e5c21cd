"""The employer's private claim link (/<lang>/employer/<token>/): its public profile, its badges and
certificates; and the staff's action that e-mails the link. No login: the signed token opens exactly one
employer, any other token answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contest.access import staff_required
from jury.domain.badges import (
    document_language,
    download_filename,
    employer_badge,
    employer_certificate,
    engaged_edition,
    engaged_editions,
)
from nominations.domain.employers import (
    NoContactEmail,
    employer_for_claim_token,
    send_claim_link_email,
    update_employer_profile,
)
from nominations.forms.employer import EmployerProfileForm
from nominations.models import Employer


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, token: str):
    employer = employer_for_claim_token(token)
    posted = request.method == "POST"
    form = EmployerProfileForm(
        request.POST if posted else None, request.FILES if posted else None, employer=employer
    )
    status = 200
    if posted:
        if form.is_valid():
            update_employer_profile(
                employer=employer,
                description=form.cleaned_data["description"],
                website=form.cleaned_data["website"],
                public_opt_out=form.cleaned_data["public_opt_out"],
                logo=form.cleaned_data["logo_upload"],
                remove_logo=form.cleaned_data["remove_logo"],
            )
            messages.success(request, _("Your business's profile is saved."))
            return redirect("results:employer_profile", token=token)
        status = 400
    return render(
        request,
        "employer/profile.html",
        {
            "employer": employer,
            "form": form,
            "token": token,
            "editions": engaged_editions(employer),
            "download_languages": [("fr", "Français"), ("en", "English")],
        },
        status=status,
    )


def _year(request) -> int | None:
    raw = request.GET.get("year", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise Http404
    return int(raw)


def _language(request) -> str:
    """``?lang=fr|en`` in any case; the page's language when absent; anything else is not found."""
    language = document_language(request.GET.get("lang"), page_language=get_language())
    if language is None:
        raise Http404
    return language


def _download(request, token: str, *, kind: str):
    employer = employer_for_claim_token(token)
    language = _language(request)
    engaged = engaged_edition(employer, year=_year(request))
    if engaged is None:
        # Not engaged in that edition, or its results are still under embargo.
        raise Http404
    if kind == "badge":
        # ``?badge=engaged``: a territory's winner may show the engaged employer's badge too.
        badge = request.GET.get("badge", "").strip().lower() or None
        if badge is not None and badge not in engaged.badges:
            raise Http404
        content = employer_badge(employer=employer, engaged=engaged, language=language, badge=badge)
        content_type, extension = "image/png", "png"
        if badge is not None:
            kind = f"badge-{badge}"
    else:
        content = employer_certificate(employer=employer, engaged=engaged, language=language)
        content_type, extension = "application/pdf", "pdf"
    filename = download_filename(
        kind=kind, employer=employer, year=engaged.edition.year, language=language, extension=extension
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def badge(request, token: str):
    return _download(request, token, kind="badge")


@never_cache
@require_safe
def certificate(request, token: str):
    return _download(request, token, kind="certificate")


def _safe_next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next", "")
    # A path of this site only: redirect() would take a bare word ("0", "home") for a view name.
    if (
        url
        and url.startswith("/")
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return reverse("staff:home")


@staff_required
@require_POST
def send_claim_link(request, pk: int):
    employer = get_object_or_404(Employer, pk=pk)
    try:
        send_claim_link_email(employer=employer, site_url=request.build_absolute_uri("/"))
    except NoContactEmail:
        messages.error(
            request,
            _("%(employer)s has no contact e-mail: add one before sending the claim link.")
            % {"employer": employer.name},
        )
    else:
        messages.success(
            request,
            _("The claim link was sent to the contact of %(employer)s.") % {"employer": employer.name},
        )
    return redirect(_safe_next(request))
