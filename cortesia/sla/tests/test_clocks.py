from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Team, User
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.clocks import policies_read_once, policy_for
from cortesia.sla.models import PolicyVersion, SlaClock, SlaPolicy
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketEvent
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


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def rome_hours(team_rome: Team) -> Team:
    """Roma works Monday to Friday 09:00–17:00 Europe/Rome with Italian public holidays."""
    team_rome.calendar = calendar_create(
        name="Roma", time_zone="Europe/Rome", country="IT", actor=Actor.system()
    )
    team_rome.save(update_fields=["calendar"])
    return team_rome


@pytest.fixture
def policy(db: None) -> SlaPolicy:
    return SlaPolicy.objects.create(
        name="Standard",
        first_response_minutes=60,
        next_response_minutes=120,
        resolution_minutes=480,
    )


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT"), actor=Actor.system()
    )


def _open(customer: Customer, team: Team, at: datetime) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Pacco",
                customer=customer,
                team=team,
                message=MessageData(body_text="Dov'è il pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _clock(ticket: Ticket, target: str) -> SlaClock:
    return SlaClock.objects.get(ticket=ticket, target=target)


@pytest.mark.parametrize(
    ("_case", "created", "due"),
    [
        # Friday 16:30 in Rome: 30 minutes on Friday, 30 on Monday morning.
        ("over a weekend", utc(2026, 11, 27, 15, 30), utc(2026, 11, 30, 8, 30)),
        # Monday 7 December 16:45: the 8th is a holiday in Italy (Immacolata).
        ("over a public holiday", utc(2026, 12, 7, 15, 45), utc(2026, 12, 9, 8, 45)),
        # Friday 23 October 16:30 CEST; clocks go back on Sunday: Monday 09:30 CET.
        ("across the end of summer time", utc(2026, 10, 23, 14, 30), utc(2026, 10, 26, 8, 30)),
        # Sunday: the clock starts at Monday's opening.
        ("opened while closed", utc(2026, 11, 29, 10, 0), utc(2026, 11, 30, 9, 0)),
    ],
)
def test_first_response_is_due_in_business_time(
    giulia: Customer,
    rome_hours: Team,
    policy: SlaPolicy,
    _case: str,
    created: datetime,
    due: datetime,
) -> None:
    ticket = _open(giulia, rome_hours, created)
    clock = _clock(ticket, "first_response")
    assert (clock.state, clock.due_at, clock.calendar) == ("running", due, rome_hours.calendar)


def test_pending_pauses_and_the_customer_reply_resumes(
    giulia: Customer, rome_hours: Team, policy: SlaPolicy, alice: User
) -> None:
    ticket = _open(giulia, rome_hours, utc(2026, 11, 23, 8, 0))  # Monday 09:00 Rome
    with time_machine.travel(utc(2026, 11, 23, 8, 30), tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Mi serve il numero d'ordine"),
            actor=Actor(user=alice),
        )
    first = _clock(ticket, "first_response")
    assert (first.state, first.spent_seconds) == ("met", 1800)
    with time_machine.travel(utc(2026, 11, 23, 9, 0), tick=False):  # 10:00: one hour spent
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="pending"),
            expected_version=None,
            actor=Actor(user=alice),
        )
    resolution = _clock(ticket, "resolution")
    assert (resolution.state, resolution.spent_seconds, resolution.due_at) == ("paused", 3600, None)
    with time_machine.travel(utc(2026, 11, 24, 8, 0), tick=False):  # Tuesday 09:00
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Ecco: IT-1", author_kind="customer"),
            actor=Actor.system(),
        )
    resolution.refresh_from_db()
    assert (resolution.state, resolution.due_at) == (
        "running",
        utc(2026, 11, 24, 15, 0),
    )  # 16:00 Rome
    next_response = _clock(ticket, "next_response")
    assert (next_response.state, next_response.due_at) == ("running", utc(2026, 11, 24, 10, 0))


def test_solving_meets_resolution_and_reopening_resumes_it(
    giulia: Customer, rome_hours: Team, policy: SlaPolicy, alice: User
) -> None:
    ticket = _open(giulia, rome_hours, utc(2026, 11, 23, 8, 0))
    with time_machine.travel(utc(2026, 11, 23, 11, 0), tick=False):  # 12:00: three hours
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="solved"),
            expected_version=None,
            actor=Actor(user=alice),
        )
    assert [
        (c.target, c.state, c.spent_seconds)
        for c in SlaClock.objects.filter(ticket=ticket).order_by("target")
    ] == [
        ("first_response", "stopped", 10800),
        ("resolution", "met", 10800),
    ]
    with time_machine.travel(utc(2026, 11, 24, 8, 0), tick=False):  # reopened Tuesday 09:00
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Non è arrivato", author_kind="customer"),
            actor=Actor.system(),
        )
    resolution = _clock(ticket, "resolution")
    assert (resolution.state, resolution.due_at) == (
        "running",
        utc(2026, 11, 24, 13, 0),
    )  # five hours left
    assert _clock(ticket, "first_response").state == "stopped"


def test_scanner_warns_then_breaches_once(giulia: Customer, team_rome: Team) -> None:
    SlaPolicy.objects.create(
        name="Around the clock", first_response_minutes=60, business_hours=False
    )
    ticket = _open(giulia, team_rome, utc(2026, 11, 28, 22, 0))  # a Saturday night
    assert sla_scan(now=utc(2026, 11, 28, 22, 44)) == 0
    assert sla_scan(now=utc(2026, 11, 28, 22, 45)) == 1  # 75 %
    assert sla_scan(now=utc(2026, 11, 28, 22, 50)) == 0
    assert sla_scan(now=utc(2026, 11, 28, 23, 0)) == 1
    assert sla_scan(now=utc(2026, 11, 29, 9, 0)) == 0
    events = TicketEvent.objects.filter(ticket=ticket, kind__startswith="sla_").order_by("id")
    assert [(e.kind, e.data) for e in events] == [
        ("sla_warning", {"target": "first_response", "due_at": "2026-11-28T23:00:00+00:00"}),
        ("sla_breached", {"target": "first_response", "due_at": "2026-11-28T23:00:00+00:00"}),
    ]
    clock = _clock(ticket, "first_response")
    assert (clock.warned_at, clock.breached_at, clock.state) == (
        utc(2026, 11, 28, 22, 45),
        utc(2026, 11, 28, 23, 0),
        "running",  # still running: a late answer is still an answer
    )


def test_policy_conditions_pick_the_first_match(giulia: Customer, team_rome: Team) -> None:
    urgent = SlaPolicy.objects.create(
        name="Urgent", position=0, priorities=["urgent"], first_response_minutes=15
    )
    SlaPolicy.objects.create(name="Rome", position=1, first_response_minutes=240)
    urgent.teams.add(team_rome)
    ticket = _open(giulia, team_rome, utc(2026, 11, 24, 8, 0))
    assert _clock(ticket, "first_response").target_seconds == 240 * 60
    assert ticket.events.get(kind="created").data == {
        "number": ticket.number,
        "routing": "given",
        "auto_assigned": False,
        "sla_policy": "Rome",
        "language": "detected",
    }


def test_the_api_shows_the_sla_block(
    giulia: Customer, rome_hours: Team, policy: SlaPolicy, alice_write_token: str
) -> None:
    ticket = _open(giulia, rome_hours, utc(2026, 11, 27, 15, 30))
    with time_machine.travel(utc(2026, 11, 27, 15, 45), tick=False):
        body = (
            Client().get(f"/api/v1/tickets/{ticket.uid}", headers=bearer(alice_write_token)).json()
        )
    assert body["sla"] == [
        {
            "target": "first_response",
            "state": "running",
            "due_at": "2026-11-30T08:30:00Z",
            "warn_due_at": "2026-11-30T08:15:00Z",
            "breached_at": None,
            "spent_seconds": 900,
        },
        {
            "target": "resolution",
            "state": "running",
            "due_at": "2026-11-30T15:30:00Z",
            "warn_due_at": "2026-11-30T13:30:00Z",
            "breached_at": None,
            "spent_seconds": 900,
        },
    ]


def test_workers_run_the_scanner_on_a_timer(giulia: Customer, team_rome: Team) -> None:
    from cortesia.core.worker import run_periodic_jobs

    SlaPolicy.objects.create(
        name="Around the clock", first_response_minutes=1, business_hours=False
    )
    ticket = _open(giulia, team_rome, utc(2026, 11, 28, 22, 0))
    last_runs: dict[str, float] = {}
    with time_machine.travel(utc(2026, 11, 28, 22, 5), tick=False):
        # The first round runs every configured job once, in order (the SLA scan first).
        ran = run_periodic_jobs(last_runs, 1000.0)
        assert ran == [path for path, _every in settings.CORTESIA_PERIODIC_JOBS]
        assert ran[0] == "cortesia.tickets.sla_scanner.sla_scan"
        # 29 s later: only the jobs of a shorter interval (the SLA scan's is 30 s)
        shorter = [path for path, every in settings.CORTESIA_PERIODIC_JOBS if every <= 29]
        assert run_periodic_jobs(last_runs, 1029.0) == shorter
        assert "cortesia.tickets.sla_scanner.sla_scan" not in shorter
    assert list(ticket.events.filter(kind__startswith="sla_").values_list("kind", flat=True)) == [
        "sla_breached"
    ]


def test_a_breach_escalates_as_the_policy_says(
    giulia: Customer, team_rome: Team, alice: User
) -> None:
    SlaPolicy.objects.create(
        name="Escalating",
        first_response_minutes=60,
        business_hours=False,
        breach_raises_priority=True,
        breach_unassigns=True,
    )
    with time_machine.travel(utc(2026, 11, 28, 22, 0), tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Pacco",
                customer=giulia,
                team=team_rome,
                assignee=alice,
                priority="high",
                message=MessageData(body_text="Dov'è il pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
    assert sla_scan(now=utc(2026, 11, 28, 23, 1)) == 1
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.assignee, ticket.version) == ("urgent", None, 2)
    change = ticket.events.get(kind="updated")
    assert (change.actor, change.fields, change.data) == (
        None,
        ["assignee", "priority"],
        {"assignee": ["alice", None], "priority": ["high", "urgent"]},
    )


def test_the_ticket_carries_its_nearest_running_deadline(
    giulia: Customer, rome_hours: Team, policy: SlaPolicy, alice: User
) -> None:
    ticket = _open(giulia, rome_hours, utc(2026, 11, 23, 8, 0))  # Monday 09:00 Rome
    assert ticket.sla_due_at == utc(2026, 11, 23, 9, 0)  # first response, one hour
    with time_machine.travel(utc(2026, 11, 23, 8, 30), tick=False):
        message_add(ticket=ticket, data=MessageData(body_text="Vediamo"), actor=Actor(user=alice))
    ticket.refresh_from_db()
    assert ticket.sla_due_at == utc(2026, 11, 23, 16, 0)  # now the resolution, 17:00 Rome
    with time_machine.travel(utc(2026, 11, 23, 9, 0), tick=False):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="pending"),
            expected_version=None,
            actor=Actor(user=alice),
        )
    ticket.refresh_from_db()
    assert ticket.sla_due_at is None  # paused: nothing is due


def _for_roma(team: Team, priority: str = "normal") -> Ticket:
    return Ticket(priority=priority, channel="email", team=team, tags=[])


@pytest.mark.parametrize(
    ("_case", "change", "expected"),
    [
        (
            "deactivated_by_the_service",
            lambda p, milan: policy_save(
                policy=p, data=PolicyData(is_active=False), actor=Actor.system()
            ),
            None,
        ),
        (
            "teams_changed_by_the_service",
            lambda p, milan: policy_save(
                policy=p, data=PolicyData(teams=[milan]), actor=Actor.system()
            ),
            None,
        ),
        (
            "priorities_changed_by_hand",
            lambda p, milan: SlaPolicy.objects.filter(pk=p.pk).update(priorities=["urgent"]),
            None,
        ),
        ("deleted", lambda p, milan: SlaPolicy.objects.filter(pk=p.pk).delete(), None),
        (
            "an_earlier_policy_added",
            lambda p, milan: SlaPolicy.objects.create(name="First", position=0),
            "First",
        ),
    ],
)
def test_the_next_ticket_sees_every_change_to_the_policies(
    team_rome: Team,
    team_riyadh: Team,
    _case: str,
    change: Callable[[SlaPolicy, Team], object],
    expected: str | None,
) -> None:
    standard = SlaPolicy.objects.create(name="Standard", position=5)
    standard.teams.set([team_rome])
    assert policy_for(_for_roma(team_rome)) == standard  # kept by this process
    change(standard, team_riyadh)
    found = policy_for(_for_roma(team_rome))
    assert (found.name if found else None) == expected


def test_a_deleted_team_no_longer_limits_its_policies(team_rome: Team, team_riyadh: Team) -> None:
    standard = SlaPolicy.objects.create(name="Standard")
    standard.teams.set([team_riyadh])
    assert policy_for(_for_roma(team_rome)) is None
    Team.objects.filter(pk=team_riyadh.pk).delete()
    assert policy_for(_for_roma(team_rome)) == standard


def test_unchanged_policies_cost_one_single_row_read(
    team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    standard = SlaPolicy.objects.create(name="Standard")
    standard.teams.set([team_rome])
    with django_assert_num_queries(3):  # the token, the policies, their teams
        assert policy_for(_for_roma(team_rome)) == standard
    with django_assert_num_queries(1):  # the token, unchanged
        assert policy_for(_for_roma(team_rome, "urgent")) == standard


def test_policies_read_once_cost_one_read_for_a_whole_block(
    team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    standard = SlaPolicy.objects.create(name="Standard")
    standard.teams.set([team_rome])
    with django_assert_num_queries(3), policies_read_once():  # the token, policies, teams
        assert policy_for(_for_roma(team_rome)) == standard
        assert policy_for(_for_roma(team_rome, "urgent")) == standard
    with django_assert_num_queries(1), policies_read_once():  # the token, unchanged
        assert [policy_for(_for_roma(team_rome)) for _ in range(3)] == [standard] * 3
    with django_assert_num_queries(1):  # outside a block, each call reads the token
        assert policy_for(_for_roma(team_rome)) == standard


def test_policies_are_kept_while_the_version_row_is_missing(
    team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    PolicyVersion.objects.all().delete()  # as a flush of every table leaves it
    with django_assert_num_queries(2):  # the missing token, the policies (none: no teams read)
        assert policy_for(_for_roma(team_rome)) is None
    with django_assert_num_queries(1):
        assert policy_for(_for_roma(team_rome)) is None
    standard = SlaPolicy.objects.create(name="Standard")  # the write brings a token back
    assert PolicyVersion.objects.count() == 1
    assert policy_for(_for_roma(team_rome)) == standard


def _deactivate_read_and_roll_back(policy: SlaPolicy, team: Team) -> None:
    with transaction.atomic():
        SlaPolicy.objects.filter(pk=policy.pk).update(is_active=False)
        assert policy_for(_for_roma(team)) is None
        raise RuntimeError


def test_a_change_rolled_back_leaves_nothing_behind(team_rome: Team) -> None:
    standard = SlaPolicy.objects.create(name="Standard", position=5)
    assert policy_for(_for_roma(team_rome)) == standard
    # Given: a change read in its own transaction, then rolled back.
    with pytest.raises(RuntimeError):
        _deactivate_read_and_roll_back(standard, team_rome)
    # When: another change is made (as many writes as the one rolled back).
    first = SlaPolicy.objects.create(name="First", position=0)
    # Then: its policies, not those of the change rolled back.
    assert policy_for(_for_roma(team_rome)) == first
