"""Each policy says whose business hours its clocks count: the team's or the customer's
organization's (falling back to the team's).

On SQLite, adding a NOT NULL column rebuilds the policy table, and a rebuilt table loses
its triggers; the version-token triggers of migration 0004 are made again after it.
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_BUMP = (
    "INSERT INTO sla_policyversion (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)
EVENTS = ("INSERT", "UPDATE", "DELETE")


def sqlite_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        for event in EVENTS:
            name = f"sla_slapolicy_{event.lower()}_version"
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON sla_slapolicy BEGIN {SQLITE_BUMP} END"
            )


class Migration(migrations.Migration):
    dependencies = [("sla", "0004_policy_version_token")]

    operations = [
        migrations.AddField(
            model_name="slapolicy",
            name="clock_calendar",
            field=models.CharField(
                choices=[
                    ("team", "The ticket team's calendar"),
                    ("organization", "The customer's organization's calendar, else the team's"),
                ],
                default="team",
                help_text="Whose open hours the clocks count when they count business hours only.",
                max_length=20,
                verbose_name="business hours of",
            ),
        ),
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop, elidable=False),
    ]
