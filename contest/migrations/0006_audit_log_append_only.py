"""On PostgreSQL the database itself refuses to change or delete audit events.

TRUNCATE stays possible for the database's owner (test databases are emptied that way); the
application never truncates."""

from django.db import migrations

FORBID = """
CREATE OR REPLACE FUNCTION contest_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER contest_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON contest_auditevent
    FOR EACH ROW EXECUTE FUNCTION contest_auditevent_append_only();
"""
ALLOW = """
DROP TRIGGER IF EXISTS contest_auditevent_no_update_delete ON contest_auditevent;
DROP FUNCTION IF EXISTS contest_auditevent_append_only();
"""


def forbid(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORBID)


def allow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW)


class Migration(migrations.Migration):
    dependencies = [("contest", "0005_audit_log")]

    operations = [migrations.RunPython(forbid, allow)]
