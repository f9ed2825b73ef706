"""The agents' answers to customers of a messaging app: queued with the answer, sent by
the worker with retries.

- An agent's public reply on the ticket of a WhatsApp or Telegram conversation (from the
  console, the ticket page, the API or an automation) queues one part for its text and
  one per file, in the transaction that stores the reply: an answer is never sent without
  being stored, nor stored without being sent or shown as not sent.
- A part is claimed with a lease and a token (as webhook deliveries are), sent outside
  any transaction, then recorded with an update conditional on the token. A provider that
  cannot answer now (network, 429, 5xx) gets the part again after a growing wait (or the
  wait it asks for); a refusal (a bad token, WhatsApp's closed 24-hour window) fails it at
  once. A failed part says why on the ticket and in the console.
- A worker that dies after sending and before recording leaves its claim to expire, and
  the part is sent again: the customer may then (rarely) see an answer twice, never none.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cortesia.chat.assignment import staff_language, system_note
from cortesia.chat.conversations import reply_window_ends
from cortesia.chat.models import Conversation
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.messaging.models import MessagingChannel, OutboundMessage, ReceivedMessage, Thread
from cortesia.messaging.providers import telegram_api, whatsapp_api
from cortesia.messaging.providers.http import OutboundFile, ProviderError
from cortesia.messaging.secrets import channel_secret
from cortesia.tickets.attachments import attachment_path
from cortesia.tickets.models import Ticket, TicketAttachment, TicketMessage
from cortesia.tickets.services import message_delivery_record

logger = logging.getLogger(__name__)

State = OutboundMessage.State
LEASE = timedelta(minutes=5)
PERIODIC_SECONDS = 5.0
# The wait after the 1st, 2nd … failed try; after the last one the part has failed.
RETRY = (
    timedelta(seconds=5),
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
)
MAX_ATTEMPTS = len(RETRY) + 1
LONGEST_ASKED_WAIT = timedelta(hours=1)  # a provider's Retry-After is obeyed up to this
MESSAGING_MEDIA = (Conversation.Medium.WHATSAPP, Conversation.Medium.TELEGRAM)


def thread_of_ticket(ticket: Ticket) -> Thread | None:
    """The messaging thread a ticket's conversation came in on, if any."""
    if ticket.channel != Ticket.Channel.CHAT:
        return None
    medium = Conversation.objects.filter(ticket=ticket).values_list("medium", flat=True).first()
    if medium not in MESSAGING_MEDIA:
        return None
    received = ReceivedMessage.objects.filter(message__ticket=ticket).select_related(
        "thread__channel"
    )
    found = received.first()
    return found.thread if found is not None else None


def answer_queue(*, ticket: Ticket, message: TicketMessage) -> int:
    """Queue a public reply (an agent's or the answer bot's) for the customer's messaging
    app, in the caller's transaction; return how many parts were queued (0: not a
    messaging ticket)."""
    if message.kind != TicketMessage.Kind.REPLY or message.author_kind == message.Author.CUSTOMER:
        return 0
    thread = thread_of_ticket(ticket)
    if thread is None:
        return 0
    files = list(TicketAttachment.objects.filter(message=message).order_by("pk"))
    parts = [
        OutboundMessage(thread=thread, message=message, part=0, next_attempt_at=message.created_at)
    ]
    parts += [
        OutboundMessage(
            thread=thread,
            message=message,
            part=number,
            attachment=file,
            next_attempt_at=message.created_at,
        )
        for number, file in enumerate(files, start=1)
    ]
    OutboundMessage.objects.bulk_create(parts)
    message_delivery_record(
        message_id=message.pk,
        state=TicketMessage.Delivery.QUEUED,
        detail=thread.channel.get_kind_display(),
    )
    enqueue_after_commit(send_answers)
    return len(parts)


@dataclass(frozen=True)
class Claimed:
    part: OutboundMessage
    claim: uuid.UUID


def part_claim_due(now: datetime) -> Claimed | None:
    """Claim the pending part due first; None when nothing is due."""
    while True:
        row = (
            OutboundMessage.objects.filter(state=State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", "next_attempt_at")
            .first()
        )
        if row is None:
            return None
        pk, due = row
        claim = uuid.uuid4()
        if OutboundMessage.objects.filter(pk=pk, state=State.PENDING, next_attempt_at=due).update(
            next_attempt_at=now + LEASE, claim=claim
        ):
            part = OutboundMessage.objects.select_related(
                "thread__channel", "message__ticket", "attachment"
            ).get(pk=pk)
            return Claimed(part, claim)


def _file(attachment: TicketAttachment) -> OutboundFile:
    return OutboundFile(
        filename=attachment.filename,
        mime_type=attachment.content_type,
        content=attachment_path(attachment).read_bytes(),
    )


def _send(part: OutboundMessage) -> str:
    """Send one part; return the provider's id of it. Raises ProviderError."""
    thread = part.thread
    channel: MessagingChannel = thread.channel
    token = channel_secret(channel.access_token_sealed)
    text = part.message.body_text
    if not channel.is_enabled:
        raise ProviderError(
            "The channel is switched off.", status=0, code="disabled", retryable=False
        )
    if part.attachment is not None and part.attachment.scan == TicketAttachment.Scan.INFECTED:
        raise ProviderError(
            "The file is infected and is not sent.", status=0, code="infected", retryable=False
        )
    if channel.kind == MessagingChannel.Kind.WHATSAPP:
        base = settings.CORTESIA_WHATSAPP_API_URL
        if part.attachment is None:
            return whatsapp_api.send_text(
                base=base, token=token, phone_number_id=channel.account, to=thread.chat, text=text
            )
        return whatsapp_api.send_file(
            base=base,
            token=token,
            phone_number_id=channel.account,
            to=thread.chat,
            file=_file(part.attachment),
            caption="",
        )
    base = settings.CORTESIA_TELEGRAM_API_URL
    if part.attachment is None:
        return telegram_api.send_text(base=base, token=token, chat_id=thread.chat, text=text)
    return telegram_api.send_file(
        base=base, token=token, chat_id=thread.chat, file=_file(part.attachment), caption=""
    )


def part_attempt(claimed: Claimed, now: datetime | None = None) -> str:
    """Send one claimed part and record the outcome; return its new state."""
    part = claimed.part
    if part.attachment_id is None and part.part > 0:
        return _record_failure(
            claimed,
            ProviderError("The file was removed.", status=0, code="gone", retryable=False),
            now,
        )
    ends = reply_window_ends(_conversation(part))
    if ends is not None and ends <= (now or timezone.now()):
        closed = ProviderError(
            "The customer's last message is more than 24 hours old.",
            status=0,
            code="window_closed",
            retryable=False,
        )
        return _record_failure(claimed, closed, now)
    try:
        provider_id = _send(part)
    except ProviderError as error:
        return _record_failure(claimed, error, now)
    at = now or timezone.now()
    with transaction.atomic():
        updated = OutboundMessage.objects.filter(pk=part.pk, claim=claimed.claim).update(
            state=State.SENT,
            provider_message_id=provider_id[:128],
            receipt="sent",
            sent_at=at,
            attempts=part.attempts + 1,
            next_attempt_at=None,
            claim=None,
        )
        if updated and part.part == 0:
            message_delivery_record(
                message_id=part.message_id,
                state=TicketMessage.Delivery.SENT,
                detail=part.thread.channel.get_kind_display(),
            )
    return State.SENT


def _conversation(part: OutboundMessage) -> Conversation:
    return Conversation.objects.get(ticket_id=part.message.ticket_id)


def _record_failure(claimed: Claimed, error: ProviderError, now: datetime | None) -> str:
    part = claimed.part
    at = now or timezone.now()
    attempts = part.attempts + 1
    if error.retryable and attempts < MAX_ATTEMPTS:
        wait = RETRY[attempts - 1]
        if error.retry_after:
            wait = min(max(wait, timedelta(seconds=error.retry_after)), LONGEST_ASKED_WAIT)
        OutboundMessage.objects.filter(pk=part.pk, claim=claimed.claim).update(
            attempts=attempts,
            next_attempt_at=at + wait,
            error_code=error.code[:32],
            error_text=str(error)[:200],
            claim=None,
        )
        return State.PENDING
    logger.warning("messaging: part %s not sent: %s", part.pk, error.code)
    with transaction.atomic():
        updated = OutboundMessage.objects.filter(pk=part.pk, claim=claimed.claim).update(
            state=State.FAILED,
            attempts=attempts,
            next_attempt_at=None,
            error_code=error.code[:32],
            error_text=str(error)[:200],
            claim=None,
        )
        if updated:
            _tell_failure(part, error, at)
    return State.FAILED


def _tell_failure(part: OutboundMessage, error: ProviderError, at: datetime) -> None:
    """Say on the ticket and in the console that an answer did not reach the customer."""
    channel = part.thread.channel
    message_delivery_record(
        message_id=part.message_id,
        state=TicketMessage.Delivery.FAILED,
        detail=f"{channel.get_kind_display()}: {error}",
    )
    conversation = _conversation(part)
    with translation.override(staff_language(conversation)):
        if error.code == "window_closed":
            text = _(
                "Not sent over %(medium)s: the customer's last message is more than 24 "
                "hours old, and %(medium)s lets a business answer only within 24 hours."
            ) % {"medium": channel.get_kind_display()}
        else:
            text = _("Not sent over %(medium)s: %(reason)s") % {
                "medium": channel.get_kind_display(),
                "reason": str(error),
            }
    system_note(conversation, text, at)


@task()
def send_answers() -> int:
    """Send what is due in the outbox (queued after each answer commits)."""
    return outbox_send(limit=200)


def outbox_periodic() -> int:
    """The workers' timer: retries, and parts whose task was lost. Bounded in time, as it
    runs between the worker's heartbeats."""
    return outbox_send(limit=500, seconds=PERIODIC_SECONDS)


def outbox_send(
    *, now: datetime | None = None, limit: int = 500, seconds: float | None = None
) -> int:
    """Send due parts until none is left, ``limit`` were tried or ``seconds`` have passed
    (a send may take up to its timeout beyond); return how many were tried."""
    tried = 0
    started = time.monotonic()
    while tried < limit and (seconds is None or time.monotonic() - started < seconds):
        claimed = part_claim_due(now or timezone.now())
        if claimed is None:
            break
        part_attempt(claimed, now)
        tried += 1
    return tried
