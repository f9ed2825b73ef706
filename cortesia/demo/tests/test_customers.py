"""The demo's orders, placed weeks before it is loaded, appear on the timelines at their
own dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.customers.models import CustomerEvent, Order
from cortesia.demo.customers import CUSTOMERS, load_demo_customers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
LOADED = datetime(2026, 12, 5, 16, 5, tzinfo=UTC)


def test_the_demo_orders_are_on_the_timeline_when_they_were_placed() -> None:
    # given: the demo customers loaded on 5 December
    with time_machine.travel(LOADED, tick=False):
        load_demo_customers()
    # then: each order's entry has its placed_at, and Giulia's (the first customer's)
    # orders are on 1 October at noon
    placed = sorted((str(uid), at) for uid, at in Order.objects.values_list("uid", "placed_at"))
    entries = sorted(
        (event.data["order"], event.occurred_at)
        for event in CustomerEvent.objects.filter(kind=CustomerEvent.Kind.ORDER_PLACED)
    )
    assert entries == placed
    assert len(entries) == sum(len(spec.orders) for spec in CUSTOMERS)
    giulia = CustomerEvent.objects.filter(
        kind=CustomerEvent.Kind.ORDER_PLACED, customer__emails__address=CUSTOMERS[0].email
    )
    assert {event.occurred_at for event in giulia} == {datetime(2026, 10, 1, 12, 0, tzinfo=UTC)}
    assert not CustomerEvent.objects.filter(
        kind=CustomerEvent.Kind.ORDER_PLACED, occurred_at=LOADED
    ).exists()
