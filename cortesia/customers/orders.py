"""Writes to orders: idempotent recording and status changes, each a timeline event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import is_currency
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict
from cortesia.customers.models import Customer, CustomerEvent, Order, OrderLine
from cortesia.customers.order_stats import COUNTED_STATUSES, order_stats_refresh
from cortesia.customers.signals import order_status_changed
from cortesia.customers.validation import ProfileCheck

MAX_AMOUNT = Decimal("99999999999999")


@dataclass(frozen=True)
class LineData:
    name: str
    quantity: int
    unit_price: str
    sku: str = ""
    category: str = ""


@dataclass(frozen=True)
class OrderData:
    number: str
    placed_at: datetime
    currency: str
    total: str  # a decimal string: money is never a float
    status: str = Order.Status.PLACED
    source: str = "api"
    lines: tuple[LineData, ...] = ()


def _amount(check: ProfileCheck, name: str, raw: str) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        check.fail(name, _("%(value)s is not an amount.") % {"value": raw})
        return Decimal(0)
    exponent = value.as_tuple().exponent
    too_precise = isinstance(exponent, int) and exponent < -4
    if not value.is_finite() or value < 0 or value > MAX_AMOUNT or too_precise:
        check.fail(name, _("%(value)s is not an amount.") % {"value": raw})
    return value


def _checked(data: OrderData) -> tuple[Decimal, list[OrderLine]]:
    check = ProfileCheck()
    if not data.number.strip():
        check.fail("number", _("The order number is required."))
    if data.placed_at.tzinfo is None:
        check.fail("placed_at", _("The time must include a time zone offset."))
    if not is_currency(data.currency.upper()):
        check.fail(
            "currency", _("%(value)s is not an ISO 4217 currency code.") % {"value": data.currency}
        )
    if (message := choice_error(data.status, Order.Status.values)) is not None:
        check.fail("status", message)
    total = _amount(check, "total", data.total)
    lines = []
    for index, line in enumerate(data.lines):
        if line.quantity < 1:
            check.fail(f"lines.{index}.quantity", _("The quantity must be at least 1."))
        price = _amount(check, f"lines.{index}.unit_price", line.unit_price)
        lines.append(
            OrderLine(
                sku=line.sku,
                name=line.name,
                category=line.category,
                quantity=line.quantity,
                unit_price=price,
            )
        )
    check.raise_if_any()
    return total, lines


@transaction.atomic
def order_record(
    *, customer: Customer, data: OrderData, actor: Actor, refresh_stats: bool = True
) -> tuple[Order, bool]:
    """Record an order once per (source, number); return it and whether it was new.

    ``refresh_stats=False`` leaves the customer's order statistics to the caller, which
    must refresh them in the same transaction (imports do it once per batch).

    Re-sending the same order returns the stored one unchanged (imports and webhooks retry).
    Raises FieldErrors for invalid values.
    """
    total, lines = _checked(data)
    existing = Order.objects.filter(source=data.source, number=data.number).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            order = Order.objects.create(
                customer=customer,
                source=data.source,
                number=data.number.strip(),
                placed_at=data.placed_at,
                currency=data.currency.upper(),
                total=total,
                status=data.status,
            )
    except IntegrityError:  # the same order arrived twice at once
        return Order.objects.get(source=data.source, number=data.number), False
    for line in lines:
        line.order = order
    OrderLine.objects.bulk_create(lines)
    if refresh_stats and order.status in COUNTED_STATUSES:
        order_stats_refresh([customer.pk])
    CustomerEvent.objects.create(
        customer=customer,
        kind=CustomerEvent.Kind.ORDER_PLACED,
        actor=actor.user,
        occurred_at=order.placed_at,
        data={
            "order": str(order.uid),
            "number": order.number,
            "currency": order.currency,
            "total": str(total),
            "status": order.status,
        },
    )
    return order, True


@transaction.atomic
def order_set_status(
    *, order: Order, status: Order.Status, actor: Actor, refresh_stats: bool = True
) -> Order:
    """Move the order to ``status`` (a conditional update) and record the change."""
    previous = order.status
    if previous == status:
        return order
    changed = Order.objects.filter(pk=order.pk, status=previous).update(status=status)
    if changed != 1:
        raise Conflict(_("Someone else changed this order. Reload and try again."))
    order.status = status
    if refresh_stats and (previous in COUNTED_STATUSES) != (status in COUNTED_STATUSES):
        order_stats_refresh([order.customer_id])
    CustomerEvent.objects.create(
        customer_id=order.customer_id,
        kind=CustomerEvent.Kind.ORDER_STATUS,
        actor=actor.user,
        data={"order": str(order.uid), "number": order.number, "from": previous, "to": status},
    )
    order_status_changed.send(sender=Order, order=order, previous=previous, actor=actor)
    return order
