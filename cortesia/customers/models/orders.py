"""Orders in their own currency, with their lines."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cortesia.core.models import BaseModel
from cortesia.customers.models.profiles import Customer


class Order(BaseModel):
    """A purchase, in its own currency. Created once per (source, number): re-sending it
    changes nothing."""

    class Status(models.TextChoices):
        PLACED = "placed", _("Placed")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    # No index of its own: order_customer_placed starts with customer and serves its lookups.
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="orders",
        db_index=False,
    )
    source = models.CharField(_("source"), max_length=50, default="api")
    number = models.CharField(_("order number"), max_length=100)
    placed_at = models.DateTimeField(_("placed at"))
    currency = models.CharField(_("currency"), max_length=3)
    total = models.DecimalField(_("total"), max_digits=18, decimal_places=4)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLACED
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="order_source_number"),
            models.CheckConstraint(condition=models.Q(total__gte=0), name="order_total_positive"),
        ]
        indexes = [
            # a customer's orders by date (profile, segments on order count/amount)
            models.Index(fields=["customer", "placed_at"], name="order_customer_placed"),
            # customer search by order number, whatever the source
            models.Index(fields=["number"], name="order_number_lookup"),
            # segments: orders in a period, aggregated per customer from the index alone
            # (PostgreSQL keeps the included columns in the index; SQLite ignores them)
            models.Index(
                fields=["placed_at"],
                include=["customer", "status", "currency", "total"],
                name="order_period_rollup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.number}"


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(_("SKU"), max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=100, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


class CustomerOrderStats(models.Model):
    """A customer's counted orders (placed, paid, shipped, delivered) in one currency, over
    rolling windows of whole UTC days that end today and over all time.

    The row with ``currency`` "" counts orders in every currency (its amounts stay 0:
    amounts in different currencies are never added up). The order services keep the rows
    current; ``customers.order_stats`` moves the windows forward once a day. Segments read
    these rows instead of grouping millions of orders.
    """

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="order_stats")
    currency = models.CharField(max_length=3, blank=True)
    count_30 = models.PositiveIntegerField(default=0)
    count_90 = models.PositiveIntegerField(default=0)
    count_180 = models.PositiveIntegerField(default=0)
    count_365 = models.PositiveIntegerField(default=0)
    count_all = models.PositiveIntegerField(default=0)
    amount_30 = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    amount_90 = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    amount_180 = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    amount_365 = models.DecimalField(max_digits=20, decimal_places=4, default=0)
    amount_all = models.DecimalField(max_digits=20, decimal_places=4, default=0)

    class Meta:
        verbose_name = _("order statistics")
        verbose_name_plural = _("order statistics")
        constraints = [
            models.UniqueConstraint(fields=["customer", "currency"], name="order_stats_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.currency or '*'}"


class OrderStatsState(models.Model):
    """One row: the UTC day the rolling windows of ``CustomerOrderStats`` end on."""

    rolled_on = models.DateField()

    class Meta:
        verbose_name = _("order statistics state")
        verbose_name_plural = _("order statistics state")

    def __str__(self) -> str:
        return str(self.rolled_on)
