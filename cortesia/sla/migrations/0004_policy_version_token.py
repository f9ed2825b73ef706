"""A token that changes with every write to the SLA policies or their teams.

Triggers change it in the writing transaction, whatever wrote (a service, the demo loader,
a cascade from a deleted team, SQL by hand), so a process that keeps the policies it read
beside the token can tell for certain whether they are still the stored ones. The row is
upserted, so it exists again after the tables were emptied and written.
"""

from __future__ import annotations

import uuid

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLES = ("sla_slapolicy", "sla_slapolicy_teams")
SQLITE_BUMP = (
    "INSERT INTO sla_policyversion (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)
SQLITE_CREATE = [
    f"CREATE TRIGGER {table}_{event.lower()}_version AFTER {event} ON {table} "
    f"BEGIN {SQLITE_BUMP} END"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_version"
    for table in TABLES
    for event in ("INSERT", "UPDATE", "DELETE")
]
POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION sla_policy_version_bump() RETURNS trigger AS $$
    BEGIN
        INSERT INTO sla_policyversion (id, token)
        VALUES (1, replace(gen_random_uuid()::text, '-', ''))
        ON CONFLICT (id) DO UPDATE SET token = excluded.token;
        RETURN NULL;
    END; $$ LANGUAGE plpgsql
    """,
    *(
        f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION sla_policy_version_bump()"
        for table in TABLES
    ),
]
POSTGRES_DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_version ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS sla_policy_version_bump()",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, sqlite: list[str], postgres: list[str]) -> None:
    statements = {"sqlite": sqlite, "postgresql": postgres}.get(schema_editor.connection.vendor)
    with schema_editor.connection.cursor() as cursor:
        for sql in statements or []:
            cursor.execute(sql)


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, SQLITE_CREATE, POSTGRES_CREATE)
    apps.get_model("sla", "PolicyVersion").objects.create(id=1, token=uuid.uuid4().hex)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, SQLITE_DROP, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("sla", "0003_breach_notifies")]

    operations = [
        migrations.CreateModel(
            name="PolicyVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
