"""Forwarding a ticket's conversation by mail to people outside it (a supplier, a
colleague elsewhere).

The conversation goes as one mail through the ticket's mailbox and the outbox like any
reply, with the files of the messages it carries attached while they fit under
``CORTESIA_ATTACHMENT_MAX_BYTES`` in all (infected files never). Internal notes go only
when the agent asks. The forward is recorded on the ticket as an internal note by the
agent naming the recipients, which carries the mail (its To and delivery show there), and
as an event in its history (who forwarded it, to whom).
Forwarding adds no one to the ticket: the recipients are not kept as copied recipients,
and their answers do not join it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.mail.models import OutboundMail
from cortesia.mail.outbound import mailbox_for, new_message_id
from cortesia.mail.sending import delivery_mirror, outbound_send
from cortesia.tickets.models import Ticket, TicketAttachment, TicketEvent, TicketMessage
from cortesia.tickets.recording import event_record
from cortesia.tickets.selectors import ticket_messages
from cortesia.tickets.services import MessageData, message_add

# The most addresses one forward goes to.
MAX_FORWARD_TO = 10
MAX_NOTE = 5_000
# The same forward sent again within this time is the same request sent twice.
REPEAT_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True)
class Forwarded:
    mail: OutboundMail
    note: TicketMessage  # the internal note that records it on the ticket
    attached: list[TicketAttachment]
    left_out: list[TicketAttachment]  # too large to fit in the mail
    is_repeat: bool = False  # the same forward was just sent: nothing new was stored


def _files(messages: list[TicketMessage]) -> tuple[list[TicketAttachment], list[TicketAttachment]]:
    """Split the messages' clean files into those that fit under the limit, in order, and
    those left out."""
    room = settings.CORTESIA_ATTACHMENT_MAX_BYTES
    attached: list[TicketAttachment] = []
    left_out: list[TicketAttachment] = []
    for message in messages:
        for file in message.attachments.all():
            if file.scan == TicketAttachment.Scan.INFECTED:
                continue
            if file.size <= room:
                attached.append(file)
                room -= file.size
            else:
                left_out.append(file)
    return attached, left_out


def _check(to: list[str], note: str) -> None:
    if not to:
        raise FieldErrors({"to": _("Give at least one address.")})
    if len(to) > MAX_FORWARD_TO:
        raise FieldErrors(
            {"to": _("A ticket goes to at most %(limit)s addresses.") % {"limit": MAX_FORWARD_TO}}
        )
    if len(note) > MAX_NOTE:
        raise FieldErrors({"note": _("A note has at most 5,000 characters.")})


def _just_forwarded(ticket: Ticket, to: list[str]) -> Forwarded | None:
    """The same forward stored moments ago (a double click, a retry), else None. The
    ticket's row is locked first, so two such requests at once store one forward."""
    list(Ticket.objects.select_for_update().filter(pk=ticket.pk).values_list("pk", flat=True))
    recent = (
        OutboundMail.objects.filter(
            ticket=ticket,
            kind=OutboundMail.Kind.FORWARD,
            to=", ".join(to),
            created_at__gte=timezone.now() - REPEAT_WINDOW,
        )
        .select_related("ticket_message")
        .order_by("-id")
        .first()
    )
    if recent is None or recent.ticket_message is None:
        return None
    return Forwarded(recent, recent.ticket_message, [], [], is_repeat=True)


@transaction.atomic
def ticket_forward(
    *, ticket: Ticket, to: list[str], note: str, include_notes: bool, actor: Actor
) -> Forwarded:
    """Mail ``ticket``'s conversation to ``to`` (validated addresses) with the agent's
    ``note`` on top; internal notes only with ``include_notes``.

    The same forward again within REPEAT_WINDOW returns the first with ``is_repeat``.
    Raises FieldErrors (no address, too many, a note too long) or DomainError (no mailbox
    to send from). ``ticket`` comes from a selector that checked the actor may see it.
    """
    _check(to, note)
    repeat = _just_forwarded(ticket, to)
    if repeat is not None:
        return repeat
    mailbox = mailbox_for(ticket)
    if mailbox is None:
        raise DomainError(_("No mailbox can send this mail: add one under Settings."))
    messages = list(
        ticket_messages(ticket=ticket, include_notes=include_notes).order_by("created_at", "id")
    )
    attached, left_out = _files(messages)
    context = {
        "ticket": ticket,
        "messages": messages,
        "note": note.strip(),
        "left_out": left_out,
        "agent": actor.user,
    }
    record = message_add(
        ticket=ticket,
        data=MessageData(
            body_text=_("Forwarded to %(addresses)s.") % {"addresses": ", ".join(to)}
            + (f"\n\n{note.strip()}" if note.strip() else ""),
            kind=TicketMessage.Kind.NOTE,
        ),
        actor=actor,
    )
    mail = OutboundMail.objects.create(
        ticket=ticket,
        ticket_message=record,
        mailbox=mailbox,
        kind=OutboundMail.Kind.FORWARD,
        message_id=new_message_id(mailbox),
        to=", ".join(to),
        subject=_("Fwd: [#%(number)s] %(subject)s")
        % {"number": ticket.number, "subject": " ".join(ticket.subject.split())},
        body_text=render_to_string("mail/forward.txt", context),
        attachments=[str(file.uid) for file in attached],
        next_attempt_at=timezone.now(),
    )
    delivery_mirror(mail, TicketMessage.Delivery.QUEUED)
    event_record(
        ticket,
        TicketEvent.Kind.FORWARDED,
        actor,
        data={"to": list(to), "notes": include_notes, "mail": str(mail.uid)},
    )
    enqueue_after_commit(outbound_send, outbound_id=mail.pk)
    return Forwarded(mail, record, attached, left_out)
