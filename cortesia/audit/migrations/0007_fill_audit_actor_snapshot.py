"""Fill the actor's uid and name into existing audit rows, from the actor's account now.

Audit rows refuse UPDATE through a trigger (0002); this one-off backfill lifts the trigger
for its own transaction and puts it back, in batches of 500 rows. Rows written from now on
get both values when they are inserted. On SQLite the table may have been rebuilt by the
previous migration, which drops triggers, so the trigger is always recreated here.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

BATCH = 500
SQLITE_CREATE = """
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS audit_auditevent_no_update;"
POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION audit_auditevent_refuse_update() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
FOR EACH ROW EXECUTE FUNCTION audit_auditevent_refuse_update();
"""
POSTGRES_DROP = "DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent;"


def _run(schema_editor: BaseDatabaseSchemaEditor, sqlite: str, postgres: str) -> None:
    vendor = schema_editor.connection.vendor
    sql = {"sqlite": sqlite, "postgresql": postgres}.get(vendor)
    if sql:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql) if vendor == "postgresql" else cursor.executescript(sql)


def fill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    event_model = apps.get_model("audit", "AuditEvent")
    _run(schema_editor, SQLITE_DROP, POSTGRES_DROP)
    pending = event_model.objects.filter(actor__isnull=False, actor_uid__isnull=True)
    while batch := list(pending.select_related("actor").order_by("pk")[:BATCH]):
        for event in batch:
            user = event.actor
            full_name = f"{user.first_name} {user.last_name}".strip()
            event.actor_uid = user.uid
            event.actor_name = (full_name or user.username)[:300]
        event_model.objects.bulk_update(batch, ["actor_uid", "actor_name"])
    _run(schema_editor, SQLITE_CREATE, POSTGRES_CREATE)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_audit_actor_snapshot")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
