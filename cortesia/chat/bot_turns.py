"""The answer bot's side of a chat: its messages, and the hand-over to a person.

A conversation whose site or channel has the answer bot starts with status ``bot``: it is
not queued, and the bot (``knowledge.bot``, which hears ``chat.signals.customer_wrote``)
answers. Its messages are public replies from the system: the visitor reads them, they
do not count as the team's first response, and a messaging channel sends them. The hand-
over queues the chat like any other, with an internal note of what the bot tried.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from cortesia.chat.assignment import chat_offer, system_note
from cortesia.chat.conversations import Posted, message_payload
from cortesia.chat.events import event_record
from cortesia.chat.models import ChatEvent, Conversation
from cortesia.core.actor import Actor
from cortesia.tickets.inputs import MessageData
from cortesia.tickets.models import TicketMessage
from cortesia.tickets.services import message_add

Status = Conversation.Status


def _locked(conversation: Conversation) -> Conversation:
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("ticket", "team")
        .get(pk=conversation.pk)
    )


@transaction.atomic
def bot_message_post(
    *, conversation: Conversation, text: str, extra: dict[str, object] | None = None
) -> Posted | None:
    """Post the bot's message while the chat is still the bot's (None when a person has
    it by now: the bot stays quiet). ``extra`` joins what the streams show (the article
    offered, the buttons to answer with)."""
    locked = _locked(conversation)
    if locked.status != Status.BOT:
        return None
    message = message_add(
        ticket=locked.ticket,
        data=MessageData(
            body_text=text,
            kind=TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.SYSTEM,
        ),
        actor=Actor.system(),
    )
    payload = {**message_payload(message, None), "bot": True, **(extra or {})}
    event = event_record(
        conversation=locked, kind=ChatEvent.Kind.MESSAGE, payload=payload, at=message.created_at
    )
    return Posted(locked, event, is_new=True, message=message)


@transaction.atomic
def conversation_hand_over(*, conversation: Conversation, note: str, at: datetime) -> bool:
    """Queue the bot's chat for a person, with ``note`` (the team's language: what was
    asked and tried) on its ticket; offer it to an agent who can take it now. Returns
    False when it was no longer the bot's."""
    locked = _locked(conversation)
    if locked.status != Status.BOT:
        return False
    locked.status = Status.WAITING
    locked.queued_at = at
    locked.save(update_fields=["status", "queued_at", "updated_at"])
    system_note(locked, note, at)
    event_record(conversation=locked, kind=ChatEvent.Kind.QUEUED, payload={"reason": "bot"}, at=at)
    chat_offer(conversation=locked, at=at)
    return True
