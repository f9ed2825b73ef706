from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from cortesia.core.actor import Actor
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer, CustomerOrderStats, Order
from cortesia.customers.order_stats import order_stats_rebuild, order_stats_roll
from cortesia.customers.orders import OrderData, order_record, order_set_status
from cortesia.customers.segments import segment_count
from cortesia.customers.services import CustomerData, customer_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _customer(name: str) -> Customer:
    return customer_create(data=CustomerData(given_name=name), actor=Actor.system())


def _order(customer: Customer, number: str, placed: datetime, total: str = "10") -> Order:
    order, _created = order_record(
        customer=customer,
        actor=Actor.system(),
        data=OrderData(number=number, currency="EUR", total=total, placed_at=placed),
    )
    return order


def _stats(customer: Customer) -> dict[str, tuple[Any, ...]]:
    return {
        row.currency or "*": (row.count_30, row.count_365, row.count_all, row.amount_30)
        for row in CustomerOrderStats.objects.filter(customer=customer)
    }


def _within_30(count: int) -> dict[str, Any]:
    return {
        "op": "and",
        "rules": [{"field": "order_count", "operator": "gte", "value": count, "days": 30}],
    }


def test_windows_are_whole_utc_days_and_move_each_day() -> None:
    with time_machine.travel(datetime(2026, 3, 31, 23, 0, tzinfo=UTC), tick=False):
        ana = _customer("Ana")
        _order(ana, "A-1", datetime(2026, 3, 1, 0, 0, tzinfo=UTC))  # first instant of the window
        _order(ana, "A-2", datetime(2026, 2, 28, 23, 59, tzinfo=UTC), total="5")
        assert _stats(ana) == {
            "EUR": (1, 2, 2, Decimal("10.0000")),
            "*": (1, 2, 2, Decimal(0)),
        }
        assert segment_count(_within_30(1)) == 1
    with time_machine.travel(datetime(2026, 4, 1, 0, 30, tzinfo=UTC), tick=False):
        assert segment_count(_within_30(1)) == 0  # the day changed: A-1 left the window
        assert _stats(ana)["EUR"] == (0, 2, 2, Decimal("0.0000"))
        assert order_stats_roll(date(2026, 4, 1)) == 0  # already rolled today
    with time_machine.travel(datetime(2026, 3, 31, 12, 0, tzinfo=UTC), tick=False):
        assert segment_count(_within_30(1)) == 1  # and back, after a clock change


def test_cancelling_and_merging_update_the_statistics() -> None:
    with time_machine.travel(datetime(2026, 5, 10, 12, 0, tzinfo=UTC), tick=False):
        ana, bea = _customer("Ana"), _customer("Bea")
        kept = _order(ana, "A-1", datetime(2026, 5, 9, tzinfo=UTC))
        cancelled = _order(ana, "A-2", datetime(2026, 5, 9, tzinfo=UTC))
        _order(bea, "B-1", datetime(2026, 5, 8, tzinfo=UTC), total="7.5")
        order_set_status(order=cancelled, status=Order.Status.CANCELLED, actor=Actor.system())
        assert _stats(ana)["*"] == (1, 1, 1, Decimal(0))
        order_set_status(order=kept, status=Order.Status.SHIPPED, actor=Actor.system())
        assert _stats(ana)["*"] == (1, 1, 1, Decimal(0))  # still counted
        customer_merge(target=ana, duplicate=bea, actor=Actor.system())
        assert _stats(ana)["EUR"] == (2, 2, 2, Decimal("17.5000"))
        assert _stats(bea) == {}
        assert segment_count(_within_30(2)) == 1


def test_rebuild_equals_what_the_writes_kept() -> None:
    with time_machine.travel(datetime(2026, 8, 1, 9, 0, tzinfo=UTC), tick=False):
        for index, name in enumerate(("Ana", "Bea", "Cai")):
            customer = _customer(name)
            for number in range(index + 1):
                _order(customer, f"{name}-{number}", datetime(2026, 7, 1 + number, tzinfo=UTC))
        kept = sorted(
            CustomerOrderStats.objects.values_list(
                "customer_id", "currency", "count_30", "count_all", "amount_all"
            )
        )
        assert order_stats_rebuild() == 6
        rebuilt = sorted(
            CustomerOrderStats.objects.values_list(
                "customer_id", "currency", "count_30", "count_all", "amount_all"
            )
        )
    assert rebuilt == kept
    assert [row[3] for row in kept if row[1] == ""] == [1, 2, 3]
