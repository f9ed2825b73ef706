from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import Max

SEQUENCE = "tickets_ticket_number_seq"


def _create_sequence(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """On PostgreSQL, continue the numbering from the counter row and existing tickets."""
    if schema_editor.connection.vendor != "postgresql":
        return
    counter = apps.get_model("tickets", "TicketCounter").objects.filter(pk=1).first()
    highest = apps.get_model("tickets", "Ticket").objects.aggregate(n=Max("number"))["n"]
    last = max(counter.last_number if counter else 1000, highest or 0, 1000)
    schema_editor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} AS bigint MINVALUE 1")
    schema_editor.execute("SELECT setval(%s, %s, true)", [SEQUENCE, last])


def _drop_sequence(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0008_sla_due")]

    operations = [migrations.RunPython(_create_sequence, _drop_sequence)]
