"""``manage.py restore_data <dir>``: load a backup written by ``backup_data`` into an empty, migrated
database and put its files back under MEDIA_ROOT, then check everything against the manifest.

Before anything is written: the manifest must be there (a backup without it did not finish), both
archives must match their SHA-256, and the database must hold no account, edition, employer,
nomination or audit event (``--force`` empties it first: everything is replaced by the backup).
After: the number of rows of each model and the SHA-256 of each file must equal the manifest's.
"""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from contest.management.commands.backup_data import (
    FORMAT,
    MANIFEST,
    VERSION,
    applied_migrations,
    media_files,
    sha256_of,
)

# What a freshly migrated database does not have: if any holds a row, the database is in use.
USER_DATA_MODELS = (
    "contest.edition",
    "contest.auditevent",
    "nominations.employer",
    "nominations.nomination",
)


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise CommandError(f"{path} is missing: this is not a finished backup.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path} cannot be read: {error}") from None
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise CommandError(f"{path} is not a manifest of this project's backups (version {VERSION}).")
    return manifest


def check_archives(directory: Path, manifest: dict) -> tuple[Path, Path]:
    paths = []
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if path.parent != directory or not path.is_file():
            raise CommandError(f"{path} is missing.")
        if sha256_of(path) != manifest[part]["sha256"]:
            raise CommandError(f"{path} does not match its SHA-256 in the manifest: it is damaged.")
        paths.append(path)
    return paths[0], paths[1]


def rows_in_use(using: str) -> dict[str, int]:
    models = [get_user_model(), *(apps.get_model(label) for label in USER_DATA_MODELS)]
    counts = {model._meta.label_lower: model._base_manager.using(using).count() for model in models}
    return {label: count for label, count in counts.items() if count}


def extract_media(archive_path: Path, root: Path, expected: dict[str, str]) -> None:
    """Put the archive's files under ``root``. Only the regular files the manifest lists, at relative
    paths inside ``root`` (tarfile's "data" filter refuses the rest)."""
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        names = {member.name for member in members}
        if names != set(expected) or not all(member.isfile() for member in members):
            raise CommandError(f"{archive_path} does not hold exactly the files of the manifest.")
        root.mkdir(parents=True, exist_ok=True)
        archive.extractall(root, filter="data")


def compare(expected: dict, actual: dict) -> list[str]:
    return [
        f"{key}: {actual.get(key)} instead of {value}"
        for key, value in sorted(expected.items())
        if actual.get(key) != value
    ]


class Command(BaseCommand):
    help = (
        "Restore a backup written by backup_data into an empty, migrated database and MEDIA_ROOT, then "
        "verify the row counts and the files against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="The backup's directory (it holds manifest.json).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore into a database that holds data: it is emptied first (all of it is replaced).",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: %(default)s)."
        )

    def handle(self, *args, directory: str, force: bool, database: str, **options):
        source = Path(directory)
        manifest = read_manifest(source)
        database_path, media_path = check_archives(source, manifest)
        media_root = Path(settings.MEDIA_ROOT)

        in_use = rows_in_use(database)
        present = media_files(media_root)
        if (in_use or present) and not force:
            details = ", ".join(f"{count} {label}" for label, count in in_use.items())
            if present:
                details = ", ".join(filter(None, [details, f"{len(present)} files under MEDIA_ROOT"]))
            raise CommandError(
                f"The target is not empty ({details}). Restore into a new, migrated database with an "
                "empty MEDIA_ROOT, or use --force to replace everything with the backup."
            )
        migrations = applied_migrations(database)
        if migrations != manifest["migrations"]:
            self.stderr.write(
                self.style.WARNING(
                    "The database's migrations differ from the backup's: "
                    + "; ".join(compare(manifest["migrations"], migrations))
                )
            )
        if in_use:
            call_command("flush", interactive=False, database=database, verbosity=0)

        call_command("loaddata", str(database_path), database=database, verbosity=0)
        extract_media(media_path, media_root, manifest["media"]["files"])

        problems = self.verify(manifest, media_root, database)
        if problems:
            raise CommandError("The restore does not match the manifest:\n" + "\n".join(problems))
        counts, files = manifest["database"]["counts"], manifest["media"]["files"]
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored and verified: {sum(counts.values())} rows of {len(counts)} models, "
                    f"{len(files)} media files."
                )
            )

    def verify(self, manifest: dict, media_root: Path, database: str) -> list[str]:
        expected_counts = manifest["database"]["counts"]
        actual_counts = {
            label: apps.get_model(label)._base_manager.using(database).count() for label in expected_counts
        }
        expected_files = manifest["media"]["files"]
        actual_files = {
            name: sha256_of(media_root / name) if (media_root / name).is_file() else None
            for name in expected_files
        }
        return compare(expected_counts, actual_counts) + compare(expected_files, actual_files)
