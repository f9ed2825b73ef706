"""Keeping the ticket facts current: each ticket change and each customer change that
matters marks tickets stale, the periodic refresh recomputes them, and a rebuild
recomputes everything."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create, customer_update
from cortesia.reports.models import StaleTicket, TicketFact, TicketMoment, TicketTagFact
from cortesia.reports.tests.history import change, open_ticket, reply
from cortesia.reports.upkeep import (
    _unmark,
    facts_mark_stale,
    facts_rebuild,
    facts_refresh,
    stale_facts_refresh,
)
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    message_add,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"), actor=Actor.system()
    )


def _stale() -> list[int]:
    return list(StaleTicket.objects.order_by("ticket_id").values_list("ticket_id", flat=True))


def test_each_recorded_change_marks_the_ticket_and_the_refresh_recomputes_it(
    giulia: Customer, team_rome: Team, alice: User
) -> None:
    # Given a ticket just opened: marked stale, no facts yet
    ticket = open_ticket(giulia, team_rome, utc(3, 2, 9), tags=["ordine"])
    assert (_stale(), TicketFact.objects.count()) == ([ticket.pk], 0)
    # When the periodic refresh runs, the facts are computed and the mark is gone
    assert stale_facts_refresh() == 1
    assert TicketFact.objects.filter(ticket=ticket).values_list("replies", "status").get() == (
        0,
        "new",
    )
    assert _stale() == []
    # When an agent answers, twice, one refresh computes the ticket once
    reply(ticket, alice, utc(3, 2, 9, 30))
    reply(ticket, alice, utc(3, 2, 9, 40))
    assert _stale() == [ticket.pk]
    assert stale_facts_refresh() == 1
    # Then the fact knows both replies, the first with its wait, and the tag
    fact = TicketFact.objects.get(ticket=ticket)
    assert (fact.replies, fact.status, fact.first_response_calendar) == (2, "open", 1800)
    assert list(TicketTagFact.objects.values_list("tag", flat=True)) == ["ordine"]
    assert (stale_facts_refresh(), _stale()) == (0, [])


def test_a_mark_set_again_during_a_refresh_stays_for_the_next_one(
    giulia: Customer, team_rome: Team
) -> None:
    # Given a ticket whose mark the refresh read, then changed again by another transaction
    ticket = open_ticket(giulia, team_rome, utc(3, 2, 9))
    read = list(StaleTicket.objects.values_list("ticket_id", "mark"))
    facts_mark_stale([ticket.pk])
    assert StaleTicket.objects.get().mark != read[0][1]
    # When the refresh removes what it read
    _unmark(read)
    # Then the newer mark is still there
    assert _stale() == [ticket.pk]
    # and with the mark it read, it is removed
    _unmark(list(StaleTicket.objects.values_list("ticket_id", "mark")))
    assert _stale() == []


def test_a_refresh_in_batches_recomputes_every_marked_ticket(
    giulia: Customer, team_rome: Team
) -> None:
    tickets = [open_ticket(giulia, team_rome, utc(3, 2, hour)) for hour in (9, 10, 11)]
    assert stale_facts_refresh(batch=2) == 3
    assert sorted(TicketFact.objects.values_list("ticket_id", flat=True)) == sorted(
        ticket.pk for ticket in tickets
    )
    assert _stale() == []


def test_a_late_reopen_lands_on_its_own_day(giulia: Customer, team_rome: Team, alice: User) -> None:
    # Given a ticket solved on 2 March and reopened by the customer on 9 March
    ticket = open_ticket(giulia, team_rome, utc(3, 2, 9))
    reply(ticket, alice, utc(3, 2, 9, 30))
    change(ticket, alice, utc(3, 2, 10), status="solved")
    stale_facts_refresh()
    with time_machine.travel(utc(3, 9, 8), tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Non è arrivato.", author_kind="customer"),
            actor=Actor.system(),
        )
    stale_facts_refresh()
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
    giulia: Customer, team_rome: Team
) -> None:
    ticket = open_ticket(giulia, team_rome, utc(3, 2, 9))
    stale_facts_refresh()
    # When her language changes, nothing of the facts is stale: nothing is marked
    giulia = customer_update(
        customer=giulia,
        data=CustomerData(language="en"),
        expected_version=None,
        actor=Actor.system(),
    )
    assert _stale() == []
    # When her country changes, her tickets are recomputed with it, as a rebuild would
    customer_update(
        customer=giulia,
        data=CustomerData(country="CH"),
        expected_version=None,
        actor=Actor.system(),
    )
    assert _stale() == [ticket.pk]
    assert stale_facts_refresh() == 1
    assert TicketFact.objects.values_list("ticket_id", "country").get() == (ticket.pk, "CH")


def test_a_rebuild_recomputes_every_ticket_and_drops_nothing_else(
    giulia: Customer, team_rome: Team, alice: User
) -> None:
    # Given two tickets whose facts were never computed, and a stale fact for one of them
    first = open_ticket(giulia, team_rome, utc(3, 2, 9))
    reply(first, alice, utc(3, 2, 9, 30))
    second = open_ticket(giulia, team_rome, utc(3, 5, 9))
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
    giulia: Customer, team_rome: Team
) -> None:
    # Given a duplicate profile from Switzerland with a ticket whose facts are computed
    duplicate = customer_create(
        data=CustomerData(given_name="Giulia", surname="R.", country="CH"), actor=Actor.system()
    )
    ticket = open_ticket(duplicate, team_rome, utc(3, 2, 9))
    facts_refresh([ticket.pk])
    # When it is merged into Giulia's profile (Italy)
    customer_merge(target=giulia, duplicate=duplicate, actor=Actor.system())
    stale_facts_refresh()
    # Then the ticket's facts are Giulia's, with her country
    assert TicketFact.objects.values_list("ticket_id", "customer_id", "country").get() == (
        ticket.pk,
        giulia.pk,
        "IT",
    )
