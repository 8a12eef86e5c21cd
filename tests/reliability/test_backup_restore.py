"""``backup_data`` then ``restore_data``: a demo database with uploaded files comes back identical, row
counts and file hashes, into an emptied database and MEDIA_ROOT; damaged or partial backups and
non-empty targets are refused."""

import gzip
import hashlib
import io
import json
import re
import shutil
import stat
import time
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from contest.domain.audit import record_event
from contest.domain.roles import JUROR_GROUP
from contest.management.commands.backup_data import backed_up_models
from contest.models import AuditEvent, Edition
from jury.models import Evaluation, Score
from nominations.domain.employers import update_employer_profile
from nominations.domain.images import clean_logo, clean_photo
from nominations.models import Candidacy, Employer, Nomination

pytestmark = pytest.mark.django_db(transaction=True)


def picture(fmt: str) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", (120, 80), (40, 160, 90)).save(output, format=fmt)
    return SimpleUploadedFile(f"upload.{fmt.lower()}", output.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def model_counts() -> dict[str, int]:
    return {model._meta.label_lower: model._base_manager.count() for model in backed_up_models()}


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def empty_everything(media_root: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    media_root.mkdir()


@pytest.fixture
def small_site(reference_data, media_root):
    """An account, an edition, an employer with a logo: enough for the refusals below."""
    from tests.factories import make_edition, make_employer

    User.objects.create_user("staff@example.org", "staff@example.org", "pw", is_staff=True)
    make_edition()
    employer = make_employer("Resto Chez Ginette")
    update_employer_profile(
        employer=employer, description="", website="", public_opt_out=False, logo=clean_logo(picture("PNG"))
    )
    return employer


def test_demo_data_with_uploads_comes_back_identical(reference_data, media_root, tmp_path):
    started = time.monotonic()
    call_command("load_demo", nominations=60, force=True, phase="published", verbosity=0)
    nomination = Nomination.objects.order_by("pk").first()
    nomination.photo.save("photo.jpg", clean_photo(picture("JPEG")))
    employer = Employer.objects.order_by("pk").first()
    update_employer_profile(
        employer=employer,
        description="Un resto familial.",
        website="https://resto.example.org",
        public_opt_out=False,
        logo=clean_logo(picture("PNG")),
    )
    juror = User.objects.get(email="juror1@example.org")
    record_event("test.before_backup", actor=juror, target=nomination)
    counts, hashes = model_counts(), file_hashes(media_root)
    backup = tmp_path / "backup"

    call_command("backup_data", str(backup), verbosity=0)
    empty_everything(media_root)
    assert (Nomination.objects.count(), User.objects.count(), file_hashes(media_root)) == (0, 0, {})
    call_command("restore_data", str(backup), verbosity=0)

    assert model_counts() == counts
    assert file_hashes(media_root) == hashes
    # Sanity of the figures compared above, and of what the rows mean once restored.
    assert counts["nominations.nomination"] >= 60
    assert counts["jury.score"] > 0
    assert counts["contest.auditevent"] >= 1
    assert len(hashes) == 3  # the photo, the logo and its thumbnail
    restored = Nomination.objects.get(pk=nomination.pk)
    assert restored.photo.name == nomination.photo.name
    assert Path(restored.photo.path).is_file()
    assert Employer.objects.get(pk=employer.pk).logo.name == employer.logo.name
    assert authenticate(username="juror1@example.org", password="demo-password-2026") == juror
    assert User.objects.get(pk=juror.pk).groups.filter(name=JUROR_GROUP).exists()
    assert Group.objects.get(name="Staff").permissions.count() > 0
    event = AuditEvent.objects.get(action="test.before_backup")
    assert (event.actor_id, event.target_id) == (juror.pk, str(nomination.pk))
    assert Edition.objects.filter(published_at__isnull=False).count() == 2
    assert Score.objects.filter(evaluation__in=Evaluation.objects.all()).count() == counts["jury.score"]
    assert Candidacy.objects.count() == counts["nominations.candidacy"]
    print(
        f"\nbackup/restore of {sum(counts.values())} rows of {len(counts)} models and {len(hashes)} files "
        f"in {time.monotonic() - started:.1f} s (demo included)"
    )


def test_backup_writes_a_manifest_and_private_files(small_site, media_root, tmp_path):
    backup = tmp_path / "backup"

    call_command("backup_data", str(backup), verbosity=0)

    assert sorted(path.name for path in backup.iterdir()) == [
        "database.json.gz",
        "manifest.json",
        "media.tar.gz",
    ]
    for path in backup.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    manifest = json.loads((backup / "manifest.json").read_text())
    assert (manifest["format"], manifest["version"]) == ("mon-boss-backup", 1)
    assert manifest["database"]["counts"]["nominations.employer"] == 1
    assert manifest["database"]["counts"]["auth.user"] == 1
    assert "contenttypes.contenttype" not in manifest["database"]["counts"]
    assert "sessions.session" not in manifest["database"]["counts"]
    assert "auth.permission" not in manifest["database"]["counts"]
    assert set(manifest["media"]["files"]) == {small_site.logo.name, small_site.logo_thumbnail.name}
    rows = json.loads(gzip.decompress((backup / "database.json.gz").read_bytes()))
    staff_group = next(
        row for row in rows if row["model"] == "auth.group" and row["fields"]["name"] == "Staff"
    )
    assert "pk" not in staff_group  # found by name on the target
    assert all(isinstance(key, list) for key in staff_group["fields"]["permissions"])


def test_backup_refuses_a_directory_that_is_not_empty(small_site, tmp_path):
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "old.txt").write_text("x")

    with pytest.raises(CommandError, match="is not an empty directory"):
        call_command("backup_data", str(backup), verbosity=0)


def test_restore_refuses_a_database_in_use_unless_forced(small_site, media_root, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_data", str(backup), verbosity=0)
    Employer.objects.create(name="Ajouté après", municipality=small_site.municipality)

    with pytest.raises(
        CommandError,
        match=re.escape(
            "The target is not empty (1 auth.user, 1 contest.edition, 2 nominations.employer, "
            "2 files under MEDIA_ROOT)"
        ),
    ):
        call_command("restore_data", str(backup), verbosity=0)
    assert Employer.objects.count() == 2

    call_command("restore_data", str(backup), force=True, verbosity=0)
    assert list(Employer.objects.values_list("name", flat=True)) == ["Resto Chez Ginette"]


def test_restore_refuses_a_damaged_archive_before_writing_anything(small_site, media_root, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_data", str(backup), verbosity=0)
    empty_everything(media_root)
    database = backup / "database.json.gz"
    data = bytearray(database.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="does not match its SHA-256 in the manifest"):
        call_command("restore_data", str(backup), verbosity=0)
    assert (Employer.objects.count(), file_hashes(media_root)) == (0, {})


def test_restore_refuses_a_backup_without_its_manifest(small_site, media_root, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_data", str(backup), verbosity=0)
    empty_everything(media_root)
    (backup / "manifest.json").unlink()

    with pytest.raises(
        CommandError, match=re.escape("manifest.json is missing: this is not a finished backup")
    ):
        call_command("restore_data", str(backup), verbosity=0)
    assert Employer.objects.count() == 0
