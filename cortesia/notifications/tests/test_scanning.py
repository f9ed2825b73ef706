"""A team hears once per spell of a ticket left without an assignee too long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.notifications.models import Notification, UnassignedSpell
from cortesia.notifications.scanning import unassigned_scan
from cortesia.notifications.services import notification_settings_set
from cortesia.notifications.tests.conftest import open_ticket
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def reminders() -> list[tuple[str, int, dict[str, str]]]:
    return [
        (n.recipient.username, n.ticket.number, n.data)
        for n in Notification.objects.filter(kind="unassigned")
        .select_related("recipient", "ticket")
        .order_by("id")
    ]


def _change(ticket: Ticket, changes: TicketChanges, actor: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        ticket_update(
            ticket=ticket, changes=changes, expected_version=None, actor=Actor(user=actor)
        )


@pytest.fixture
def ticket(giulia: Customer, team_rome: Team) -> Ticket:
    with time_machine.travel(T0, tick=False):
        return open_ticket(giulia, team_rome)


ROMA_30 = {"team": "Roma", "minutes": "30"}


def test_the_team_is_told_once_after_thirty_minutes(
    ticket: Ticket, alice: User, bob: User, charlie: User
) -> None:
    assert unassigned_scan(now=minutes(29)) == 0
    assert unassigned_scan(now=minutes(30)) == 1
    assert unassigned_scan(now=minutes(31)) == 0
    assert unassigned_scan(now=minutes(300)) == 0

    assert reminders() == [("alice", 1001, ROMA_30), ("bob", 1001, ROMA_30)]
    assert list(UnassignedSpell.objects.values_list("started_at", "reported_at")) == [
        (T0, minutes(30))
    ]


def test_a_new_spell_is_told_again(ticket: Ticket, alice: User, bob: User) -> None:
    assert unassigned_scan(now=minutes(30)) == 1
    _change(ticket, TicketChanges(assignee=alice), bob, minutes(40))
    _change(ticket, TicketChanges(clear_assignee=True), bob, minutes(50))

    assert unassigned_scan(now=minutes(79)) == 0
    assert unassigned_scan(now=minutes(80)) == 1
    assert unassigned_scan(now=minutes(81)) == 0

    assert len(reminders()) == 4
    assert sorted(UnassignedSpell.objects.values_list("started_at", flat=True)) == [
        T0,
        minutes(50),
    ]


def test_an_assigned_solved_or_teamless_ticket_is_no_reminder(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    with time_machine.travel(T0, tick=False):
        open_ticket(giulia, team_rome, assignee=alice)
        open_ticket(giulia, None)
        solved = open_ticket(giulia, team_rome)
    _change(solved, TicketChanges(status="solved"), bob, minutes(1))

    assert unassigned_scan(now=minutes(120)) == 0

    assert reminders() == []


def test_the_business_chooses_the_minutes(ticket: Ticket, alice: User, settings: Any) -> None:
    settings.CORTESIA_UNASSIGNED_NOTIFY_MINUTES = 10

    assert unassigned_scan(now=minutes(9)) == 0
    assert unassigned_scan(now=minutes(10)) == 1

    assert reminders() == [("alice", 1001, {"team": "Roma", "minutes": "10"})]


def test_a_spell_another_worker_reported_is_not_told_again(ticket: Ticket, alice: User) -> None:
    UnassignedSpell.objects.create(ticket=ticket, started_at=T0, reported_at=minutes(30))

    assert unassigned_scan(now=minutes(31)) == 0

    assert reminders() == []


def test_the_settings_page_choice_wins(
    ticket: Ticket, alice: User, admin_user: User, settings: Any
) -> None:
    settings.CORTESIA_UNASSIGNED_NOTIFY_MINUTES = 10
    notification_settings_set(unassigned_minutes=15, actor=Actor(user=admin_user))

    assert unassigned_scan(now=minutes(14)) == 0
    assert unassigned_scan(now=minutes(15)) == 1

    assert reminders() == [("alice", 1001, {"team": "Roma", "minutes": "15"})]
