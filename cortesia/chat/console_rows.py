"""What the console shows of a conversation: its row in the list, its detail with the
customer card and transcript, and the console's own words."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_list
from cortesia.chat.conversations import reply_window_ends
from cortesia.chat.models import Conversation
from cortesia.chat.selectors import conversation_transcript
from cortesia.chat.streaming.records import event_json
from cortesia.culture.local_formats import (
    format_local_date,
    format_local_datetime,
    format_money,
    writing_direction,
)
from cortesia.customers.models import Customer
from cortesia.customers.profile_card import customer_card
from cortesia.customers.selectors import order_list
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.assignment import OPEN_STATUSES
from cortesia.tickets.canned import canned_list
from cortesia.tickets.selectors import ticket_assignees, ticket_list_for_customer


def console_row(conversation: Conversation) -> dict[str, object]:
    ticket = conversation.ticket
    customer = ticket.customer
    return {
        "uid": str(conversation.uid),
        "status": conversation.status,
        "medium": conversation.medium,
        "medium_label": conversation.get_medium_display(),
        "customer": str(customer),
        "subject": ticket.subject,
        "language": conversation.language,
        "direction": writing_direction(conversation.language),
        "assignee": conversation.assignee.display_name if conversation.assignee else "",
        "queued_at": conversation.queued_at.isoformat() if conversation.queued_at else None,
        "unread": getattr(conversation, "unread", None) or 0,
        "ticket_url": reverse("tickets:ticket-detail", args=[ticket.uid]),
    }


def _reply_window(conversation: Conversation, agent: User) -> dict[str, object] | None:
    """When a messaging app stops letting the business write (WhatsApp: 24 hours after
    the customer's last message), in the agent's time; None for the widget."""
    ends = reply_window_ends(conversation)
    if ends is None:
        return None
    language = translation.get_language() or agent.language or "en"
    return {
        "ends_at": ends.isoformat(),
        "is_closed": ends <= timezone.now(),
        "ends_text": format_local_datetime(ends, agent.time_zone or "UTC", language, width="short"),
    }


def _hand_over_options(conversation: Conversation, agent: User) -> dict[str, object]:
    """Whom the agent may hand the chat to: colleagues of its team, and teams."""
    colleagues = ticket_assignees(viewer=agent).filter(teams=conversation.team_id)
    if conversation.assignee_id is not None:
        colleagues = colleagues.exclude(pk=conversation.assignee_id)
    return {
        "agents": [{"uid": str(u.uid), "name": u.display_name} for u in colleagues],
        "teams": [
            {"uid": str(t.uid), "name": t.name}
            for t in team_list(viewer=agent)
            .prefetch_related(None)
            .exclude(pk=conversation.team_id or 0)
            .order_by("name")
        ],
    }


def _brief(customer: Customer, agent: User) -> dict[str, object]:
    """What the agent should know before answering: how to address the customer, their
    side of the clock, their latest orders and their other tickets (agent's language)."""
    now = timezone.now()
    language = translation.get_language() or agent.language or "en"
    card = customer_card(
        customer, staff_language=language, now=now, business=business_register_defaults()
    )
    orders = order_list(viewer=agent, customer_uid=str(customer.uid)).order_by("-placed_at")[:3]
    tickets = ticket_list_for_customer(viewer=agent, customer=customer)
    return {
        "address_as": card.address_as.greeting if card.address_as else "",
        "register": str(card.register),
        "local_time_text": card.local_time_text or "",
        "is_business_hours": card.is_business_hours,
        "holidays": [holiday.name for holiday in card.upcoming_holidays],
        "orders": [
            {
                "number": order.number,
                "status": order.get_status_display(),
                "total": format_money(order.total, order.currency, language),
                "placed": format_local_date(order.placed_at, agent.time_zone or "UTC", language),
            }
            for order in orders
        ],
        "tickets": tickets.count(),
        "open_tickets": tickets.filter(status__in=OPEN_STATUSES).count(),
    }


def conversation_detail(conversation: Conversation, agent: User) -> dict[str, object]:
    customer = conversation.ticket.customer
    return {
        "hand_over": _hand_over_options(conversation, agent),
        "canned": [
            {"uid": str(r.uid), "name": r.name}
            for r in canned_list(viewer=agent, with_variants=False)
        ],
        **console_row(conversation),
        "is_mine": conversation.assignee_id == agent.pk,
        "reply_window": _reply_window(conversation, agent),
        "agent_read_event": conversation.agent_read_event,
        "visitor_read_event": conversation.visitor_read_event,
        "card": {
            "name": str(customer),
            "language": customer.language,
            "time_zone": customer.time_zone,
            "country": customer.country,
            "customer_url": reverse("customers:customer-detail", args=[customer.uid]),
            **_brief(customer, agent),
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
        "bot": _("Answer bot"),
        "you": _("You"),
        "local_time": _("Local time: %(time)s") % {"time": "{time}"},
        "assigned": _("%(name)s is answering.") % {"name": "{name}"},
        "chat_ended": _("The chat has ended."),
        "read": _("Read"),
        "typing": _("Typing…"),
        "offline": _("Connection lost. Trying again…"),
        "failed": _("Not sent. Select to try again."),
        "fallback": _("Not written in the customer's language: check it before sending."),
        "agents": _("Agents"),
        "business_hours": _("in business hours"),
        "file_missing": _("%(name)s (not received)") % {"name": "{name}"},
        "window_open": _("%(medium)s accepts answers until %(time)s.")
        % {"medium": "{medium}", "time": "{time}"},
        "window_closed": _(
            "%(medium)s no longer accepts answers: the customer's last message is more "
            "than 24 hours old."
        )
        % {"medium": "{medium}"},
        "after_hours": _("outside business hours"),
        "address_as": _("Address as: %(greeting)s") % {"greeting": "{greeting}"},
        "holidays": _("Holidays this week: %(names)s") % {"names": "{names}"},
        "tickets": _("Tickets: %(count)s, open: %(open)s") % {"count": "{count}", "open": "{open}"},
        "orders": _("Latest orders:"),
        "teams": _("Teams"),
        "open_ticket": _("Open the ticket"),
        "open_customer": _("Open the customer"),
    }
