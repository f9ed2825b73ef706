"""The events a subscription may ask for, and the JSON body each one is sent as.

A body is ``{"id", "type", "created_at", "data"}``. ``id`` is the uid of the recorded
change (a ticket or customer event row), the same for every subscription and every retry,
so a receiver can deduplicate by it. ``data`` names objects by their public uids only:
never an internal key, never a secret.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.tickets.models import Ticket, TicketEvent

JsonObject = dict[str, object]


class EventType(models.TextChoices):
    TICKET_CREATED = "ticket.created", _("A ticket was created")
    TICKET_UPDATED = "ticket.updated", _("A ticket's status, priority, team or fields changed")
    TICKET_MESSAGE_ADDED = "ticket.message_added", _("A reply was sent or a customer wrote")
    TICKET_NOTE_ADDED = "ticket.note_added", _("An internal note was added")
    TICKET_SLA_WARNING = "ticket.sla_warning", _("An SLA target is close")
    TICKET_SLA_BREACHED = "ticket.sla_breached", _("An SLA target was missed")
    TICKET_MERGED = "ticket.merged", _("Tickets were merged")
    CUSTOMER_CREATED = "customer.created", _("A customer was created")
    CUSTOMER_UPDATED = "customer.updated", _("A customer's profile changed")
    CUSTOMER_MERGED = "customer.merged", _("A duplicate customer was merged in")


# The type each kind of ticket event is sent as; kinds not named here are not sent.
TICKET_EVENT_TYPES: dict[str, EventType] = {
    TicketEvent.Kind.CREATED: EventType.TICKET_CREATED,
    TicketEvent.Kind.UPDATED: EventType.TICKET_UPDATED,
    TicketEvent.Kind.LINKED: EventType.TICKET_UPDATED,
    TicketEvent.Kind.REPLIED: EventType.TICKET_MESSAGE_ADDED,
    TicketEvent.Kind.CUSTOMER_REPLIED: EventType.TICKET_MESSAGE_ADDED,
    # A customer's message on a solved ticket: the message reopened it.
    TicketEvent.Kind.REOPENED: EventType.TICKET_MESSAGE_ADDED,
    TicketEvent.Kind.NOTED: EventType.TICKET_NOTE_ADDED,
    TicketEvent.Kind.SLA_WARNING: EventType.TICKET_SLA_WARNING,
    TicketEvent.Kind.SLA_BREACHED: EventType.TICKET_SLA_BREACHED,
    TicketEvent.Kind.MERGED: EventType.TICKET_MERGED,
}
CUSTOMER_EVENT_TYPES: dict[str, EventType] = {
    "created": EventType.CUSTOMER_CREATED,
    "updated": EventType.CUSTOMER_UPDATED,
    "merged": EventType.CUSTOMER_MERGED,
}
TEST_EVENT_TYPE = "webhook.test"
# Sent by an automation rule's "call a webhook" action to the one subscription it names,
# whatever types that subscription asks for.
AUTOMATION_EVENT_TYPE = "automation.triggered"


@dataclass(frozen=True)
class OutgoingEvent:
    """One event ready to be written to the outbox: its id, type and exact body."""

    id: uuid.UUID
    type: str
    body: str


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def event_body(*, event_id: uuid.UUID, event_type: str, at: datetime, data: JsonObject) -> str:
    """Return the body sent for one event: compact JSON, keys in a fixed order."""
    payload = {"id": str(event_id), "type": event_type, "created_at": _iso(at), "data": data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _uid(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def _ticket_data(ticket_id: int) -> JsonObject:
    row = (
        Ticket.objects.filter(pk=ticket_id)
        .values(
            "uid",
            "number",
            "subject",
            "status",
            "priority",
            "channel",
            "language",
            "tags",
            "version",
            "created_at",
            "updated_at",
            "team__uid",
            "assignee__uid",
            "customer__uid",
        )  # fmt: skip
        .get()
    )
    return {
        "uid": str(row["uid"]),
        "number": row["number"],
        "subject": row["subject"],
        "status": row["status"],
        "priority": row["priority"],
        "channel": row["channel"],
        "language": row["language"],
        "tags": row["tags"],
        "version": row["version"],
        "team": _uid(row["team__uid"]),
        "assignee": _uid(row["assignee__uid"]),
        "customer": _uid(row["customer__uid"]),
        "created_at": _iso(row["created_at"]),
        "updated_at": _iso(row["updated_at"]),
    }


def ticket_events_outgoing(events: list[TicketEvent], wanted: set[str]) -> list[OutgoingEvent]:
    """Return the bodies of ``events`` (one ticket change) whose type is in ``wanted``;
    reads the ticket once and the actors once, and nothing when no type is wanted."""
    sent = [event for event in events if TICKET_EVENT_TYPES.get(event.kind) in wanted]
    if not sent:
        return []
    ticket = _ticket_data(sent[0].ticket_id)
    actor_ids = {event.actor_id for event in sent if event.actor_id is not None}
    actors = (
        dict(User.objects.filter(pk__in=actor_ids).values_list("pk", "uid")) if actor_ids else {}
    )
    outgoing = []
    for event in sent:
        data: JsonObject = {
            "ticket": ticket,
            "change": event.kind,
            "fields": list(event.fields),
            "actor": _uid(actors.get(event.actor_id)) if event.actor_id else None,
        }
        message = event.data.get("message") if isinstance(event.data, dict) else None
        if isinstance(message, str):
            data["message"] = message
        event_type = TICKET_EVENT_TYPES[event.kind]
        body = event_body(
            event_id=event.uid, event_type=event_type, at=event.occurred_at, data=data
        )
        outgoing.append(OutgoingEvent(event.uid, event_type, body))
    return outgoing


def automation_outgoing(*, ticket_id: int, rule: dict[str, str]) -> OutgoingEvent:
    """Return the body of one run of a rule's "call a webhook" action: the ticket as it is
    now in the caller's transaction and the rule (``{"kind", "uid", "name"}``), under a
    new id (each run is a separate event)."""
    event_id = uuid.uuid4()
    data: JsonObject = {
        "ticket": _ticket_data(ticket_id),
        "rule": {"kind": rule["kind"], "uid": rule["uid"], "name": rule["name"]},
    }
    body = event_body(
        event_id=event_id, event_type=AUTOMATION_EVENT_TYPE, at=timezone.now(), data=data
    )
    return OutgoingEvent(event_id, AUTOMATION_EVENT_TYPE, body)


def customer_event_outgoing(
    *, customer: Customer, kind: str, event: CustomerEvent | None
) -> OutgoingEvent | None:
    """Return the body of one customer change, or None for a kind that is not sent."""
    event_type = CUSTOMER_EVENT_TYPES.get(kind)
    if event_type is None:
        return None
    emails = list(customer.emails.order_by("-is_primary", "id").values_list("address", flat=True))
    data: JsonObject = {
        "customer": {
            "uid": str(customer.uid),
            "given_name": customer.given_name,
            "surname": customer.surname,
            "emails": emails,
            "language": customer.language,
            "country": customer.country,
            "tags": list(customer.tags),
            "version": customer.version,
            "created_at": _iso(customer.created_at),
            "updated_at": _iso(customer.updated_at),
        },
        "change": kind,
        "fields": list(event.data.get("fields", [])) if event is not None else [],
    }
    if event is not None and kind == "merged":
        data["duplicate"] = event.data.get("duplicate")
    event_id = event.uid if event is not None else uuid.uuid4()
    at = event.occurred_at if event is not None else customer.updated_at
    body = event_body(event_id=event_id, event_type=event_type, at=at, data=data)
    return OutgoingEvent(event_id, event_type, body)
