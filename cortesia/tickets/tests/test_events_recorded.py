"""Every recorded ticket event is announced once, inside the transaction that wrote it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.signals import events_recorded

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard() -> Iterator[list[tuple[str, bool]]]:
    """(kind, whether the row was already saved) of every announced event."""
    seen: list[tuple[str, bool]] = []

    def listen(sender: object, events: list[TicketEvent], **_: object) -> None:
        seen.extend(
            (event.kind, TicketEvent.objects.filter(pk=event.pk).exists()) for event in events
        )

    events_recorded.connect(listen, dispatch_uid="test.heard")
    yield seen
    events_recorded.disconnect(dispatch_uid="test.heard")


def test_creation_and_a_change_are_each_announced_once(
    alice: User, heard: list[tuple[str, bool]]
) -> None:
    actor = Actor(user=alice)
    customer = customer_create(
        data=CustomerData(given_name="Aino", surname="Virtanen", emails=["aino@example.fi"]),
        actor=actor,
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Tilaus",
            customer=customer,
            channel=Ticket.Channel.EMAIL,
            message=MessageData(body_text="Missä tilaukseni on?", author_kind="customer"),
        ),
        actor=actor,
    )
    created = list(heard)

    ticket_update(
        ticket=ticket,
        changes=TicketChanges(priority="high"),
        expected_version=ticket.version,
        actor=actor,
    )

    assert created == [("created", True), ("customer_replied", True)]
    assert heard[2:] == [("updated", True)]
    assert TicketEvent.objects.filter(ticket=ticket).count() == len(heard)
