"""Compute the fact rows of tickets from their raw rows: the ticket, its messages, its
status events and its SLA clocks. Pure functions over plain values, so the incremental
upkeep (a handful of tickets) and the rebuild (a million, in batches) share every rule.

The rules (docs/metrics.md states them for people):

- A ticket is **agent-created** when its first message was written by an agent.
- Messages dated before the ticket's creation (moved in by a merge from an older ticket)
  answered that ticket, not this one: they count in no wait, no reply and no reply count.
- **First response**: from the ticket's creation (agent-created: from the customer's first
  public message) to the first public agent reply after it. None before it happens, and
  for an agent-created ticket the customer never answered.
- **Next responses**: every later public agent reply that answers a customer message,
  measured from the first customer message since the previous agent reply.
- **Solves**: a status change into solved, or into closed from an unsolved status. A
  ticket stored as solved without such a change (an import) was solved at its
  ``solved_at``. **Reopens**: a status change out of solved or closed, and a customer's
  reply to a solved ticket.
- Business time is counted on the calendar of the ticket's SLA clocks, else its team's
  calendar; with neither, business time equals calendar time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cortesia.culture.business_time import BusinessCalendar, business_time_between
from cortesia.reports.models import TicketMoment

SOLVED = frozenset({"solved", "closed"})
UNSOLVED = frozenset({"new", "open", "pending", "on_hold"})
MAX_TAG = 100


@dataclass(frozen=True)
class TicketRow:
    id: int
    created_at: datetime
    team_id: int | None
    assignee_id: int | None
    customer_id: int
    channel: str
    language: str
    country: str
    priority: str
    status: str
    tags: Sequence[str]
    merged: bool
    solved_at: datetime | None


@dataclass(frozen=True)
class MessageRow:
    at: datetime
    public: bool  # a reply, not an internal note
    author: str  # "agent", "customer" or "system"


@dataclass(frozen=True)
class StatusRow:
    """A status change (``before`` → ``after``) or a reopen by a customer's reply."""

    at: datetime
    before: str
    after: str


@dataclass(frozen=True)
class ClockRow:
    target: str
    state: str
    breached_at: datetime | None
    stopped_at: datetime | None


@dataclass
class TicketHistory:
    ticket: TicketRow
    messages: list[MessageRow] = field(default_factory=list)
    statuses: list[StatusRow] = field(default_factory=list)
    clocks: list[ClockRow] = field(default_factory=list)
    calendar: BusinessCalendar | None = None


@dataclass(slots=True)
class FactRow:
    """A ``TicketFact`` to write: the same field names, as a plain row (a rebuild makes a
    million, and a model instance costs several times more to make)."""

    ticket_id: int
    created_at: datetime
    team_id: int | None
    assignee_id: int | None
    customer_id: int
    channel: str
    language: str
    country: str
    priority: str
    status: str
    by_agent: bool = False
    merged: bool = False
    first_response_at: datetime | None = None
    first_response_calendar: int | None = None
    first_response_business: int | None = None
    first_solved_at: datetime | None = None
    first_resolution_calendar: int | None = None
    first_resolution_business: int | None = None
    solved_at: datetime | None = None
    full_resolution_calendar: int | None = None
    full_resolution_business: int | None = None
    replies: int = 0
    replies_at_first_solve: int | None = None
    reopens: int = 0
    reopen_business_days: int | None = None
    active_breaches: int = 0


@dataclass(slots=True)
class MomentRow:
    """A ``TicketMoment`` to write."""

    kind: str
    at: datetime
    calendar: int | None = None
    business: int | None = None
    first: bool = False
    target: str = ""
    met: bool | None = None
    ticket_id: int = 0


@dataclass(slots=True)
class TagRow:
    """A ``TicketTagFact`` to write."""

    ticket_id: int
    tag: str


@dataclass
class Computed:
    fact: FactRow
    moments: list[MomentRow]
    tags: list[TagRow]


class Span:
    """Durations on one calendar (None: wall time)."""

    def __init__(self, calendar: BusinessCalendar | None) -> None:
        self.calendar = calendar

    def seconds(self, a: datetime, b: datetime) -> tuple[int, int]:
        """Return (calendar, business) whole seconds from ``a`` to ``b`` (0 when b ≤ a)."""
        if b <= a:
            return 0, 0
        wall = int((b - a).total_seconds())
        if self.calendar is None:
            return wall, wall
        return wall, int(business_time_between(self.calendar, a, b).total_seconds())

    def business_days(self, a: datetime, b: datetime) -> int:
        """Return the business days after ``a``'s local day up to ``b``'s (0: the same day
        or only closed days between). Without a calendar every day counts."""
        if self.calendar is None:
            return max((b.date() - a.date()).days, 0)
        zone = self.calendar.zone
        first, last = a.astimezone(zone).date(), b.astimezone(zone).date()
        count = 0
        day = first + timedelta(days=1)
        while day <= last:
            if self.calendar.hours_on(day):
                count += 1
            day += timedelta(days=1)
        return count


def _solves_and_reopens(history: TicketHistory) -> tuple[list[datetime], list[datetime]]:
    solves: list[datetime] = []
    reopens: list[datetime] = []
    for change in sorted(history.statuses, key=lambda row: row.at):
        if change.after in SOLVED and change.before not in SOLVED:
            solves.append(change.at)
        elif change.before in SOLVED and change.after not in SOLVED:
            reopens.append(change.at)
    ticket = history.ticket
    if not solves and ticket.status in SOLVED and ticket.solved_at is not None:
        solves.append(ticket.solved_at)
    return solves, reopens


def _replies(history: TicketHistory, by_agent: bool, span: Span) -> list[MomentRow]:
    """The public agent replies as moments, each with the wait it ended."""
    moments: list[MomentRow] = []
    created = history.ticket.created_at
    waiting_since: datetime | None = None if by_agent else created
    first_done = False
    for message in history.messages:
        if not message.public or message.at < created:
            continue
        if message.author == "customer":
            if waiting_since is None:
                waiting_since = message.at
            continue
        if message.author != "agent":
            continue
        moment = MomentRow(kind=TicketMoment.Kind.REPLY, at=message.at)
        if waiting_since is not None:
            moment.calendar, moment.business = span.seconds(waiting_since, message.at)
            if not first_done:
                moment.first = True
                first_done = True
        moments.append(moment)
        waiting_since = None
    return moments


def ticket_fact_compute(history: TicketHistory) -> Computed:
    """Return the fact row, moments and tag rows of one ticket (unsaved)."""
    ticket = history.ticket
    span = Span(history.calendar)
    messages = sorted(history.messages, key=lambda row: row.at)
    history.messages = messages
    own = [message for message in messages if message.at >= ticket.created_at]
    by_agent = bool(own) and own[0].author == "agent"
    replies = _replies(history, by_agent, span)
    solves, reopens = _solves_and_reopens(history)
    fact = FactRow(
        ticket_id=ticket.id,
        created_at=ticket.created_at,
        team_id=ticket.team_id,
        assignee_id=ticket.assignee_id,
        customer_id=ticket.customer_id,
        channel=ticket.channel,
        language=ticket.language,
        country=ticket.country,
        priority=ticket.priority,
        status=ticket.status,
        by_agent=by_agent,
        merged=ticket.merged,
        replies=len(replies),
        reopens=len(reopens),
    )
    first_reply = next((moment for moment in replies if moment.first), None)
    if first_reply is not None:
        fact.first_response_at = first_reply.at
        fact.first_response_calendar = first_reply.calendar
        fact.first_response_business = first_reply.business
    moments = list(replies)
    for index, solved in enumerate(solves):
        calendar, business = span.seconds(ticket.created_at, solved)
        moments.append(
            MomentRow(
                kind=TicketMoment.Kind.SOLVE,
                at=solved,
                calendar=calendar,
                business=business,
                first=index == 0,
            )
        )
    if solves:
        first_solve = solves[0]
        fact.first_solved_at = first_solve
        fact.first_resolution_calendar, fact.first_resolution_business = span.seconds(
            ticket.created_at, first_solve
        )
        fact.replies_at_first_solve = sum(1 for moment in replies if moment.at <= first_solve)
        later = [moment for moment in reopens if moment >= first_solve]
        if later:
            fact.reopen_business_days = span.business_days(first_solve, later[0])
        if ticket.status in SOLVED:
            last = max(solves)
            fact.solved_at = last
            fact.full_resolution_calendar, fact.full_resolution_business = span.seconds(
                ticket.created_at, last
            )
    moments.extend(MomentRow(kind=TicketMoment.Kind.REOPEN, at=moment) for moment in reopens)
    moments.extend(_clock_moments(history.clocks, fact))
    if ticket.merged:
        # A merged ticket counts nowhere: its moments would only be filtered out again.
        moments = []
    for moment in moments:
        moment.ticket_id = ticket.id
    tags = [
        TagRow(ticket_id=ticket.id, tag=tag[:MAX_TAG])
        for tag in sorted({str(tag)[:MAX_TAG] for tag in ticket.tags if str(tag).strip()})
    ]
    return Computed(fact=fact, moments=moments, tags=tags)


def _clock_moments(clocks: Iterable[ClockRow], fact: FactRow) -> list[MomentRow]:
    """One moment per finished target (met, or missed once it was breached), and one
    without an outcome (``met`` None, at the breach) per running or paused target already
    missed: an active breach, counted on the fact too."""
    moments = []
    for clock in clocks:
        if clock.state in ("running", "paused"):
            if clock.breached_at is not None:
                fact.active_breaches += 1
                moments.append(
                    MomentRow(
                        kind=TicketMoment.Kind.SLA,
                        at=clock.breached_at,
                        target=clock.target,
                        met=None,
                    )
                )
            continue
        if clock.breached_at is not None:
            moments.append(
                MomentRow(
                    kind=TicketMoment.Kind.SLA, at=clock.breached_at, target=clock.target, met=False
                )
            )
        elif clock.state == "met" and clock.stopped_at is not None:
            moments.append(
                MomentRow(
                    kind=TicketMoment.Kind.SLA, at=clock.stopped_at, target=clock.target, met=True
                )
            )
    return moments
