"""What the ticket services announce to apps above them (mail, later chat and surveys).

Signals are sent inside the transaction that made the change: a receiver that writes rows
commits or rolls back with it, and sends anything outside only through
``transaction.on_commit``.
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with ticket=, message= and new_ticket= (True for a ticket's first message).
message_added = Signal()
# Sent with events= (a list of saved TicketEvent rows of one ticket change) after every
# change is recorded: notifications, automations, search and webhooks start from here.
events_recorded = Signal()
