"""The employer notice (EmployerNotice) becomes the only record that an employer was told of its
nomination: the copy on the candidacy goes. A candidacy whose copy has no notice yet gets one first, so
that its employer is not told again."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

BATCH_SIZE = 500


def record_missing_notices(apps, schema_editor):
    Candidacy = apps.get_model("nominations", "Candidacy")
    EmployerNotice = apps.get_model("nominations", "EmployerNotice")
    told = Candidacy.objects.filter(employer_notified_at__isnull=False).values_list(
        "edition_id", "employer_id", "employer_notified_at"
    )
    EmployerNotice.objects.bulk_create(
        [
            EmployerNotice(edition_id=edition_id, employer_id=employer_id, sent_at=sent_at)
            for edition_id, employer_id, sent_at in told.iterator()
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,  # the notices already recorded stay as they are
    )


def restore_candidacy_copies(apps, schema_editor):
    """Backwards: each candidacy gets its notice's time again."""
    Candidacy = apps.get_model("nominations", "Candidacy")
    EmployerNotice = apps.get_model("nominations", "EmployerNotice")
    notice = EmployerNotice.objects.filter(edition=OuterRef("edition"), employer=OuterRef("employer"))
    Candidacy.objects.update(employer_notified_at=Subquery(notice.values("sent_at")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0005_recompute_employer_keys"),
    ]

    operations = [
        migrations.RunPython(record_missing_notices, restore_candidacy_copies),
        migrations.RemoveField(model_name="candidacy", name="employer_notified_at"),
    ]
