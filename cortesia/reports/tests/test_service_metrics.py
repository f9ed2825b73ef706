"""Service metrics: who sees which tickets, filters and groupings (the figures themselves
are checked in test_fixture_dashboard and test_property)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, QueryError, Row, metric_run
from cortesia.reports.models import TicketFact
from cortesia.reports.periods import ReportPeriod
from cortesia.reports.settings_access import ReportSettingsData, report_settings_set
from cortesia.reports.stats import duration_stats
from cortesia.reports.upkeep import facts_refresh
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.sla_scanner import sla_scan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

UTC_MARCH = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ZoneInfo("UTC"))
NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def utc(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT"), actor=Actor.system()
    )


def _open(
    customer: Customer, team: Team, at: datetime, *, assignee: User | None = None, tag: str = ""
) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Ordine",
                customer=customer,
                team=team,
                assignee=assignee,
                language="it",
                tags=[tag] if tag else [],
                message=MessageData(body_text="Dov'è il mio ordine?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _ask(viewer: User, metric: str, group_by: str = "", **filters: str) -> list[Row]:
    with time_machine.travel(NOW, tick=False):
        query = MetricQuery(metric, UTC_MARCH, group_by=group_by, filters=filters)
        return metric_run(query, viewer).rows


def _counts(rows: list[Row], column: str = "count") -> list[tuple[str | None, object]]:
    return [(row.group, row.values[column]) for row in rows]


@pytest.fixture
def desk(giulia: Customer, team_rome: Team, team_riyadh: Team, charlie: User) -> None:
    """Rome: two tickets (one tagged "vip", one 10 days old); Riyadh: two."""
    _open(giulia, team_rome, utc(19), tag="vip")
    _open(giulia, team_rome, utc(10))
    _open(giulia, team_riyadh, utc(19))
    _open(giulia, team_riyadh, utc(19), assignee=charlie)
    facts_refresh(Ticket.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("_case", "reader", "count"),
    [
        ("agent of Rome: the team's", "alice", 2),
        ("manager of Riyadh: its tickets and those with no team", "manager", 2),
        ("administrator: all", "admin", 4),
    ],
)
@pytest.mark.usefixtures("desk")
def test_each_reader_counts_the_tickets_they_may_see(
    _case: str, reader: str, count: int, alice: User, admin_user: User, team_riyadh: Team
) -> None:
    viewer = {"alice": alice, "admin": admin_user}.get(reader)
    if viewer is None:
        viewer = make_user("manager", Role.MANAGER)
        team_member_add(team=team_riyadh, user=viewer, actor=Actor.system())
    assert _counts(_ask(viewer, "tickets_created")) == [(None, count)]


@pytest.mark.usefixtures("desk")
def test_a_marketer_may_not_read_service_metrics(mia: User) -> None:
    with pytest.raises(Forbidden):
        _ask(mia, "tickets_created")


@pytest.mark.usefixtures("desk")
def test_groupings_use_public_keys(admin_user: User, team_rome: Team, team_riyadh: Team) -> None:
    rows = _ask(admin_user, "tickets_created", group_by="team")
    assert sorted(_counts(rows)) == sorted([(str(team_rome.uid), 2), (str(team_riyadh.uid), 2)])
    assert _counts(_ask(admin_user, "backlog", group_by="tag")) == [("", 3), ("vip", 1)]
    assert _counts(_ask(admin_user, "tickets_created", tag="vip")) == [(None, 1)]
    assert _counts(_ask(admin_user, "tickets_created", agent="nobody")) == [(None, 0)]
    assert _counts(_ask(admin_user, "tickets_created", team="not-a-uid")) == [(None, 0)]
    with pytest.raises(QueryError):
        _ask(admin_user, "tickets_created", group_by="survey_kind")


@pytest.mark.usefixtures("desk")
def test_the_backlog_is_filtered_by_age(admin_user: User) -> None:
    # At 20 March 12:00 three tickets are 27 hours old, one is 10 days old.
    assert _counts(_ask(admin_user, "backlog", age="1-3d")) == [(None, 3)]
    assert _counts(_ask(admin_user, "backlog", age="7-30d")) == [(None, 1)]
    assert _counts(_ask(admin_user, "backlog", age="forever")) == [(None, 0)]
    assert _counts(_ask(admin_user, "backlog", group_by="status", age="7-30d")) == [("new", 1)]


def test_sla_attainment_by_target_and_filtered_by_target(
    giulia: Customer, team_rome: Team, alice: User, admin_user: User
) -> None:
    # Given a policy answering in 60 minutes and solving in ten days (around the clock)
    policy_save(
        policy=None,
        data=PolicyData(
            name="Ordini", first_response_minutes=60, resolution_minutes=14400, business_hours=False
        ),
        actor=Actor.system(),
    )
    # One ticket answered in time; one breached and still unanswered
    answered = _open(giulia, team_rome, utc(2))
    with time_machine.travel(utc(2, 9).replace(minute=30), tick=False):
        message_add(
            ticket=answered,
            data=MessageData(body_text="Il pacco parte oggi con il corriere."),
            actor=Actor(alice),
        )
    _open(giulia, team_rome, utc(3))
    sla_scan(now=utc(3, 11))
    facts_refresh(Ticket.objects.values_list("pk", flat=True))
    # Then the first response was met once, and is breached once (active, apart)
    rows = _ask(admin_user, "sla_attainment", group_by="sla_target")
    assert [(row.group, row.values) for row in rows] == [
        ("first_response", {"percent": 100, "met": 1, "missed": 0, "active_breaches": 1}),
    ]
    # Filtered by the resolution target: nothing finished, nothing breached
    rows = _ask(admin_user, "sla_attainment", sla_target="resolution")
    assert [row.values for row in rows] == [
        {"percent": None, "met": 0, "missed": 0, "active_breaches": 0}
    ]
    # Grouped by team: the team with the breach has its row
    rows = _ask(admin_user, "sla_attainment", group_by="team")
    assert [(row.group, row.values["met"], row.values["active_breaches"]) for row in rows] == [
        (str(team_rome.uid), 1, 1)
    ]


def test_the_one_touch_window_applies_to_past_solves_at_once(
    giulia: Customer, team_riyadh: Team, charlie: User, admin_user: User
) -> None:
    # Given a ticket of a team without a calendar, answered once, solved on 2 March and
    # reopened 3 days later
    ticket = _open(giulia, team_riyadh, utc(2))
    with time_machine.travel(utc(2, 9).replace(minute=30), tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Il pacco parte oggi con il corriere."),
            actor=Actor(charlie),
        )
    for day, status in ((2, "solved"), (5, "open")):
        with time_machine.travel(utc(day, 10), tick=False):
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=None,
                actor=Actor(charlie),
            )
    facts_refresh([ticket.pk])
    # Then within the default window of 5 days it is no one-touch ticket
    assert _ask(admin_user, "one_touch_resolution")[0].values == {
        "percent": 0,
        "one_touch": 0,
        "solved": 1,
    }
    # When the window becomes 2 business days, the reopen came after it: one-touch
    report_settings_set(
        data=ReportSettingsData("EUR", 180, 2, Decimal(100)), actor=Actor(admin_user)
    )
    assert _ask(admin_user, "one_touch_resolution")[0].values == {
        "percent": 100,
        "one_touch": 1,
        "solved": 1,
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL computes the percentiles itself"
)
def test_postgresql_percentiles_equal_the_python_ones(
    admin_user: User, team_rome: Team, team_riyadh: Team
) -> None:
    """Without an interval PostgreSQL's percentile_cont answers; it must give exactly the
    figures of stats.duration_stats over the same seconds, per group and overall."""
    rng = random.Random(7)  # noqa: S311  (test data)
    seconds: dict[int, list[int]] = {team_rome.pk: [], team_riyadh.pk: []}
    facts = []
    for pk in range(1, 202):
        team = team_rome.pk if pk % 3 else team_riyadh.pk
        wait = rng.choice((0, 59, 60, 61, 89, 90, 91)) + rng.randint(0, 400_000)
        seconds[team].append(wait)
        facts.append(
            TicketFact(
                ticket_id=pk,
                created_at=utc(2),
                team_id=team,
                customer_id=1,
                channel="email",
                priority="normal",
                status="open",
                first_response_at=utc(3),
                first_response_calendar=wait,
                first_response_business=wait,
            )
        )
    TicketFact.objects.bulk_create(facts)

    overall = _ask(admin_user, "first_response_time")
    by_team = _ask(admin_user, "first_response_time", group_by="team")

    assert [row.values for row in overall] == [
        duration_stats(seconds[team_rome.pk] + seconds[team_riyadh.pk])
    ]
    assert {row.group: row.values for row in by_team} == {
        str(team_rome.uid): duration_stats(seconds[team_rome.pk]),
        str(team_riyadh.uid): duration_stats(seconds[team_riyadh.pk]),
    }
