"""The facts of one ticket from its raw rows: pure, no database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cortesia.culture.business_time import BusinessCalendar
from cortesia.reports.ticket_facts import (
    ClockRow,
    MessageRow,
    Span,
    StatusRow,
    TicketHistory,
    TicketRow,
    ticket_fact_compute,
)

# Monday to Friday 09:00–17:00 in Rome, Italian holidays (Easter Monday 6 April 2026).
ROME_HOURS = BusinessCalendar.from_mapping(
    time_zone="Europe/Rome",
    weekly={day: [("09:00", "17:00")] for day in ("mon", "tue", "wed", "thu", "fri")},
    holiday_country="IT",
)


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def ticket(created: datetime, status: str = "open", solved_at: datetime | None = None) -> TicketRow:
    return TicketRow(
        id=1,
        created_at=created,
        team_id=None,
        assignee_id=None,
        customer_id=1,
        channel="email",
        language="it",
        country="IT",
        priority="normal",
        status=status,
        tags=["b", "a", "a", " "],
        merged=False,
        solved_at=solved_at,
    )


def customer(at: datetime) -> MessageRow:
    return MessageRow(at=at, public=True, author="customer")


def agent(at: datetime, public: bool = True) -> MessageRow:
    return MessageRow(at=at, public=public, author="agent")


def test_first_and_next_responses_wait_from_the_customer() -> None:
    # Given a customer's ticket with a note, two replies and a customer message between
    history = TicketHistory(
        ticket(utc(3, 2, 9)),
        messages=[
            customer(utc(3, 2, 9)),
            agent(utc(3, 2, 9, 5), public=False),
            agent(utc(3, 2, 9, 30)),
            customer(utc(3, 2, 10)),
            customer(utc(3, 2, 10, 5)),
            agent(utc(3, 2, 11)),
            agent(utc(3, 2, 11, 1)),
        ],
    )
    # When its facts are computed (no calendar: business time is calendar time)
    computed = ticket_fact_compute(history)
    # Then the first response waited 30 minutes, the next one 60 (from the first message
    # since the reply), and the reply right after answers no one
    fact = computed.fact
    assert (fact.first_response_calendar, fact.first_response_business) == (1800, 1800)
    assert [(m.first, m.calendar, m.business) for m in computed.moments] == [
        (True, 1800, 1800),
        (False, 3600, 3600),
        (False, None, None),
    ]
    assert (fact.replies, fact.by_agent) == (3, False)
    assert [tag.tag for tag in computed.tags] == ["a", "b"]


def test_an_agent_created_ticket_waits_from_the_customers_first_message() -> None:
    history = TicketHistory(
        ticket(utc(4, 1, 12)),
        messages=[agent(utc(4, 1, 12)), customer(utc(4, 1, 14, 30)), agent(utc(4, 2, 7, 30))],
        calendar=ROME_HOURS,
    )
    fact = ticket_fact_compute(history).fact
    # 14:30 UTC is 16:30 in Rome: 30 open minutes that day and 30 the next morning.
    assert fact.by_agent is True
    assert (fact.first_response_at, fact.first_response_calendar) == (utc(4, 2, 7, 30), 61200)
    assert fact.first_response_business == 3600


def test_messages_moved_in_from_an_older_ticket_are_not_this_tickets() -> None:
    # Given a ticket opened at 10:00 that an older ticket (opened by an agent at 08:00,
    # answered at 09:00) was merged into
    history = TicketHistory(
        ticket(utc(3, 3, 10)),
        messages=[
            agent(utc(3, 3, 8)),
            customer(utc(3, 3, 8, 30)),
            agent(utc(3, 3, 9)),
            customer(utc(3, 3, 10)),
            agent(utc(3, 3, 10, 20)),
        ],
    )
    fact = ticket_fact_compute(history).fact
    # Then it is the customer's ticket, first answered 20 minutes after it was opened
    assert (fact.by_agent, fact.first_response_at, fact.first_response_calendar) == (
        False,
        utc(3, 3, 10, 20),
        1200,
    )
    assert fact.replies == 1


@pytest.mark.parametrize(
    ("_case", "reopened", "days"),
    [
        ("same day", utc(4, 2, 15), 0),
        # Thu 2 → Fri 10 April: Fri 3, Tue 7, Wed 8, Thu 9, Fri 10 (Easter Monday closed)
        ("holiday skipped", utc(4, 10, 8), 5),
        ("weekend and Easter Monday skipped", utc(4, 6, 8), 1),
        ("after the window", utc(4, 13, 8), 6),
    ],
)
def test_reopen_days_count_business_days_after_the_first_solve(
    _case: str, reopened: datetime, days: int
) -> None:
    history = TicketHistory(
        ticket(utc(4, 2, 8)),
        messages=[customer(utc(4, 2, 8)), agent(utc(4, 2, 8, 30))],
        statuses=[
            StatusRow(utc(4, 2, 9), "open", "solved"),
            StatusRow(reopened, "solved", "open"),
        ],
        calendar=ROME_HOURS,
    )
    fact = ticket_fact_compute(history).fact
    assert (fact.reopen_business_days, fact.replies_at_first_solve, fact.reopens) == (days, 1, 1)
    assert fact.solved_at is None  # reopened: no full resolution


def test_solves_reopens_and_full_resolution() -> None:
    # Given a ticket solved, reopened by the customer's reply, solved, then closed
    history = TicketHistory(
        ticket(utc(3, 2, 9), status="closed"),
        messages=[customer(utc(3, 2, 9)), agent(utc(3, 2, 9, 10))],
        statuses=[
            StatusRow(utc(3, 2, 10), "open", "solved"),
            StatusRow(utc(3, 3, 9), "solved", "open"),
            StatusRow(utc(3, 3, 11), "open", "solved"),
            StatusRow(utc(3, 4, 11), "solved", "closed"),
        ],
    )
    computed = ticket_fact_compute(history)
    fact = computed.fact
    solves = [(m.at, m.first, m.calendar) for m in computed.moments if m.kind == "solve"]
    assert solves == [(utc(3, 2, 10), True, 3600), (utc(3, 3, 11), False, 93600)]
    assert [m.at for m in computed.moments if m.kind == "reopen"] == [utc(3, 3, 9)]
    # Without a calendar every day counts, in UTC days.
    assert (fact.first_solved_at, fact.solved_at, fact.reopen_business_days) == (
        utc(3, 2, 10),
        utc(3, 3, 11),
        1,
    )
    assert (fact.full_resolution_calendar, fact.full_resolution_business) == (93600, 93600)


def test_an_imported_solved_ticket_was_solved_at_its_solved_at() -> None:
    history = TicketHistory(
        ticket(utc(1, 5, 9), status="solved", solved_at=utc(1, 6, 9)),
        messages=[customer(utc(1, 5, 9))],
    )
    fact = ticket_fact_compute(history).fact
    assert (fact.first_solved_at, fact.solved_at, fact.first_resolution_calendar) == (
        utc(1, 6, 9),
        utc(1, 6, 9),
        86400,
    )
    assert (fact.first_response_at, fact.replies, fact.replies_at_first_solve) == (None, 0, 0)


def test_sla_targets_met_missed_and_active() -> None:
    history = TicketHistory(
        ticket(utc(3, 2, 9)),
        clocks=[
            ClockRow("first_response", "met", None, utc(3, 2, 9, 30)),
            ClockRow("next_response", "met", utc(3, 2, 12), utc(3, 2, 13)),  # late reply
            ClockRow("resolution", "running", utc(3, 3, 9), None),
            ClockRow("resolution", "paused", None, None),
            ClockRow("first_response", "stopped", None, utc(3, 2, 10)),  # solved unanswered
        ],
    )
    computed = ticket_fact_compute(history)
    assert [(m.target, m.at, m.met) for m in computed.moments if m.kind == "sla"] == [
        ("first_response", utc(3, 2, 9, 30), True),
        ("next_response", utc(3, 2, 12), False),
        ("resolution", utc(3, 3, 9), None),
    ]
    assert computed.fact.active_breaches == 1


@pytest.mark.parametrize(
    ("_case", "a", "b", "seconds"),
    [
        ("before the change", utc(3, 27, 15, 30), utc(3, 27, 16), (1800, 1800)),
        # Fri 16:30 CET → Mon 09:15 CEST: 63 h 45 real, 30 + 15 open minutes
        ("over the DST weekend", utc(3, 27, 15, 30), utc(3, 30, 7, 15), (229500, 2700)),
        ("backwards", utc(3, 30, 7, 15), utc(3, 27, 15, 30), (0, 0)),
    ],
)
def test_spans_count_real_and_open_seconds(
    _case: str, a: datetime, b: datetime, seconds: tuple[int, int]
) -> None:
    assert Span(ROME_HOURS).seconds(a, b) == seconds


def test_the_computed_rows_name_every_field_the_fact_models_store() -> None:
    from dataclasses import fields

    from cortesia.reports.models import TicketFact, TicketMoment, TicketTagFact
    from cortesia.reports.ticket_facts import FactRow, MomentRow, TagRow
    from cortesia.reports.upkeep import _written_fields

    for row, model in ((FactRow, TicketFact), (MomentRow, TicketMoment), (TagRow, TicketTagFact)):
        stored = {field.attname for field in _written_fields(model)}
        assert {field.name for field in fields(row)} == stored, model.__name__
