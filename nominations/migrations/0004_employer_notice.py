import django.db.models.deletion
from django.db import migrations, models


def record_past_notices(apps, schema_editor):
    """Employers already told (their candidacy says when) are not told again."""
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
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contest", "0007_privacy_incident"),
        ("nominations", "0003_privacy"),
    ]

    operations = [
        migrations.CreateModel(
            name="EmployerNotice",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sent_at", models.DateTimeField(verbose_name="employer told of the nomination")),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contest.edition",
                        verbose_name="edition",
                    ),
                ),
                (
                    "employer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notices",
                        to="nominations.employer",
                        verbose_name="employer",
                    ),
                ),
            ],
            options={
                "verbose_name": "employer told of a nomination",
                "verbose_name_plural": "employers told of a nomination",
                "constraints": [
                    models.UniqueConstraint(fields=("edition", "employer"), name="one_employer_notice_per_edition")
                ],
            },
        ),
        migrations.RunPython(record_past_notices, migrations.RunPython.noop),
    ]
