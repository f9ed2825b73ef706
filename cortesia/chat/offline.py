"""A message left while the team is away: it becomes a ticket answered by e-mail, with the
usual acknowledgement (the mail app acknowledges tickets opened from the web, like the
portal's form), in the team that would have taken the chat.

The address is the visitor's claim and is not verified: like the web form, the ticket
belongs to whoever owns the address, and every answer goes to that address, never back to
the widget. The visitor's chats stay with their own profile."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.chat.conversations import MAX_NAME, MAX_TEXT, subject_of
from cortesia.chat.models import Visitor
from cortesia.chat.site_texts import chat_team
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.services import CustomerData, customer_for_email
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import ticket_create

TAG = "chat"


def _checked(name: str, email: str, text: str) -> tuple[str, str, str]:
    errors: dict[str, str] = {}
    name = " ".join(name.replace("\x00", "").split())[:MAX_NAME]
    address = email.strip().lower()
    text = text.strip()
    if not name:
        errors["name"] = _("Tell us your name.")
    try:
        validate_email(address)
    except ValidationError:
        errors["email"] = _("Give the e-mail address we should answer to.")
    if not text or "\x00" in text:
        errors["text"] = _("Write a message.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Write at most %(limit)d characters.") % {"limit": MAX_TEXT}
    if errors:
        raise FieldErrors(errors)
    return name, address, text


@transaction.atomic
def offline_message_leave(
    *, visitor: Visitor, name: str, email: str, text: str, actor: Actor
) -> Ticket:
    """Open an e-mail-answered ticket from the visitor's message. Raises FieldErrors."""
    name, address, text = _checked(name, email, text)
    customer = customer_for_email(
        address=address,
        data=CustomerData(
            given_name=name, language=visitor.language, time_zone=visitor.time_zone or None
        ),
        actor=actor,
    )
    return ticket_create(
        data=TicketData(
            subject=subject_of(text),
            customer=customer,
            message=MessageData(body_text=text, author_kind=TicketMessage.Author.CUSTOMER),
            channel=Ticket.Channel.WEB,
            team=chat_team(visitor.site, visitor.language, timezone.now()),
            channel_language=visitor.language,
            tags=[TAG],
        ),
        actor=actor,
    )
