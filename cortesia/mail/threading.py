"""Which ticket a mail belongs to: our own Message-IDs first (In-Reply-To, then
References, newest first), then a ``[#1042]`` tag in the subject.

A mail that points at a ticket but comes from an address that is neither the ticket's
customer's nor one the conversation keeps copied never lands on it (reply hijacking); the
caller opens a new ticket instead and says which ticket it cited. A copied address joins
as itself (``is_from_copied``): the ticket's customer stays who it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cortesia.customers.models import CustomerEmail
from cortesia.mail.models import InboundMail, OutboundMail, TicketRecipient
from cortesia.mail.parsing import ParsedMail
from cortesia.tickets.models import Ticket

SUBJECT_TAG = re.compile(r"\[#(\d{1,12})\]")


@dataclass(frozen=True)
class Thread:
    ticket: Ticket | None  # the ticket to add the mail to
    cited: Ticket | None  # a ticket the mail pointed at but may not join
    is_from_copied: bool = False  # the sender is copied on the ticket, not its customer


def _cited(mail: ParsedMail) -> Ticket | None:
    ids = [*mail.in_reply_to, *reversed(mail.references)]
    if ids:
        ours = dict(
            OutboundMail.objects.filter(message_id__in=ids).values_list("message_id", "ticket_id")
        )
        theirs = dict(
            InboundMail.objects.filter(message_id__in=ids, ticket__isnull=False).values_list(
                "message_id", "ticket_id"
            )
        )
        for message_id in ids:
            ticket_id = ours.get(message_id) or theirs.get(message_id)
            if ticket_id is not None:
                return Ticket.objects.select_related("customer").get(pk=ticket_id)
    tag = SUBJECT_TAG.search(mail.subject)
    if tag:
        return Ticket.objects.select_related("customer").filter(number=int(tag.group(1))).first()
    return None


def find_thread(mail: ParsedMail) -> Thread:
    cited = _cited(mail)
    if cited is None:
        return Thread(None, None)
    if cited.merged_into_id is not None:
        cited = Ticket.objects.select_related("customer").get(pk=cited.merged_into_id)
    participant = CustomerEmail.objects.filter(
        customer_id=cited.customer_id, address=mail.from_address
    ).exists()
    if participant:
        return Thread(cited, None)
    copied = TicketRecipient.objects.filter(ticket=cited, address=mail.from_address).exists()
    return Thread(cited, None, is_from_copied=True) if copied else Thread(None, cited)
