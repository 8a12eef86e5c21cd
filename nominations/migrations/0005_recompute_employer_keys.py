"""Employer keys made by an earlier rule (« Les Sœurs Grises » was « les surs grises ») are made again
by the current one (``employer_key``), so that a new nomination of the business and the searches meet
the existing row instead of making a second one."""

from collections import defaultdict

from django.db import migrations

from nominations.normalize import employer_key

BATCH_SIZE = 500


def recompute_employer_keys(apps, schema_editor):
    """Every employer's key made again, except where it would meet another employer of the same
    municipality (under its old key or its new one): those rows keep their old key, and they are
    duplicates for staff to merge. Never fails on such rows."""
    Employer = apps.get_model("nominations", "Employer")
    rows = list(Employer.objects.values_list("pk", "name", "municipality_id", "normalized_name"))
    new_keys = {pk: employer_key(name) for pk, name, _municipality, _old in rows}
    holders = defaultdict(set)  # (key, municipality) -> the employers holding it, before or after
    for pk, _name, municipality_id, old_key in rows:
        holders[(old_key, municipality_id)].add(pk)
        holders[(new_keys[pk], municipality_id)].add(pk)
    changed = [
        Employer(pk=pk, normalized_name=new_keys[pk])
        for pk, _name, municipality_id, old_key in rows
        if new_keys[pk] != old_key and holders[(new_keys[pk], municipality_id)] == {pk}
    ]
    Employer.objects.bulk_update(changed, ["normalized_name"], batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0004_employer_notice"),
    ]

    operations = [
        migrations.RunPython(recompute_employer_keys, migrations.RunPython.noop, elidable=True),
    ]
