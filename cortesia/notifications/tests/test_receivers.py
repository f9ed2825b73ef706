"""Who is told about each recorded ticket change, and who is not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.notifications.models import Notification, NotificationPreference
from cortesia.notifications.receivers import on_events_recorded
from cortesia.notifications.tests.conftest import open_ticket
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update
from cortesia.tickets.signals import events_recorded
from cortesia.tickets.sla_scanner import sla_scan

pytestmark = pytest.mark.django_db
OPENED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def told() -> list[tuple[str, str, str, bool, str]]:
    """(recipient, kind, event kind or "", listed, mail) of every notification."""
    return [
        (n.recipient.username, n.kind, n.event.kind if n.event else "", n.is_listed, n.mail)
        for n in Notification.objects.select_related("recipient", "event").order_by("id")
    ]


def _assign(ticket: Ticket, assignee: User, actor: User) -> Ticket:
    return ticket_update(
        ticket=ticket,
        changes=TicketChanges(assignee=assignee),
        expected_version=None,
        actor=Actor(user=actor),
    )


def _note(ticket: Ticket, text: str, author: User) -> None:
    message_add(
        ticket=ticket,
        data=MessageData(body_text=text, kind=TicketMessage.Kind.NOTE),
        actor=Actor(user=author),
    )


def test_an_assignment_by_someone_else_tells_the_new_assignee(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome)

    _assign(ticket, alice, bob)

    assert told() == [("alice", "assigned", "updated", True, "pending")]
    assert Notification.objects.get().data == {"actor": "Bob Bianchi"}


def test_taking_a_ticket_yourself_tells_nobody(
    giulia: Customer, team_rome: Team, alice: User
) -> None:
    ticket = open_ticket(giulia, team_rome)

    _assign(ticket, alice, alice)

    assert told() == []


def test_a_change_of_other_fields_tells_nobody(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome, assignee=alice)
    Notification.objects.all().delete()

    ticket_update(
        ticket=ticket,
        changes=TicketChanges(priority="high"),
        expected_version=None,
        actor=Actor(user=bob),
    )

    assert told() == []


def test_a_ticket_opened_for_someone_tells_them_once(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    open_ticket(giulia, team_rome, assignee=alice, actor=Actor(user=bob))

    # The first message is the customer's, but the assignee hears of the ticket only.
    assert told() == [("alice", "assigned", "created", True, "pending")]


def test_a_customer_reply_tells_the_assignee_only(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome, assignee=alice, actor=Actor(user=alice))

    message_add(
        ticket=ticket,
        data=MessageData(body_text="Ancora niente.", author_kind="customer"),
        actor=Actor.system(),
    )

    # e-mail for customer replies is off by default
    assert told() == [("alice", "customer_replied", "customer_replied", True, "none")]


def test_a_customer_reply_on_an_unassigned_ticket_tells_nobody(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome)

    message_add(
        ticket=ticket,
        data=MessageData(body_text="Ancora niente.", author_kind="customer"),
        actor=Actor.system(),
    )

    assert told() == []


def test_a_mention_tells_only_staff_who_may_see_the_ticket(
    giulia: Customer,
    team_rome: Team,
    alice: User,
    bob: User,
    charlie: User,
    admin_user: User,
) -> None:
    make_user("mara", Role.MARKETER)
    ticket = open_ticket(giulia, team_rome)

    _note(ticket, "@alice @charlie @mara @root @bob @nobody guardate qui, bob@example.com", bob)

    # charlie (another team) and mara (no tickets) are told nothing; bob wrote it.
    assert told() == [
        ("alice", "mentioned", "noted", True, "pending"),
        ("root", "mentioned", "noted", True, "pending"),
    ]


def test_a_note_without_mentions_tells_nobody(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome, assignee=alice, actor=Actor(user=alice))

    _note(ticket, "Chiamato il corriere.", bob)

    assert told() == []


@pytest.fixture
def hour_policy(db: None) -> SlaPolicy:
    return SlaPolicy.objects.create(
        name="Hour", first_response_minutes=60, business_hours=False, breach_notifies=False
    )


def test_sla_alarms_tell_the_assignee(
    hour_policy: SlaPolicy, giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    with time_machine.travel(OPENED, tick=False):
        open_ticket(giulia, team_rome, assignee=alice, actor=Actor(user=alice))

    assert sla_scan(now=OPENED + timedelta(minutes=50)) == 1
    assert sla_scan(now=OPENED + timedelta(minutes=61)) == 1

    assert told() == [
        ("alice", "sla_warning", "sla_warning", True, "none"),
        ("alice", "sla_breached", "sla_breached", True, "none"),
    ]
    assert Notification.objects.last().data == {"target": "first_response"}  # type: ignore[union-attr]


def test_sla_alarms_of_an_unassigned_ticket_tell_its_team(
    hour_policy: SlaPolicy,
    giulia: Customer,
    team_rome: Team,
    alice: User,
    bob: User,
    charlie: User,
) -> None:
    with time_machine.travel(OPENED, tick=False):
        open_ticket(giulia, team_rome)

    assert sla_scan(now=OPENED + timedelta(minutes=61)) == 1

    assert told() == [
        ("alice", "sla_breached", "sla_breached", True, "none"),
        ("bob", "sla_breached", "sla_breached", True, "none"),
    ]


def test_preferences_choose_the_channels(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    NotificationPreference.objects.create(
        user=alice, kind="assigned", channel="in_app", is_enabled=False
    )
    NotificationPreference.objects.create(
        user=bob, kind="assigned", channel="in_app", is_enabled=False
    )
    NotificationPreference.objects.create(
        user=bob, kind="assigned", channel="email", is_enabled=False
    )
    first, second = open_ticket(giulia, team_rome), open_ticket(giulia, team_rome)

    _assign(first, alice, bob)
    _assign(second, bob, alice)

    # alice: mail only (not listed in the app); bob turned both off: no row at all
    assert told() == [("alice", "assigned", "updated", False, "pending")]


def test_nobody_without_an_address_waits_for_mail(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    User.objects.filter(pk=alice.pk).update(email="")
    ticket = open_ticket(giulia, team_rome)

    _assign(ticket, alice, bob)

    assert told() == [("alice", "assigned", "updated", True, "none")]


def _queries_of_opening(giulia: Customer, team: Team, assignee: User | None) -> int:
    with CaptureQueriesContext(connection) as queries:
        open_ticket(giulia, team, assignee=assignee)
    return len(queries)


@pytest.mark.parametrize(("assigned", "added"), [(False, 0), (True, 2)])
def test_opening_a_ticket_costs_at_most_two_queries_more(
    giulia: Customer, team_rome: Team, alice: User, assigned: bool, added: int
) -> None:
    assignee = alice if assigned else None
    _queries_of_opening(giulia, team_rome, assignee)  # warm caches
    heard = _queries_of_opening(giulia, team_rome, assignee)
    events_recorded.disconnect(dispatch_uid="notifications.events")
    try:
        unheard = _queries_of_opening(giulia, team_rome, assignee)
    finally:
        events_recorded.connect(on_events_recorded, dispatch_uid="notifications.events")

    assert heard - unheard == added
