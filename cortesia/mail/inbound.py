"""Every inbound mail, from any source, goes through :func:`mail_ingest`.

The order is what makes it safe: the raw bytes are written first, then one row per
(mailbox, message key) commits together with the ticket changes, and only then may the
source be acknowledged (the IMAP flag, the pipe's exit code, the webhook's 2xx). The
unique key makes a second delivery of the same mail a no-op, also from two workers at
once. A mail that cannot be read or processed is kept raw and quarantined, never dropped.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import ExpandsTooLarge, TooLarge
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_for_email, customer_language_learn
from cortesia.lib.html import html_to_text, sanitize_html
from cortesia.lib.text import without_nul
from cortesia.mail.acknowledgement import Letterhead, LoopBreaker, acknowledge
from cortesia.mail.automatic import automatic_reason, is_bounce
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.outbound import outbound_sends_held
from cortesia.mail.parsing import (
    ParsedMail,
    Unreadable,
    display_name_parts,
    header_block,
    header_sender,
    parse_mail,
)
from cortesia.mail.recipients import recipients_keep
from cortesia.mail.sending import outbound_bounced
from cortesia.mail.storage import RawBatch, durable_commit, raw_read
from cortesia.mail.threading import Thread, find_thread
from cortesia.sla.clocks import policies_read_once
from cortesia.tickets.attachments import attachment_add
from cortesia.tickets.creation import Opened, ticket_open
from cortesia.tickets.merging import ticket_link
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import (
    MAX_BODY,
    MessageData,
    TicketData,
    message_add,
    ticket_delivery_failure_record,
)

logger = logging.getLogger(__name__)
ORIGINAL_ID = re.compile(rb"^Message-ID:\s*<([^<>\s\x00]{1,900})>", re.IGNORECASE | re.MULTILINE)
DSN_STATUS = re.compile(rb"^Status:\s*([245]\.\d{1,3}\.\d{1,3})", re.IGNORECASE | re.MULTILINE)
DSN_RECIPIENT = re.compile(rb"^Final-Recipient:\s*[^;]*;\s*(\S+)", re.IGNORECASE | re.MULTILINE)
# How long one transaction of a batch may hold its locks before it commits.
HOLD_SECONDS = 0.25


@dataclass(frozen=True)
class Ingested:
    mail: InboundMail
    created: bool  # False: this mail was already here (nothing changed)


@dataclass(frozen=True)
class _Arrival:
    digest: str
    raw: bytes | None  # None: read back from the disk when its turn comes
    hinted_key: str  # the key its header block suggests, to look up stored mails at once
    hinted_sender: str  # the sender its header block suggests, to count acknowledgements


@dataclass(frozen=True)
class _Batch:
    """What the mails of one transaction share."""

    mailbox: Mailbox
    source: str
    known: dict[str, InboundMail]  # stored mails by message key, this batch's included
    letterhead: Letterhead
    loop_breaker: LoopBreaker


def _message_id(parsed: ParsedMail | None, raw: bytes) -> str:
    """The mail's Message-ID; read straight from the header block when the mail could
    not be parsed, so a quarantined mail delivered again is still recognised."""
    if parsed is not None:
        return parsed.message_id
    found = ORIGINAL_ID.search(header_block(raw)[: 256 * 1024])
    return found.group(1).decode("ascii", "replace") if found else ""


def _message_key(message_id: str, digest: str) -> str:
    return f"id:{message_id}"[:255] if message_id else f"sha256:{digest}"


def _read(raw: bytes) -> ParsedMail:
    """Parse ``raw`` within every limit; raise Unreadable otherwise."""
    if len(raw) > settings.CORTESIA_MAIL_MAX_BYTES:
        raise Unreadable(f"larger than {settings.CORTESIA_MAIL_MAX_BYTES // 1_000_000} MB")
    return parse_mail(raw)


def mail_ingest(*, mailbox: Mailbox, raw: bytes, source: str) -> Ingested:
    """Store and process one raw mail for ``mailbox``; idempotent per message key."""
    return mail_ingest_batch(mailbox=mailbox, raws=[raw], source=source)[0]


def mail_ingest_batch(
    *,
    mailbox: Mailbox,
    raws: Iterable[bytes],
    source: str,
    hold_seconds: float = HOLD_SECONDS,
    after_each: Callable[[Ingested], None] | None = None,
) -> list[Ingested]:
    """Store and process ``raws`` for ``mailbox`` in as few transactions as the lock
    allows; return one result per mail, in order. Idempotent per message key, like
    :func:`mail_ingest`.

    1. Every raw mail is written to the disk, then all are flushed at once, before any
       row exists. An iterator's bytes are dropped once written and read back in step 3,
       so the batch is never held in memory whole; a sequence's are reused.
    2. One query finds the mails already stored: their second delivery changes nothing.
    3. In a transaction, each new mail is parsed and processed in a savepoint of its own.
       A mail that cannot be read or processed is rolled back alone and kept,
       quarantined; the others stay.
    4. The transaction commits (the database flushes its log once for all its mails)
       when the batch is done, or once it has held its locks for ``hold_seconds``
       (other writers wait for them: on SQLite all of them, on PostgreSQL those that
       need a row it changed, such as the same customer's), and the next mails go on
       in a new one. The mail each transaction put in the outbox is handed to the
       sender as one task. Each transaction reads the SLA policies once for all its
       tickets, and the acknowledgements its senders got in one query. A database
       failure (a deadlock, a lock timeout, a lost connection) is not the mail's fault:
       it is raised, not quarantined.

    Only after this returns may the source be acknowledged. An exception that escapes
    (the database went away, the worker is stopped, ``after_each`` raised: tests use it
    to play a crash) rolls back the transaction under way: none of its rows, tickets or
    queued mails remain, and the source delivers the batch again.
    """
    keep = isinstance(raws, Sequence)
    arrivals: list[_Arrival] = []
    with RawBatch() as files:
        for raw in raws:
            digest = files.add(raw)
            hints = _hinted_key(raw, digest), header_sender(raw)
            arrivals.append(_Arrival(digest, raw if keep else None, *hints))
        files.flush()
    results: list[Ingested] = []
    known = _stored(mailbox, [arrival.hinted_key for arrival in arrivals])
    while len(results) < len(arrivals):
        with durable_commit(), transaction.atomic(), outbound_sends_held(), policies_read_once():
            left, started = arrivals[len(results) :], time.monotonic()
            batch = _Batch(
                mailbox,
                source,
                known,
                Letterhead(),
                LoopBreaker(arrival.hinted_sender for arrival in left),
            )
            for arrival in left:
                raw = arrival.raw if arrival.raw is not None else raw_read(arrival.digest)
                result = _ingest_one(batch, raw, arrival.digest)
                known[result.mail.message_key] = result.mail
                if after_each is not None:
                    after_each(result)
                results.append(result)
                if time.monotonic() - started >= hold_seconds:
                    break
    return results


def _hinted_key(raw: bytes, digest: str) -> str:
    return _message_key(_message_id(None, raw), digest)


def _stored(mailbox: Mailbox, keys: list[str]) -> dict[str, InboundMail]:
    """The mails of ``mailbox`` already stored under one of ``keys``."""
    found = InboundMail.objects.filter(mailbox=mailbox, message_key__in=set(keys))
    return {mail.message_key: mail for mail in found}


def _ingest_one(batch: _Batch, raw: bytes, digest: str) -> Ingested:
    """Process one mail in a savepoint and write its row last, or quarantine it.

    The row is written after the ticket changes, in the same savepoint: a second
    delivery that the lookup of ``known`` missed (another worker was faster) fails on
    the unique key there and takes its changes back with it.
    """
    parsed: ParsedMail | None = None
    problem = ""
    try:
        parsed = _read(raw)
    except Unreadable as error:
        problem = error.reason
    message_id = _message_id(parsed, raw)
    key = _message_key(message_id, digest)
    if key in batch.known:
        return Ingested(batch.known[key], False)
    mailbox = batch.mailbox
    mail = InboundMail(
        mailbox=mailbox,
        message_key=key,
        message_id=message_id,
        source=batch.source,
        state=InboundMail.State.QUARANTINED if problem else InboundMail.State.INGESTED,
        reason=problem,
        raw_sha256=digest,
        raw_size=len(raw),
        sender=parsed.from_address[:320] if parsed else "",
        subject=parsed.subject[:998] if parsed else "",
    )
    if parsed is not None:
        try:
            with transaction.atomic():
                opened = _process(mail, parsed, raw)
                mail.save(force_insert=True)
                if opened is not None:  # after the row: the ack answers a mail received
                    acknowledge(
                        opened.ticket, mail, batch.letterhead, opened.clocks, batch.loop_breaker
                    )
        except OperationalError:
            # A deadlock, a lock timeout or a lost connection is the database's trouble,
            # not the mail's: the transaction is rolled back and the batch comes again.
            raise
        except Exception as error:  # noqa: BLE001 - whatever else failed, the mail is kept
            if isinstance(error, IntegrityError) and (earlier := _stored(mailbox, [key])):
                return Ingested(earlier[key], False)
            _quarantine(mail, error)
            mail.pk = None  # its insert, if any, was rolled back with the rest
        else:
            return Ingested(mail, True)
    try:
        with transaction.atomic():
            mail.save(force_insert=True)
    except IntegrityError:  # another worker stored the same mail first
        return Ingested(InboundMail.objects.get(mailbox=mailbox, message_key=key), False)
    return Ingested(mail, True)


def _quarantine(mail: InboundMail, error: Exception) -> None:
    logger.warning("mail %s quarantined: %s", mail.uid, type(error).__name__)
    mail.state = InboundMail.State.QUARANTINED
    mail.reason = without_nul(f"{type(error).__name__}: {error}")[:2000]
    mail.ticket, mail.ticket_message = None, None
    mail.is_automatic = mail.is_bounce = mail.is_from_copied = False
    mail.cc = ""


def mail_reingest(*, mail: InboundMail, raw: bytes) -> InboundMail:
    """Process a quarantined mail again (after a fix); a mail that went through stays as
    it is, so running this twice changes nothing the second time."""
    with transaction.atomic():
        locked = InboundMail.objects.select_for_update().get(pk=mail.pk)
        if locked.state != InboundMail.State.QUARANTINED:
            return locked
        locked.attempts += 1
        try:
            parsed = _read(raw)
        except Unreadable as error:
            locked.reason = error.reason
            locked.save(update_fields=["attempts", "reason"])
            return locked
        locked.state, locked.reason = InboundMail.State.INGESTED, ""
        locked.message_id = parsed.message_id
        locked.sender, locked.subject = parsed.from_address[:320], parsed.subject[:998]
        locked.save(
            update_fields=["attempts", "state", "reason", "message_id", "sender", "subject"]
        )
        _process_or_quarantine(locked, parsed, raw)
        return locked


def _process_or_quarantine(mail: InboundMail, parsed: ParsedMail, raw: bytes) -> None:
    """Process a stored mail again: its row is updated, whatever the outcome."""
    try:
        with transaction.atomic():
            opened = _process(mail, parsed, raw)
            mail.save(
                update_fields=[
                    *("is_automatic", "is_bounce", "ticket", "ticket_message"),
                    *("cc", "is_from_copied"),
                ]
            )
            if opened is not None:
                acknowledge(opened.ticket, mail, clocks=opened.clocks)
    except Exception as error:  # noqa: BLE001 - whatever failed, the mail is kept
        _quarantine(mail, error)
        fields = ["state", "reason", "ticket", "ticket_message", "is_automatic", "is_bounce"]
        fields += ["cc", "is_from_copied"]
        mail.save(update_fields=fields)


def _process(mail: InboundMail, parsed: ParsedMail, raw: bytes) -> Opened | None:
    """Open or continue the mail's ticket and set what the row records of it; return the
    ticket the mail opened (to acknowledge once the caller saved the row), else None."""
    mail.is_automatic = bool(automatic_reason(parsed))
    mail.is_bounce = is_bounce(parsed)
    if mail.is_bounce:
        mail.ticket = _record_bounce(mail, raw)
        return None
    thread = find_thread(parsed)
    # A copied person's reply is theirs: no customer is looked up or made for them.
    customer = None if thread.is_from_copied else _customer(parsed)
    data = _message_data(parsed)
    opened: Opened | None = None
    if thread.ticket is not None and thread.ticket.status != Ticket.Status.CLOSED:
        ticket = thread.ticket
        message = message_add(ticket=ticket, data=data, actor=Actor.system())
        mail.is_from_copied = thread.is_from_copied
    else:
        opened = _open(mail, parsed, customer or _customer(parsed), thread, data)
        ticket, message = opened.ticket, opened.message
    _attach(message, parsed)
    mail.ticket, mail.ticket_message = ticket, message
    mail.cc = ", ".join(parsed.cc)
    recipients_keep(ticket=ticket, addresses=parsed.cc, sender=parsed.from_address)
    return opened


def _open(
    mail: InboundMail, parsed: ParsedMail, customer: Customer, thread: Thread, data: MessageData
) -> Opened:
    """Open the ticket of a new conversation, or the follow-up of a closed ticket."""
    opened = ticket_open(
        data=TicketData(
            subject=parsed.subject[:300] or _("(no subject)"),
            customer=customer,
            message=data,
            channel=Ticket.Channel.EMAIL,
            team=mail.mailbox.team,
            tags=["thread-refused"] if thread.cited else [],
        ),
        actor=Actor.system(),
    )
    if thread.ticket is not None:  # a reply to a closed ticket opens a linked follow-up
        ticket_link(ticket=opened.ticket, other=thread.ticket, actor=Actor.system())
    if thread.cited is not None:
        _note_refused_thread(opened.ticket, thread.cited, parsed.from_address)
    _learn_language(customer, opened)
    return opened


def _customer(parsed: ParsedMail) -> Customer:
    given, surname = display_name_parts(parsed.from_name)
    return customer_for_email(
        address=parsed.from_address,
        data=CustomerData(
            given_name=given or parsed.from_address.partition("@")[0], surname=surname
        ),
        actor=Actor.system(),
        names_from_mail=True,
    )


def _message_data(parsed: ParsedMail) -> MessageData:
    markup = sanitize_html(parsed.html, remote_images=False) if parsed.html.strip() else ""
    text = parsed.text
    readable = html_to_text(markup) if markup else ""
    if len(markup) > MAX_BODY or not readable.strip():
        markup = ""  # too long to show as HTML, or nothing readable left after cleaning
        text = text or readable
    if not markup and len(text) > MAX_BODY - 200:
        text = text[: MAX_BODY - 200] + "\n\n" + _("[Shortened here: the whole mail is kept.]")
    if not markup and not text.strip():
        text = _("(This mail has no text.)")
    return MessageData(
        body_html=markup,
        body_text=text,
        kind=TicketMessage.Kind.REPLY,
        author_kind=TicketMessage.Author.CUSTOMER,
    )


def _attach(message: TicketMessage, parsed: ParsedMail) -> None:
    for part in parsed.parts:
        try:
            attachment_add(
                message=message,
                filename=part.filename,
                content_type=part.content_type,
                chunks=part.chunks(),
                actor=Actor.system(),
                content_id=part.content_id,
            )
        except TooLarge as error:
            text = (
                _(
                    "The attachment %(name)s was refused and is kept only in the original "
                    "mail: %(reason)s"
                )
                if isinstance(error, ExpandsTooLarge)
                else _(
                    "The attachment %(name)s was larger than the limit; it is kept only "
                    "in the original mail."
                )
            )
            message_add(
                ticket=message.ticket,
                data=MessageData(
                    body_text=text
                    % {"name": part.filename or part.content_type, "reason": error.message},
                    kind=TicketMessage.Kind.NOTE,
                    author_kind=TicketMessage.Author.SYSTEM,
                ),
                actor=Actor.system(),
            )


def _note_refused_thread(ticket: Ticket, cited: Ticket, sender: str) -> None:
    message_add(
        ticket=ticket,
        data=MessageData(
            body_text=_(
                "This mail refers to ticket #%(number)s, but %(sender)s is not that ticket's "
                "customer, so it was not added there."
            )
            % {"number": cited.number, "sender": sender},
            kind=TicketMessage.Kind.NOTE,
            author_kind=TicketMessage.Author.SYSTEM,
        ),
        actor=Actor.system(),
    )


def _learn_language(customer: Customer, opened: Opened) -> None:
    """A customer whose language is unknown gets the one detected in their first mail.

    Only a detected language is learnt: a ticket too short to tell takes the site's
    language as a fallback, which says nothing about the customer.
    """
    if customer.language or opened.language_source != "detected":
        return
    customer_language_learn(
        customer=customer, language=opened.ticket.language, actor=Actor.system()
    )


def _record_bounce(mail: InboundMail, raw: bytes) -> Ticket | None:
    """Mark the mail we sent as failed and note it on its ticket; return that ticket."""
    ours = OutboundMail.objects.filter(
        message_id__in=[m.decode("ascii", "replace") for m in ORIGINAL_ID.findall(raw)]
    ).first()
    if ours is None:
        return None
    status = DSN_STATUS.search(raw)
    recipient = DSN_RECIPIENT.search(raw)
    detail = {
        "mail": str(ours.uid),
        "status": status.group(1).decode() if status else "",
        "recipient": recipient.group(1).decode("ascii", "replace") if recipient else ours.to,
        "permanent": bool(status and status.group(1).startswith(b"5")),
    }
    outbound_bounced(ours, f"bounce {detail['status']}".strip(), str(detail["recipient"]))
    if ours.ticket_id is None:
        return None  # a mail about no ticket (a survey sent to a segment)
    return ticket_delivery_failure_record(
        ticket_id=ours.ticket_id, detail=detail, actor=Actor.system()
    )
