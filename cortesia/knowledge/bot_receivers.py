"""The answer bot hears the chats: every customer message of a chat the bot has."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from cortesia.chat.models import Conversation
from cortesia.chat.signals import customer_wrote
from cortesia.knowledge.bot import bot_heard
from cortesia.tickets.models import TicketMessage


@receiver(customer_wrote, dispatch_uid="knowledge.bot")
def answer_customer(
    sender: Any, *, conversation: Conversation, message: TicketMessage, **kwargs: Any
) -> None:
    bot_heard(conversation=conversation, message=message)
