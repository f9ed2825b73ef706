"""Keeping the ticket facts current: after each ticket change, after a customer's change,
and by a rebuild."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create, customer_update
from cortesia.reports.models import TicketFact, TicketMoment, TicketTagFact
from cortesia.reports.upkeep import facts_rebuild, facts_refresh
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"), actor=Actor.system()
    )


def _open(customer: Customer, team: Team, at: datetime, tags: list[str] | None = None) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Ordine",
                customer=customer,
                team=team,
                language="it",
                tags=tags or [],
                message=MessageData(body_text="Dov'è il mio ordine?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _reply(ticket: Ticket, agent: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Il pacco parte oggi con il corriere."),
            actor=Actor(agent),
        )


def _status(ticket: Ticket, status: str, agent: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status=status),
            expected_version=None,
            actor=Actor(agent),
        )


def test_each_recorded_change_recomputes_the_ticket_after_commit(
    giulia: Customer, team_rome: Team, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # Given a ticket opened and answered, with the tasks run after each commit
    with django_capture_on_commit_callbacks(execute=True):
        ticket = _open(giulia, team_rome, utc(3, 2, 9), tags=["ordine"])
    assert TicketFact.objects.filter(ticket=ticket).values_list("replies", "status").get() == (
        0,
        "new",
    )
    with django_capture_on_commit_callbacks(execute=True):
        _reply(ticket, alice, utc(3, 2, 9, 30))
    # Then the fact knows the reply, with its wait, and the tag
    fact = TicketFact.objects.get(ticket=ticket)
    assert (fact.replies, fact.status, fact.first_response_calendar) == (1, "open", 1800)
    assert list(TicketTagFact.objects.values_list("tag", flat=True)) == ["ordine"]


def test_a_late_reopen_lands_on_its_own_day(
    giulia: Customer, team_rome: Team, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # Given a ticket solved on 2 March and reopened by the customer on 9 March
    with django_capture_on_commit_callbacks(execute=True):
        ticket = _open(giulia, team_rome, utc(3, 2, 9))
        _reply(ticket, alice, utc(3, 2, 9, 30))
        _status(ticket, "solved", alice, utc(3, 2, 10))
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(utc(3, 9, 8), tick=False),
    ):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Non è arrivato.", author_kind="customer"),
            actor=Actor.system(),
        )
    # Then the solve stays on 2 March, the reopen is on 9 March and the ticket is unsolved
    moments = TicketMoment.objects.filter(ticket_id=ticket.pk).order_by("at")
    assert [(m.kind, m.at) for m in moments] == [
        ("reply", utc(3, 2, 9, 30)),
        ("solve", utc(3, 2, 10)),
        ("reopen", utc(3, 9, 8)),
    ]
    fact = TicketFact.objects.get(ticket=ticket)
    assert (fact.first_solved_at, fact.solved_at, fact.reopens) == (utc(3, 2, 10), None, 1)


def test_a_customer_moving_country_recomputes_their_tickets(
    giulia: Customer, team_rome: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    ticket = _open(giulia, team_rome, utc(3, 2, 9))
    facts_refresh([ticket.pk])
    # When her language changes, nothing of the facts is stale: no task
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        giulia = customer_update(
            customer=giulia,
            data=CustomerData(language="en"),
            expected_version=None,
            actor=Actor.system(),
        )
    assert callbacks == []
    # When her country changes, her tickets are recomputed with it, as a rebuild would
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        customer_update(
            customer=giulia,
            data=CustomerData(country="CH"),
            expected_version=None,
            actor=Actor.system(),
        )
    assert len(callbacks) == 1
    assert TicketFact.objects.values_list("ticket_id", "country").get() == (ticket.pk, "CH")


def test_a_rebuild_recomputes_every_ticket_and_drops_nothing_else(
    giulia: Customer, team_rome: Team, alice: User
) -> None:
    # Given two tickets whose facts were never computed, and a stale fact for one of them
    first = _open(giulia, team_rome, utc(3, 2, 9))
    _reply(first, alice, utc(3, 2, 9, 30))
    second = _open(giulia, team_rome, utc(3, 5, 9))
    TicketFact.objects.create(ticket_id=first.pk, created_at=utc(1, 1, 0), customer=giulia)
    # When the facts of tickets created since 3 March are rebuilt, only the second is
    assert facts_rebuild(since=utc(3, 3, 0)) == 1
    assert set(TicketFact.objects.values_list("ticket_id", "replies")) == {
        (first.pk, 0),
        (second.pk, 0),
    }
    # When everything is rebuilt, the first one's reply is there
    assert facts_rebuild() == 2
    assert set(TicketFact.objects.values_list("ticket_id", "replies")) == {
        (first.pk, 1),
        (second.pk, 0),
    }
    assert TicketMoment.objects.count() == 1
    # A deleted ticket loses its rows on its next refresh
    Ticket.objects.filter(pk=second.pk).delete()
    assert facts_refresh([second.pk]) == 0
    assert list(TicketFact.objects.values_list("ticket_id", flat=True)) == [first.pk]


def test_a_customer_merge_moves_the_facts_with_the_tickets(
    giulia: Customer, team_rome: Team, django_capture_on_commit_callbacks: Capture
) -> None:
    # Given a duplicate profile from Switzerland with a ticket whose facts are computed
    duplicate = customer_create(
        data=CustomerData(given_name="Giulia", surname="R.", country="CH"), actor=Actor.system()
    )
    ticket = _open(duplicate, team_rome, utc(3, 2, 9))
    facts_refresh([ticket.pk])
    # When it is merged into Giulia's profile (Italy)
    with django_capture_on_commit_callbacks(execute=True):
        customer_merge(target=giulia, duplicate=duplicate, actor=Actor.system())
    # Then the ticket's facts are Giulia's, with her country
    assert TicketFact.objects.values_list("ticket_id", "customer_id", "country").get() == (
        ticket.pk,
        giulia.pk,
        "IT",
    )
