"""Each counted order beside its customer's neighbouring counted orders."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderLink(models.Model):
    """A counted order (placed, paid, shipped or delivered) with the instants of the same
    customer's previous, second previous and next counted orders (ordered by placing
    instant, then id). Customer activity reads one row per order of a period from its
    index instead of ordering every customer's orders; ``reports.order_links`` recomputes
    a customer's rows whenever their counted orders change."""

    order = models.OneToOneField(
        "customers.Order",
        primary_key=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    placed_at = models.DateTimeField()
    previous_at = models.DateTimeField(null=True)
    previous2_at = models.DateTimeField(null=True)
    next_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("order beside its neighbours")
        verbose_name_plural = _("orders beside their neighbours")
        indexes = [
            # a period's orders with everything the activity counts read, from the index
            models.Index(
                fields=["placed_at"],
                include=["customer", "previous_at", "previous2_at", "next_at"],
                name="order_link_period",
            ),
        ]

    def __str__(self) -> str:
        return f"order {self.order_id}"
