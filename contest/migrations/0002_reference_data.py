"""The nine Estrie territories with their 117 municipalities, and the default criteria set."""

from django.db import migrations


def load(apps, schema_editor):
    from contest.domain.reference_data import copy_criteria, load_territories

    load_territories(
        territory_model=apps.get_model("contest", "Territory"),
        municipality_model=apps.get_model("contest", "Municipality"),
    )
    criterion_model = apps.get_model("contest", "Criterion")
    if not criterion_model.objects.filter(edition__isnull=True).exists():
        copy_criteria(criterion_model=criterion_model, rubric_model=apps.get_model("contest", "RubricLevel"))


class Migration(migrations.Migration):
    dependencies = [("contest", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
