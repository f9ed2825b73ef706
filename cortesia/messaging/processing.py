"""Deliveries become chats: the worker reads what the webhooks kept and posts each message
in its customer's conversation, like a visitor's message in the widget.

- A delivery is claimed (a batch at a time, with a lease and a token, as the outbox
  claims its rows) so that two workers never process it at once; a worker that dies
  leaves the lease to expire and the delivery is taken again.
- A message is taken once: its provider id is recorded in the same transaction as the
  chat message (``ReceivedMessage``), so a replay, or the same delivery processed again
  after a crash, stores nothing.
- Its files are fetched from the provider before the transaction and stored through the
  attachment pipeline (size, type and malware checks). A provider that cannot answer now
  puts the whole delivery back for a later try; after the last try, or when the file can
  never be had (too large, refused), the message is kept without it and says so.
- A body that is not the provider's shape is quarantined with the reason, never lost.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from cortesia.chat.conversations import (
    Opening,
    customer_conversation_start,
    customer_message_post,
)
from cortesia.chat.models import Conversation
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, TooLarge
from cortesia.culture.countries import country_profile
from cortesia.culture.language_detection import UNKNOWN, detect_language
from cortesia.culture.phones import ParsedPhone, parse_phone
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_for_handle, customer_language_learn
from cortesia.messaging.models import InboundDelivery, MessagingChannel, ReceivedMessage, Thread
from cortesia.messaging.providers import telegram, telegram_api, whatsapp, whatsapp_api
from cortesia.messaging.providers.base import (
    InboundMedia,
    InboundMessage,
    Parsed,
    ProviderPayloadError,
)
from cortesia.messaging.providers.http import Fetched, ProviderError
from cortesia.messaging.receipts import receipt_record
from cortesia.messaging.secrets import channel_secret
from cortesia.tickets.attachments import attachment_add
from cortesia.tickets.models import TicketMessage

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BATCH = 50
PERIODIC_SECONDS = 5.0
# The wait before the 2nd, 3rd … try of a delivery whose file the provider could not give.
RETRY = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1))
TELEGRAM_SOURCE = "telegram"
OPEN = (Conversation.Status.BOT, Conversation.Status.WAITING, Conversation.Status.ACTIVE)
EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


class TryLater(Exception):
    """A provider could not give a file now; the delivery is tried again later."""


@dataclass(frozen=True)
class File:
    name: str
    fetched: Fetched | None  # None: it could not be had, and the message says so


def deliveries_claim(now: datetime, limit: int = BATCH) -> list[InboundDelivery]:
    """Claim up to ``limit`` due deliveries, oldest first (two reads and one update)."""
    due = InboundDelivery.objects.filter(state=InboundDelivery.State.NEW).exclude(
        next_attempt_at__gt=now
    )
    ids = list(due.order_by("id").values_list("id", flat=True)[:limit])
    if not ids:
        return []
    claim = uuid.uuid4()
    due.filter(id__in=ids).update(claim=claim, next_attempt_at=now + LEASE)
    return list(
        InboundDelivery.objects.filter(claim=claim).select_related("channel").order_by("id")
    )


@task()
def process_deliveries() -> int:
    """Process what the webhooks kept (queued with a delivery when none was waiting)."""
    return deliveries_process(limit=5000)


def deliveries_periodic() -> int:
    """The workers' timer: what a lost task left, and deliveries due for another try.
    Bounded in time, as it runs between the worker's heartbeats."""
    return deliveries_process(limit=1000, seconds=PERIODIC_SECONDS)


def deliveries_process(
    *, now: datetime | None = None, limit: int = 1000, seconds: float | None = None
) -> int:
    """Process due deliveries until none is left, ``limit`` were taken or ``seconds``
    have passed; return how many were taken."""
    taken = 0
    started = time.monotonic()
    while taken < limit and (seconds is None or time.monotonic() - started < seconds):
        batch = deliveries_claim(now or timezone.now(), min(BATCH, limit - taken))
        if not batch:
            break
        for delivery in batch:
            delivery_process(delivery)
        taken += len(batch)
    return taken


def _finish(delivery: InboundDelivery, state: str, error: str = "") -> None:
    InboundDelivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
        state=state, error=error[:200], next_attempt_at=None, claim=None
    )


def delivery_process(delivery: InboundDelivery) -> str:
    """Take the messages and receipts of one claimed delivery; return its new state."""
    channel = delivery.channel
    try:
        parsed = _parse(channel, bytes(delivery.body))
    except ProviderPayloadError as error:
        _finish(delivery, InboundDelivery.State.QUARANTINED, f"unreadable: {error}")
        return InboundDelivery.State.QUARANTINED
    if channel.kind == MessagingChannel.Kind.WHATSAPP and parsed.account != channel.account:
        _finish(delivery, InboundDelivery.State.QUARANTINED, "for another business number")
        return InboundDelivery.State.QUARANTINED
    last_try = delivery.attempts + 1 >= len(RETRY) + 1
    try:
        for message in parsed.messages:
            message_take(channel, message, give_up_files=last_try)
    except TryLater as reason:
        wait = RETRY[delivery.attempts]
        InboundDelivery.objects.filter(pk=delivery.pk, claim=delivery.claim).update(
            attempts=delivery.attempts + 1,
            next_attempt_at=timezone.now() + wait,
            error=str(reason)[:200],
            claim=None,
        )
        return InboundDelivery.State.NEW
    for status in parsed.statuses:
        receipt_record(channel=channel, update=status)
    _finish(delivery, InboundDelivery.State.DONE)
    return InboundDelivery.State.DONE


def _parse(channel: MessagingChannel, body: bytes) -> Parsed:
    if channel.kind == MessagingChannel.Kind.WHATSAPP:
        return whatsapp.parse(body)
    return telegram.parse(body)


def _key(message: InboundMessage) -> str:
    """The id a message is taken once by; an edit is a message of its own per wording."""
    if not message.is_edit:
        return message.message_id
    wording = hashlib.sha256(message.text.encode()).hexdigest()[:16]
    return f"{message.message_id}:edit:{wording}"


def _client_id(channel: MessagingChannel, message: InboundMessage) -> str:
    digest = hashlib.sha256(f"{channel.pk}:{message.chat}:{_key(message)}".encode())
    return "m" + digest.hexdigest()[:40]


def message_take(
    channel: MessagingChannel, message: InboundMessage, *, give_up_files: bool
) -> bool:
    """Post ``message`` in its customer's conversation; False when it was taken before.
    Raises TryLater when a file could not be fetched now and ``give_up_files`` is False."""
    key = _key(message)
    thread = Thread.objects.filter(channel=channel, chat=message.chat).first()
    if thread and ReceivedMessage.objects.filter(thread=thread, provider_message_id=key).exists():
        return False
    files = [_fetched(channel, media, give_up_files) for media in message.media]
    with transaction.atomic():
        thread = _thread(channel, message)
        try:
            with transaction.atomic():
                received = ReceivedMessage.objects.create(
                    thread=thread, provider_message_id=key, received_at=timezone.now()
                )
        except IntegrityError:
            return False  # another worker took it meanwhile
        posted_message = _post(channel, thread, message, files)
        received.message = posted_message
        received.save(update_fields=["message"])
    return True


def _thread(channel: MessagingChannel, message: InboundMessage) -> Thread:
    """The customer's thread with the channel, made (with the customer) on first contact;
    locked, so one customer's messages are posted one at a time."""
    found = Thread.objects.select_for_update().filter(channel=channel, chat=message.chat).first()
    if found is not None:
        return found
    customer = _customer(channel, message)
    try:
        with transaction.atomic():
            Thread.objects.create(channel=channel, chat=message.chat, customer=customer)
    except IntegrityError:
        pass  # a concurrent first message made it
    return Thread.objects.select_for_update().get(channel=channel, chat=message.chat)


def _served(language: str) -> str:
    code = language.lower().split("-")[0]
    return code if code in {code for code, _name in settings.LANGUAGES} else ""


def _customer(channel: MessagingChannel, message: InboundMessage) -> Customer:
    data = CustomerData(given_name=message.sender_name or None)
    hint = _served(message.language_hint)
    if hint:
        data.language = hint
    if channel.kind == MessagingChannel.Kind.WHATSAPP:
        try:
            phone = parse_phone("+" + message.chat)
        except ValueError:
            phone = None
        if phone is not None:
            # The number's country gives the holidays and hours the agents see; its
            # default language is only a guess, replaced by what the first message says.
            data.country = phone.region or None
            data.time_zone = _zone_of(phone)
            return customer_for_handle(data=data, phone=phone.e164, actor=Actor.system())
        return customer_for_handle(
            data=data, external=("whatsapp", message.chat), actor=Actor.system()
        )
    return customer_for_handle(
        data=data, external=(TELEGRAM_SOURCE, message.chat), actor=Actor.system()
    )


def _zone_of(phone: ParsedPhone) -> str | None:
    """The number's zone, else its country's when it has one only (an Italian mobile
    number names no zone, Italy has one)."""
    if phone.time_zone:
        return phone.time_zone
    zones = country_profile(phone.region).time_zones if phone.region else ()
    return zones[0] if len(zones) == 1 else None


def _text(message: InboundMessage, files: list[File]) -> str:
    if message.text.strip():
        return ("✎ " if message.is_edit else "") + message.text
    return " ".join(f"📎 {file.name}" for file in files) or "📎"


def _post(
    channel: MessagingChannel, thread: Thread, message: InboundMessage, files: list[File]
) -> TicketMessage | None:
    customer = thread.customer
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    name = message.sender_name or str(customer)
    text = _text(message, files)
    client_id = _client_id(channel, message)
    attach = _attacher(files)
    conversation = thread.conversation
    if conversation is not None and conversation.status in OPEN:
        try:
            posted = customer_message_post(
                conversation=conversation,
                name=name,
                text=text,
                client_id=client_id,
                actor=Actor.system(),
                attach=attach,
            )
            return posted.message
        except Conflict:
            pass  # ended meanwhile: the message opens a new conversation
    opening = Opening(
        customer=customer,
        name=name,
        medium=channel.kind,
        team=channel.team,
        channel_language=_served(message.language_hint) or channel.default_language,
        bot=channel.answer_bot,
    )
    posted = customer_conversation_start(
        opening=opening, text=text, client_id=client_id, actor=Actor.system(), attach=attach
    )
    thread.conversation = posted.conversation
    thread.save(update_fields=["conversation"])
    _learn_language(customer, text)
    return posted.message


def _learn_language(customer: Customer, text: str) -> None:
    """A customer whose language is unknown, or only guessed from their number's country,
    gets the one detected in their first message."""
    mode = settings.CORTESIA_LANGUAGE_DETECTION
    guessed = customer.language_source == Customer.LanguageSource.COUNTRY
    if (customer.language and not guessed) or mode == "off":
        return
    detected = detect_language(text, accurate=mode == "accurate").language
    if detected != UNKNOWN and _served(detected):
        customer_language_learn(
            customer=customer,
            language=detected,
            actor=Actor.system(),
            over_country_default=True,
        )


def _attacher(files: list[File]) -> Callable[[TicketMessage], list[dict[str, object]]] | None:
    if not files:
        return None

    def attach(message: TicketMessage) -> list[dict[str, object]]:
        shown: list[dict[str, object]] = []
        for file in files:
            stored = None
            if file.fetched is not None:
                try:
                    stored = attachment_add(
                        message=message,
                        filename=file.name,
                        content_type=file.fetched.mime_type,
                        chunks=[file.fetched.content],
                        actor=Actor.system(),
                    )
                except TooLarge:
                    stored = None
            if stored is None:
                shown.append({"name": file.name, "missing": True})
                continue
            url = reverse("tickets:attachment", args=[message.ticket.uid, stored.uid])
            shown.append({"name": stored.filename, "size": stored.size, "url": url})
        return shown

    return attach


def _file_name(media: InboundMedia) -> str:
    if media.filename:
        return media.filename
    return f"{media.kind}.{EXTENSIONS.get(media.mime_type, 'bin')}"


def _fetched(channel: MessagingChannel, media: InboundMedia, give_up: bool) -> File:
    name = _file_name(media)
    limit = settings.CORTESIA_ATTACHMENT_MAX_BYTES
    token = channel_secret(channel.access_token_sealed)
    fetch: Callable[[], Fetched]
    if channel.kind == MessagingChannel.Kind.WHATSAPP:

        def fetch() -> Fetched:
            return whatsapp_api.fetch_media(
                base=settings.CORTESIA_WHATSAPP_API_URL,
                token=token,
                media_id=media.file_id,
                limit=limit,
            )
    else:

        def fetch() -> Fetched:
            return telegram_api.fetch_file(
                base=settings.CORTESIA_TELEGRAM_API_URL,
                token=token,
                file_id=media.file_id,
                limit=limit,
            )

    try:
        fetched = fetch()
    except ProviderError as error:
        if error.retryable and not give_up:
            raise TryLater(f"file not fetched: {error.code}") from None
        logger.warning("messaging: file of channel %s not fetched: %s", channel.pk, error.code)
        return File(name, None)
    mime = media.mime_type or fetched.mime_type
    return File(name, Fetched(fetched.content, mime, name))
