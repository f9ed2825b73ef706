"""What a signed-in customer may read: their own requests, their public conversation and
its files. Anything else is NotFound, exactly like something that does not exist."""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.lib.html import link_inline_images
from cortesia.tickets.attachments import attachment_path
from cortesia.tickets.models import Ticket, TicketAttachment, TicketMessage

PAGE_SIZE = 25


def portal_tickets(*, customer: Customer) -> QuerySet[Ticket]:
    """The customer's requests, latest activity first (merged-away tickets are left out:
    their conversation continues in the ticket they went into)."""
    return (
        Ticket.objects.filter(customer=customer, merged_into__isnull=True)
        .only("uid", "number", "subject", "status", "created_at", "updated_at", "customer_id")
        .order_by("-updated_at", "-id")
    )


def portal_ticket(*, customer: Customer, uid: str) -> Ticket:
    try:
        key = uuid.UUID(str(uid))
    except ValueError:
        raise NotFound("ticket") from None
    ticket = Ticket.objects.filter(customer=customer, uid=key).first()
    if ticket is None:
        raise NotFound("ticket")
    return ticket


def portal_messages(*, ticket: Ticket) -> QuerySet[TicketMessage]:
    """The public conversation: replies only, never internal notes, oldest first, with the
    files each carries (infected ones left out)."""
    return (
        TicketMessage.objects.filter(ticket=ticket, kind=TicketMessage.Kind.REPLY)
        .select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=_deliverable_attachments()))
        .order_by("created_at", "id")
    )


def _deliverable_attachments() -> QuerySet[TicketAttachment]:
    # An infected file is kept as evidence for the staff; a customer never gets it.
    return TicketAttachment.objects.exclude(scan=TicketAttachment.Scan.INFECTED)


def portal_body(*, ticket: Ticket, message: TicketMessage) -> str:
    """The message's HTML with a mail's inline (``cid:``) images pointed at the portal's
    own file addresses (the message's files must be prefetched)."""
    urls = {
        file.content_id: reverse("portal:attachment", args=[ticket.uid, file.uid]) + "?inline=1"
        for file in message.attachments.all()
        if file.content_id
    }
    return link_inline_images(message.body_html, urls)


def portal_attachment(*, ticket: Ticket, uid: str) -> TicketAttachment:
    """A file of a public reply of ``ticket`` (got through :func:`portal_ticket`); files of
    internal notes, uploads not sent yet and infected files are NotFound."""
    try:
        key = uuid.UUID(str(uid))
    except ValueError:
        raise NotFound("attachment") from None
    attachment = (
        _deliverable_attachments()
        .filter(ticket=ticket, uid=key, message__kind=TicketMessage.Kind.REPLY)
        .first()
    )
    if attachment is None or not attachment_path(attachment).is_file():
        raise NotFound("attachment")
    return attachment
