from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.tickets.creation import ticket_open
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


@pytest.fixture
def policy(db: None) -> SlaPolicy:
    return SlaPolicy.objects.create(
        name="Around the clock",
        first_response_minutes=60,
        next_response_minutes=120,
        resolution_minutes=480,
        business_hours=False,
    )


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"),
        actor=Actor.system(),
    )


def _data(customer: Customer, team: Team, author: str) -> TicketData:
    return TicketData(
        subject="Pacco",
        customer=customer,
        team=team,
        language="it",
        message=MessageData(body_text="Il pacco è partito ieri.", author_kind=author),
    )


def _clocks(ticket: Ticket) -> list[tuple[str, str, int, datetime | None, datetime | None]]:
    return [
        (clock.target, clock.state, clock.spent_seconds, clock.due_at, clock.stopped_at)
        for clock in SlaClock.objects.filter(ticket=ticket).order_by("target")
    ]


def test_an_agents_first_reply_opens_the_ticket_and_meets_the_first_response(
    alice: User, team_rome: Team, giulia: Customer, policy: SlaPolicy
) -> None:
    with time_machine.travel(AT, tick=False):
        opened = ticket_open(data=_data(giulia, team_rome, "agent"), actor=Actor(user=alice))
    ticket = Ticket.objects.get(pk=opened.ticket.pk)
    assert (
        ticket.status,
        ticket.version,
        ticket.agent_reply_count,
        ticket.customer_reply_count,
        ticket.first_response_at,
        ticket.sla_due_at,
        ticket.created_at,
        ticket.updated_at,
    ) == ("open", 2, 1, 0, AT, AT + timedelta(hours=8), AT, AT)
    assert _clocks(ticket) == [
        ("first_response", "met", 0, AT + timedelta(hours=1), AT),
        ("resolution", "running", 0, AT + timedelta(hours=8), None),
    ]
    events = ticket.events.order_by("id").values_list("kind", "version", "fields", "occurred_at")
    assert list(events) == [("created", 1, [], AT), ("replied", 2, ["status"], AT)]
    assert [(c.target, c.state) for c in opened.clocks] == [
        ("first_response", "met"),
        ("resolution", "running"),
    ]
    assert opened.message.created_at == AT
    assert [(m.author_kind, m.created_at) for m in ticket.messages.all()] == [("agent", AT)]


def test_a_customers_first_message_leaves_the_ticket_new_with_both_clocks_running(
    team_rome: Team, giulia: Customer, policy: SlaPolicy
) -> None:
    with time_machine.travel(AT, tick=False):
        ticket = ticket_create(data=_data(giulia, team_rome, "customer"), actor=Actor.system())
    ticket.refresh_from_db()
    assert (
        ticket.status,
        ticket.version,
        ticket.customer_reply_count,
        ticket.agent_reply_count,
        ticket.first_response_at,
        ticket.sla_due_at,
    ) == ("new", 1, 1, 0, None, AT + timedelta(hours=1))
    assert _clocks(ticket) == [
        ("first_response", "running", 0, AT + timedelta(hours=1), None),
        ("resolution", "running", 0, AT + timedelta(hours=8), None),
    ]
    events = ticket.events.order_by("id").values_list("kind", "version", "fields", "data")
    assert [event[:3] for event in events] == [
        ("created", 1, []),
        ("customer_replied", 1, []),
    ]
    assert list(events)[0][3] == {
        "number": 1001,
        "routing": "given",
        "auto_assigned": False,
        "sla_policy": "Around the clock",
        "language": "given",
    }
    timeline = CustomerEvent.objects.filter(customer=giulia, kind="ticket_created")
    assert list(timeline.values_list("data", "occurred_at")) == [
        ({"ticket": str(ticket.uid), "number": 1001, "subject": "Pacco"}, AT)
    ]


def test_an_imported_ticket_keeps_its_date(team_rome: Team, giulia: Customer) -> None:
    then = AT - timedelta(days=400)
    data = _data(giulia, team_rome, "customer")
    data.created_at = then
    with time_machine.travel(AT, tick=False):
        ticket = ticket_create(data=data, actor=Actor.system())
    ticket.refresh_from_db()
    assert (ticket.created_at, ticket.updated_at, ticket.sla_due_at) == (then, AT, None)
    assert [m.created_at for m in ticket.messages.all()] == [then]
    events = ticket.events.order_by("id").values_list("kind", "occurred_at")
    assert list(events) == [("created", then), ("customer_replied", AT)]


def test_opening_a_ticket_takes_few_statements(
    team_rome: Team,
    giulia: Customer,
    policy: SlaPolicy,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # The policies' version token; the number (on SQLite the counter row's update returning
    # it; on PostgreSQL the ticket's insert takes it from a sequence); the ticket as it ends
    # up, its clocks, its message, its two events, the customer's timeline entry, its
    # search document and its report facts marked stale. No savepoint, no update
    # afterwards.
    # The first ticket after a change to the policies also reads them and their teams.
    number = 0 if connection.vendor == "postgresql" else 1
    team = Team.objects.select_related("routing", "calendar").get(pk=team_rome.pk)  # as the API
    with django_assert_num_queries(1 + 2 + number + 7):
        ticket_create(data=_data(giulia, team, "customer"), actor=Actor.system())
    with django_assert_num_queries(1 + number + 7):
        ticket_create(data=_data(giulia, team, "customer"), actor=Actor.system())
    assert TicketEvent.objects.count() == 4


@pytest.mark.parametrize(
    ("_case", "language", "body", "source", "code"),
    [
        ("given_by_the_caller", "it", "Il pacco è partito ieri.", "given", "it"),
        (
            "detected_in_the_message",
            "",
            "Buongiorno, il mio ordine non è ancora arrivato. Potete verificare, per favore?",
            "detected",
            "it",
        ),
        ("too_short_to_tell_takes_the_customers", "", "ok", "customer", "it"),
    ],
)
def test_the_opened_ticket_says_where_its_language_came_from(
    alice: User,
    team_rome: Team,
    giulia: Customer,
    _case: str,
    language: str,
    body: str,
    source: str,
    code: str,
) -> None:
    data = _data(giulia, team_rome, "customer")
    data.language = language
    data.message = MessageData(body_text=body, author_kind="customer")
    opened = ticket_open(data=data, actor=Actor(user=alice))
    created = opened.ticket.events.get(kind=TicketEvent.Kind.CREATED)
    assert (opened.language_source, opened.ticket.language) == (source, code)
    assert created.data["language"] == source
