"""``manage.py send_results_emails``: e-mail the results of every edition whose results have become
public and were not e-mailed yet. Safe to run from cron (every few minutes around the announcement):
each edition is e-mailed once, and a run with nothing to do prints nothing."""

import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jury.domain.results_emails import (
    editions_awaiting_results_emails,
    plan_results_emails,
    send_results_emails,
)

# From this many e-mails on, a progress bar shows (on a terminal only: tqdm hides it under cron).
PROGRESS_FROM = 50
DRY_RUN_SITE_URL = "https://example.invalid"


class Command(BaseCommand):
    help = (
        "E-mail the results of each edition whose results are public and not e-mailed yet: winners, "
        "engaged employers (claim link, badge) and the youths who asked for them. Each edition once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many e-mails would be sent; send nothing."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Send even when the e-mail backend only prints e-mails (marks the edition as sent).",
        )
        parser.add_argument(
            "--site-url",
            default=os.environ.get("SITE_URL", ""),
            help="Address of the site in the links, such as https://monboss.example.org "
            "(default: the SITE_URL environment variable).",
        )

    def handle(self, *args, dry_run: bool, site_url: str, verbosity: int, **options):
        site_url = site_url.strip()
        if not dry_run and not site_url.startswith(("https://", "http://")):
            raise CommandError("Give the site's address with --site-url https://… (or set SITE_URL).")
        if not dry_run and settings.EMAIL_BACKEND.endswith("console.EmailBackend") and not options["force"]:
            # Development settings only print e-mails; sending "for real" would mark them sent and lose them.
            raise CommandError(
                "The e-mail backend only prints e-mails (development settings?): set "
                "DJANGO_SETTINGS_MODULE=config.settings.production, or use --force to print them anyway."
            )
        editions = list(editions_awaiting_results_emails())
        if not editions:
            if dry_run or verbosity > 1:
                self.stdout.write("No results e-mails to send.")
            return
        for edition in editions:
            if dry_run:
                _outgoing, report = plan_results_emails(
                    edition=edition, site_url=site_url or DRY_RUN_SITE_URL
                )
                self.stdout.write(f"{edition.year}: would send {self._summary(report)}")
                continue
            report = send_results_emails(edition=edition, site_url=site_url, progress=self._progress)
            if report.already_sent:
                continue
            self.stdout.write(self.style.SUCCESS(f"{edition.year}: sent {self._summary(report)}"))

    @staticmethod
    def _summary(report) -> str:
        skipped = report.employers_without_email
        return (
            f"{report.total} e-mails ({report.winners} to winners, {report.engaged} to engaged employers, "
            f"{report.youths} to youths); {skipped} employer{'' if skipped == 1 else 's'} without a contact "
            "e-mail skipped."
        )

    @staticmethod
    def _progress(outgoing):
        return tqdm(
            outgoing,
            total=len(outgoing),
            unit="e-mail",
            file=sys.stderr,
            disable=None if len(outgoing) >= PROGRESS_FROM else True,
        )
