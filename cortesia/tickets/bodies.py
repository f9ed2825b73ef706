"""How a message's HTML is shown to staff: the quoted conversation folded away, a mail's
inline images pointed at its files, and remote images held back until someone asks."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from cortesia.lib.html import has_remote_images, link_inline_images, show_remote_images
from cortesia.lib.quotes import split_quoted
from cortesia.tickets.models import Ticket, TicketMessage


@dataclass(frozen=True)
class ShownBody:
    visible: str
    quoted: str  # folded away behind "Show the quoted text"; "" when nothing is quoted
    held_back: bool  # remote images wait for someone to ask for them
    showing_remote: bool  # they were asked for: the page must allow remote images


def _inline_urls(ticket: Ticket, message: TicketMessage) -> dict[str, str]:
    """The ``cid:`` names of the message's files and where the page shows them."""
    return {
        attachment.content_id: reverse("tickets:attachment", args=[ticket.uid, attachment.uid])
        + "?inline=1"
        for attachment in message.attachments.all()
        if attachment.content_id
    }


def shown_body(ticket: Ticket, message: TicketMessage, *, remote_images_for: str) -> ShownBody:
    """The message as the ticket page shows it; ``remote_images_for`` is the uid of the
    message whose remote images were asked for ("" for none)."""
    markup = link_inline_images(message.body_html, _inline_urls(ticket, message))
    held_back = has_remote_images(markup)
    showing = held_back and remote_images_for == str(message.uid)
    if showing:
        markup = show_remote_images(markup)
    if message.author_kind == TicketMessage.Author.CUSTOMER:
        visible, quoted = split_quoted(markup)
    else:
        visible, quoted = markup, ""
    return ShownBody(visible, quoted, held_back and not showing, showing)
