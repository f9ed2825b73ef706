"""A timeline entry of a recorded fact carries the time of the fact, not of its recording."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create, customer_event_record
from cortesia.tickets.models import TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
RECORDED = datetime(2026, 12, 5, 16, 5, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Iterator[Customer]:
    with time_machine.travel(RECORDED, tick=False):
        yield customer_create(
            data=CustomerData(given_name="Giulia", surname="Rossi"), actor=Actor.system()
        )


def _times(customer: Customer, kind: CustomerEvent.Kind) -> list[datetime]:
    return list(
        CustomerEvent.objects.filter(customer=customer, kind=kind)
        .order_by("occurred_at")
        .values_list("occurred_at", flat=True)
    )


def test_an_order_recorded_later_is_on_the_timeline_when_it_was_placed(giulia: Customer) -> None:
    # given: two orders placed in October, recorded in December
    placed = [datetime(2026, 10, 1, 12, 0, tzinfo=UTC), datetime(2026, 10, 1, 14, 30, tzinfo=UTC)]
    for number, at in zip(("A-1", "A-2"), placed, strict=True):
        order_record(
            customer=giulia,
            actor=Actor.system(),
            data=OrderData(number=number, currency="EUR", total="10", placed_at=at),
        )
    # then: the timeline has the times they were placed, and nothing dated today
    assert _times(giulia, CustomerEvent.Kind.ORDER_PLACED) == placed
    assert _times(giulia, CustomerEvent.Kind.CREATED) == [RECORDED]


def test_a_ticket_created_with_its_own_date_is_on_the_timeline_at_that_date(
    giulia: Customer,
) -> None:
    # given: a ticket imported with the date of its first message
    opened = datetime(2026, 12, 2, 9, 15, tzinfo=UTC)
    ticket = ticket_create(
        data=TicketData(
            subject="Il pacco non è arrivato",
            customer=giulia,
            created_at=opened,
            message=MessageData(body_text="Dov'è?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    # then: the ticket, its first message, its own event and the timeline agree
    assert ticket.created_at == opened
    assert list(ticket.messages.values_list("created_at", flat=True)) == [opened]
    assert list(
        ticket.events.filter(kind=TicketEvent.Kind.CREATED).values_list("occurred_at", flat=True)
    ) == [opened]
    assert _times(giulia, CustomerEvent.Kind.TICKET_CREATED) == [opened]


def test_a_ticket_created_now_is_on_the_timeline_now(giulia: Customer) -> None:
    ticket_create(
        data=TicketData(
            subject="Subito",
            customer=giulia,
            message=MessageData(body_text="Help.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    assert _times(giulia, CustomerEvent.Kind.TICKET_CREATED) == [RECORDED]


def test_an_event_recorded_without_a_time_is_dated_now(giulia: Customer) -> None:
    event = customer_event_record(
        customer=giulia, kind=CustomerEvent.Kind.TICKET_SOLVED, data={}, actor=Actor.system()
    )
    event.refresh_from_db()
    assert event.occurred_at == RECORDED
