"""Conversations: a visitor starts one, both sides write in it, read it, and it ends.

A conversation is a ticket on the chat channel (its messages are the transcript, so reports,
surveys, SLAs and the customer's timeline see chats with no code of their own) plus a
:class:`Conversation` row for the live state. Every change records a :class:`ChatEvent` in
its transaction, last (``chat.events`` explains why last), and the streams deliver it.

A message carries its sender's ``client_id``: sending it again (a retry after a dropped
connection, a double click) returns the message stored the first time and stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.chat.assignment import chat_offer, conversation_assign
from cortesia.chat.events import event_record
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.chat.signals import conversation_started, customer_wrote
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors
from cortesia.customers.consents import consent_record
from cortesia.customers.models import ConsentRecord, Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.inputs import MessageData, TicketChanges, TicketData
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import message_add, ticket_create, ticket_update

Status = Conversation.Status
MAX_TEXT = 5000
MAX_NAME = 200
SUBJECT_WORDS = 12
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
OPEN = (Status.BOT, Status.WAITING, Status.ACTIVE)


@dataclass(frozen=True)
class Posted:
    conversation: Conversation
    event: ChatEvent
    is_new: bool  # False: this client_id was posted before, and nothing was stored now
    message: TicketMessage | None = None  # the message stored now (None for a replay)


@dataclass(frozen=True)
class Opening:
    """Who opens a conversation and where: the customer, the name they gave, the team and
    language of the channel they write on, and for the widget its site and visitor."""

    customer: Customer
    name: str
    medium: str
    team: Team | None
    channel_language: str
    site: WidgetSite | None = None
    visitor: Visitor | None = None
    bot: bool = False  # the answer bot answers first (the chat is not queued yet)


# How long after the customer's latest message a business may still write to them freely,
# per medium (WhatsApp's customer service window); a medium not named has no limit.
REPLY_WINDOWS = {Conversation.Medium.WHATSAPP: timedelta(hours=24)}

# A customer's message stored with the files that came with it; returns what the
# streams show of those files.
Attach = Callable[[TicketMessage], list[dict[str, object]]]


def _checked_text(text: str) -> str:
    cleaned = text.strip()
    if "\x00" in cleaned:
        raise FieldErrors({"text": _("A NUL character (U+0000) is not allowed here.")})
    if not cleaned:
        raise FieldErrors({"text": _("Write a message.")})
    if len(cleaned) > MAX_TEXT:
        raise FieldErrors({"text": _("Write at most %(limit)d characters.") % {"limit": MAX_TEXT}})
    return cleaned


def _checked_client_id(client_id: str) -> str:
    if not CLIENT_ID.fullmatch(client_id):
        raise FieldErrors(
            {"client_id": _("Give the message an id of 1 to 64 letters, digits, - or _.")}
        )
    return client_id


def subject_of(text: str) -> str:
    words = text.split()
    subject = " ".join(words[:SUBJECT_WORDS])
    return subject + (" …" if len(words) > SUBJECT_WORDS else "")


def message_payload(
    message: TicketMessage,
    author: User | str | None,
    files: list[dict[str, object]] | None = None,
) -> dict[str, object]:
    """What a stream shows of a message: never more of an agent than their first name.
    ``author``: the agent, the customer's name as they gave it, or None (the system)."""
    side = "agent" if isinstance(author, User) else "system" if author is None else "visitor"
    name = author.first_name if isinstance(author, User) else author or ""
    payload: dict[str, object] = {
        "message": str(message.uid),
        "author": side,
        "name": name,
        "text": message.body_text,
        "at": message.created_at.isoformat(),
    }
    if files:
        payload["files"] = files
    return payload


def _visitor_customer(visitor: Visitor, name: str, actor: Actor) -> Customer:
    """Return the customer the visitor's chats belong to, made on their first chat from
    the name as typed (never split into parts), their language and time zone."""
    if visitor.customer is not None:
        return visitor.customer
    cleaned = " ".join(name.replace("\x00", "").split())[:MAX_NAME]
    if not cleaned:
        raise FieldErrors({"name": _("Tell us your name.")})
    customer = customer_create(
        data=CustomerData(
            given_name=cleaned,
            language=visitor.language,
            time_zone=visitor.time_zone or None,
        ),
        actor=actor,
    )
    visitor.name = cleaned
    visitor.customer = customer
    visitor.save(update_fields=["name", "customer", "updated_at"])
    return customer


def _replayed(conversation: Conversation, client_id: str) -> Posted | None:
    event = ChatEvent.objects.filter(conversation=conversation, client_id=client_id).first()
    return None if event is None else Posted(conversation, event, is_new=False)


@transaction.atomic
def conversation_start(
    *,
    visitor: Visitor,
    name: str,
    text: str,
    client_id: str,
    actor: Actor,
    consent_shown: str = "",
) -> Posted:
    """Start a chat with the visitor's first message, or post it in the chat they have
    open (two tabs, a double click). The chat waits in its team's queue and is offered
    to an agent who can take it now. ``consent_shown``: the words of the consent the
    visitor ticked, recorded on their profile. Raises FieldErrors."""
    text, client_id = _checked_text(text), _checked_client_id(client_id)
    visitor = Visitor.objects.select_for_update().select_related("site").get(pk=visitor.pk)
    open_one = Conversation.objects.filter(visitor=visitor, status__in=OPEN).first()
    if open_one is not None:
        return _post(open_one, text, client_id, visitor.name, actor)
    customer = _visitor_customer(visitor, name, actor)
    if consent_shown:
        consent_record(
            customer=customer,
            purpose=ConsentRecord.Purpose.SERVICE,
            channel=ConsentRecord.Channel.ANY,
            status=ConsentRecord.Status.GRANTED,
            source=ConsentRecord.Source.FORM,
            text_shown=consent_shown,
            actor=actor,
        )
    site: WidgetSite = visitor.site
    opening = Opening(
        customer=customer,
        name=visitor.name,
        medium=Conversation.Medium.WIDGET,
        team=site.team,
        channel_language=visitor.language,
        site=site,
        visitor=visitor,
        bot=site.answer_bot,
    )
    return _open(opening, text, client_id, actor)


@transaction.atomic
def customer_conversation_start(
    *, opening: Opening, text: str, client_id: str, actor: Actor, attach: Attach | None = None
) -> Posted:
    """Start a conversation with a customer's first message from a messaging app (the
    caller found or made the customer, and knows they have no open conversation there).
    ``attach`` stores the files that came with the message. Raises FieldErrors."""
    text, client_id = _checked_text(text), _checked_client_id(client_id)
    return _open(opening, text, client_id, actor, attach)


def _open(
    opening: Opening, text: str, client_id: str, actor: Actor, attach: Attach | None = None
) -> Posted:
    ticket = ticket_create(
        data=TicketData(
            subject=subject_of(text),
            customer=opening.customer,
            message=MessageData(body_text=text, author_kind=TicketMessage.Author.CUSTOMER),
            channel=Ticket.Channel.CHAT,
            team=opening.team,
            channel_language=opening.channel_language,
            auto_assign=False,
        ),
        actor=actor,
    )
    now = timezone.now()
    conversation = Conversation.objects.create(
        ticket=ticket,
        site=opening.site,
        visitor=opening.visitor,
        medium=opening.medium,
        team=ticket.team,
        language=ticket.language,
        status=Status.BOT if opening.bot else Status.WAITING,
        queued_at=None if opening.bot else now,
        customer_wrote_at=now,
    )
    message = TicketMessage.objects.filter(ticket=ticket).get()
    files = attach(message) if attach is not None else None
    event = event_record(
        conversation=conversation,
        kind=ChatEvent.Kind.MESSAGE,
        payload=message_payload(message, opening.name, files),
        at=message.created_at,
        client_id=client_id,
    )
    if not opening.bot:
        chat_offer(conversation=conversation, at=now)
    conversation_started.send(Conversation, conversation=conversation, message=message)
    customer_wrote.send(Conversation, conversation=conversation, message=message)
    return Posted(conversation, event, is_new=True, message=message)


def _post(
    conversation: Conversation,
    text: str,
    client_id: str,
    author: User | str,
    actor: Actor,
    is_note: bool = False,
    attach: Attach | None = None,
) -> Posted:
    if (replayed := _replayed(conversation, client_id)) is not None:
        return replayed
    if conversation.status == Status.ENDED:
        raise Conflict(_("This chat has ended."), code="chat_ended")
    by_agent = isinstance(author, User)
    message = message_add(
        ticket=conversation.ticket,
        data=MessageData(
            body_text=text,
            kind=TicketMessage.Kind.NOTE if is_note else TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.AGENT if by_agent else TicketMessage.Author.CUSTOMER,
        ),
        actor=actor,
    )
    if not by_agent:
        conversation.customer_wrote_at = message.created_at
        conversation.save(update_fields=["customer_wrote_at", "updated_at"])
    files = attach(message) if attach is not None else None
    event = event_record(
        conversation=conversation,
        kind=ChatEvent.Kind.NOTE if is_note else ChatEvent.Kind.MESSAGE,
        payload=message_payload(message, author, files),
        at=message.created_at,
        is_internal=is_note,
        client_id=client_id,
    )
    if not by_agent:
        customer_wrote.send(Conversation, conversation=conversation, message=message)
    return Posted(conversation, event, is_new=True, message=message)


def reply_window_ends(conversation: Conversation) -> datetime | None:
    """When the business may no longer write freely in this conversation (None: never)."""
    window = REPLY_WINDOWS.get(Conversation.Medium(conversation.medium))
    if window is None or conversation.customer_wrote_at is None:
        return None
    return conversation.customer_wrote_at + window


def _locked(conversation: Conversation) -> Conversation:
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("ticket")
        .get(pk=conversation.pk)
    )


@transaction.atomic
def visitor_message_post(*, conversation: Conversation, text: str, client_id: str) -> Posted:
    """Post the visitor's message in their conversation (the caller checked it is theirs).
    Raises FieldErrors, or Conflict when the chat has ended."""
    text, client_id = _checked_text(text), _checked_client_id(client_id)
    locked = _locked(conversation)
    visitor = Visitor.objects.get(pk=conversation.visitor_id or 0)
    return _post(locked, text, client_id, visitor.name, Actor.system())


@transaction.atomic
def customer_message_post(
    *,
    conversation: Conversation,
    name: str,
    text: str,
    client_id: str,
    actor: Actor,
    attach: Attach | None = None,
) -> Posted:
    """Post a customer's message from a messaging app in their open conversation.
    Raises FieldErrors, or Conflict when the chat has ended meanwhile."""
    text, client_id = _checked_text(text), _checked_client_id(client_id)
    return _post(_locked(conversation), text, client_id, name, actor, attach=attach)


@transaction.atomic
def agent_message_post(
    *, conversation: Conversation, text: str, client_id: str, actor: Actor, is_note: bool = False
) -> Posted:
    """Post an agent's message or internal note (the caller got the conversation through a
    selector that checked the agent may see it). An agent who answers a waiting chat takes
    it. Raises Forbidden, FieldErrors, or Conflict when the chat has ended."""
    assert actor.user is not None  # noqa: S101 - staff only; the selector checked it
    text, client_id = _checked_text(text), _checked_client_id(client_id)
    locked = _locked(conversation)
    now = timezone.now()
    if not is_note and _replayed(locked, client_id) is None:
        ends = reply_window_ends(locked)
        if ends is not None and ends <= now:
            raise Conflict(
                _(
                    "%(medium)s lets a business answer only within 24 hours of the "
                    "customer's last message. Write to them another way, or wait for "
                    "them to write again."
                )
                % {"medium": locked.get_medium_display()},
                code="reply_window_closed",
            )
        if locked.status in (Status.BOT, Status.WAITING):
            conversation_assign(conversation=locked, agent=actor.user, actor=actor, at=now)
    return _post(locked, text, client_id, actor.user, actor, is_note=is_note)


@transaction.atomic
def chat_take(*, conversation: Conversation, actor: Actor) -> Conversation:
    """Take a waiting chat (the actor answers it from now on). Raises Forbidden, FieldErrors
    (the agent is not in the chat's team) or Conflict (someone else took it first)."""
    assert actor.user is not None  # noqa: S101 - staff only; the selector checked it
    locked = _locked(conversation)
    if locked.status != Status.WAITING:
        raise Conflict(_("This chat is no longer waiting: someone else took it."))
    conversation_assign(conversation=locked, agent=actor.user, actor=actor, at=timezone.now())
    return locked


@transaction.atomic
def chat_end(*, conversation: Conversation, actor: Actor) -> Conversation:
    """End the chat (either side may): its ticket is solved and keeps the transcript.
    Ending an ended chat changes nothing."""
    locked = _locked(conversation)
    if locked.status == Status.ENDED:
        return locked
    now = timezone.now()
    if locked.ticket.status not in (Ticket.Status.SOLVED, Ticket.Status.CLOSED):
        ticket_update(
            ticket=locked.ticket,
            changes=TicketChanges(status=Ticket.Status.SOLVED),
            expected_version=None,
            actor=actor,
        )
    locked.status = Status.ENDED
    locked.ended_at = now
    locked.save(update_fields=["status", "ended_at", "updated_at"])
    by = "agent" if actor.user is not None else "visitor"
    event_record(conversation=locked, kind=ChatEvent.Kind.ENDED, payload={"by": by}, at=now)
    return locked


@transaction.atomic
def chat_read(*, conversation: Conversation, by_agent: bool, up_to: int) -> bool:
    """Record that one side has read up to event ``up_to``; return False (and record
    nothing) when it had already read that far."""
    if not ChatEvent.objects.filter(conversation=conversation, pk=up_to).exists():
        raise FieldErrors({"up_to": _("Give the id of an event of this chat.")})
    field = "agent_read_event" if by_agent else "visitor_read_event"
    changed = Conversation.objects.filter(pk=conversation.pk, **{f"{field}__lt": up_to}).update(
        **{field: up_to}
    )
    if changed != 1:
        return False
    event_record(
        conversation=_locked(conversation),
        kind=ChatEvent.Kind.READ,
        payload={"by": "agent" if by_agent else "visitor", "up_to": up_to},
        at=timezone.now(),
    )
    return True
