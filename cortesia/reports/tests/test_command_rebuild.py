"""``cortesia reports rebuild [--from DATE]``: facts deleted by hand come back identical."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.fact_indexes import fact_indexes_drop, fact_indexes_restore
from cortesia.reports.models import TicketFact, TicketMoment, TicketTagFact
from cortesia.reports.upkeep import facts_refresh
from cortesia.tickets.inputs import MessageData, TicketChanges, TicketData
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import message_add, ticket_create
from cortesia.tickets.updates import ticket_update

pytestmark = pytest.mark.django_db

# 23:30 UTC on 2 November is 00:30 on 3 November in Rome: a ticket of the 3rd there.
CREATED = [
    datetime(2026, 11, 1, 10, 0, tzinfo=UTC),
    datetime(2026, 11, 2, 22, 30, tzinfo=UTC),  # 23:30 on the 2nd in Rome
    datetime(2026, 11, 2, 23, 30, tzinfo=UTC),  # 00:30 on the 3rd in Rome
    datetime(2026, 11, 4, 8, 0, tzinfo=UTC),
]


def _history(team: Team, agent: User, at: datetime, number: int) -> Ticket:
    """A ticket opened at ``at``, answered 10 minutes later and solved after an hour."""
    customer = customer_create(
        data=CustomerData(given_name=f"Cliente {number}", country="IT", language="it"),
        actor=Actor.system(),
    )
    with time_machine.travel(at, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Pacco",
                customer=customer,
                team=team,
                language="it",
                tags=["spedizione", f"lotto-{number}"],
                created_at=at,
                message=MessageData(body_text="Dov'è il pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
    with time_machine.travel(at + timedelta(minutes=10), tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Arriva domani, ecco il tracciamento."),
            actor=Actor(user=agent),
        )
    with time_machine.travel(at + timedelta(hours=1), tick=False):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status=Ticket.Status.SOLVED),
            expected_version=None,
            actor=Actor(user=agent),
        )
    return ticket


def _rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every fact row's values but its own id, in a stable order."""

    def values(model: Any, order: tuple[str, ...]) -> list[tuple[Any, ...]]:
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        return list(model.objects.order_by(*order).values_list(*names))

    return {
        "facts": values(TicketFact, ("ticket_id",)),
        "moments": values(TicketMoment, ("ticket_id", "kind", "at", "target")),
        "tags": values(TicketTagFact, ("ticket_id", "tag")),
    }


@pytest.fixture
def tickets(team_rome: Team, alice: User) -> list[Ticket]:
    made = [_history(team_rome, alice, at, number) for number, at in enumerate(CREATED)]
    facts_refresh([ticket.pk for ticket in made])
    return made


def _run(*args: str, verbosity: int = 1) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("reports", "rebuild", *args, stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


def test_rebuild_brings_back_every_fact_identical(tickets: list[Ticket]) -> None:
    # given the facts kept by the upkeep, then deleted by hand
    before = _rows()
    assert (len(before["facts"]), len(before["tags"])) == (4, 8)
    assert len(before["moments"]) >= 8  # a first reply and a solve per ticket
    TicketMoment.objects.all().delete()
    TicketTagFact.objects.all().delete()
    TicketFact.objects.all().delete()
    # when
    out, err = _run()
    # then
    assert _rows() == before
    assert re.fullmatch(r"Facts of 4 tickets rebuilt in \d+\.\d s\.\n", out)
    assert re.fullmatch(r"4 tickets computed \(\d+/s\)\n", err)


def test_rebuild_from_a_day_recomputes_tickets_of_that_local_day_on(
    tickets: list[Ticket], settings: Any
) -> None:
    # given the site in Rome, and every fact deleted by hand
    settings.TIME_ZONE = "Europe/Rome"
    before = _rows()
    TicketMoment.objects.all().delete()
    TicketTagFact.objects.all().delete()
    TicketFact.objects.all().delete()
    # when
    out, _err = _run("--from", "2026-11-03")
    # then only the tickets created on or after 3 November in Rome have facts again
    later = {ticket.pk for ticket in tickets[2:]}
    assert sorted(TicketFact.objects.values_list("ticket_id", flat=True)) == sorted(later)
    assert _rows() == {
        name: [row for row in rows if row[0] in later] for name, rows in before.items()
    }
    assert re.fullmatch(
        r"Facts of 2 tickets created since 2026-11-03 rebuilt in \d+\.\d s\.\n", out
    )


def test_rebuild_from_leaves_older_facts_alone(tickets: list[Ticket]) -> None:
    # given the facts of a ticket of 1 November and one of the 2nd (UTC) changed by hand
    TicketFact.objects.filter(ticket__in=tickets[:2]).update(replies=99)
    # when
    out, err = _run("--from", "2026-11-02", verbosity=0)
    # then only the newer one is recomputed, and nothing but the total is printed
    replies = dict(TicketFact.objects.values_list("ticket_id", "replies"))
    assert [replies[ticket.pk] for ticket in tickets] == [99, 1, 1, 1]
    assert (out.count("\n"), err) == (1, "")


def test_rebuild_refuses_a_day_that_is_not_a_date() -> None:
    with pytest.raises(CommandError, match="'3 Nov' is not a date as YYYY-MM-DD."):
        _run("--from", "3 Nov")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="processes share PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_two_processes_rebuild_the_same_rows_as_one(team_rome: Team, alice: User) -> None:
    made = [_history(team_rome, alice, at, number) for number, at in enumerate(CREATED)]
    _run("--jobs", "1")
    one = _rows()
    _run("--jobs", "2")

    assert _rows() == one
    assert len(one["facts"]) == len(made)
    assert len(one["moments"]) > len(made)


def _fact_indexes() -> dict[str, str]:
    """Name → definition of every index on the fact tables, as PostgreSQL reports it."""
    tables = [model._meta.db_table for model in (TicketFact, TicketMoment, TicketTagFact)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        return dict(cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped on PostgreSQL")
def test_a_full_rebuild_leaves_every_index_as_the_migrations_made_it(
    tickets: list[Ticket],
) -> None:
    # given the indexes the migrations created: keys, foreign keys and the models' own
    made = _fact_indexes()
    assert len(made) == 20
    assert {"moment_next_reply", "fact_backlog", "tag_fact_unique"} <= set(made)
    # when
    _run()
    # then
    assert _fact_indexes() == made


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped on PostgreSQL")
def test_a_rebuild_restores_the_indexes_an_interrupted_one_dropped(
    tickets: list[Ticket],
) -> None:
    # given a full rebuild that stopped after dropping the secondary indexes
    made = _fact_indexes()
    dropped = fact_indexes_drop()
    assert len(dropped) == 16  # all but the three primary keys and the unique tag row
    assert set(_fact_indexes()) == set(made) - set(dropped)
    # when a rebuild of recent days runs
    _run("--from", "2026-11-04", verbosity=0)
    # then every index is back, exactly as defined; nothing is left to restore
    assert _fact_indexes() == made
    assert fact_indexes_restore() == []


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite keeps its indexes")
def test_sqlite_keeps_its_indexes_through_a_rebuild(tickets: list[Ticket]) -> None:
    assert (fact_indexes_drop(), fact_indexes_restore()) == ([], [])
