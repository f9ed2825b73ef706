"""Per-customer order statistics for segments, filled from the orders already stored."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from cortesia.customers.order_stats import COUNTED_STATUSES, stats_rows, utc_today


def _fill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    order_model = apps.get_model("customers", "Order")
    stats_model = apps.get_model("customers", "CustomerOrderStats")
    state_model = apps.get_model("customers", "OrderStatsState")
    today = utc_today()
    orders = order_model.objects.filter(status__in=[str(s) for s in COUNTED_STATUSES])
    batch = []
    for row in stats_rows(orders, stats_model, today):
        batch.append(row)
        if len(batch) == 5000:
            stats_model.objects.bulk_create(batch)
            batch = []
    stats_model.objects.bulk_create(batch)
    state_model.objects.create(rolled_on=today)


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0008_order_customer_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrderStatsState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rolled_on", models.DateField()),
            ],
            options={
                "verbose_name": "order statistics state",
                "verbose_name_plural": "order statistics state",
            },
        ),
        migrations.CreateModel(
            name="CustomerOrderStats",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("currency", models.CharField(blank=True, max_length=3)),
                ("count_30", models.PositiveIntegerField(default=0)),
                ("count_90", models.PositiveIntegerField(default=0)),
                ("count_180", models.PositiveIntegerField(default=0)),
                ("count_365", models.PositiveIntegerField(default=0)),
                ("count_all", models.PositiveIntegerField(default=0)),
                ("amount_30", models.DecimalField(decimal_places=4, default=0, max_digits=20)),
                ("amount_90", models.DecimalField(decimal_places=4, default=0, max_digits=20)),
                ("amount_180", models.DecimalField(decimal_places=4, default=0, max_digits=20)),
                ("amount_365", models.DecimalField(decimal_places=4, default=0, max_digits=20)),
                ("amount_all", models.DecimalField(decimal_places=4, default=0, max_digits=20)),
                (
                    "customer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="order_stats",
                        to="customers.customer",
                    ),
                ),
            ],
            options={
                "verbose_name": "order statistics",
                "verbose_name_plural": "order statistics",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("customer", "currency"), name="order_stats_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(_fill, migrations.RunPython.noop),
    ]
