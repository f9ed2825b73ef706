"""The full-text index of tickets: one document per ticket, a GIN index over it on
PostgreSQL and an FTS5 table on SQLite. Existing tickets are indexed by
``manage.py search_index_rebuild`` (at a million tickets a migration would hold the
upgrade for many minutes)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

import cortesia.tickets.models.search

# the inbox's and the API's searches: documents matching a tsquery
GIN_CREATE = (
    "CREATE INDEX ticket_search_document ON tickets_ticketsearchdocument USING gin (document)"
)
FTS_CREATE = (
    "CREATE VIRTUAL TABLE tickets_search_fts USING fts5("
    "subject, body, tokenize='porter unicode61 remove_diacritics 2')"
)


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(GIN_CREATE)
    elif vendor == "sqlite":
        schema_editor.execute(FTS_CREATE)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS ticket_search_document")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS tickets_search_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("tickets", "0022_agent_leave"),
    ]

    operations = [
        migrations.CreateModel(
            name="TicketSearchDocument",
            fields=[
                (
                    "ticket",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="tickets.ticket",
                    ),
                ),
                ("config", models.CharField(max_length=32)),
                ("document", cortesia.tickets.models.search.TextSearchVector(null=True)),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
