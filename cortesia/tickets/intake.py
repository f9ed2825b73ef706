"""Opening a ticket at the desk: for a customer on the phone, at the counter or written to
first, with an existing customer or one created on the spot.

The first message is the customer's words (what the caller said), an agent's e-mail to
the customer (mailed through the reply path, like any reply on an e-mail ticket), or a
logged call. A submission key makes the form idempotent: the key is stored with the
ticket in the ticket's own transaction under a unique constraint, so of two requests
with one key (a double click) the second waits for the first, fails to store the key,
rolls its own ticket back and answers with the first one's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, DuplicateCustomer, customer_create
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.calls import CallData, call_timeline_record
from cortesia.tickets.composer import has_own_words, reply_frame
from cortesia.tickets.creation import ticket_open
from cortesia.tickets.inputs import MAX_BODY, MessageData, TicketData, require_ticket_staff
from cortesia.tickets.models import ReplySubmission, Ticket, TicketMessage
from cortesia.tickets.selectors import ticket_visible
from cortesia.tickets.services import NOTHING_OF_YOUR_OWN, TicketChanges, ticket_update

KEY_PREFIX = "ticket:"  # keeps these keys apart from the composer's reply keys
MAX_KEY = 100 - len(KEY_PREFIX)


class First:
    """Who the first message is from."""

    CUSTOMER = "customer"  # the customer's words, as the agent took them down
    AGENT = "agent"  # an e-mail from the agent to the customer


@dataclass(frozen=True)
class DeskTicketData:
    subject: str
    body: str
    channel: str
    first: str = First.CUSTOMER
    customer: Customer | None = None
    new_customer: CustomerData | None = None  # created with the ticket when no customer
    team: Team | None = None  # None: routing decides
    priority: str = Ticket.Priority.NORMAL
    call: CallData | None = None  # the first message is this call (``body`` unused)
    tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DeskOpened:
    ticket: Ticket
    customer_created: bool = False
    is_replay: bool = False  # the key was used before: nothing new was stored


def frame_for(customer: Customer, agent: User | None, team: Team | None) -> str:
    """The start of an e-mail to ``customer``: greeting and sign-off in the customer's
    language and register, as the composer prefills a reply."""
    draft = Ticket(customer=customer, language=customer.language, team=team)
    return reply_frame(draft, agent, business_register_defaults()).prefill


def _first_message(data: DeskTicketData, customer: Customer, actor: Actor) -> MessageData:
    if data.call is not None:
        return data.call.message()
    if data.first != First.AGENT:
        return MessageData(body_text=data.body, author_kind=TicketMessage.Author.CUSTOMER)
    errors: dict[str, str] = {}
    if data.channel != Ticket.Channel.EMAIL:
        errors["channel"] = _("An e-mail to the customer is sent on the e-mail channel.")
    if not customer.emails.exists():
        errors["first"] = _("This customer has no e-mail address to write to.")
    draft = Ticket(customer=customer, language=customer.language, team=data.team)
    frame = reply_frame(draft, actor.user, business_register_defaults())
    if data.body.strip() and not has_own_words(data.body, frame):
        errors["body"] = str(NOTHING_OF_YOUR_OWN)
    if errors:
        raise FieldErrors(errors)
    return MessageData(body_text=data.body, author_kind=TicketMessage.Author.AGENT)


def _keep_in_sight(ticket: Ticket, actor: Actor) -> Ticket:
    """Put a ticket that routing left without a team in the team of the agent who opened
    it (their first by name): an agent sees only their teams' tickets, and would lose
    the one they just opened for the customer in front of them."""
    user = actor.user
    if user is None or ticket.team_id is not None or ticket_visible(viewer=user, ticket=ticket):
        return ticket
    team = user.teams.order_by("name", "pk").first()
    if team is None:
        return ticket
    return ticket_update(
        ticket=ticket,
        changes=TicketChanges(team=team),
        expected_version=ticket.version,
        actor=actor,
    )


def _open(data: DeskTicketData, actor: Actor) -> tuple[Ticket, TicketMessage, bool]:
    customer = data.customer
    created = customer is None
    if customer is None:
        if data.new_customer is None:
            raise FieldErrors({"customer": _("Choose a customer or create one.")})
        customer = customer_create(data=data.new_customer, actor=actor)
    ticket_data = TicketData(
        subject=data.subject,
        customer=customer,
        message=_first_message(data, customer, actor),
        channel=data.channel,
        priority=data.priority,
        team=data.team,
        tags=data.tags,
    )
    opened = ticket_open(data=ticket_data, actor=actor)
    ticket = _keep_in_sight(opened.ticket, actor)
    if data.call is not None:
        call_timeline_record(ticket, opened.message, actor)
        if data.call.status:
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=data.call.status),
                expected_version=ticket.version,
                actor=actor,
            )
    return ticket, opened.message, created


def _replay(user: User | None, key: str) -> Ticket | None:
    if user is None or not key:
        return None
    first = (
        ReplySubmission.objects.filter(user=user, key=KEY_PREFIX + key)
        .select_related("ticket")
        .first()
    )
    return first.ticket if first is not None else None


def desk_ticket_open(*, data: DeskTicketData, key: str, actor: Actor) -> DeskOpened:
    """Open a ticket as the desk does (see the module), once per ``key`` ("" opens one
    every time). Raises Forbidden, FieldErrors, DuplicateCustomer (the new customer's
    address or number belongs to someone: nothing is stored) or Conflict."""
    require_ticket_staff(actor)
    if len(key) > MAX_KEY:
        raise FieldErrors({"submission": _("This form is too old. Reload the page.")})
    if len(data.body) > MAX_BODY:
        raise FieldErrors(
            {"body": _("A message has at most %(count)d characters.") % {"count": MAX_BODY}}
        )
    user = actor.user if key else None
    if (first := _replay(user, key)) is not None:
        return DeskOpened(first, is_replay=True)
    try:
        with transaction.atomic():
            ticket, message, created = _open(data, actor)
            if user is not None:
                ReplySubmission.objects.create(
                    user=user, key=KEY_PREFIX + key, ticket=ticket, message=message
                )
    except (IntegrityError, DuplicateCustomer):
        # A concurrent request with the same key got there first: its new customer's
        # address, or the key itself, was taken when this one tried to store them.
        if (first := _replay(user, key)) is None:
            raise
        return DeskOpened(first, is_replay=True)
    ticket.refresh_from_db(fields=["status", "version", "team"])
    return DeskOpened(ticket, customer_created=created)
