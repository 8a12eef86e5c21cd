"""``manage.py load_demo``: fill an empty database with the demo of SPEC section 7."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from contest.enums import Phase
from jury.demo.builder import (
    DEFAULT_NOMINATIONS,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    PHASES,
    contest_data_exists,
    create_demo_accounts,
    create_demo_data,
    delete_contest_data,
)


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo data: a published past edition, the current edition in the "
        "phase asked with its nominations and the jury's work so far, and demo accounts (password "
        "printed at the end)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--phase",
            choices=[str(phase) for phase in PHASES],
            default=str(Phase.NOMINATIONS),
            help="Where the current edition stands; dates are placed around today (default: %(default)s).",
        )
        parser.add_argument(
            "--nominations",
            type=int,
            default=DEFAULT_NOMINATIONS,
            metavar="N",
            help="Nominations of the current edition (default: %(default)s); large numbers for benchmarks.",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (default: %(default)s)."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete existing editions, employers, nominations, candidacies and jury work first.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo accounts even though DEBUG is off (never on a real site).",
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Address printed at the end (default: %(default)s).",
        )

    def handle(self, *args, **options):
        if options["nominations"] < 0:
            raise CommandError("--nominations must be 0 or more.")
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: this looks like a real site, and the demo accounts have a public password. "
                "Use --force to create them anyway."
            )
        if contest_data_exists() and not options["reset"]:
            raise CommandError(
                "The database already holds contest data (an edition or an employer). "
                "Use --reset to delete it first, or start from an empty database."
            )
        phase = Phase(options["phase"])
        started = time.monotonic()
        with transaction.atomic():
            if options["reset"]:
                delete_contest_data()
            accounts = create_demo_accounts()
            result = create_demo_data(
                phase=phase,
                nominations=options["nominations"],
                seed=options["seed"],
                jurors=accounts.jurors,
                progress=options["verbosity"] >= 1,
            )
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return

        write = self.stdout.write
        site_url = options["site_url"].rstrip("/")
        write(self.style.SUCCESS(f"Demo data loaded in {elapsed:.1f} s."))
        write(
            f"  {result.past_edition}: {result.past_edition.phase.label}; "
            f"{result.current_edition}: {result.current_edition.phase.label}"
        )
        write(
            f"  {result.nominations} nominations, {result.employers} employers, "
            f"{result.candidacies} candidacies, {result.evaluations} evaluations"
        )
        write("")
        write(f"Site:  {site_url}/fr/   (English: {site_url}/en/, admin: {site_url}/admin/)")
        write("Logins (e-mail address), all with the password " + self.style.WARNING(DEMO_PASSWORD) + ":")
        for user in accounts.all:
            role = "superuser" if user.is_superuser else "staff" if user.is_staff else "juror"
            write(f"  {user.email:<22} {role}")
