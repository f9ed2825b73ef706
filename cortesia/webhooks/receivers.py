"""What webhooks do when a ticket or a customer changes: write the outbox rows, in the
change's transaction, for each active subscription that asks for the event. While no
webhook is active this costs no query (see ``webhooks.activity``)."""

from __future__ import annotations

from cortesia.customers.models import Customer, CustomerEvent
from cortesia.tickets.models import TicketEvent
from cortesia.webhooks.activity import may_have_active_webhooks
from cortesia.webhooks.events import customer_event_outgoing, ticket_events_outgoing
from cortesia.webhooks.models import Subscription
from cortesia.webhooks.services import deliveries_record


def _active() -> list[Subscription]:
    if not may_have_active_webhooks():  # no query while no webhook is active
        return []
    return list(Subscription.objects.filter(is_active=True).only("pk", "events", "is_active"))


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Record the webhook deliveries of one ticket change."""
    subscriptions = _active()
    if not subscriptions:
        return
    wanted = {name for subscription in subscriptions for name in subscription.events}
    outgoing = ticket_events_outgoing(events, wanted)
    if outgoing:
        deliveries_record(outgoing=outgoing, subscriptions=subscriptions)


def on_customer_changed(
    sender: object,
    *,
    customer: Customer,
    kind: str,
    event: CustomerEvent | None = None,
    **kwargs: object,
) -> None:
    """Record the webhook deliveries of one customer change."""
    subscriptions = _active()
    if not subscriptions:
        return
    wanted = {name for subscription in subscriptions for name in subscription.events}
    outgoing = customer_event_outgoing(customer=customer, kind=kind, event=event)
    if outgoing is not None and outgoing.type in wanted:
        deliveries_record(outgoing=[outgoing], subscriptions=subscriptions)
