"""Delivering the outbox over SMTP: at most one sender per mail, retries with backoff.

A mail is claimed (queued → sending) with a conditional update, sent, then marked sent.
SMTP trouble puts it back in the queue for later (1, 2, 5, 10, 30, 60 minutes…) until
``MAX_ATTEMPTS``, then it is failed and shown so. A worker that dies while sending leaves
the mail "sending"; the drain job puts it back after ``CLAIM_TIMEOUT``. That retry may
deliver it a second time, with the same Message-ID, which mail clients show once.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from datetime import datetime, timedelta
from email.utils import formataddr

from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django_tasks import task

from cortesia.core.automatic_mail import send_automatic
from cortesia.core.errors import DomainError
from cortesia.culture.local_formats import writing_direction
from cortesia.mail.mailboxes import mailbox_smtp_connection
from cortesia.mail.models import OutboundMail
from cortesia.tickets.attachments import attachment_path
from cortesia.tickets.composer import reply_language, signing_name, spoken_language
from cortesia.tickets.models import TicketAttachment, TicketMessage
from cortesia.tickets.services import message_delivery_record

Delivery = TicketMessage.Delivery

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
BACKOFF_MINUTES = (1, 2, 5, 10, 30, 60, 120)
CLAIM_TIMEOUT = timedelta(minutes=10)


def _one_line(value: str) -> str:
    """Header text on one line: CR and LF can never start a header of their own."""
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def sender_name(outbound: OutboundMail) -> str:
    """Return the display name of ``outbound``: the name its text is signed with (company,
    else the ticket's team, else the site's sender). The mailbox's team names only a mail
    about no ticket, so From and signature never disagree when a ticket moved teams."""
    if outbound.ticket is None:
        return _one_line(signing_name(outbound.mailbox.team))
    return _one_line(signing_name(outbound.ticket.team))


def copied(outbound: OutboundMail) -> list[str]:
    """Return the addresses ``outbound`` is copied to, in order."""
    return [_one_line(address) for address in outbound.cc.split(",") if address.strip()]


def build_message(outbound: OutboundMail) -> EmailMultiAlternatives:
    mailbox = outbound.mailbox
    headers = {"Message-ID": f"<{outbound.message_id}>"}
    if outbound.in_reply_to:
        headers["In-Reply-To"] = f"<{outbound.in_reply_to}>"
    if outbound.references:
        headers["References"] = _one_line(outbound.references)
    if outbound.kind == OutboundMail.Kind.SURVEY:
        # Not an answer to the customer's mail: generated (RFC 3834), and no robot
        # should answer it.
        headers["Auto-Submitted"] = "auto-generated"
        headers["X-Auto-Response-Suppress"] = "All"
    elif outbound.kind == OutboundMail.Kind.ACKNOWLEDGEMENT or outbound.is_automatic:
        headers["Auto-Submitted"] = "auto-replied"
        headers["X-Auto-Response-Suppress"] = "All"
    for name, value in outbound.headers.items():
        headers[_one_line(name)] = _one_line(str(value))
    message = EmailMultiAlternatives(
        subject=_one_line(outbound.subject),
        body=outbound.body_text,
        from_email=formataddr((sender_name(outbound), mailbox.address)),
        to=[_one_line(address) for address in outbound.to.split(",") if address.strip()],
        cc=copied(outbound),
        headers=headers,
    )
    # An agent writes in the customer's language; an acknowledgement is in the nearest
    # language the product speaks.
    if outbound.language:
        language = outbound.language
    else:
        language = reply_language(outbound.ticket) if outbound.ticket is not None else ""
        if outbound.kind == OutboundMail.Kind.ACKNOWLEDGEMENT or not language:
            language = spoken_language(language)
    message.extra_headers["Content-Language"] = language
    if outbound.body_html:
        # The customer's mail program lays the text out in their language's direction.
        markup = (
            f'<div lang="{escape(language)}" dir="{writing_direction(language)}">'
            f"{outbound.body_html}</div>"
        )
        message.attach_alternative(markup, "text/html")
    _attach_files(message, outbound)
    return message


def _attach_files(message: EmailMultiAlternatives, outbound: OutboundMail) -> None:
    """Attach the ticket's files the mail carries, in the order chosen (a file removed
    since is left out)."""
    if not outbound.attachments or outbound.ticket_id is None:
        return
    files = TicketAttachment.objects.filter(
        ticket_id=outbound.ticket_id, uid__in=outbound.attachments
    ).in_bulk(field_name="uid")
    for uid in outbound.attachments:
        file = files.get(uuid.UUID(uid))
        if file is not None:
            content = attachment_path(file).read_bytes()
            message.attach(file.filename, content, file.content_type)


def _claim(outbound_id: int, now: datetime) -> OutboundMail | None:
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = OutboundMail.objects.filter(
        due, pk=outbound_id, state=OutboundMail.State.QUEUED
    ).update(state=OutboundMail.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return None
    return OutboundMail.objects.select_related(
        "mailbox__team", "ticket__team", "ticket__customer"
    ).get(pk=outbound_id)


def deliver(outbound_id: int, now: datetime | None = None) -> str:
    """Send one queued mail if it is due; return its state afterwards (or "skipped")."""
    now = now or timezone.now()
    outbound = _claim(outbound_id, now)
    if outbound is None:
        return "skipped"
    try:
        message = build_message(outbound)
        # The mailbox's own SMTP server when it has one, else the site's.
        connection = mailbox_smtp_connection(outbound.mailbox)
        if outbound.kind in (OutboundMail.Kind.ACKNOWLEDGEMENT, OutboundMail.Kind.SURVEY):
            send_automatic(message, connection)  # a null envelope sender: bounces go nowhere
        else:
            message.connection = connection
            message.send()
    except (smtplib.SMTPException, OSError, DomainError) as error:
        failed = outbound.attempts >= MAX_ATTEMPTS
        delay = BACKOFF_MINUTES[min(outbound.attempts, len(BACKOFF_MINUTES)) - 1]
        problem = f"{type(error).__name__}: {error}"[:1000]
        OutboundMail.objects.filter(pk=outbound.pk).update(
            state=OutboundMail.State.FAILED if failed else OutboundMail.State.QUEUED,
            next_attempt_at=None if failed else now + timedelta(minutes=delay),
            last_error=problem,
        )
        delivery_mirror(outbound, Delivery.FAILED if failed else Delivery.QUEUED, problem)
        logger.warning(
            "mail %s not sent (attempt %d): %s",
            outbound.uid,
            outbound.attempts,
            type(error).__name__,
        )
        return OutboundMail.State.FAILED if failed else OutboundMail.State.QUEUED
    OutboundMail.objects.filter(pk=outbound.pk).update(
        state=OutboundMail.State.SENT, sent_at=timezone.now(), last_error=""
    )
    delivery_mirror(outbound, Delivery.SENT)
    return OutboundMail.State.SENT


def delivery_mirror(outbound: OutboundMail, state: str, detail: str = "") -> None:
    """Show on the ticket's message how the mail carrying it is doing (acknowledgements
    carry no message)."""
    if outbound.ticket_message_id is not None:
        message_delivery_record(message_id=outbound.ticket_message_id, state=state, detail=detail)


def outbound_bounced(outbound: OutboundMail, reason: str, recipient: str) -> None:
    """Mark a mail we sent as failed because it came back (a bounce), and show it on the
    ticket's message."""
    OutboundMail.objects.filter(pk=outbound.pk).update(
        state=OutboundMail.State.FAILED, last_error=reason
    )
    delivery_mirror(outbound, TicketMessage.Delivery.FAILED, f"{reason} ({recipient})")


@task()
def outbound_send(*, outbound_id: int) -> str:
    return deliver(outbound_id)


@task()
def outbound_send_many(*, outbound_ids: list[int]) -> list[str]:
    """Send the mails one batch of inbound mail put in the outbox, in order."""
    return [deliver(outbound_id) for outbound_id in outbound_ids]


def outbound_drain(now: datetime | None = None, limit: int = 200) -> int:
    """Send the queued mails that are due and requeue ones a dead worker left "sending";
    return how many were sent. Every worker runs this on a timer."""
    now = now or timezone.now()
    OutboundMail.objects.filter(
        state=OutboundMail.State.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(state=OutboundMail.State.QUEUED, next_attempt_at=now)
    due = OutboundMail.objects.filter(
        state=OutboundMail.State.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at")
    sent = 0
    for outbound_id in list(due.values_list("pk", flat=True)[:limit]):
        sent += deliver(outbound_id, now) == OutboundMail.State.SENT
    return sent
