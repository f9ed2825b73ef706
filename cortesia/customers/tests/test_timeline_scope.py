"""A customer's timeline shows a ticket's events only to those who may see the ticket."""

from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_timeline
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer, make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import ticket_list
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi"), actor=Actor.system()
    )


def _open(customer: Customer, subject: str, team: Team | None) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text="Help, please.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def tickets(giulia: Customer, team_rome: Team, team_riyadh: Team) -> dict[str, Ticket]:
    return {
        "rome": _open(giulia, "Pacco da Roma", team_rome),
        "riyadh": _open(giulia, "Secret Riyadh matter", team_riyadh),
        "triage": _open(giulia, "Nobody's yet", None),
    }


def _ticket_uids(viewer: User, customer: Customer) -> set[str]:
    events = customer_timeline(viewer=viewer, customer=customer)
    return {str(event.data["ticket"]) for event in events if "ticket" in event.data}


@pytest.mark.parametrize(
    ("_case", "role", "teams", "expected"),
    [
        ("agent of Rome", Role.AGENT, ["rome"], {"rome"}),
        ("agent of Riyadh", Role.AGENT, ["riyadh"], {"riyadh"}),
        ("agent of no team", Role.AGENT, [], set()),
        ("manager of Rome", Role.MANAGER, ["rome"], {"rome", "triage"}),
        ("administrator", Role.ADMIN, [], {"rome", "riyadh", "triage"}),
        ("marketer", Role.MARKETER, ["rome"], set()),
    ],
)
def test_the_timeline_shows_exactly_the_tickets_the_viewer_may_see(
    _case: str,
    role: Role,
    teams: list[str],
    expected: set[str],
    giulia: Customer,
    tickets: dict[str, Ticket],
    team_rome: Team,
    team_riyadh: Team,
) -> None:
    viewer = make_user("viewer", role)
    by_name = {"rome": team_rome, "riyadh": team_riyadh}
    for name in teams:
        by_name[name].members.add(viewer)
    shown = _ticket_uids(viewer, giulia)
    allowed = {str(uid) for uid in ticket_list(viewer=viewer).values_list("uid", flat=True)}
    assert shown == {str(tickets[name].uid) for name in expected} == allowed
    assert customer_timeline(viewer=viewer, customer=giulia).filter(kind="created").count() == 1


def test_the_api_timeline_hides_another_teams_ticket(
    giulia: Customer, tickets: dict[str, Ticket], alice_read_token: str
) -> None:
    response = Client().get(
        f"/api/v1/customers/{giulia.uid}/timeline", headers=bearer(alice_read_token)
    )
    body = response.content.decode()
    kinds = [(item["kind"], item["data"].get("subject")) for item in response.json()["items"]]
    assert response.status_code == 200
    assert kinds == [("created", None), ("ticket_created", "Pacco da Roma")]
    assert str(tickets["riyadh"].uid) not in body
    assert "Secret Riyadh matter" not in body


def test_the_customer_page_hides_another_teams_ticket(
    giulia: Customer, tickets: dict[str, Ticket], alice_client: Client
) -> None:
    page = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    assert (page.count("Customer created"), page.count("Ticket opened")) == (1, 1)
