"""``manage.py purge_unconsented``: destroy the nominations that never got their consent — never confirmed
by e-mail (their last link expired, plus a margin), or of a youth under 14 whose parent or tutor did not
consent within ``PARENTAL_CONSENT_DAYS``. Safe to run from cron (daily): a run with nothing to do prints
nothing, and two runs at once destroy each nomination once."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from nominations.domain.privacy import PROGRESS_FROM, purge_unconsented


class Command(BaseCommand):
    help = (
        "Destroy unconfirmed nominations whose confirmation link expired, and nominations of youths under "
        "14 whose parent or tutor did not consent in time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say how many nominations would be destroyed; change nothing.",
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        report = purge_unconsented(dry_run=dry_run, progress=self._progress)
        verb = "would destroy" if dry_run else "destroyed"
        if report.total or dry_run or verbosity > 1:
            self.stdout.write(
                f"{verb} {report.unconfirmed} unconfirmed nomination{'' if report.unconfirmed == 1 else 's'} "
                f"and {report.awaiting_parent} without a parent's consent."
            )

    @staticmethod
    def _progress(items, total):
        return tqdm(
            items,
            total=total,
            unit="nomination",
            file=sys.stderr,
            disable=None if total >= PROGRESS_FROM else True,
        )
