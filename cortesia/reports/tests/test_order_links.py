"""Order links follow every change of a customer's counted orders: a new order, a status
that stops or starts counting, a merge; a rebuild gives the same rows, and the daily roll
of the order statistics leaves them alone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.core.actor import Actor
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer, Order
from cortesia.customers.order_stats import order_stats_roll
from cortesia.customers.orders import OrderData, order_record, order_set_status
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.models import OrderLink
from cortesia.reports.order_links import order_links_rebuild

pytestmark = pytest.mark.django_db


def day(number: int) -> datetime:
    return datetime(2026, 11, number, 10, tzinfo=UTC)


def _customer(name: str) -> Customer:
    return customer_create(data=CustomerData(given_name=name), actor=Actor.system())


def _order(customer: Customer, number: str, on: int, status: str = "paid") -> Order:
    order, _new = order_record(
        customer=customer,
        data=OrderData(number, day(on), "EUR", "25.00", status=status),
        actor=Actor.system(),
    )
    return order


def _links() -> list[tuple[str, int, int | None, int | None, int | None]]:
    """(order number, day placed, previous day, second previous day, next day)."""
    rows = OrderLink.objects.order_by("placed_at", "order_id").values_list(
        "order_id", "placed_at", "previous_at", "previous2_at", "next_at"
    )
    numbers = dict(Order.objects.values_list("pk", "number"))

    def on(at: datetime | None) -> int | None:
        return None if at is None else at.day

    return [(numbers[pk], a.day, on(b), on(c), on(d)) for pk, a, b, c, d in rows]


def test_each_counted_order_knows_its_neighbours_and_uncounted_ones_are_skipped() -> None:
    giulia = _customer("Giulia")
    _order(giulia, "G-3", 3)
    _order(giulia, "G-1", 1)
    _order(giulia, "G-2", 2, status="cancelled")
    _order(giulia, "G-9", 9)
    _order(_customer("Marco"), "M-5", 5)
    assert _links() == [
        ("G-1", 1, None, None, 3),
        ("G-3", 3, 1, None, 9),
        ("M-5", 5, None, None, None),
        ("G-9", 9, 3, 1, None),
    ]


def test_a_status_that_stops_or_starts_counting_relinks_the_neighbours() -> None:
    giulia = _customer("Giulia")
    _order(giulia, "G-1", 1)
    middle = _order(giulia, "G-4", 4)
    _order(giulia, "G-8", 8)
    order_set_status(order=middle, status=Order.Status.RETURNED, actor=Actor.system())
    assert _links() == [("G-1", 1, None, None, 8), ("G-8", 8, 1, None, None)]
    order_set_status(order=middle, status=Order.Status.DELIVERED, actor=Actor.system())
    assert _links() == [
        ("G-1", 1, None, None, 4),
        ("G-4", 4, 1, None, 8),
        ("G-8", 8, 4, 1, None),
    ]


def test_a_merge_interleaves_the_duplicate_s_orders() -> None:
    giulia, duplicate = _customer("Giulia"), _customer("Giulia R.")
    _order(giulia, "G-1", 1)
    _order(giulia, "G-6", 6)
    _order(duplicate, "D-3", 3)
    customer_merge(target=giulia, duplicate=duplicate, actor=Actor.system())
    assert _links() == [
        ("G-1", 1, None, None, 3),
        ("D-3", 3, 1, None, 6),
        ("G-6", 6, 3, 1, None),
    ]
    assert set(OrderLink.objects.values_list("customer_id", flat=True)) == {giulia.pk}


def test_a_rebuild_gives_the_rows_the_changes_kept() -> None:
    giulia = _customer("Giulia")
    for number, on in (("G-1", 1), ("G-2", 2), ("G-5", 5)):
        _order(giulia, number, on)
    kept = _links()
    OrderLink.objects.all().delete()
    assert order_links_rebuild() == 3
    assert _links() == kept


def test_the_daily_roll_of_order_statistics_leaves_the_links_alone() -> None:
    _order(_customer("Giulia"), "G-1", 1)
    order_stats_roll(day(2).date())
    # 1 December: the order of 1 November leaves the 30-day window, Giulia is recomputed
    with CaptureQueriesContext(connection) as run:
        assert order_stats_roll(datetime(2026, 12, 20, tzinfo=UTC).date()) == 1
    assert [q["sql"] for q in run.captured_queries if "reports_orderlink" in q["sql"]] == []
    assert _links() == [("G-1", 1, None, None, None)]
