"""The automatic answer to a new ticket from mail, in the customer's world.

It greets the customer the way the culture engine says (language, register, title), gives
the ticket number, promises the first reply by the SLA's due time in the customer's own
zone and words, and, when the team is out, says when it is back, also in their time. It is
never sent for mail from machines, and at most ``ACKS_PER_ADDRESS_PER_HOUR`` times an hour
to one address, so two auto-responders cannot keep each other busy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cortesia.accounts.models import Team
from cortesia.calendars.conversion import business_calendar
from cortesia.culture.address_forms import Register
from cortesia.culture.business_time import is_open, next_open
from cortesia.culture.local_formats import moment_phrase
from cortesia.culture.promises import PROMISE_LANGUAGES, reply_promise
from cortesia.customers.addressing import customer_address_as, customer_register
from cortesia.localization.selectors import business_register_defaults
from cortesia.mail.models import InboundMail, Mailbox, OutboundMail
from cortesia.mail.outbound import (
    ACKS_PER_ADDRESS_PER_HOUR,
    acknowledgements_to,
    acknowledgements_to_each,
    customer_address,
    outbound_queue,
)
from cortesia.sla.models import SlaClock
from cortesia.tickets.composer import signing_name, spoken_language
from cortesia.tickets.models import Ticket


class Letterhead:
    """What every acknowledgement shares: the business's registers and who signs. Each is
    read once, when first needed, so one per batch of mails spares reading them per mail."""

    def __init__(self) -> None:
        self._signers: dict[int | None, str] = {}

    @cached_property
    def registers(self) -> dict[str, Register]:
        return business_register_defaults()

    def signer(self, team: Team | None) -> str:
        key = team.pk if team is not None else None
        if key not in self._signers:
            self._signers[key] = signing_name(team)
        return self._signers[key]


class LoopBreaker:
    """How many acknowledgements each address got in the last hour, counted on as more are
    queued. The addresses ``expected`` (a batch's senders, as their headers suggest) are
    read together in one query when the first of them is asked about; any other address
    is read alone. Acknowledgements another process queues meanwhile are not seen, as
    they were not before it commits."""

    def __init__(self, expected: Iterable[str] = ()) -> None:
        self._expected = set(expected)
        self._sent: dict[str, int] = {}

    def allows(self, address: str) -> bool:
        """Whether ``address`` may get one more acknowledgement this hour."""
        if address not in self._sent:
            if address in self._expected:
                self._sent |= acknowledgements_to_each(self._expected - set(self._sent))
                self._expected.clear()
            else:
                self._sent[address] = acknowledgements_to(address)
        return self._sent[address] < ACKS_PER_ADDRESS_PER_HOUR

    def count(self, address: str) -> None:
        """Count an acknowledgement just queued to ``address``."""
        self._sent[address] = self._sent.get(address, 0) + 1


def _language(ticket: Ticket) -> str:
    """The ticket's language when the product speaks it, else the site's."""
    return spoken_language(ticket.language or ticket.customer.language)


def _first_reply_due(ticket: Ticket, clocks: Sequence[SlaClock] | None) -> datetime | None:
    """When the first reply is due, from ``clocks`` (the ticket's clocks as started) when
    the caller has them, else from the database."""
    if clocks is not None:
        return next(
            (
                clock.due_at
                for clock in clocks
                if clock.target == SlaClock.Target.FIRST_RESPONSE
                and clock.state == SlaClock.State.RUNNING
                and clock.due_at is not None
            ),
            None,
        )
    return (
        SlaClock.objects.filter(
            ticket=ticket, target=SlaClock.Target.FIRST_RESPONSE, state=SlaClock.State.RUNNING
        )
        .exclude(due_at=None)
        .values_list("due_at", flat=True)
        .first()
    )


def _phrases(informal: bool) -> dict[str, str]:
    """The acknowledgement's sentences in the active language and the customer's register
    (the two forms differ in Italian, Finnish, Bulgarian, Romanian and Arabic). The
    English text is the same in both; the literals repeat so that they can be extracted."""
    if informal:
        return {
            "hello": pgettext("informal", "Hello,"),
            "thanks": pgettext(
                "informal",
                "Thank you for your message. Your request has the number %(number)s; please "
                "keep it in the subject if you write to us again.",
            ),
            "promise": pgettext("informal", "We will answer you %(promise)s."),
            "away": pgettext(
                "informal", "Our team is out of the office right now. Back: %(moment)s."
            ),
            "regards": pgettext("informal", "Kind regards,"),
        }
    return {
        "hello": pgettext("formal", "Hello,"),
        "thanks": pgettext(
            "formal",
            "Thank you for your message. Your request has the number %(number)s; please "
            "keep it in the subject if you write to us again.",
        ),
        "promise": pgettext("formal", "We will answer you %(promise)s."),
        "away": pgettext("formal", "Our team is out of the office right now. Back: %(moment)s."),
        "regards": pgettext("formal", "Kind regards,"),
    }


def acknowledgement_text(
    ticket: Ticket,
    letterhead: Letterhead | None = None,
    clocks: Sequence[SlaClock] | None = None,
) -> str:
    """Return the acknowledgement's plain text in the customer's language and register.
    ``clocks``: the ticket's SLA clocks as just started, when the caller has them."""
    letterhead = letterhead or Letterhead()
    customer = ticket.customer
    language = _language(ticket)
    business = letterhead.registers
    register = customer_register(customer, business)
    zone = customer.time_zone or (ticket.team.time_zone if ticket.team else "UTC")
    now = timezone.now()
    with translation.override(language):
        say = _phrases(register == Register.INFORMAL)
        forms = customer_address_as(customer, business, language=language)
        lines = [
            forms.greeting if forms else say["hello"],
            "",
            say["thanks"] % {"number": f"#{ticket.number}"},
        ]
        due_at = _first_reply_due(ticket, clocks)
        if due_at is not None and language in PROMISE_LANGUAGES:
            lines.append(say["promise"] % {"promise": reply_promise(due_at, zone, language)})
        calendar = (
            business_calendar(ticket.team.calendar)
            if ticket.team and ticket.team.calendar
            else None
        )
        if calendar is not None and not is_open(calendar, now):
            lines.append(
                say["away"] % {"moment": moment_phrase(next_open(calendar, now), zone, language)}
            )
        lines += ["", forms.closing if forms else say["regards"]]
        signer = letterhead.signer(ticket.team)
        if signer:
            lines.append(signer)
    return "\n".join(lines)


def portal_line(ticket: Ticket) -> str:
    """Where the customer can follow the ticket on the portal, in the ticket's language."""
    url = settings.BASE_URL + reverse("portal:ticket", args=[ticket.uid])
    with translation.override(_language(ticket)):
        return _("This request online: %(url)s") % {"url": url}


def acknowledge_web(ticket: Ticket) -> OutboundMail | None:
    """Queue the acknowledgement of a ticket opened on the portal or web form, from the
    first active mailbox, when a mailbox acknowledges at all; the loop breaker holds as
    for mail."""
    if not Mailbox.objects.filter(is_active=True, acknowledge=True).exists():
        return None
    to = customer_address(ticket)
    if not to:
        return None
    if acknowledgements_to(to) >= ACKS_PER_ADDRESS_PER_HOUR:
        return None
    return outbound_queue(
        ticket=ticket,
        kind=OutboundMail.Kind.ACKNOWLEDGEMENT,
        body_text=f"{acknowledgement_text(ticket)}\n\n{portal_line(ticket)}",
    )


def acknowledge(
    ticket: Ticket,
    inbound: InboundMail,
    letterhead: Letterhead | None = None,
    clocks: Sequence[SlaClock] | None = None,
    loop_breaker: LoopBreaker | None = None,
) -> OutboundMail | None:
    """Queue the acknowledgement of a ticket opened by ``inbound``, unless the mail came
    from a machine, the mailbox does not acknowledge, or the loop breaker holds.
    ``loop_breaker``: the one of the caller's batch, which counts this acknowledgement."""
    if inbound.is_automatic or not inbound.mailbox.acknowledge:
        return None
    loop_breaker = loop_breaker or LoopBreaker()
    if not loop_breaker.allows(inbound.sender):
        return None
    queued = outbound_queue(
        ticket=ticket,
        kind=OutboundMail.Kind.ACKNOWLEDGEMENT,
        body_text=acknowledgement_text(ticket, letterhead, clocks),
        answering=inbound,
    )
    if queued is not None:
        loop_breaker.count(inbound.sender)
    return queued
