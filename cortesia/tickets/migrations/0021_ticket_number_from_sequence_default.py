from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

import cortesia.tickets.models.ticket

SEQUENCE = "tickets_ticket_number_seq"


def _number_from_sequence(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """On PostgreSQL the insert takes the next number itself; SQLite keeps the column as
    it is (no default: the number is given before the insert), without rebuilding it."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE tickets_ticket ALTER COLUMN number SET DEFAULT nextval('{SEQUENCE}')"
        )


def _number_given(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE tickets_ticket ALTER COLUMN number DROP DEFAULT")


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0020_ticket_assignee_team_open"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="ticket",
                    name="number",
                    field=models.PositiveIntegerField(
                        db_default=cortesia.tickets.models.ticket.NextTicketNumber(),
                        unique=True,
                        verbose_name="number",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(_number_from_sequence, _number_given)],
        ),
    ]
