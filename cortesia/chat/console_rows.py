"""What the console shows of a conversation: its row in the list, its detail with the
customer card and transcript, and the console's own words."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.chat.models import Conversation
from cortesia.chat.selectors import conversation_transcript
from cortesia.chat.streaming.records import event_json
from cortesia.culture.local_formats import writing_direction


def console_row(conversation: Conversation) -> dict[str, object]:
    ticket = conversation.ticket
    customer = ticket.customer
    return {
        "uid": str(conversation.uid),
        "status": conversation.status,
        "customer": str(customer),
        "subject": ticket.subject,
        "language": conversation.language,
        "direction": writing_direction(conversation.language),
        "assignee": conversation.assignee.display_name if conversation.assignee else "",
        "queued_at": conversation.queued_at.isoformat() if conversation.queued_at else None,
        "unread": getattr(conversation, "unread", None) or 0,
        "ticket_url": reverse("tickets:ticket-detail", args=[ticket.uid]),
    }


def conversation_detail(conversation: Conversation, agent: User) -> dict[str, object]:
    customer = conversation.ticket.customer
    return {
        **console_row(conversation),
        "is_mine": conversation.assignee_id == agent.pk,
        "agent_read_event": conversation.agent_read_event,
        "visitor_read_event": conversation.visitor_read_event,
        "card": {
            "name": str(customer),
            "language": customer.language,
            "time_zone": customer.time_zone,
            "country": customer.country,
            "customer_url": reverse("customers:customer-detail", args=[customer.uid]),
        },
        "events": [
            event_json(event) for event in conversation_transcript(conversation, internal=True)
        ],
    }


def console_texts() -> dict[str, str]:
    return {
        "waiting": _("Waiting"),
        "active": _("Active"),
        "ended": _("Ended"),
        "take": _("Take this chat"),
        "end": _("End the chat"),
        "send": _("Send"),
        "note": _("Internal note (the customer does not see it)"),
        "reply": _("Reply"),
        "empty": _("No chats are waiting."),
        "choose": _("Choose a chat from the list."),
        "unread": _("Unread: %(count)s") % {"count": "{count}"},
        "visitor": _("Customer"),
        "agent": _("Agent"),
        "you": _("You"),
        "local_time": _("Local time: %(time)s") % {"time": "{time}"},
        "assigned": _("%(name)s is answering.") % {"name": "{name}"},
        "chat_ended": _("The chat has ended."),
        "read": _("Read"),
        "typing": _("Typing…"),
        "offline": _("Connection lost. Trying again…"),
        "failed": _("Not sent. Select to try again."),
        "open_ticket": _("Open the ticket"),
        "open_customer": _("Open the customer"),
    }
