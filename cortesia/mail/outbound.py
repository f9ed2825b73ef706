"""Mail we send: agents' replies on e-mail tickets and acknowledgements of new tickets.

Each mail is a row first (the outbox), committed with the change that caused it, with our
own Message-ID and the ticket's In-Reply-To/References so the customer's replies thread
back. :mod:`cortesia.mail.sending` delivers the rows.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from cortesia.core.enqueue import enqueue_after_commit
from cortesia.customers.models import CustomerEmail
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.sending import delivery_mirror, outbound_send, outbound_send_many
from cortesia.tickets.models import Ticket, TicketMessage

REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|vs|r|rif|odp|отг|rv|ynt|رد)\s*:\s*)+", re.IGNORECASE)
MAX_REFERENCES = 20
ACKS_PER_ADDRESS_PER_HOUR = 5
# The mails put in the outbox inside outbound_sends_held(), else None.
_held_sends: ContextVar[list[int] | None] = ContextVar("held_sends", default=None)


@contextmanager
def outbound_sends_held() -> Iterator[None]:
    """Hand every mail put in the outbox inside the block to the sender as one task, at
    the end of the block (still inside the caller's transaction, so the task is queued
    with the rows, or not at all). A mail whose savepoint was rolled back is skipped by
    the sender, which claims only rows that exist. Nothing is queued if the block raises.
    """
    held: list[int] = []
    token = _held_sends.set(held)
    try:
        yield
    finally:
        _held_sends.reset(token)
    if held:
        enqueue_after_commit(outbound_send_many, outbound_ids=list(dict.fromkeys(held)))


def mailbox_for(ticket: Ticket) -> Mailbox | None:
    """The mailbox the customer last wrote to, else the first active one."""
    latest = (
        InboundMail.objects.filter(ticket=ticket).select_related("mailbox").order_by("-id").first()
    )
    if latest is not None:
        return latest.mailbox
    return Mailbox.objects.filter(is_active=True).order_by("id").first()


def mailboxes_for(ticket_ids: Collection[int]) -> dict[int, Mailbox | None]:
    """``mailbox_for`` of many tickets in two queries: the mailbox each customer last
    wrote to, else the first active one."""
    latest: dict[int, Mailbox] = {}
    mails = (
        InboundMail.objects.filter(ticket_id__in=ticket_ids)
        .select_related("mailbox")
        .order_by("ticket_id", "-id")
    )
    for mail in mails:
        if mail.ticket_id is not None:
            latest.setdefault(mail.ticket_id, mail.mailbox)
    fallback = None if len(latest) == len(ticket_ids) else default_mailbox()
    return {ticket_id: latest.get(ticket_id, fallback) for ticket_id in ticket_ids}


def reply_subject(ticket: Ticket) -> str:
    base = REPLY_PREFIX.sub("", " ".join(ticket.subject.split()))
    return f"Re: [#{ticket.number}] {base}"


def _thread(ticket: Ticket) -> tuple[str, str]:
    """Return In-Reply-To (the customer's latest mail) and References (oldest first)."""
    theirs = list(
        InboundMail.objects.filter(ticket=ticket)
        .exclude(message_id="")
        .order_by("received_at", "id")
        .values_list("received_at", "message_id")
    )
    ours = list(
        OutboundMail.objects.filter(ticket=ticket)
        .order_by("created_at", "id")
        .values_list("created_at", "message_id")
    )
    ids = [message_id for _at, message_id in sorted(theirs + ours)][-MAX_REFERENCES:]
    in_reply_to = theirs[-1][1] if theirs else ""
    return in_reply_to, " ".join(f"<{message_id}>" for message_id in ids)


def customer_address(ticket: Ticket) -> str:
    """The customer's primary e-mail address, or ""."""
    primary = (
        CustomerEmail.objects.filter(customer_id=ticket.customer_id)
        .order_by("-is_primary", "id")
        .values_list("address", flat=True)
        .first()
    )
    return primary or ""


def new_message_id(mailbox: Mailbox) -> str:
    domain = mailbox.address.rpartition("@")[2] or "localhost"
    return f"{uuid.uuid4().hex}@{domain}"


def outbound_queue(
    *,
    ticket: Ticket,
    kind: str,
    body_text: str,
    body_html: str = "",
    message: TicketMessage | None = None,
    answering: InboundMail | None = None,
    cc: Sequence[str] = (),
    is_automatic: bool = False,
) -> OutboundMail | None:
    """Put a mail to the ticket's customer in the outbox, copied to ``cc``; None when there
    is no address or no mailbox to send from. It leaves after the transaction commits.
    ``answering`` is the mail that opened the ticket (its mailbox, sender and Message-ID
    are the thread). ``is_automatic``: a reply a rule sent, marked so (RFC 3834)."""
    if answering is not None:
        mailbox, to = answering.mailbox, answering.sender
        in_reply_to = answering.message_id
        references = f"<{in_reply_to}>" if in_reply_to else ""
    else:
        found, to = mailbox_for(ticket), customer_address(ticket)
        if found is None:
            return None
        mailbox = found
        in_reply_to, references = _thread(ticket)
    if not to:
        return None
    outbound = OutboundMail.objects.create(
        ticket=ticket,
        ticket_message=message,
        mailbox=mailbox,
        kind=kind,
        message_id=new_message_id(mailbox),
        in_reply_to=in_reply_to,
        references=references,
        to=to,
        cc=", ".join(address for address in cc if address != to),
        subject=reply_subject(ticket),
        body_text=body_text,
        body_html=body_html,
        is_automatic=is_automatic,
        next_attempt_at=timezone.now(),
    )
    delivery_mirror(outbound, TicketMessage.Delivery.QUEUED)
    held = _held_sends.get()
    if held is None:
        enqueue_after_commit(outbound_send, outbound_id=outbound.pk)
    else:
        held.append(outbound.pk)
    return outbound


def acknowledgements_to(address: str) -> int:
    """How many acknowledgements went to ``address`` in the last hour (the loop breaker)."""
    since = timezone.now() - timedelta(hours=1)
    return OutboundMail.objects.filter(
        kind=OutboundMail.Kind.ACKNOWLEDGEMENT, to=address, created_at__gte=since
    ).count()


def acknowledgements_to_each(addresses: Collection[str]) -> dict[str, int]:
    """How many acknowledgements went to each of ``addresses`` in the last hour, in one
    query (0 for an address that got none)."""
    since = timezone.now() - timedelta(hours=1)
    sent = (
        OutboundMail.objects.filter(
            kind=OutboundMail.Kind.ACKNOWLEDGEMENT, to__in=addresses, created_at__gte=since
        )
        .values_list("to")
        .annotate(count=Count("id"))
        .order_by()
    )
    return dict.fromkeys(addresses, 0) | dict(sent)


@dataclass(frozen=True)
class GeneratedMail:
    """A mail a machine writes to a customer on its own (a survey invitation)."""

    mailbox: Mailbox
    to: str
    subject: str
    body_text: str
    body_html: str
    language: str
    headers: dict[str, str] = field(default_factory=dict)
    ticket: Ticket | None = None  # the ticket it is about, so a reply threads onto it


def default_mailbox() -> Mailbox | None:
    """The mailbox a mail about no ticket is sent from: the first active one."""
    return Mailbox.objects.filter(is_active=True).order_by("id").first()


def outbound_queue_generated(*, kind: str, mails: Sequence[GeneratedMail]) -> list[OutboundMail]:
    """Put generated mails in the outbox with one insert; they leave after the transaction
    commits, in one task. Sent as ``Auto-Submitted: auto-generated`` with a null envelope
    sender (``sending.build_message``)."""
    if not mails:
        return []
    now = timezone.now()
    rows = OutboundMail.objects.bulk_create(
        [
            OutboundMail(
                ticket=mail.ticket,
                mailbox=mail.mailbox,
                kind=kind,
                message_id=new_message_id(mail.mailbox),
                to=mail.to,
                subject=mail.subject,
                body_text=mail.body_text,
                body_html=mail.body_html,
                language=mail.language,
                headers=mail.headers,
                is_automatic=True,
                next_attempt_at=now,
            )
            for mail in mails
        ]
    )
    enqueue_after_commit(outbound_send_many, outbound_ids=[row.pk for row in rows])
    return rows
