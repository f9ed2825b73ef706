"""Keep the full-text index in step with tickets, inside the transaction of each change.

The ticket services announce every message (``message_added``) and every recorded change
(``events_recorded``); the index is derived data, so it listens instead of each service
writing it: a message added by any path (the mail channel, the portal, the API, a merge)
is indexed the same way, and the index commits or rolls back with the change.
"""

from __future__ import annotations

from typing import Any

from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.search_index import (
    index_append,
    index_rebuild,
    index_write,
    indexed_ticket,
)
from cortesia.tickets.signals import events_recorded, message_added

# A change of these fields changes what the document holds (its words, its stemming, its
# scope word): the document is built again.
REBUILT_ON = frozenset({"subject", "language", "team"})


def message_indexed(
    *, ticket: Ticket, message: TicketMessage, new_ticket: bool, **_kwargs: Any
) -> None:
    """Index a ticket's first message with its subject, or add a later one to its
    document (built whole when the ticket has none yet, as before a rebuild)."""
    if new_ticket:
        index_write(
            [
                indexed_ticket(
                    ticket_id=ticket.pk,
                    language=ticket.language,
                    team_id=ticket.team_id,
                    subject=ticket.subject,
                    bodies=[message.body_text],
                )
            ]
        )
    elif not index_append(ticket_id=ticket.pk, text=message.body_text):
        index_rebuild([ticket.pk])


def changes_indexed(*, events: list[TicketEvent], **_kwargs: Any) -> None:
    """Build again the documents of tickets whose subject, language or team changed, and
    of both tickets of a merge (the messages moved from one to the other)."""
    changed = {
        event.ticket_id
        for event in events
        if event.kind == TicketEvent.Kind.MERGED
        or (event.kind == TicketEvent.Kind.UPDATED and REBUILT_ON.intersection(event.fields))
    }
    if changed:
        index_rebuild(sorted(changed))


def search_receivers_connect() -> None:
    message_added.connect(message_indexed, sender=Ticket, dispatch_uid="tickets.search.message")
    events_recorded.connect(
        changes_indexed, sender=TicketEvent, dispatch_uid="tickets.search.changes"
    )
