"""Whose business hours a ticket's clocks count: the team's calendar, or the customer's
organization's when the policy chooses it (falling back to the team's)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.accounts.models import Team
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TEAM = SlaPolicy.ClockCalendar.TEAM
ORGANIZATION = SlaPolicy.ClockCalendar.ORGANIZATION


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def helsinki_team(team_rome: Team) -> Team:
    """The team works Monday to Friday 08:00–16:00 Europe/Helsinki."""
    team_rome.calendar = calendar_create(
        name="Helsinki",
        time_zone="Europe/Helsinki",
        country="FI",
        weekly={day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_rome.save(update_fields=["calendar"])
    return team_rome


@pytest.fixture
def riyadh(db: None) -> Calendar:
    """The customer's company works Sunday to Thursday 09:00–17:00 Asia/Riyadh."""
    return calendar_create(
        name="Riyadh office",
        time_zone="Asia/Riyadh",
        weekly={day: [["09:00", "17:00"]] for day in ("sun", "mon", "tue", "wed", "thu")},
        actor=Actor.system(),
    )


def _customer(calendar: Calendar | None) -> Customer:
    organization = organization_create(
        data=OrganizationData(name="Al Noor Trading", calendar=calendar), actor=Actor.system()
    )
    return customer_create(
        data=CustomerData(given_name="Layla", country="SA", organization=str(organization.uid)),
        actor=Actor.system(),
    )


def _policy(clock_calendar: str) -> SlaPolicy:
    return policy_save(
        policy=None,
        data=PolicyData(name="Standard", first_response_minutes=60, clock_calendar=clock_calendar),
        actor=Actor.system(),
    )


def _open(customer: Customer, team: Team, at: datetime) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Shipment",
                customer=customer,
                team=team,
                message=MessageData(body_text="Where is the shipment?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


@pytest.mark.parametrize(
    ("_case", "clock_calendar", "has_calendar", "calendar_name", "due"),
    [
        # Friday 12:00 Helsinki: the team is open, an hour later it is due.
        ("team calendar", TEAM, True, "Helsinki", utc(2026, 12, 11, 11, 0)),
        # Friday is the Riyadh weekend: the clock starts on Sunday 09:00 Riyadh (06:00 UTC).
        ("organization calendar", ORGANIZATION, True, "Riyadh office", utc(2026, 12, 13, 7, 0)),
        # An organization without a calendar: the team's hours count.
        ("organization without one", ORGANIZATION, False, "Helsinki", utc(2026, 12, 11, 11, 0)),
    ],
)
def test_the_policy_chooses_whose_hours_the_clock_counts(
    helsinki_team: Team,
    riyadh: Calendar,
    _case: str,
    clock_calendar: str,
    has_calendar: bool,
    calendar_name: str,
    due: datetime,
) -> None:
    # Given the policy's choice and a customer of an organization (with or without hours)
    _policy(clock_calendar)
    customer = _customer(riyadh if has_calendar else None)
    # When a ticket is opened on Friday 11 December 2026 at 10:00 UTC
    ticket = _open(customer, helsinki_team, utc(2026, 12, 11, 10, 0))
    # Then its first-response clock counts the chosen calendar
    clock = SlaClock.objects.select_related("calendar").get(ticket=ticket, target="first_response")
    assert clock.calendar is not None
    assert (clock.calendar.name, clock.due_at) == (calendar_name, due)
    assert ticket.sla_due_at == due


def test_a_customer_without_organization_gets_the_team_hours(helsinki_team: Team) -> None:
    _policy(ORGANIZATION)
    customer = customer_create(data=CustomerData(given_name="Aino"), actor=Actor.system())
    ticket = _open(customer, helsinki_team, utc(2026, 12, 11, 10, 0))
    clock = SlaClock.objects.get(ticket=ticket, target="first_response")
    assert (clock.calendar_id, clock.due_at) == (helsinki_team.calendar_id, utc(2026, 12, 11, 11))


def test_around_the_clock_ignores_both_calendars(helsinki_team: Team, riyadh: Calendar) -> None:
    policy = _policy(ORGANIZATION)
    policy_save(policy=policy, data=PolicyData(business_hours=False), actor=Actor.system())
    ticket = _open(_customer(riyadh), helsinki_team, utc(2026, 12, 11, 10, 0))
    clock = SlaClock.objects.get(ticket=ticket, target="first_response")
    assert (clock.calendar_id, clock.due_at) == (None, utc(2026, 12, 11, 11, 0))
