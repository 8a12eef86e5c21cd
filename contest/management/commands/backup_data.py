"""``manage.py backup_data <dir>``: the database and the uploaded files, with a manifest to verify them.

Writes into an empty (or new) directory:

- ``database.json.gz``: every row of every model, as Django fixtures (JSON, gzip). Content types,
  permissions and sessions are left out: ``migrate`` makes the first two on the target, and sessions
  are throw-away (everyone signs in again). Rows point to content types, permissions and groups by
  their natural keys, since their ids differ from one database to another; every other row keeps
  its id, so that links between rows (and the audit log's targets) stay right.
- ``media.tar.gz``: the files under MEDIA_ROOT (photos, logos).
- ``manifest.json``, written last: counts per model, each file's SHA-256, and the SHA-256 of the two
  archives. ``restore_data`` loads a backup only if its manifest is there and matches.

The backup holds personal data, password hashes and two-factor secrets: it is readable by its owner
only, and must be stored as carefully as the database itself.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
from collections import Counter
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "mon-boss-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILE = "database.json.gz"
MEDIA_FILE = "media.tar.gz"
# Made by migrate on every database, or throw-away: never in a backup.
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
# Their ids differ between databases: rows point to them by natural key, and groups are saved
# without their id (found again by name on the target, where post_migrate made them).
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission", "auth.group"}
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def backed_up_models() -> list:
    """Every concrete model but the excluded ones, in an order where natural-key targets come first."""
    by_app = []
    for app_config in apps.get_app_configs():
        models = [
            model
            for model in app_config.get_models()
            if not model._meta.proxy and model._meta.label_lower not in EXCLUDED_MODELS
        ]
        if models:
            by_app.append((app_config, models))
    return serializers.sort_dependencies(by_app, allow_cycles=True)


def media_files(root: Path) -> list[Path]:
    """The regular files under MEDIA_ROOT, sorted (symbolic links are not followed)."""
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The last applied migration of each app."""
    latest = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


class BackupSerializer(JSONSerializer):
    """Django's JSON serializer, with natural keys for NATURAL_KEY_MODELS only (a User keeps its id, so
    that an audit event of a deleted account, whose actor id no longer exists, still serialises)."""

    @staticmethod
    def _natural(model) -> bool:
        return model._meta.label_lower in NATURAL_KEY_MODELS

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = self._natural(field.remote_field.model)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = self._natural(field.remote_field.model)
        super().handle_m2m_field(obj, field)

    def get_dump_object(self, obj):
        self.use_natural_primary_keys = self._natural(type(obj))
        return super().get_dump_object(obj)


def dump_database(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write every row to ``path`` (JSON, gzip) from one consistent snapshot; the count per model."""
    counts: Counter[str] = Counter()
    models = backed_up_models()

    def rows():
        for model in models:
            label = model._meta.label_lower
            counts[label] += 0
            for obj in model._base_manager.using(using).order_by(model._meta.pk.name).iterator(2000):
                counts[label] += 1
                yield obj

    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            # Every table read from the same snapshot, while the site keeps running.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        with gzip.open(path, "wt", encoding="utf-8") as stream:
            BackupSerializer().serialize(rows(), stream=stream, indent=None)
    return dict(sorted(counts.items()))


def archive_media(path: Path, root: Path) -> dict[str, str]:
    """Write the files under ``root`` to a tar.gz at ``path``; each file's SHA-256 by relative path."""
    hashes = {}
    with tarfile.open(path, "w:gz") as archive:
        for file in media_files(root):
            name = file.relative_to(root).as_posix()
            data = file.read_bytes()
            hashes[name] = hashlib.sha256(data).hexdigest()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o640
            info.mtime = int(file.stat().st_mtime)
            archive.addfile(info, io.BytesIO(data))
    return hashes


def _private(path: Path) -> None:
    os.chmod(path, 0o600)


class Command(BaseCommand):
    help = (
        "Back up the database (JSON fixtures, gzip) and the uploaded files (tar.gz) into an empty "
        "directory, with a manifest (counts per model, SHA-256 of every file) that restore_data checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the backup: a new or empty directory.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: %(default)s)."
        )

    def handle(self, *args, directory: str, database: str, **options):
        target = Path(directory)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise CommandError(f"{target} is not an empty directory: choose a new one for each backup.")
        target.mkdir(mode=0o700, parents=True, exist_ok=True)

        database_path, media_path = target / DATABASE_FILE, target / MEDIA_FILE
        counts = dump_database(database_path, using=database)
        _private(database_path)
        files = archive_media(media_path, Path(settings.MEDIA_ROOT))
        _private(media_path)

        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "migrations": applied_migrations(database),
            "database": {"file": DATABASE_FILE, "sha256": sha256_of(database_path), "counts": counts},
            "media": {"file": MEDIA_FILE, "sha256": sha256_of(media_path), "files": files},
        }
        manifest_path = target / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        _private(manifest_path)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backup written to {target}: {sum(counts.values())} rows of {len(counts)} models, "
                    f"{len(files)} media files."
                )
            )
