"""Refuse UPDATE on audit rows in the database itself, not only in the application.

Deletes stay possible at the SQL level for retention purges run by an operator.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

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
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_refuse_update();
"""


def _run(schema_editor: BaseDatabaseSchemaEditor, sqlite: str, postgres: str) -> None:
    vendor = schema_editor.connection.vendor
    sql = {"sqlite": sqlite, "postgresql": postgres}.get(vendor)
    if sql:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql) if vendor == "postgresql" else cursor.executescript(sql)  # type: ignore[attr-defined]


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, SQLITE_CREATE, POSTGRES_CREATE)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, SQLITE_DROP, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_log")]
    operations = [migrations.RunPython(create, drop)]
