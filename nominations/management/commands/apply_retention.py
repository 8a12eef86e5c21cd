"""``manage.py apply_retention``: once an edition's retention period is over (its announcement plus
``Edition.retention_months``), remove the youths' personal data from its nominations; results (candidacies,
evaluations, awards) and employers stay. Idempotent and safe to run from cron (daily): anonymised
nominations are skipped, and a run with nothing to do prints nothing."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from nominations.domain.privacy import (
    PROGRESS_FROM,
    anonymise_edition,
    editions_past_retention,
    plan_retention,
)


class Command(BaseCommand):
    help = (
        "Anonymise the nominations of every edition whose retention period is over: names, e-mails, ages, "
        "schools, hours, photos, parents' e-mails and unconsented testimonials go; results stay."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be anonymised, per edition; change nothing.",
        )

    def handle(self, *args, dry_run: bool, verbosity: int, **options):
        anything = False
        for edition in editions_past_retention():
            if dry_run:
                report = plan_retention(edition=edition)
            else:
                report = anonymise_edition(edition=edition, progress=self._progress)
            if not report.nominations and not dry_run:
                continue
            anything = True
            verb = "would anonymise" if dry_run else "anonymised"
            self.stdout.write(
                f"{edition.year}: {verb} {report.nominations} nomination"
                f"{'' if report.nominations == 1 else 's'} ({report.photos} photo"
                f"{'' if report.photos == 1 else 's'} and {report.answers} unconsented answer"
                f"{'' if report.answers == 1 else 's'} {'to delete' if dry_run else 'deleted'})."
            )
        if not anything and (dry_run or verbosity > 1):
            self.stdout.write("No personal data past its retention period.")

    @staticmethod
    def _progress(items, total):
        return tqdm(
            items,
            total=total,
            unit="nomination",
            file=sys.stderr,
            disable=None if total >= PROGRESS_FROM else True,
        )
