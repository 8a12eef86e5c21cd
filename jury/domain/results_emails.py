"""The e-mails sent once an edition's results are public: one per engaged employer (the winners'
congratulates them), one per youth who asked for the results.

Who receives what:

- every employer with an eligible nomination in the edition (« employeur engagé ») and a contact e-mail:
  its claim link, its badge and certificate links, and the results page; a territory winner receives
  the congratulations instead of the thanks (one e-mail per employer). Employers without a contact e-mail
  are skipped and counted. Employers that left the public list (``public_opt_out``) still receive their
  own e-mail, which is private to them and tells them they are left out and how to change it.
- every youth with an eligible nomination who ticked « e-mail me the results »
  (``Nomination.consent_results_email``), once per address, in the language of their nomination: the
  results page and what became of the employers they nominated themselves (never anyone else's name,
  not even the other youths who nominated the same boss).

An edition is e-mailed once: ``Edition.results_emailed_at`` is claimed by an atomic update before the
first e-mail, so two runs at the same time (cron) cannot both send."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from contest.domain.queries import is_published, published_editions
from contest.models import Edition
from jury.enums import AwardKind
from jury.models import Award
from nominations.domain.emails import send_templated_email
from nominations.domain.employers import make_claim_token
from nominations.enums import NominationStatus
from nominations.models import Candidacy, Nomination

logger = logging.getLogger(__name__)

EMPLOYER_LANGUAGE = "fr"  # employer e-mails are bilingual, French first
YOUTH_LANGUAGES = ("fr", "en")


class ResultsNotPublished(ValueError):
    """The edition's results are not public yet (not published, or before the announcement)."""


@dataclass
class ResultsReport:
    edition: Edition
    winners: int = 0  # e-mails to territory winners
    engaged: int = 0  # e-mails to the other engaged employers
    youths: int = 0  # e-mails to youths
    employers_without_email: int = 0  # engaged employers skipped: no contact e-mail
    already_sent: bool = False  # the edition had been e-mailed before: nothing was sent

    @property
    def total(self) -> int:
        return self.winners + self.engaged + self.youths


@dataclass
class Outgoing:
    """One e-mail to send: ``kind`` is "winner", "engaged" or "youth"."""

    kind: str
    to: str
    template: str
    context: dict
    language: str


def editions_awaiting_results_emails(now: dt.datetime | None = None):
    """Editions whose results are public (the embargo selector) and not e-mailed yet, oldest first."""
    return published_editions(now).filter(results_emailed_at__isnull=True).order_by("year")


def _url(site_url: str, name: str, *, language: str, **kwargs) -> str:
    with translation.override(language):
        return site_url.rstrip("/") + reverse(name, kwargs=kwargs or None)


def _engaged_candidacies(edition: Edition):
    eligible = Nomination.objects.filter(
        edition_id=OuterRef("edition_id"),
        employer_id=OuterRef("employer_id"),
        status=NominationStatus.ELIGIBLE,
    )
    return (
        Candidacy.objects.filter(edition=edition)
        .filter(Exists(eligible))
        .select_related("employer__territory")
        .prefetch_related(
            Prefetch("awards", queryset=Award.objects.select_related("territory").order_by("kind", "title"))
        )
        .order_by("employer__name", "pk")
    )


def _employer_message(candidacy: Candidacy, *, edition: Edition, site_url: str) -> Outgoing:
    employer = candidacy.employer
    awards = list(candidacy.awards.all())
    win = next((award for award in awards if award.kind == AwardKind.TERRITORY_WINNER), None)
    prizes = [award.title for award in awards if award.kind == AwardKind.REGIONAL_PRIZE and award.title]
    token = make_claim_token(employer)
    links = {}
    for language in ("fr", "en"):
        query = f"?year={edition.year}&lang={language}"
        links[language] = {
            "claim": _url(site_url, "results:employer_profile", language=language, token=token),
            "badge": _url(site_url, "results:employer_badge", language=language, token=token) + query,
            "certificate": _url(site_url, "results:employer_certificate", language=language, token=token)
            + query,
            "results": _url(site_url, "results:winners_of", language=language, year=edition.year),
        }
    kind = "winner" if win is not None else "engaged"
    return Outgoing(
        kind=kind,
        to=employer.contact_email,
        template=f"results_{kind}_employer",
        context={
            "edition": edition,
            "employer": employer,
            "territory": win.territory.name if win is not None else "",
            "prizes": prizes,
            "links_fr": links["fr"],
            "links_en": links["en"],
        },
        language=EMPLOYER_LANGUAGE,
    )


def _youth_messages(edition: Edition, winners: dict[int, str], *, site_url: str) -> list[Outgoing]:
    """One e-mail per address, naming only the employers that address nominated."""
    nominations = (
        Nomination.objects.filter(
            edition=edition,
            status=NominationStatus.ELIGIBLE,
            consent_results_email=True,
            anonymised_at__isnull=True,
        )
        .exclude(email="")
        .select_related("employer")
        .order_by("email", "created_at", "pk")
    )
    by_address: dict[str, list[Nomination]] = {}
    for nomination in nominations:
        by_address.setdefault(nomination.email.strip().lower(), []).append(nomination)
    messages = []
    for own in by_address.values():
        first = own[0]
        language = first.language if first.language in YOUTH_LANGUAGES else "fr"
        employers = {}
        for nomination in own:
            employers.setdefault(
                nomination.employer_id,
                {
                    "name": nomination.employer.name,
                    "winner_territory": winners.get(nomination.employer_id, ""),
                },
            )
        messages.append(
            Outgoing(
                kind="youth",
                to=first.email,
                template="results_youth",
                context={
                    "edition": edition,
                    "first_name": first.first_name,
                    "employers": list(employers.values()),
                    "results_url": _url(site_url, "results:winners_of", language=language, year=edition.year),
                    "privacy_url": _url(site_url, "contest:privacy", language=language),
                },
                language=language,
            )
        )
    return messages


def plan_results_emails(*, edition: Edition, site_url: str) -> tuple[list[Outgoing], ResultsReport]:
    """Every e-mail the edition's results call for, and the report of what sending them would do.
    Sends nothing; a constant number of queries."""
    report = ResultsReport(edition=edition)
    outgoing: list[Outgoing] = []
    winners: dict[int, str] = {}
    for candidacy in _engaged_candidacies(edition):
        message = _employer_message(candidacy, edition=edition, site_url=site_url)
        if message.kind == "winner":
            winners[candidacy.employer_id] = message.context["territory"]
        if not candidacy.employer.contact_email:
            report.employers_without_email += 1
            continue
        outgoing.append(message)
        if message.kind == "winner":
            report.winners += 1
        else:
            report.engaged += 1
    youths = _youth_messages(edition, winners, site_url=site_url)
    report.youths = len(youths)
    return outgoing + youths, report


ProgressWrapper = Callable[[list[Outgoing]], Iterable[Outgoing]]


def send_results_emails(
    *, edition: Edition, site_url: str, progress: ProgressWrapper | None = None
) -> ResultsReport:
    """Send the edition's results e-mails, once (see the module's docstring).

    Raises ResultsNotPublished under embargo. When the edition was already e-mailed, sends nothing and
    says so (``already_sent``). If sending fails before the first e-mail left, the edition is released
    so that the next run tries again; after that, it stays marked as e-mailed (a retry would send the
    same e-mail twice to the first recipients) and the error is raised for the staff to see."""
    edition.refresh_from_db()
    if not is_published(edition):
        raise ResultsNotPublished(edition.pk)
    claimed = Edition.objects.filter(pk=edition.pk, results_emailed_at__isnull=True).update(
        results_emailed_at=timezone.now()
    )
    if not claimed:
        return ResultsReport(edition=edition, already_sent=True)
    outgoing, report = plan_results_emails(edition=edition, site_url=site_url)
    sent = 0
    try:
        for message in progress(outgoing) if progress else outgoing:
            send_templated_email(
                to=message.to, template=message.template, context=message.context, language=message.language
            )
            sent += 1
    except Exception as error:
        if sent == 0:
            Edition.objects.filter(pk=edition.pk).update(results_emailed_at=None)
        # Counts and the error's class only: a mail server's message may name a recipient.
        logger.error(
            "Results e-mails of edition %s stopped after %s of %s (%s).",
            edition.pk,
            sent,
            len(outgoing),
            type(error).__name__,
        )
        raise
    edition.refresh_from_db()
    return report
