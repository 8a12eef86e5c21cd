"""Data migrations of the nominations app, run by Django's migration executor on the test database:
migrate back to the migration before, write rows through the historical models, migrate forward."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from contest.enums import Phase
from contest.models import Municipality
from tests.factories import make_edition

BEFORE_KEYS = ("nominations", "0004_employer_notice")
KEYS = ("nominations", "0005_recompute_employer_keys")
NOTICES_ONLY = ("nominations", "0006_remove_candidacy_employer_notified_at")


@pytest.fixture
def migrate_to(reference_data):
    """Migrate the nominations app to a migration, and back to the latest ones at the end."""
    executor = MigrationExecutor(connection)

    def migrate(target):
        executor.loader.build_graph()
        executor.migrate([target])
        return executor.loader.project_state([target]).apps

    yield migrate
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_employer_keys_are_made_again_by_the_current_rule_unless_two_employers_would_meet(migrate_to):
    apps = migrate_to(BEFORE_KEYS)
    Employer = apps.get_model("nominations", "Employer")
    sherbrooke, magog = Municipality.objects.get(name="Sherbrooke"), Municipality.objects.get(name="Magog")

    def old_row(name, key, town=sherbrooke):
        # The historical model has no save() that makes the key: it is written as the old rule made it.
        return Employer.objects.create(
            name=name, normalized_name=key, municipality_id=town.pk, territory_id=town.territory_id
        ).pk

    sisters = old_row("Les Sœurs Grises", "les surs grises")
    legal_form_only = old_row("Inc.", "")
    chinese = old_row("北京饭店", "", town=magog)
    street = old_row("Boulangerie de la Straße", "boulangerie de la strae")
    up_to_date = old_row("Boulangerie Soeur", "boulangerie soeur")
    duplicate = old_row("Boulangerie Sœur", "boulangerie sur")
    same_name_elsewhere = old_row("Boulangerie Sœur", "boulangerie sur", town=magog)

    apps = migrate_to(KEYS)

    keys = dict(apps.get_model("nominations", "Employer").objects.values_list("pk", "normalized_name"))
    assert keys == {
        sisters: "les soeurs grises",
        legal_form_only: "inc",
        chinese: "北京饭店",
        street: "boulangerie de la strasse",
        up_to_date: "boulangerie soeur",
        duplicate: "boulangerie sur",  # would meet « Boulangerie Soeur »: left for staff to merge
        same_name_elsewhere: "boulangerie soeur",
    }


def test_employer_keys_two_old_rows_meeting_on_one_new_key_both_keep_theirs(migrate_to):
    apps = migrate_to(BEFORE_KEYS)
    Employer = apps.get_model("nominations", "Employer")
    town = Municipality.objects.get(name="Sherbrooke")
    first, second = (
        Employer.objects.create(
            name=name, normalized_name=key, municipality_id=town.pk, territory_id=town.territory_id
        ).pk
        for name, key in (("Café Sœur Straße", "cafe sur strae"), ("Café Soeur Straße", "cafe soeur strae"))
    )

    apps = migrate_to(KEYS)

    keys = dict(apps.get_model("nominations", "Employer").objects.values_list("pk", "normalized_name"))
    assert keys == {first: "cafe sur strae", second: "cafe soeur strae"}


def test_dropping_the_candidacy_copy_keeps_every_employer_told_once(migrate_to):
    apps = migrate_to(KEYS)
    Employer = apps.get_model("nominations", "Employer")
    Candidacy = apps.get_model("nominations", "Candidacy")
    EmployerNotice = apps.get_model("nominations", "EmployerNotice")
    edition = make_edition(Phase.JURY)
    town = Municipality.objects.get(name="Sherbrooke")
    told_at, noticed_at = (dt.datetime(2026, 3, day, 15, tzinfo=dt.UTC) for day in (9, 10))
    employers = {}
    for name, copy in (("Copy only", told_at), ("Both", told_at), ("Never told", None)):
        employer = Employer.objects.create(
            name=name, normalized_name=name.lower(), municipality_id=town.pk, territory_id=town.territory_id
        )
        Candidacy.objects.create(edition_id=edition.pk, employer=employer, employer_notified_at=copy)
        employers[name] = employer.pk
    EmployerNotice.objects.create(edition_id=edition.pk, employer_id=employers["Both"], sent_at=noticed_at)

    apps = migrate_to(NOTICES_ONLY)

    notices = apps.get_model("nominations", "EmployerNotice").objects
    assert dict(notices.values_list("employer_id", "sent_at")) == {
        employers["Copy only"]: told_at,
        employers["Both"]: noticed_at,
    }
    apps = migrate_to(KEYS)  # backwards: the candidacies get their notice's time again
    candidacies = apps.get_model("nominations", "Candidacy").objects
    assert dict(candidacies.values_list("employer_id", "employer_notified_at")) == {
        employers["Copy only"]: told_at,
        employers["Both"]: noticed_at,
        employers["Never told"]: None,
    }
