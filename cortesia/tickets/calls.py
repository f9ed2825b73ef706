"""Logging a phone call: a message of the ticket that carries the call's direction and
length, with the agent's notes as its text, and an entry on the customer's timeline.

A call is an agent's contact with the customer, so it counts as the agent's reply (it
opens a new ticket and meets the first-response clock), but it is never mailed: the
mail channel sends only replies without a call direction on e-mail and web tickets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import CustomerEvent
from cortesia.customers.services import customer_event_record
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.replies import ReplySent, reply_send
from cortesia.tickets.services import MessageData

MAX_CALL_SECONDS = 86_400
# "4:30" (minutes and seconds), "1:04:30" (hours too), "4" or "4.5" / "4,5" (minutes).
CLOCK = re.compile(r"(?:(\d{1,2}):)?(\d{1,4}):([0-5]\d)")
MINUTES = re.compile(r"(\d{1,4})(?:[.,](\d{1,2}))?")


def call_seconds_parse(text: str) -> int:
    """Return the seconds of a call's length typed as "mm:ss", "h:mm:ss" or minutes
    ("4", "4.5", "4,5"). Raises ValueError for anything else or more than a day."""
    typed = text.strip()
    if match := CLOCK.fullmatch(typed):
        hours, minutes, seconds = match.groups()
        total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    elif match := MINUTES.fullmatch(typed):
        whole, fraction = match.groups()
        total = round((int(whole) + float(f"0.{fraction or 0}")) * 60)
    else:
        raise ValueError(typed)
    if total > MAX_CALL_SECONDS:
        raise ValueError(typed)
    return total


def call_length_text(seconds: int) -> tuple[int, int, int]:
    """Split a call's length into (hours, minutes, seconds) for showing it."""
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return hour, minute, second


@dataclass(frozen=True)
class CallData:
    direction: str  # TicketMessage.CallDirection
    seconds: int
    notes: str
    status: str = ""  # then set the ticket's status to this, or leave it

    def message(self) -> MessageData:
        """The call as the ticket message that records it (the agent's, not mailed)."""
        return MessageData(
            body_text=self.notes,
            kind=TicketMessage.Kind.REPLY,
            author_kind=TicketMessage.Author.AGENT,
            call_direction=self.direction,
            call_seconds=self.seconds,
        )


def call_timeline_record(ticket: Ticket, message: TicketMessage, actor: Actor) -> None:
    """Put the call on the customer's timeline, linked to its ticket."""
    customer_event_record(
        customer=ticket.customer,
        kind=CustomerEvent.Kind.CALL_LOGGED,
        actor=actor,
        data={
            "ticket": str(ticket.uid),
            "number": ticket.number,
            "subject": ticket.subject,
            "direction": message.call_direction,
            "seconds": message.call_seconds,
        },
        occurred_at=message.created_at,
    )


@transaction.atomic
def call_log(
    *, ticket: Ticket, call: CallData, expected_version: int, key: str, actor: Actor
) -> ReplySent:
    """Log ``call`` on ``ticket`` once per ``key`` and, when asked, set its status.

    A status someone else changed meanwhile (the page showed ``expected_version``) is
    refused and reported in ``status_refused``; the call is stored all the same. A
    repeated key returns the first call with ``is_replay`` and writes nothing. Raises
    Forbidden, or FieldErrors (``body``: no notes; ``call_seconds``; ``call_direction``).
    """
    if call.direction not in TicketMessage.CallDirection.values:
        raise FieldErrors({"call_direction": _("Say whether the customer called or you did.")})
    sent = reply_send(
        ticket=ticket,
        data=call.message(),
        uploads=[],
        status=call.status,
        expected_version=expected_version,
        key=key,
        actor=actor,
    )
    if not sent.is_replay:
        call_timeline_record(ticket, sent.message, actor)
    return sent
