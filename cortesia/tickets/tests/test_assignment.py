from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.assignment import pick_assignee
from cortesia.tickets.models import AgentProfile, AgentShift, TeamRouting, Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create
from cortesia.tickets.shift_end import return_off_shift_tickets

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY_10_ROME = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MONDAY_20_ROME = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)


@pytest.fixture
def staffed(team_rome: Team, alice: User, bob: User) -> Team:
    """Alice and Bob work Monday 09:00–17:00 in Rome; Roma uses round robin."""
    for user in (alice, bob):
        User.objects.filter(pk=user.pk).update(time_zone="Europe/Rome")
        AgentShift.objects.create(user=user, weekday=0, starts=time(9), ends=time(17))
    TeamRouting.objects.create(team=team_rome, assignment=TeamRouting.Assignment.ROUND_ROBIN)
    return team_rome


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT"), actor=Actor.system()
    )


def _ticket(customer: Customer, team: Team, at: datetime, language: str = "") -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Aiuto",
                customer=customer,
                team=team,
                language=language,
                message=MessageData(body_text="Ho bisogno di aiuto", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _assignees(tickets: list[Ticket]) -> list[str | None]:
    return [t.assignee.username if t.assignee else None for t in tickets]


def test_round_robin_among_agents_on_shift(staffed: Team, giulia: Customer) -> None:
    tickets = [_ticket(giulia, staffed, MONDAY_10_ROME) for _ in range(3)]
    assert _assignees(tickets) == ["alice", "bob", "alice"]
    assert tickets[0].events.get(kind="created").data["auto_assigned"] is True


def test_nobody_off_shift_gets_a_ticket(staffed: Team, giulia: Customer) -> None:
    assert _assignees([_ticket(giulia, staffed, MONDAY_20_ROME)]) == [None]


def test_only_agents_who_speak_the_language(staffed: Team, giulia: Customer, bob: User) -> None:
    AgentProfile.objects.create(user=bob, languages=["en"])
    tickets = [_ticket(giulia, staffed, MONDAY_10_ROME, "it") for _ in range(2)]
    assert _assignees(tickets) == ["alice", "alice"]
    assert _assignees([_ticket(giulia, staffed, MONDAY_10_ROME, "en")]) == ["bob"]


def test_least_open_tickets(staffed: Team, giulia: Customer, alice: User) -> None:
    TeamRouting.objects.filter(team=staffed).update(assignment=TeamRouting.Assignment.LEAST_OPEN)
    staffed.refresh_from_db()  # as a new request would load it
    first, second = (_ticket(giulia, staffed, MONDAY_10_ROME) for _ in range(2))
    assert _assignees([first, second]) == ["alice", "bob"]
    Ticket.objects.filter(pk=second.pk).update(status="solved")
    assert _assignees([_ticket(giulia, staffed, MONDAY_10_ROME)]) == ["bob"]


def test_shifts_are_read_in_the_agents_own_zone(staffed: Team, giulia: Customer, bob: User) -> None:
    User.objects.filter(pk=bob.pk).update(time_zone="America/New_York")
    # 15:00 UTC: 16:00 in Rome (Alice on shift), 10:00 in New York (Bob on shift)
    afternoon = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    assert _assignees([_ticket(giulia, staffed, afternoon) for _ in range(2)]) == ["alice", "bob"]
    # 17:00 UTC: Alice's shift is over, Bob's is not
    evening = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
    assert _assignees([_ticket(giulia, staffed, evening) for _ in range(2)]) == ["bob", "bob"]


def test_untouched_tickets_return_to_the_queue_when_the_shift_ends(
    staffed: Team, giulia: Customer, alice: User
) -> None:
    untouched, answered = (_ticket(giulia, staffed, MONDAY_10_ROME) for _ in range(2))
    with time_machine.travel(MONDAY_10_ROME, tick=False):
        message_add(
            ticket=answered,
            data=MessageData(body_text="Ci penso io"),
            actor=Actor(user=answered.assignee),
        )
    assert return_off_shift_tickets(now=MONDAY_10_ROME) == 0  # still on shift
    assert return_off_shift_tickets(now=datetime(2026, 11, 23, 16, 30, tzinfo=UTC)) == 1
    untouched.refresh_from_db()
    answered.refresh_from_db()
    assert (untouched.assignee, answered.assignee is not None) == (None, True)
    change = untouched.events.get(kind="updated")
    assert (change.actor, change.data) == (None, {"assignee": ["alice", None]})
    TeamRouting.objects.filter(team=staffed).update(return_on_shift_end=False)
    late = _ticket(giulia, staffed, MONDAY_10_ROME)
    assert return_off_shift_tickets(now=datetime(2026, 11, 23, 16, 30, tzinfo=UTC)) == 0
    late.refresh_from_db()
    assert late.assignee is not None


def test_only_agents_with_the_skills_own_or_their_teams(
    staffed: Team, alice: User, bob: User
) -> None:
    AgentProfile.objects.create(user=alice, skills=["billing"])
    assert pick_assignee(staffed, "it", MONDAY_10_ROME, ("billing",)) == alice
    assert pick_assignee(staffed, "it", MONDAY_10_ROME, ("returns",)) is None
    Team.objects.filter(pk=staffed.pk).update(skills=["returns"])
    staffed.refresh_from_db()
    # Bob has no skills of his own, so his team's count; Alice's own list replaces them.
    assert pick_assignee(staffed, "it", MONDAY_10_ROME, ("returns",)) == bob
