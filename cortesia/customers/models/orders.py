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
