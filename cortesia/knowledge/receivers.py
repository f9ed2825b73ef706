"""What the knowledge base does when the chat announces something (connected in
``KnowledgeConfig.ready``): a visitor's conversation starting is the request their
session sends, so the suggestions they opened before it were not a deflection."""

from __future__ import annotations

from typing import Any

from cortesia.chat.models import Conversation
from cortesia.knowledge.deflection import Place, request_sent, widget_session
from cortesia.tickets.models import TicketMessage


def conversation_request_sent(
    sender: object, *, conversation: Conversation, message: TicketMessage, **kwargs: Any
) -> None:
    """Mark the opens of the conversation's widget visitor (none for a messaging app's
    conversation, which has no visitor)."""
    visitor = conversation.visitor
    if visitor is None:
        return
    request_sent(
        place=Place.WIDGET,
        session=widget_session(visitor_uid=str(visitor.uid)),
        at=message.created_at,
    )
