"""What the messaging channels do when a message is added to a ticket."""

from __future__ import annotations

from cortesia.messaging.outbox import answer_queue
from cortesia.tickets.models import Ticket, TicketMessage


def on_message_added(
    sender: object, *, ticket: Ticket, message: TicketMessage, **kwargs: object
) -> None:
    """Queue an agent's public reply on a WhatsApp or Telegram conversation's ticket for
    the customer's app (the outbox sends it once the reply commits)."""
    answer_queue(ticket=ticket, message=message)
