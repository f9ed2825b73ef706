"""Per-customer order statistics in rolling windows, so segments on order count and amount
read one small row per customer instead of grouping millions of orders.

Windows are whole UTC days: "the last 30 days" on 24 November means orders placed from
25 October 00:00 UTC on. Every write that changes a customer's counted orders recomputes
that customer's rows (``order_stats_refresh``). Once a day the windows move:
``order_stats_roll`` recomputes the customers whose orders left (or, after a clock change,
entered) a window since the day the rows were computed for; segment counts call it first,
so they never read stale windows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.utils import timezone

from cortesia.customers.models import CustomerOrderStats, Order, OrderStatsState
from cortesia.customers.signals import counted_orders_changed

WINDOWS = (30, 90, 180, 365)
COUNTED_STATUSES = (
    Order.Status.PLACED,
    Order.Status.PAID,
    Order.Status.SHIPPED,
    Order.Status.DELIVERED,
)
REFRESH_CHUNK = 1000
INSERT_BATCH = 5000


def utc_today() -> date:
    return timezone.now().astimezone(UTC).date()


def window_start(today: date, days: int) -> datetime:
    """Return the first instant of a window of ``days`` whole UTC days ending ``today``."""
    return datetime.combine(today - timedelta(days=days), time.min, tzinfo=UTC)


def _counted(customer_ids: Iterable[int] | None) -> QuerySet[Order]:
    orders = Order.objects.filter(status__in=COUNTED_STATUSES).order_by()
    return orders if customer_ids is None else orders.filter(customer_id__in=customer_ids)


def _window_aggregates(today: date, *, amounts: bool) -> dict[str, Count | Sum]:
    fields: dict[str, Count | Sum] = {"count_all": Count("customer")}
    for days in WINDOWS:
        fields[f"count_{days}"] = Count(
            "customer", filter=Q(placed_at__gte=window_start(today, days))
        )
    if amounts:
        money: DecimalField[Any, Any] = DecimalField(max_digits=20, decimal_places=4)
        fields["amount_all"] = Sum("total", default=Value(0, output_field=money))
        for days in WINDOWS:
            fields[f"amount_{days}"] = Sum(
                "total",
                filter=Q(placed_at__gte=window_start(today, days)),
                default=Value(0, output_field=money),
            )
    return fields


def stats_rows(orders: QuerySet[Any], row: Callable[..., Any], today: date) -> Iterator[Any]:
    """Yield one statistics row per (customer, currency) and per customer ("" currency) of
    ``orders`` (already limited to counted statuses), built with ``row(**fields)``.

    Taking the queryset and the row factory lets the migration that fills the table use
    its historical models."""
    orders = orders.order_by()
    per_currency = orders.values("customer_id", "currency").annotate(
        **_window_aggregates(today, amounts=True)
    )
    for values in per_currency.iterator(chunk_size=INSERT_BATCH):
        yield row(**values)
    every_currency = orders.values("customer_id").annotate(
        **_window_aggregates(today, amounts=False)
    )
    for values in every_currency.iterator(chunk_size=INSERT_BATCH):
        yield row(currency="", **values)


def _rows(customer_ids: Iterable[int] | None, today: date) -> Iterator[CustomerOrderStats]:
    return stats_rows(_counted(customer_ids), CustomerOrderStats, today)


def _insert(rows: Iterator[CustomerOrderStats]) -> int:
    batch: list[CustomerOrderStats] = []
    inserted = 0
    for row in rows:
        batch.append(row)
        if len(batch) == INSERT_BATCH:
            inserted += len(CustomerOrderStats.objects.bulk_create(batch))
            batch = []
    if batch:
        inserted += len(CustomerOrderStats.objects.bulk_create(batch))
    return inserted


def _state(today: date) -> OrderStatsState:
    state = OrderStatsState.objects.select_for_update().order_by("pk").first()
    return state or OrderStatsState.objects.create(rolled_on=today)


@transaction.atomic
def order_stats_refresh(
    customer_ids: Iterable[int], today: date | None = None, *, rolled: bool = False
) -> None:
    """Recompute the statistics of these customers from their orders, with windows ending
    ``today`` (default: the current UTC day), and tell the apps above that their counted
    orders changed (not when only the windows ``rolled``). It takes no lock, so order
    writes never wait for each other; a roll later in the day recomputes whoever it
    must."""
    today = today or utc_today()
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        CustomerOrderStats.objects.filter(customer_id__in=chunk).delete()
        _insert(_rows(chunk, today))
    if ids and not rolled:
        counted_orders_changed.send(sender=CustomerOrderStats, customer_ids=ids)


@transaction.atomic
def order_stats_roll(today: date | None = None) -> int:
    """Move every window to end on ``today`` (default: the current UTC day); return how
    many customers were recomputed. Several processes may call it at once: the state row
    is locked, and the second caller finds the work done."""
    today = today or utc_today()
    state = _state(today)
    if state.rolled_on == today:
        return 0
    crossed = Q()
    for days in WINDOWS:
        edges = sorted((window_start(state.rolled_on, days), window_start(today, days)))
        crossed |= Q(placed_at__gte=edges[0], placed_at__lt=edges[1])
    state.rolled_on = today
    state.save(update_fields=["rolled_on"])
    ids = list(_counted(None).filter(crossed).values_list("customer_id", flat=True).distinct())
    order_stats_refresh(ids, today, rolled=True)
    return len(ids)


@transaction.atomic
def order_stats_rebuild(today: date | None = None) -> int:
    """Recompute every customer's statistics (after a bulk load); return the rows written."""
    today = today or utc_today()
    state = _state(today)
    state.rolled_on = today
    state.save(update_fields=["rolled_on"])
    CustomerOrderStats.objects.all().delete()
    return _insert(_rows(None, today))
