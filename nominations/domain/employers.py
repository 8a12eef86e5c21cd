"""The employer's claim link and public profile."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from contest.domain.public_cache import invalidate_public_pages
from nominations.models import Employer

from .emails import send_templated_email
from .images import logo_thumbnail

CLAIM_SALT = "nominations.employer-claim"
# A claim link stays good for a year: the results e-mail carries it, and badges are downloaded later.
CLAIM_MAX_AGE = 366 * 24 * 3600


def make_claim_token(employer: Employer) -> str:
    return signing.dumps(employer.pk, salt=CLAIM_SALT)


def employer_for_claim_token(token: str) -> Employer:
    """The employer this claim link opens, or 404 (malformed, altered, expired or unknown)."""
    try:
        pk = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    employer = Employer.objects.select_related("municipality", "territory").filter(pk=pk).first()
    if employer is None:
        raise Http404
    return employer


class NoContactEmail(ValueError):
    """The employer has no contact e-mail: its claim link cannot be sent."""


def _in_both_languages(*, site_url: str, name: str, args=()) -> dict[str, str]:
    urls = {}
    for language in ("fr", "en"):
        with translation.override(language):
            urls[language] = site_url.rstrip("/") + reverse(name, args=args)
    return urls


def claim_urls(*, employer: Employer, site_url: str) -> dict[str, str]:
    """The claim link in each language: {"fr": …, "en": …}."""
    return _in_both_languages(
        site_url=site_url, name="results:employer_profile", args=[make_claim_token(employer)]
    )


def send_employer_nominated_email(*, candidacy, site_url: str) -> None:
    """Tell a business it was nominated, with its claim link and what it is for. French first, English
    below (we do not know the business's language)."""
    employer = candidacy.employer
    claim = claim_urls(employer=employer, site_url=site_url)
    rules = _in_both_languages(site_url=site_url, name="contest:rules")
    send_templated_email(
        to=employer.contact_email,
        template="employer_nominated",
        context={
            "candidacy": candidacy,
            "employer": employer,
            "rules_url": rules["fr"],
            "rules_url_en": rules["en"],
            "claim_url": claim["fr"],
            "claim_url_en": claim["en"],
        },
        language="fr",
        site_url=site_url,
    )


def send_claim_link_email(*, employer: Employer, site_url: str) -> None:
    """E-mail the employer's contact its claim link, French first and English below (we do not know
    the business's language). Raises NoContactEmail when there is no address to send it to."""
    if not employer.contact_email:
        raise NoContactEmail
    urls = claim_urls(employer=employer, site_url=site_url)
    send_templated_email(
        to=employer.contact_email,
        template="employer_claim_link",
        context={"employer": employer, "claim_url": urls["fr"], "claim_url_en": urls["en"]},
        language="fr",
    )


def sync_employer_territories(*, municipality) -> int:
    """Give the employers of ``municipality`` its territory, after it moved to another one (staff can
    edit both). ``Employer.territory`` is a stored copy, refreshed by ``Employer.save()`` only. Returns
    how many employers moved."""
    moved = (
        Employer.objects.filter(municipality=municipality)
        .exclude(territory_id=municipality.territory_id)
        .update(territory_id=municipality.territory_id)
    )
    if moved:
        invalidate_public_pages()
    return moved


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def _validate_website(website: str) -> None:
    if website and urlsplit(website).scheme not in {"http", "https"}:
        raise ValueError("website_scheme")


@transaction.atomic
def update_employer_profile(
    *,
    employer: Employer,
    description: str,
    website: str,
    public_opt_out: bool,
    logo: ContentFile | None = None,
    remove_logo: bool = False,
) -> Employer:
    """Save what the employer's contact set through the claim link.

    ``logo`` is a PNG already checked and re-encoded by ``nominations.domain.images.clean_logo``; its
    thumbnail is made here, so the two always match. The replaced or removed files are deleted once the
    change is committed. The first save marks the profile as claimed (``claimed_at``)."""
    _validate_website(website)
    if (logo is not None or remove_logo) and (employer.logo or employer.logo_thumbnail):
        old = [field.name for field in (employer.logo, employer.logo_thumbnail) if field]
        storage = employer.logo.storage
        employer.logo = ""
        employer.logo_thumbnail = ""
        transaction.on_commit(lambda: _delete_files(storage, old))
    if logo is not None:
        employer.logo_thumbnail.save("thumbnail.png", logo_thumbnail(logo), save=False)
        employer.logo.save("logo.png", logo, save=False)
    employer.description = description.strip()
    employer.website = website
    employer.public_opt_out = public_opt_out
    fields = ["logo", "logo_thumbnail", "description", "website", "public_opt_out"]
    if employer.claimed_at is None:
        employer.claimed_at = timezone.now()
        fields.append("claimed_at")
    # Only these fields: the name, municipality and contact belong to staff.
    employer.save(update_fields=fields)
    invalidate_public_pages()
    return employer
