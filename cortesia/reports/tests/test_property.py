"""For random ticket histories, the facts-based answers equal a direct count of the raw rows.

Each example opens a few tickets of two teams in three languages and acts on them at
random instants (agent replies, customer replies, solves, reopens by an agent or by the
customer's reply), computes the facts as the upkeep does, then asks the engine for random
periods, zones, intervals, groupings and time bases, as the administrator, as the
manager of one team or as its agent, who also sees the tickets of another team they
handled before leaving it (so the hourly tallies answer some questions, the facts
others).
The expected figures are computed here from the tickets, messages and events alone, in
plain Python: local days by ``astimezone``, solves and reopens from the status changes
in the events, first responses from the messages, team Rome's business time by walking
its open minutes.
Neither side's code is shared with the other.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add, team_member_remove
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, Row, TimeBasis, metric_run
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.reports.upkeep import facts_refresh
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

START = datetime(2026, 3, 20, tzinfo=UTC)  # the histories run over the European DST change
ZONES = ("UTC", "Europe/Rome", "America/Los_Angeles", "Asia/Kolkata")
LANGUAGES = ("it", "en", "ar")
SOLVED = ("solved", "closed")
ACTIONS = ("agent", "customer", "solve", "reopen")


@dataclass(frozen=True)
class Plan:
    start_minute: int
    team: int  # 0 Rome, 1 Riyadh
    language: str
    by_agent: bool
    steps: tuple[tuple[str, int], ...]  # (action, minutes after the previous step)
    lent: bool = False  # a Riyadh ticket handled by Rome's agent, who then leaves Riyadh


plans = st.builds(
    Plan,
    start_minute=st.integers(0, 20 * 24 * 60),
    team=st.integers(0, 1),
    language=st.sampled_from(LANGUAGES),
    by_agent=st.booleans(),
    lent=st.booleans(),
    steps=st.lists(
        st.tuples(st.sampled_from(ACTIONS), st.integers(1, 4 * 24 * 60)), max_size=5
    ).map(tuple),
)


@dataclass(frozen=True)
class Ask:
    zone: str
    first_day: int
    days: int
    interval: Interval
    group_by: str
    basis: TimeBasis
    manager: bool = False  # asked by the manager of team Rome, not the administrator
    agent: bool = False  # asked by Rome's agent (who also sees their own tickets)


asks = st.builds(
    Ask,
    zone=st.sampled_from(ZONES),
    first_day=st.integers(-1, 24),
    days=st.integers(1, 14),
    interval=st.sampled_from([Interval.NONE, Interval.DAY, Interval.WEEK, Interval.MONTH]),
    group_by=st.sampled_from(["", "language", "team"]),
    basis=st.sampled_from([TimeBasis.CALENDAR, TimeBasis.BUSINESS]),
    manager=st.booleans(),
    agent=st.booleans(),
)


@dataclass
class Cast:
    teams: tuple[Team, Team]
    agents: tuple[User, User]
    customer: Customer
    admin: User
    manager: User


def _act(cast: Cast, plan: Plan) -> None:
    """Carry out one plan through the services, skipping steps the ticket's state refuses."""
    at = START + timedelta(minutes=plan.start_minute)
    lent = plan.lent and plan.team == 1
    agent = cast.agents[0] if lent else cast.agents[plan.team]
    if lent:
        team_member_add(team=cast.teams[1], user=agent, actor=Actor.system())
    first = MessageData(
        body_text="Ti chiamo per l'ordine." if plan.by_agent else "Dov'è il mio ordine?",
        author_kind="agent" if plan.by_agent else "customer",
    )
    with time_machine.travel(at, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Ordine",
                customer=cast.customer,
                team=cast.teams[plan.team],
                assignee=agent,
                language=plan.language,
                message=first,
            ),
            actor=Actor(agent),
        )
    for action, gap in plan.steps:
        at += timedelta(minutes=gap)
        ticket.refresh_from_db()
        with time_machine.travel(at, tick=False):
            if action == "agent":
                data = MessageData(body_text="Il pacco parte oggi con il corriere.")
                message_add(ticket=ticket, data=data, actor=Actor(agent))
            elif action == "customer":
                data = MessageData(body_text="Non è arrivato.", author_kind="customer")
                message_add(ticket=ticket, data=data, actor=Actor.system())
            elif action == "solve" and ticket.status not in SOLVED:
                _status(ticket, "solved", agent)
            elif action == "reopen" and ticket.status == "solved":
                _status(ticket, "open", agent)
    if lent:
        team_member_remove(team=cast.teams[1], user=agent, actor=Actor.system())


def _status(ticket: Ticket, status: str, agent: User) -> None:
    changes = TicketChanges(status=status)
    ticket_update(ticket=ticket, changes=changes, expected_version=None, actor=Actor(agent))


# The direct computation over raw rows.

Key = tuple[date | None, str | None]


def _inside(period: ReportPeriod, moment: datetime) -> bool:
    return period.first <= moment.astimezone(period.zone).date() <= period.last


def _bucket(period: ReportPeriod, moment: datetime) -> date | None:
    """The first day of the interval of ``moment``'s local day (None: no interval)."""
    day = moment.astimezone(period.zone).date()
    if period.interval == Interval.NONE:
        return None
    if period.interval == Interval.DAY:
        return day
    if period.interval == Interval.WEEK:
        return max(day - timedelta(days=day.weekday()), period.first)
    return max(day.replace(day=1), period.first)


@dataclass
class Raw:
    tickets: dict[int, Ticket]
    messages: dict[int, list[TicketMessage]]
    solves: dict[int, list[datetime]]
    reopens: dict[int, list[datetime]]


def _raw() -> Raw:
    tickets = {ticket.pk: ticket for ticket in Ticket.objects.select_related("team")}
    messages: dict[int, list[TicketMessage]] = defaultdict(list)
    for message in TicketMessage.objects.order_by("created_at", "pk"):
        messages[message.ticket_id].append(message)
    solves: dict[int, list[datetime]] = defaultdict(list)
    reopens: dict[int, list[datetime]] = defaultdict(list)
    for event in TicketEvent.objects.order_by("occurred_at", "pk"):
        status = event.data.get("status") if event.kind == TicketEvent.Kind.UPDATED else None
        if event.kind == TicketEvent.Kind.REOPENED:
            reopens[event.ticket_id].append(event.occurred_at)
        elif status and status[1] in SOLVED and status[0] not in SOLVED:
            solves[event.ticket_id].append(event.occurred_at)
        elif status and status[0] in SOLVED and status[1] not in SOLVED:
            reopens[event.ticket_id].append(event.occurred_at)
    return Raw(tickets, messages, solves, reopens)


# Team Rome's hours: Monday to Friday 09:00–17:00 in Rome, closed on Easter Sunday and
# Monday and on Liberation Day (the Italian holidays of the histories' weeks).
ROME = ZoneInfo("Europe/Rome")
HOLIDAYS = {date(2026, 4, 5), date(2026, 4, 6), date(2026, 4, 25)}


def _open_seconds(a: datetime, b: datetime) -> int:
    """The open seconds of team Rome from ``a`` to ``b`` (whole minutes), minute by minute."""
    seconds = 0
    minute = a
    while minute < b:
        local = minute.astimezone(ROME)
        if local.weekday() < 5 and 9 <= local.hour < 17 and local.date() not in HOLIDAYS:
            seconds += 60
        minute += timedelta(minutes=1)
    return seconds


def _duration(ticket: Ticket, a: datetime, b: datetime, basis: TimeBasis) -> int:
    if basis == TimeBasis.BUSINESS and ticket.team is not None and ticket.team.name == "Roma":
        return _open_seconds(a, b)
    return int((b - a).total_seconds())


def _first_response(
    messages: list[TicketMessage], created: datetime
) -> tuple[datetime, datetime] | None:
    """(waiting since, answered at) of the first public agent reply that answered the
    customer."""
    public = [m for m in messages if m.kind == "reply"]
    by_agent = messages[0].author_kind == "agent"
    waiting = None if by_agent else created
    for message in public:
        if message.author_kind == "customer" and waiting is None:
            waiting = message.created_at
        elif message.author_kind == "agent" and waiting is not None:
            return waiting, message.created_at
    return None


def _group(ticket: Ticket, group_by: str) -> str | None:
    if group_by == "team":
        return str(ticket.team.uid) if ticket.team else ""
    return ticket.language if group_by else None


def _expected(
    raw: Raw,
    period: ReportPeriod,
    group_by: str,
    basis: TimeBasis,
    teams: set[str] | None,
    assignee: int | None = None,
) -> dict[str, dict[Key, object]]:
    """The figures of the tickets of ``teams`` (team names; None: every ticket) and those
    assigned to ``assignee``."""
    created: dict[Key, int] = defaultdict(int)
    solved: dict[Key, set[int]] = defaultdict(set)
    reopened: dict[Key, int] = defaultdict(int)
    waits: dict[Key, list[int]] = defaultdict(list)
    resolutions: dict[Key, list[int]] = defaultdict(list)
    replies: dict[Key, list[int]] = defaultdict(list)
    for pk, ticket in raw.tickets.items():
        theirs = assignee is not None and ticket.assignee_id == assignee
        outside = teams is not None and ticket.team is not None and ticket.team.name not in teams
        if outside and not theirs:
            continue
        group = _group(ticket, group_by)
        if _inside(period, ticket.created_at):
            created[(_bucket(period, ticket.created_at), group)] += 1
        for moment in raw.solves[pk]:
            if _inside(period, moment):
                solved[(_bucket(period, moment), group)].add(pk)
        if raw.solves[pk] and _inside(period, first_solve := raw.solves[pk][0]):
            resolution = _duration(ticket, ticket.created_at, first_solve, basis)
            resolutions[(_bucket(period, first_solve), group)].append(resolution)
        for moment in raw.reopens[pk]:
            if _inside(period, moment):
                reopened[(_bucket(period, moment), group)] += 1
        first = _first_response(raw.messages[pk], ticket.created_at)
        if first and _inside(period, first[1]):
            waited = _duration(ticket, first[0], first[1], basis)
            waits[(_bucket(period, first[1]), group)].append(waited)
        if ticket.status in SOLVED and _inside(period, raw.solves[pk][-1]):
            agent_replies = [
                m for m in raw.messages[pk] if m.kind == "reply" and m.author_kind == "agent"
            ]
            replies[(_bucket(period, raw.solves[pk][-1]), group)].append(len(agent_replies))
    return {
        "tickets_created": dict(created),
        "tickets_solved": {key: len(pks) for key, pks in solved.items()},
        "tickets_reopened": dict(reopened),
        "first_response_time": {key: _stats(values) for key, values in waits.items()},
        "first_resolution_time": {key: _stats(values) for key, values in resolutions.items()},
        "replies_per_ticket": {key: (sum(v), len(v)) for key, v in replies.items()},
    }


def _minutes(seconds: float | Decimal) -> Decimal:
    return (Decimal(seconds) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _stats(values: list[int]) -> tuple[Decimal, Decimal, int]:
    return (
        _minutes(statistics.median(values)),
        _minutes(Decimal(sum(values)) / len(values)),
        len(values),
    )


def _answered(rows: list[Row], metric: str) -> dict[Key, object]:
    """The engine's rows in the shape of the direct computation (empty rows left out)."""
    out: dict[Key, object] = {}
    for row in rows:
        key = (row.period, row.group)
        if metric in ("first_response_time", "first_resolution_time"):
            if row.values["count"]:
                out[key] = (row.values["median"], row.values["mean"], row.values["count"])
        elif metric == "replies_per_ticket":
            if row.values["tickets"]:
                out[key] = (row.values["replies"], row.values["tickets"])
        elif row.values["count"]:
            out[key] = row.values["count"]
    return out


@pytest.fixture
def cast(team_rome: Team, team_riyadh: Team, alice: User, charlie: User) -> Cast:
    team_rome.calendar = calendar_create(
        name="Roma",
        time_zone="Europe/Rome",
        country="IT",
        weekly={day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_rome.save(update_fields=["calendar"])
    customer = customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"), actor=Actor.system()
    )
    manager = make_user("capo", Role.MANAGER)
    team_member_add(team=team_rome, user=manager, actor=Actor.system())
    admin = make_user("root", Role.ADMIN)
    return Cast((team_rome, team_riyadh), (alice, charlie), customer, admin, manager)


class Rollback(Exception):
    """Raised at the end of an example to undo its rows."""


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(histories=st.lists(plans, min_size=1, max_size=5), questions=st.lists(asks, max_size=3))
def test_the_facts_answer_as_the_raw_rows_do(
    cast: Cast, histories: list[Plan], questions: list[Ask]
) -> None:
    try:
        with transaction.atomic():
            for plan in histories:
                _act(cast, plan)
            facts_refresh(Ticket.objects.values_list("pk", flat=True))
            raw = _raw()
            for ask in [
                Ask("Europe/Rome", 0, 21, Interval.WEEK, "language", TimeBasis.BUSINESS),
                Ask("UTC", -1, 26, Interval.DAY, "", TimeBasis.CALENDAR, agent=True),
                *questions,
            ]:
                period = ReportPeriod(
                    START.date() + timedelta(days=ask.first_day),
                    START.date() + timedelta(days=ask.first_day + ask.days - 1),
                    ZoneInfo(ask.zone),
                    ask.interval,
                )
                teams = {"Roma"} if ask.manager or ask.agent else None
                agent = cast.agents[0]
                own = agent.pk if ask.agent else None
                expected = _expected(raw, period, ask.group_by, ask.basis, teams, own)
                viewer = agent if ask.agent else cast.manager if ask.manager else cast.admin
                for metric, figures in expected.items():
                    query = MetricQuery(metric, period, group_by=ask.group_by, time_basis=ask.basis)
                    rows = metric_run(query, viewer).rows
                    assert _answered(rows, metric) == figures, (metric, ask)
            raise Rollback
    except Rollback:
        pass
