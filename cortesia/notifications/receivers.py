"""What the notifications app does when a ticket change is recorded."""

from __future__ import annotations

from cortesia.notifications.recipients import tellings
from cortesia.notifications.services import notifications_record
from cortesia.tickets.models import TicketEvent


def on_events_recorded(sender: object, *, events: list[TicketEvent], **kwargs: object) -> None:
    """Tell the people concerned about one ticket change, in its transaction. A change
    that concerns nobody costs no query."""
    told = tellings(events)
    if told:
        notifications_record(tellings=told)
