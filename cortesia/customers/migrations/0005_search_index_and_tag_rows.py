"""Fill the tag and external-id rows from the JSON fields, and on PostgreSQL index the
folded search text with trigrams so substring search stays fast at millions of rows."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SEARCH_INDEX = GinIndex(
    fields=["search_text"], name="customer_search_trgm", opclasses=["gin_trgm_ops"]
)


def _fill_rows(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    customer_model = apps.get_model("customers", "Customer")
    tag_model = apps.get_model("customers", "CustomerTag")
    external_model = apps.get_model("customers", "CustomerExternalId")
    for customer in customer_model.objects.only("pk", "tags", "external_ids").iterator():
        tag_model.objects.bulk_create(
            [tag_model(customer_id=customer.pk, tag=tag) for tag in set(customer.tags or [])],
            ignore_conflicts=True,
        )
        external_model.objects.bulk_create(
            [
                external_model(customer_id=customer.pk, source=source, value=value)
                for source, value in (customer.external_ids or {}).items()
            ],
            ignore_conflicts=True,
        )


def _add_search_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # customer search: substring match on the folded name, e-mail and phone digits
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("customers", "Customer"), SEARCH_INDEX)


def _remove_search_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("customers", "Customer"), SEARCH_INDEX)


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_segments_imports_custom_fields")]

    operations = [
        migrations.RunPython(_fill_rows, migrations.RunPython.noop),
        TrigramExtension(),
        migrations.RunPython(_add_search_index, _remove_search_index),
    ]
