"""What the feedback app does when a ticket is solved or an order delivered: schedule the
surveys whose trigger it is (``triggering``), in the same transaction."""

from __future__ import annotations

from cortesia.core.actor import Actor
from cortesia.customers.models import Order
from cortesia.tickets.models import TicketEvent


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Schedule the ticket-solved surveys of a ticket that was just solved."""
    from cortesia.feedback.triggering import ticket_solved_heard

    ticket_solved_heard(events)


def on_order_status_changed(
    sender: object, *, order: Order, previous: str, actor: Actor, **kwargs: object
) -> None:
    """Schedule the order-delivered surveys of an order that was just delivered."""
    from cortesia.feedback.triggering import order_delivered_heard

    if order.status == Order.Status.DELIVERED and previous != Order.Status.DELIVERED:
        order_delivered_heard(order)
