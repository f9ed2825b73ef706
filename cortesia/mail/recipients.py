"""The addresses a ticket's mail conversation keeps copied besides the customer.

An inbound mail's Cc addresses join the ticket's list, except our own mailboxes, the
sender and the customer's addresses. An agent's reply goes to the customer with a copy to
the list, or to the copies the agent chose in the composer, which then become the list.
A reply from a copied address joins the ticket as that person's message; the ticket's
customer never changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from cortesia.customers.models import CustomerEmail
from cortesia.mail.models import Mailbox, TicketRecipient
from cortesia.tickets.composer import MAX_COPIED, copied_kept
from cortesia.tickets.models import Ticket


def recipients_of(ticket: Ticket) -> list[str]:
    """Return the addresses kept copied on ``ticket``, in the order they were added."""
    return copied_kept(ticket)


def is_copied(ticket_id: int, address: str) -> bool:
    """Return True when ``address`` is kept copied on the ticket."""
    return TicketRecipient.objects.filter(ticket_id=ticket_id, address=address.lower()).exists()


def _not_copied(ticket: Ticket) -> set[str]:
    """The addresses never kept: our mailboxes' and the customer's own."""
    ours = Mailbox.objects.values_list("address", flat=True)
    theirs = CustomerEmail.objects.filter(customer_id=ticket.customer_id).values_list(
        "address", flat=True
    )
    return {address.lower() for address in [*ours, *theirs]}


def recipients_keep(*, ticket: Ticket, addresses: Iterable[str], sender: str = "") -> list[str]:
    """Add the addresses a mail copied to ``ticket``'s list (up to MAX_COPIED in all);
    return the ones added. Our mailboxes, ``sender`` and the customer's addresses are
    left out; an address already kept is not added twice."""
    wanted = [address.lower() for address in addresses if address]
    if not wanted:
        return []
    skipped = _not_copied(ticket) | {sender.lower(), *recipients_of(ticket)}
    room = MAX_COPIED - TicketRecipient.objects.filter(ticket=ticket).count()
    added = [address for address in dict.fromkeys(wanted) if address not in skipped][: max(room, 0)]
    TicketRecipient.objects.bulk_create(
        [TicketRecipient(ticket=ticket, address=address) for address in added],
        ignore_conflicts=True,  # a concurrent mail kept the same address first
    )
    return added


@transaction.atomic
def recipients_replace(*, ticket: Ticket, addresses: Iterable[str]) -> list[str]:
    """Make ``addresses`` (already validated, at most MAX_COPIED) the ticket's list,
    leaving out the customer's and our own addresses; return the addresses kept."""
    skipped = _not_copied(ticket)
    kept = [a for a in dict.fromkeys(a.lower() for a in addresses) if a not in skipped]
    TicketRecipient.objects.filter(ticket=ticket).exclude(address__in=kept).delete()
    TicketRecipient.objects.bulk_create(
        [TicketRecipient(ticket=ticket, address=address) for address in kept[:MAX_COPIED]],
        ignore_conflicts=True,
    )
    return kept[:MAX_COPIED]
