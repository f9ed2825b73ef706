"""Every write to tickets. Each change records a TicketEvent in the same transaction.

Stale writes (two agents changing one ticket at once): a change carries the version it
was based on. It is refused only when a field it changes was changed by someone else since
that version; changes to other fields land, and messages are never refused for being late.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from babel.lists import format_list
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, to_locale
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, Forbidden
from cortesia.culture.language_detection import UNKNOWN, detect_language
from cortesia.culture.local_formats import babel_locale
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import customer_event_record
from cortesia.customers.validation import ProfileCheck, check_language, check_tags
from cortesia.lib.html import html_to_text, sanitize_html, text_to_html
from cortesia.lib.text import without_direction_controls
from cortesia.localization.selectors import business_register_defaults
from cortesia.sla import clocks as sla
from cortesia.tickets.assignment import note_assignment, pick_assignee
from cortesia.tickets.attachments import attachments_claim
from cortesia.tickets.composer import has_own_words, reply_frame
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.numbering import next_number
from cortesia.tickets.permissions import can_work_tickets
from cortesia.tickets.routing import Routed, route
from cortesia.tickets.signals import message_added
from cortesia.tickets.transitions import can_move

MAX_BODY = 200_000
NOTHING_OF_YOUR_OWN = gettext_lazy(
    "Write your reply: the greeting, the closing and the signature alone are not sent."
)


@dataclass
class MessageData:
    body_html: str = ""
    body_text: str = ""
    kind: str = TicketMessage.Kind.REPLY
    author_kind: str = TicketMessage.Author.AGENT
    call_direction: str = ""  # set for a logged phone call
    call_seconds: int | None = None
    attachments: list[str] = field(default_factory=list)  # uids of the sender's uploads


@dataclass
class TicketData:
    subject: str
    customer: Customer
    message: MessageData
    channel: str = Ticket.Channel.API
    priority: str = Ticket.Priority.NORMAL
    team: Team | None = None
    assignee: User | None = None
    language: str = ""
    # The language of the page or channel the request came in on, when known: the ticket
    # speaks it when neither the message nor the customer's profile tells.
    channel_language: str = ""
    tags: list[str] = field(default_factory=list)
    created_at: datetime | None = None


@dataclass
class TicketChanges:
    """Fields to change; ``None`` leaves a field alone. ``clear_team``/``clear_assignee``
    remove them."""

    subject: str | None = None
    status: str | None = None
    priority: str | None = None
    team: Team | None = None
    clear_team: bool = False
    assignee: User | None = None
    clear_assignee: bool = False
    language: str | None = None
    tags: list[str] | None = None


def require_ticket_staff(actor: Actor) -> None:
    if actor.user is not None and not can_work_tickets(actor.user):
        raise Forbidden(_("Your role does not work on tickets."))


def _choice(check: ProfileCheck, name: str, value: str, allowed: list[str]) -> None:
    if (message := choice_error(value, allowed)) is not None:
        check.fail(name, message)


def _body(check: ProfileCheck, data: MessageData) -> tuple[str, str]:
    if data.body_html.strip():
        markup = sanitize_html(data.body_html)
        text = html_to_text(markup)
    else:
        text = data.body_text.strip()
        markup = text_to_html(text)
    if not text:
        check.fail("body", _("Write a message."))
    elif len(markup) > MAX_BODY:
        check.fail("body", _("A message has at most %(count)d characters.") % {"count": MAX_BODY})
    _choice(check, "kind", data.kind, TicketMessage.Kind.values)
    if data.call_direction or data.call_seconds is not None:
        _choice(check, "call_direction", data.call_direction, TicketMessage.CallDirection.values)
        if data.call_seconds is None or not 0 <= data.call_seconds <= 86_400:
            check.fail("call_seconds", _("Give the call's length in seconds (up to a day)."))
    _choice(check, "author", data.author_kind, TicketMessage.Author.values)
    return markup, text


def _check_assignee(check: ProfileCheck, assignee: User | None, team: Team | None) -> None:
    if assignee is None:
        return
    if not can_work_tickets(assignee):
        check.fail("assignee", _("Tickets can only be assigned to active agents."))
    elif team is not None and not team.members.filter(pk=assignee.pk).exists():
        check.fail("assignee", _("%(name)s is not a member of this team.") % {"name": assignee})


def _record(
    ticket: Ticket,
    kind: TicketEvent.Kind,
    actor: Actor,
    *,
    fields: list[str] | None = None,
    data: dict[str, object] | None = None,
    at: datetime | None = None,
) -> TicketEvent:
    """Write the event; ``at`` is when it happened (a ticket imported with its history),
    else now."""
    return TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        actor=actor.user,
        version=ticket.version,
        fields=fields or [],
        data=data or {},
        occurred_at=at or timezone.now(),
    )


def sync_sla_due(ticket: Ticket) -> None:
    """Copy the nearest running SLA deadline onto the ticket (the inbox sorts by it)."""
    due = sla.next_due(ticket)
    if due != ticket.sla_due_at:
        Ticket.objects.filter(pk=ticket.pk).update(sla_due_at=due)
        ticket.sla_due_at = due


def _timeline(
    ticket: Ticket, kind: CustomerEvent.Kind, actor: Actor, at: datetime | None = None
) -> None:
    customer_event_record(
        customer=ticket.customer,
        kind=kind,
        actor=actor,
        data={"ticket": str(ticket.uid), "number": ticket.number, "subject": ticket.subject},
        occurred_at=at,
    )


def _ticket_language(
    given: str, customer: Customer, message: MessageData, text: str, channel: str
) -> tuple[str, str]:
    """Return the ticket's language and where it came from, the first known of: given by
    the caller, detected in the customer's first message, the customer's own language,
    the language of the page or channel it came in on, the site's language. A message too
    short to tell thus never leaves a ticket without a language to route and answer in."""
    if given:
        return given, "given"
    mode = settings.CORTESIA_LANGUAGE_DETECTION
    if (
        mode != "off"
        and message.author_kind == TicketMessage.Author.CUSTOMER
        and message.kind == TicketMessage.Kind.REPLY
    ):
        detected = detect_language(text, accurate=mode == "accurate").language
        if detected != UNKNOWN:
            return detected, "detected"
    if customer.language:
        return customer.language, "customer"
    if channel:
        return channel, "channel"
    return settings.LANGUAGE_CODE, "site"


@transaction.atomic
def ticket_create(*, data: TicketData, actor: Actor) -> Ticket:
    """Open a ticket with its first message. Raises Forbidden or FieldErrors."""
    require_ticket_staff(actor)
    check = ProfileCheck()
    subject = " ".join(without_direction_controls(data.subject).split())
    if not subject or len(subject) > 300:
        check.fail("subject", _("Give a subject of at most 300 characters."))
    _choice(check, "channel", data.channel, Ticket.Channel.values)
    _choice(check, "priority", data.priority, Ticket.Priority.values)
    language = check_language(check, data.language) if data.language else ""
    channel_language = check_language(check, data.channel_language) if data.channel_language else ""
    tags = check_tags(check, data.tags)
    _check_assignee(check, data.assignee, data.team)
    markup, text = _body(check, data.message)
    check.raise_if_any()
    language, language_source = _ticket_language(
        language, data.customer, data.message, text, channel_language
    )
    routed = (
        route(
            customer=data.customer,
            language=language,
            channel=data.channel,
            tags=tags,
            now=data.created_at or timezone.now(),
        )
        if data.team is None
        else Routed(data.team, "given")
    )
    now = data.created_at or timezone.now()
    assignee = data.assignee or pick_assignee(routed.team, language, now, routed.skills)
    if assignee is not None and data.assignee is None:
        note_assignment(assignee, now)
    ticket = Ticket.objects.create(
        number=next_number(),
        subject=subject,
        channel=data.channel,
        priority=data.priority,
        customer=data.customer,
        team=routed.team,
        assignee=assignee,
        language=language,
        tags=tags,
        skills=list(routed.skills),
    )
    # Imports of historical tickets keep their date; it is saved with the first message.
    at = ticket.created_at = data.created_at or ticket.created_at
    started = sla.clocks_start(ticket, at)
    _record(
        ticket,
        TicketEvent.Kind.CREATED,
        actor,
        data={
            "number": ticket.number,
            "routing": routed.reason,
            "auto_assigned": assignee is not None and data.assignee is None,
            "sla_policy": started.policy.name if started.policy else None,
            "language": language_source,
        },
        at=at,
    )
    _timeline(ticket, CustomerEvent.Kind.TICKET_CREATED, actor, at)
    also: dict[str, object] = {"sla_due_at": started.due_at}
    if data.created_at is not None:
        also["created_at"] = data.created_at
    _add_message(ticket, data.message, markup, text, actor, at, also=also, new_ticket=True)
    return ticket


def _add_message(
    ticket: Ticket,
    data: MessageData,
    markup: str,
    text: str,
    actor: Actor,
    at: datetime,
    *,
    also: dict[str, object] | None = None,
    new_ticket: bool = False,
) -> TicketMessage:
    message = TicketMessage.objects.create(
        ticket=ticket,
        kind=data.kind,
        author_kind=data.author_kind,
        author=actor.user if data.author_kind == TicketMessage.Author.AGENT else None,
        body_html=markup,
        body_text=text,
        created_at=at,
        call_direction=data.call_direction,
        call_seconds=data.call_seconds,
    )
    attachments_claim(message=message, uids=data.attachments, actor=actor)
    _apply_message_effects(ticket, message, actor, also or {})
    message_added.send(sender=Ticket, ticket=ticket, message=message, new_ticket=new_ticket)
    return message


def _message_clocks(ticket: Ticket, message: TicketMessage, changes: dict[str, object]) -> bool:
    """Move the SLA clocks for a message; return True when any clock may have changed."""
    if message.kind == TicketMessage.Kind.NOTE:
        return False
    moved = "status" in changes
    if moved:
        sla.on_status(ticket, ticket.status, str(changes["status"]), message.created_at)
    if message.author_kind == TicketMessage.Author.AGENT:
        sla.on_agent_reply(ticket, message.created_at)
        return True
    if message.author_kind == TicketMessage.Author.CUSTOMER:
        return sla.on_customer_reply(ticket, message.created_at) or moved
    return moved


def _apply_message_effects(
    ticket: Ticket, message: TicketMessage, actor: Actor, also: dict[str, object]
) -> None:
    """Update status, counters and the SLA deadline a message implies (with the ``also``
    values, in the same update), and record it."""
    changes: dict[str, object] = dict(also)
    kind = TicketEvent.Kind.NOTED
    if message.kind == TicketMessage.Kind.NOTE:
        pass
    elif message.author_kind == TicketMessage.Author.CUSTOMER:
        kind = TicketEvent.Kind.CUSTOMER_REPLIED
        changes["customer_reply_count"] = ticket.customer_reply_count + 1
        if ticket.status == Ticket.Status.CLOSED:
            raise Conflict(
                _("This ticket is closed. Open a follow-up ticket instead."), code="ticket_closed"
            )
        if ticket.status == Ticket.Status.SOLVED:
            kind = TicketEvent.Kind.REOPENED
            changes.update(status=Ticket.Status.OPEN, reopen_count=ticket.reopen_count + 1)
        elif ticket.status == Ticket.Status.PENDING:
            changes["status"] = Ticket.Status.OPEN
    else:
        kind = TicketEvent.Kind.REPLIED
        changes["agent_reply_count"] = ticket.agent_reply_count + 1
        if ticket.first_response_at is None and message.author_kind == TicketMessage.Author.AGENT:
            changes["first_response_at"] = message.created_at
        if ticket.status == Ticket.Status.NEW:
            changes["status"] = Ticket.Status.OPEN
    if _message_clocks(ticket, message, changes):
        changes["sla_due_at"] = sla.next_due(ticket)
    if changes.get("sla_due_at", ticket.sla_due_at) == ticket.sla_due_at:
        changes.pop("sla_due_at", None)
    fields = ["status"] if "status" in changes else []
    if fields:
        changes["version"] = ticket.version + 1
        if ticket.status == Ticket.Status.SOLVED:
            changes["solved_at"] = None
    for name, value in changes.items():
        setattr(ticket, name, value)
    if changes:
        ticket.save(update_fields=[*changes, "updated_at"])
    _record(ticket, kind, actor, fields=fields, data={"message": str(message.uid)})


@transaction.atomic
def message_add(*, ticket: Ticket, data: MessageData, actor: Actor) -> TicketMessage:
    """Add a reply or note. Never refused for being late (no lost replies); refused for a
    closed ticket when the customer writes, and for an agent's public reply with no words
    of the agent's own (only the greeting, closing and signature). Raises Forbidden,
    FieldErrors or Conflict."""
    require_ticket_staff(actor)
    check = ProfileCheck()
    markup, text = _body(check, data)
    if text and is_agent_reply(data):
        frame = reply_frame(ticket, actor.user, business_register_defaults())
        if not has_own_words(text, frame):
            check.fail("body", str(NOTHING_OF_YOUR_OWN))
    check.raise_if_any()
    locked = (
        Ticket.objects.select_related("customer").select_for_update(of=("self",)).get(pk=ticket.pk)
    )
    return _add_message(locked, data, markup, text, actor, timezone.now())


def is_agent_reply(data: MessageData) -> bool:
    return (
        data.kind == TicketMessage.Kind.REPLY
        and data.author_kind == TicketMessage.Author.AGENT
        and not data.call_direction
    )


def _wanted(ticket: Ticket, changes: TicketChanges, check: ProfileCheck) -> dict[str, object]:
    """Return the checked new values that differ from the ticket's."""
    wanted: dict[str, object] = {}
    if changes.subject is not None:
        subject = " ".join(without_direction_controls(changes.subject).split())
        if not subject or len(subject) > 300:
            check.fail("subject", _("Give a subject of at most 300 characters."))
        wanted["subject"] = subject
    if changes.status is not None:
        _choice(check, "status", changes.status, Ticket.Status.values)
        wanted["status"] = changes.status
    if changes.priority is not None:
        _choice(check, "priority", changes.priority, Ticket.Priority.values)
        wanted["priority"] = changes.priority
    if changes.team is not None or changes.clear_team:
        wanted["team"] = changes.team
    if changes.assignee is not None or changes.clear_assignee:
        wanted["assignee"] = changes.assignee
    if changes.language is not None:
        wanted["language"] = check_language(check, changes.language)
    if changes.tags is not None:
        wanted["tags"] = check_tags(check, changes.tags)
    return {name: value for name, value in wanted.items() if getattr(ticket, name) != value}


def _refuse_stale(ticket: Ticket, touched: set[str], expected_version: int | None) -> None:
    if expected_version is None or expected_version == ticket.version:
        return
    if expected_version > ticket.version:
        raise Conflict(_("This version of the ticket does not exist."), code="stale_version")
    changed = set()
    for fields in ticket.events.filter(version__gt=expected_version).values_list(
        "fields", flat=True
    ):
        changed.update(fields)
    overlap = sorted(changed & touched)
    if overlap:
        raise Conflict(
            _("Someone else changed %(fields)s of this ticket. Reload and try again.")
            % {"fields": _field_labels(overlap)},
            code="stale_version",
        )


def _field_labels(names: list[str]) -> str:
    """Return the ticket fields ``names`` as one list in the active language, by their
    verbose names ("stato e priorità" in Italian), never their code names."""
    fields = {field.name: field for field in Ticket._meta.concrete_fields}
    labels = [str(fields[name].verbose_name) for name in names]
    locale = babel_locale(to_locale(get_language() or settings.LANGUAGE_CODE))
    return format_list(labels, style="standard", locale=locale)


def _display(value: object) -> object:
    if isinstance(value, Team | User):
        return str(value.uid) if isinstance(value, Team) else value.username
    return value


@transaction.atomic
def ticket_update(
    *, ticket: Ticket, changes: TicketChanges, expected_version: int | None, actor: Actor
) -> Ticket:
    """Apply the changes unless a changed field was changed by someone else since
    ``expected_version``. Raises Forbidden, FieldErrors (bad values, a transition that is
    not allowed, an assignee outside the team) or Conflict."""
    require_ticket_staff(actor)
    ticket = (
        Ticket.objects.select_related("customer", "team")
        .select_for_update(of=("self",))
        .get(pk=ticket.pk)
    )
    check = ProfileCheck()
    wanted = _wanted(ticket, changes, check)
    status = str(wanted.get("status", ticket.status))
    if status in Ticket.Status.values and not can_move(ticket.status, status):
        check.fail(
            "status",
            _("A ticket cannot go from %(from)s to %(to)s.")
            % {"from": Ticket.Status(ticket.status).label, "to": Ticket.Status(status).label},
        )
    moved_away = (
        "team" in wanted
        and "assignee" not in wanted
        and ticket.assignee is not None
        and not (wanted["team"] and wanted["team"].members.filter(pk=ticket.assignee_id).exists())  # type: ignore[attr-defined]
    )
    if moved_away:  # the new team takes the ticket into its queue
        wanted["assignee"] = None
    if "team" in wanted or "assignee" in wanted:
        team = wanted.get("team", ticket.team)
        assignee = wanted.get("assignee", ticket.assignee)
        _check_assignee(check, assignee, team)  # type: ignore[arg-type]
    check.raise_if_any()
    _refuse_stale(ticket, set(wanted), expected_version)
    if not wanted:
        return ticket
    before = {name: _display(getattr(ticket, name)) for name in wanted}
    extra: dict[str, object] = {}
    if wanted.get("status") == Ticket.Status.SOLVED:
        extra["solved_at"] = timezone.now()
    elif ticket.status == Ticket.Status.SOLVED and "status" in wanted:
        extra.update(solved_at=None, reopen_count=ticket.reopen_count + 1)
    if "status" in wanted:
        sla.on_status(ticket, ticket.status, str(wanted["status"]), timezone.now())
    for name, value in {**wanted, **extra}.items():
        setattr(ticket, name, value)
    ticket.version += 1
    ticket.save(update_fields=[*wanted, *extra, "version", "updated_at"])
    _record(
        ticket,
        TicketEvent.Kind.UPDATED,
        actor,
        fields=sorted(wanted),
        data={name: [before[name], _display(getattr(ticket, name))] for name in wanted},
    )
    if wanted.get("status") == Ticket.Status.SOLVED:
        _timeline(ticket, CustomerEvent.Kind.TICKET_SOLVED, actor)
    if "status" in wanted:
        sync_sla_due(ticket)
    return ticket


def message_delivery_record(*, message_id: int, state: str, detail: str = "") -> None:
    """Note how the e-mail carrying a message is doing (the mail channel calls this when
    it queues, sends, retries or loses it)."""
    TicketMessage.objects.filter(pk=message_id).update(delivery=state, delivery_detail=detail[:300])


def ticket_delivery_failure_record(
    *, ticket_id: int, detail: dict[str, object], actor: Actor
) -> Ticket:
    """Note on a ticket's history that a mail sent for it came back undelivered (the mail
    channel calls this for a bounce); return the ticket."""
    ticket = Ticket.objects.get(pk=ticket_id)
    _record(ticket, TicketEvent.Kind.DELIVERY_FAILED, actor, data=detail)
    return ticket
