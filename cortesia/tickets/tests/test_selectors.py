from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import inbox_counts, ticket_list_for_customer
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    ticket_create,
    ticket_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


def _ticket(customer: Customer, team: Team, subject: str, day: int) -> Ticket:
    with time_machine.travel(datetime(2026, 11, day, 9, 0, tzinfo=UTC), tick=False):
        return ticket_create(
            data=TicketData(
                subject=subject,
                customer=customer,
                team=team,
                message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def test_a_customers_tickets_are_the_visible_ones_newest_first_in_any_status(
    giulia: Customer,
    team_rome: Team,
    team_riyadh: Team,
    alice: User,
    admin_user: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given: three tickets of Giulia's (one solved, one in a team alice is not in) and
    # one of another customer
    first = _ticket(giulia, team_rome, "Primo", 2)
    solved = _ticket(giulia, team_rome, "Risolto", 3)
    ticket_update(
        ticket=solved,
        changes=TicketChanges(status="solved"),
        expected_version=None,
        actor=Actor.system(),
    )
    _ticket(giulia, team_riyadh, "Riyadh", 4)
    other = customer_create(data=CustomerData(given_name="Otto"), actor=Actor.system())
    _ticket(other, team_rome, "Altro", 5)
    # when / then: alice sees her team's two, newest first, in one query
    with django_assert_num_queries(2):  # her teams, then the tickets
        rows = [
            (t.number, t.subject, t.status, t.team.name if t.team else "", t.assignee)
            for t in ticket_list_for_customer(viewer=alice, customer=giulia)
        ]
    assert rows == [
        (solved.number, "Risolto", "solved", "Roma", None),
        (first.number, "Primo", "new", "Roma", None),
    ]
    assert [t.subject for t in ticket_list_for_customer(viewer=admin_user, customer=giulia)] == [
        "Riyadh",
        "Risolto",
        "Primo",
    ]


def test_a_customers_tickets_are_none_for_a_marketer(
    giulia: Customer, team_rome: Team, mia: User
) -> None:
    _ticket(giulia, team_rome, "Primo", 2)
    assert list(ticket_list_for_customer(viewer=mia, customer=giulia)) == []


def test_inbox_counts_stop_one_past_the_cap_in_one_query(
    giulia: Customer,
    team_rome: Team,
    team_riyadh: Team,
    alice: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # given: four open tickets in alice's team, one of them hers, and one in another team
    for day in (2, 3, 4):
        _ticket(giulia, team_rome, f"Pacco {day}", day)
    ticket_create(
        data=TicketData(
            subject="Suo",
            customer=giulia,
            team=team_rome,
            assignee=alice,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    _ticket(giulia, team_riyadh, "Riyadh", 6)
    now = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    # when: counted up to two, then with the page's cap
    with django_assert_num_queries(2):  # her teams, then every view's count
        capped = inbox_counts(viewer=alice, now=now, cap=2)
    uncapped = inbox_counts(viewer=alice, now=now)
    # then: a count past the cap stops at cap + 1 ("more than two"); under it, exact
    assert capped == {"mine": 1, "team": 3, "unassigned": 3, "breaching": 0}
    assert uncapped == {"mine": 1, "team": 4, "unassigned": 3, "breaching": 0}


def test_inbox_counts_of_a_manager_include_tickets_of_no_team_and_every_view(
    giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    from cortesia.accounts.models import Role
    from cortesia.accounts.services import team_member_add
    from cortesia.testing.fixtures import make_user

    # given: a manager of Rome, two open tickets there, one with no team, one in Riyadh
    manager = make_user("mara", Role.MANAGER)
    team_member_add(team=team_rome, user=manager, actor=Actor.system())
    for day in (2, 3):
        _ticket(giulia, team_rome, f"Pacco {day}", day)
    ticket_create(
        data=TicketData(
            subject="Senza squadra",
            customer=giulia,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    _ticket(giulia, team_riyadh, "Riyadh", 6)
    # when
    counts = inbox_counts(viewer=manager, now=datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    # then: "all" holds Rome's and the ticket of no team, never Riyadh's
    assert counts == {"mine": 0, "team": 2, "unassigned": 3, "breaching": 0, "all": 3}


def test_inbox_counts_of_an_agent_in_no_team_are_zero_without_counting(
    giulia: Customer, team_rome: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    from cortesia.testing.fixtures import make_user

    _ticket(giulia, team_rome, "Pacco", 2)
    loner = make_user("solo")
    with django_assert_num_queries(1):  # her teams: none, so nothing to count
        counts = inbox_counts(viewer=loner, now=datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    assert counts == {"mine": 0, "team": 0, "unassigned": 0, "breaching": 0}


VIEW_CASES = [
    ("agent in two teams", "two"),
    ("agent in no team", "none"),
    ("manager in one team", "manager"),
]


@pytest.mark.parametrize(("_case", "kind"), VIEW_CASES, ids=[case[0] for case in VIEW_CASES])
def test_view_conditions_kept_once_compiled_are_the_orms(
    _case: str, kind: str, team_rome: Team, team_riyadh: Team
) -> None:
    from django.core.exceptions import EmptyResultSet

    from cortesia.accounts.models import Role
    from cortesia.accounts.services import team_member_add
    from cortesia.testing.fixtures import make_user
    from cortesia.tickets import selectors

    # given: a viewer, no condition compiled yet
    viewer = make_user("vera", Role.MANAGER if kind == "manager" else Role.AGENT)
    teams = {"two": [team_rome, team_riyadh], "none": [], "manager": [team_riyadh]}[kind]
    for team in teams:
        team_member_add(team=team, user=viewer, actor=Actor.system())
    selectors._view_sql.clear()
    now = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
    for view in selectors.inbox_views(viewer=viewer):
        try:
            expected = selectors._view_condition_compiled(viewer, view, now)
        except EmptyResultSet:
            expected = None
        # when: compiled (the first time) and kept (the second)
        for _time in range(2):
            try:
                found = selectors._view_condition(viewer, view, now)
            except EmptyResultSet:
                found = None
            # then: the ORM's SQL and parameters
            assert found == expected, view
    held = {view for _vendor, view, _count in selectors._view_sql}
    expected_views = {"mine", "unassigned", "breaching"} | ({"team"} if teams else set())
    assert held == expected_views | ({"all"} if kind == "manager" else set())
