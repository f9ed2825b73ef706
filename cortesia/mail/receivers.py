"""What the mail channel does when a message is added to a ticket."""

from __future__ import annotations

from django.utils.html import escape

from cortesia.mail.acknowledgement import acknowledge_web, portal_line
from cortesia.mail.models import OutboundMail
from cortesia.mail.outbound import outbound_queue
from cortesia.mail.recipients import recipients_of, recipients_replace
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.replies import reply_copies_chosen, reply_is_automatic

MAILED_CHANNELS = (Ticket.Channel.EMAIL, Ticket.Channel.WEB)


def on_message_added(
    sender: object,
    *,
    ticket: Ticket,
    message: TicketMessage,
    new_ticket: bool = False,
    **kwargs: object,
) -> None:
    """Mail an agent's public reply on an e-mail or web ticket to the customer (never a
    note), and acknowledge a request opened on the portal or web form. Replies on web
    tickets carry the link to the ticket on the portal, and replies are copied to the
    addresses the agent chose (which the ticket then keeps), else to those it keeps."""
    if message.kind != TicketMessage.Kind.REPLY or ticket.channel not in MAILED_CHANNELS:
        return
    if message.author_kind == TicketMessage.Author.AGENT:
        text, markup = message.body_text, message.body_html
        if ticket.channel == Ticket.Channel.WEB:
            line = portal_line(ticket)
            text = f"{text}\n\n{line}"
            markup = f"{markup}<p>{escape(line)}</p>" if markup else ""
        outbound_queue(
            ticket=ticket,
            kind=OutboundMail.Kind.REPLY,
            body_text=text,
            body_html=markup,
            message=message,
            cc=_copies(ticket),
            is_automatic=reply_is_automatic(),
        )
    elif (
        new_ticket
        and ticket.channel == Ticket.Channel.WEB
        and message.author_kind == TicketMessage.Author.CUSTOMER
    ):
        acknowledge_web(ticket)


def _copies(ticket: Ticket) -> list[str]:
    chosen = reply_copies_chosen()
    if chosen is None:
        return recipients_of(ticket)
    return recipients_replace(ticket=ticket, addresses=chosen)
