"""The customer's timeline on the 360° page: their events (orders, consents, calls,
tickets) and the public messages of their tickets, newest first, in two queries whatever
their number.

Messages live in the tickets app, which sits above this one: they are read through the
customer's ``tickets`` relation and the ticket's ``messages`` relation, never imported, and
only from the tickets the viewer may see (``selectors.ticket_scope``). Calls are left out
of the messages: their own event tells them, with direction and duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import cast

from django.db.models import Model, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent, Order
from cortesia.customers.selectors import customer_timeline, sees_tickets, ticket_scope

EXCERPT = 140
SHOWN = 50
# The top of each survey kind's scale, to show "4 / 5". The feedback app owns the scales
# and sits above this one; a feedback test holds the two together.
SURVEY_SCALE_TOPS = {"csat": 5, "csat2": 2, "nps": 10, "ces": 7}
SURVEY_KIND_NAMES = {"csat": "CSAT", "csat2": "CSAT", "nps": "NPS", "ces": "CES"}
FRUSTRATION_LABELS = {
    "none": _("No frustration"),
    "some": _("Some frustration"),
    "high": _("High frustration"),
}


@dataclass(frozen=True)
class SurveyAnswer:
    """A survey_answered event as the timeline shows it: "NPS 9 / 10"."""

    kind_name: str
    score: int
    top: int


@dataclass(frozen=True)
class MentionShown:
    """A mention event's rating ("4.5 / 5", None when it had none) and frustration level."""

    rating: Decimal | None
    rating_max: int | None
    level: str
    level_label: str


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the timeline: an event, or a message of one of the customer's tickets."""

    at: datetime
    kind: str  # a CustomerEvent kind, or "message"
    event: CustomerEvent | None = None
    message: Model | None = None  # a tickets.TicketMessage with its ticket and author

    @property
    def excerpt(self) -> str:
        """The message's first words, on one line ("" for an event)."""
        text = " ".join(str(getattr(self.message, "body_text", "")).split())
        return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"

    @property
    def amount(self) -> Decimal | None:
        """An order event's total, or None."""
        if self.event is None or "total" not in self.event.data:
            return None
        try:
            return Decimal(str(self.event.data["total"]))
        except InvalidOperation:
            return None

    @property
    def order_status(self) -> str:
        """An order event's (new) status, named; "" for other events."""
        if self.event is None:
            return ""
        status = self.event.data.get("status") or self.event.data.get("to") or ""
        return str(Order.Status(status).label) if status in Order.Status.values else ""

    @property
    def call_length(self) -> str:
        """A call's duration as minutes and seconds ("2:05", "1:02:05"), or ""."""
        seconds = self.event.data.get("seconds") if self.event is not None else None
        if not isinstance(seconds, int) or seconds < 0:
            return ""
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"

    @property
    def consent(self) -> tuple[str, str, str] | None:
        """A consent event's purpose, decision and channel, named; None for others."""
        if self.event is None or self.event.kind != CustomerEvent.Kind.CONSENT:
            return None
        data = self.event.data
        return (
            _label(ConsentRecord.Purpose, data.get("purpose")),
            _label(ConsentRecord.Status, data.get("status")),
            _label(ConsentRecord.Channel, data.get("channel")),
        )

    @property
    def survey_answer(self) -> SurveyAnswer | None:
        """A survey_answered event's kind and score on its scale; None for others (or
        data that names no known kind and whole score)."""
        if self.event is None or self.event.kind != CustomerEvent.Kind.SURVEY_ANSWERED:
            return None
        kind, score = self.event.data.get("kind"), self.event.data.get("score")
        if kind not in SURVEY_SCALE_TOPS or not isinstance(score, int):
            return None
        return SurveyAnswer(SURVEY_KIND_NAMES[kind], score, SURVEY_SCALE_TOPS[kind])

    @property
    def mention(self) -> MentionShown | None:
        """A mention event's rating and frustration level; None for other events."""
        if self.event is None or self.event.kind != CustomerEvent.Kind.MENTION:
            return None
        data = self.event.data
        try:
            rating = None if data.get("rating") is None else Decimal(str(data["rating"]))
        except InvalidOperation:
            rating = None
        top = data.get("rating_max")
        level = str(data.get("level") or "none")
        label = str(FRUSTRATION_LABELS.get(level, FRUSTRATION_LABELS["none"]))
        return MentionShown(rating, top if isinstance(top, int) else None, level, label)


def _label(choices: type[TextChoices], value: object) -> str:
    if isinstance(value, str) and value in choices.values:
        return str(choices(value).label)
    return str(value or "")


def _messages(viewer: User, customer: Customer) -> QuerySet[Model]:
    """The public, non-call messages of the customer's tickets ``viewer`` may see."""
    tickets = customer.tickets.filter(ticket_scope(viewer))
    ticket_model = cast("type[Model]", tickets.model)
    message_model = cast("type[Model]", ticket_model._meta.get_field("messages").related_model)
    return (
        message_model._default_manager.filter(ticket__in=tickets, kind="reply", call_direction="")
        .select_related("ticket", "author")
        .only(
            "uid",
            "created_at",
            "author_kind",
            "body_text",
            "ticket__uid",
            "ticket__number",
            "ticket__subject",
            "author__first_name",
            "author__last_name",
            "author__username",
        )
        .order_by("-created_at", "-id")
    )


def customer_timeline_entries(
    *, viewer: User, customer: Customer, limit: int = SHOWN
) -> list[TimelineEntry]:
    """Return the newest ``limit`` entries of the customer's timeline, newest first: their
    events and, for a viewer who reads tickets, their tickets' public messages."""
    events = customer_timeline(viewer=viewer, customer=customer).order_by("-occurred_at", "-id")
    entries = [TimelineEntry(e.occurred_at, e.kind, event=e) for e in events[:limit]]
    if sees_tickets(viewer):
        messages = _messages(viewer, customer)[:limit]
        entries += [
            TimelineEntry(cast("datetime", m.created_at), "message", message=m)  # type: ignore[attr-defined]
            for m in messages
        ]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]
