"""Time-based automations: business time on the ticket's calendar (weekends and public
holidays skipped), once per ticket per spell, claimed so two runs never act twice."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_set_calendar
from cortesia.automations.models import AutomationRun, TimedAutomation
from cortesia.automations.scanning import automation_scan_one, automations_scan
from cortesia.automations.services import RuleData, automation_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = pytest.mark.django_db

# Friday 4 December 2026, 16:00 in Rome. The calendar opens 09:00–17:00 on weekdays;
# Tuesday 8 December is a public holiday in Italy (Immacolata Concezione).
PENDING_FROM = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
# 24 business hours later: Fri 1 h + Mon 8 h + (Tue holiday) + Wed 8 h + Thu 7 h → Thu 16:00
THREE_DAYS = datetime(2026, 12, 10, 15, 0, tzinfo=UTC)
# 56 business hours later: … Thu 10th 8 h (25), Fri 11th 8 h (33), Mon 14th 8 h (41),
# Tue 15th 8 h (49), Wed 16th 7 h → Wed 16th 16:00 in Rome
SEVEN_DAYS = datetime(2026, 12, 16, 15, 0, tzinfo=UTC)
ONE_SECOND_BEFORE = "2026-12-10T14:59:59+00:00"


@pytest.fixture
def rome(team_rome: Team) -> Team:
    calendar = calendar_create(
        name="Roma", time_zone="Europe/Rome", country="IT", actor=Actor.system()
    )
    return team_set_calendar(team=team_rome, calendar=calendar, actor=Actor.system())


def automation(
    name: str, hours: int, *actions: tuple[str, str], author: User | None = None
) -> TimedAutomation:
    return automation_save(
        automation=None,
        data=RuleData(
            name=name,
            status="pending",
            hours=hours,
            actions=[{"kind": kind, "value": value} for kind, value in actions],
        ),
        actor=Actor(user=author),
    )


def set_status(ticket: Ticket, status: str, at: datetime) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_update(
            ticket=ticket,
            changes=TicketChanges(status=status),
            expected_version=None,
            actor=Actor.system(),
        )


@pytest.fixture
def pending(aino: Customer, rome: Team) -> Ticket:
    with time_machine.travel(datetime(2026, 12, 4, 8, 0, tzinfo=UTC), tick=False):
        ticket = open_ticket(aino, rome, language="fi")
    return set_status(ticket, "pending", PENDING_FROM)


def test_a_spell_counts_business_hours_across_a_weekend_and_a_holiday(pending: Ticket) -> None:
    automation("Reminder", 24, ("add_tags", "reminded"))

    assert automations_scan(now=datetime.fromisoformat(ONE_SECOND_BEFORE)) == 0
    assert automations_scan(now=THREE_DAYS) == 1
    pending.refresh_from_db()
    assert pending.tags == ["reminded"]
    event = pending.events.order_by("-pk").first()
    assert event is not None
    assert event.data["rule"]["name"] == "Reminder"


def test_reminder_then_solve_act_once_each(pending: Ticket, admin_user: User) -> None:
    canned_save(
        response=None,
        name="Muistutus",
        variants=[VariantData(language="fi", body="Odotamme vastaustasi.")],
        actor=Actor.system(),
    )
    automation("Reminder", 24, ("send_canned", "Muistutus"), author=admin_user)
    automation("Solve", 56, ("set_status", "solved"))

    # Hourly runs over two weeks: each acts at its hour, and only once
    acted = {}
    for day in range(4, 18):
        for hour in range(6, 18):
            now = datetime(2026, 12, day, hour, 0, tzinfo=UTC)
            if (count := automations_scan(now=now)) != 0:
                acted[now] = count

    assert acted == {THREE_DAYS: 1, SEVEN_DAYS: 1}
    pending.refresh_from_db()
    assert pending.status == "solved"
    replies = pending.messages.filter(kind=TicketMessage.Kind.REPLY, author_kind="agent")
    assert list(replies.values_list("body_text", flat=True)) == ["Odotamme vastaustasi."]


def test_leaving_and_reentering_the_status_starts_a_new_spell(pending: Ticket) -> None:
    automation("Reminder", 24, ("add_tags", "reminded"))
    assert automations_scan(now=THREE_DAYS) == 1
    # The customer answers (open), the agent asks again on Monday 14th at 10:00 Rome
    pending = set_status(pending, "open", datetime(2026, 12, 11, 8, 0, tzinfo=UTC))
    pending = set_status(pending, "pending", datetime(2026, 12, 14, 9, 0, tzinfo=UTC))

    # 24 business hours later: Mon 7 h, Tue 8 h, Wed 8 h, Thu 1 h → Thu 17th 10:00 Rome
    assert automations_scan(now=datetime(2026, 12, 17, 8, 59, tzinfo=UTC)) == 0
    assert automations_scan(now=datetime(2026, 12, 17, 9, 0, tzinfo=UTC)) == 1
    assert AutomationRun.objects.count() == 2


def test_a_ticket_in_another_status_is_left_alone(pending: Ticket) -> None:
    automation("Reminder", 24, ("add_tags", "reminded"))
    set_status(pending, "open", datetime(2026, 12, 9, 8, 0, tzinfo=UTC))

    assert automations_scan(now=SEVEN_DAYS) == 0
    assert AutomationRun.objects.count() == 0


def test_a_run_already_claimed_is_not_acted_on_again(pending: Ticket) -> None:
    # Given another worker claimed this ticket's spell first
    rule = automation("Reminder", 24, ("add_tags", "reminded"))
    spell = pending.events.order_by("-version").first()
    assert spell is not None
    AutomationRun.objects.create(automation=rule, ticket=pending, spell=spell, ran_at=THREE_DAYS)
    # When this worker scans, Then it leaves the ticket alone
    assert automation_scan_one(rule, THREE_DAYS) == 0
    pending.refresh_from_db()
    assert pending.tags == []


def test_a_refused_action_is_recorded_on_its_run(pending: Ticket, english: None) -> None:
    automation("Close", 24, ("set_status", "closed"))  # pending → closed is not allowed

    assert automations_scan(now=THREE_DAYS) == 1
    run = AutomationRun.objects.get()
    assert run.outcome == "A ticket cannot go from Pending (waiting on the customer) to Closed."
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert automations_scan(now=SEVEN_DAYS) == 0


def test_without_a_calendar_every_hour_counts(aino: Customer) -> None:
    with time_machine.travel(datetime(2026, 12, 4, 8, 0, tzinfo=UTC), tick=False):
        ticket = open_ticket(aino, language="fi")
    set_status(ticket, "pending", PENDING_FROM)
    automation("Reminder", 24, ("add_tags", "reminded"))

    assert automations_scan(now=datetime(2026, 12, 5, 14, 59, tzinfo=UTC)) == 0
    assert automations_scan(now=datetime(2026, 12, 5, 15, 0, tzinfo=UTC)) == 1
