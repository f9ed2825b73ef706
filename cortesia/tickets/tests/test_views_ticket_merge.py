"""Merging a ticket into another and linking related tickets from the ticket page."""

from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket, TicketEvent, TicketLink
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _open(customer: Customer, team: Team, subject: str) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text=subject, author_kind="customer"),
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def duplicate(giulia: Customer, team_rome: Team, ticket: Ticket) -> Ticket:
    """A second ticket of Giulia's about the same invoice (#1002; ``ticket`` is #1001)."""
    return _open(giulia, team_rome, "Ancora la fattura")


def _merges(*tickets: Ticket) -> list[tuple[int, str | None, dict[str, object]]]:
    return [
        (event.ticket.number, event.actor.username if event.actor else None, event.data)
        for event in TicketEvent.objects.filter(
            ticket__in=tickets, kind=TicketEvent.Kind.MERGED
        ).order_by("id")
    ]


def test_merging_asks_first_and_then_moves_the_conversation(
    alice_client: Client, ticket: Ticket, duplicate: Ticket
) -> None:
    # When Alice names #1001 in the merge form of #1002
    url = f"/tickets/{duplicate.uid}/merge/"
    asked = alice_client.post(url, {"merge-number": "1001"})
    # Then she is asked to confirm, and nothing is merged yet
    assert asked.status_code == 200
    assert 'data-testid="merge-confirm"' in asked.content.decode()
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into, _merges(ticket, duplicate)) == (
        "new",
        None,
        [],
    )
    # When she confirms, twice (a double click)
    merged = alice_client.post(url, {"merge-number": "1001", "confirm": "yes"})
    again = alice_client.post(url, {"merge-number": "1001", "confirm": "yes"})
    # Then #1002 went into #1001 once, recorded with her name
    assert (merged.status_code, merged["Location"]) == (302, f"/tickets/{ticket.uid}/")
    assert again.status_code == 409
    assert "These tickets cannot be merged." in again.content.decode()
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == ("closed", ticket)
    assert [m.body_text for m in ticket.messages.order_by("created_at", "id")] == [
        "Mi manca la fattura.",
        "Ancora la fattura",
    ]
    assert _merges(ticket, duplicate) == [
        (1002, "alice", {"into": 1001, "messages": 1}),
        (1001, "alice", {"from": 1002, "messages": 1}),
    ]
    page = alice_client.get(f"/tickets/{duplicate.uid}/").content.decode()
    assert 'data-testid="merged-into"' in page
    assert 'data-testid="merge-form"' not in page


def test_a_ticket_the_agent_may_not_see_cannot_be_named_or_merged(
    alice_client: Client,
    giulia: Customer,
    ticket: Ticket,
    duplicate: Ticket,
    team_riyadh: Team,
    charlie: User,
) -> None:
    hidden = _open(giulia, team_riyadh, "Riyadh")  # #1003, in a team Alice is not in
    response = alice_client.post(
        f"/tickets/{duplicate.uid}/merge/", {"merge-number": "1003", "confirm": "yes"}
    )
    assert response.status_code == 400
    assert "There is no ticket #1003 you may see." in response.content.decode()
    charlie_client = Client()
    charlie_client.force_login(charlie)
    refused = charlie_client.post(
        f"/tickets/{duplicate.uid}/merge/", {"merge-number": str(hidden.number), "confirm": "yes"}
    )
    assert refused.status_code == 404
    assert _merges(ticket, duplicate, hidden) == []


def test_tickets_of_two_customers_are_not_merged(
    alice_client: Client, ticket: Ticket, team_rome: Team
) -> None:
    marco = customer_create(data=CustomerData(given_name="Marco"), actor=Actor.system())
    other = _open(marco, team_rome, "Altro cliente")
    response = alice_client.post(
        f"/tickets/{other.uid}/merge/", {"merge-number": "1001", "confirm": "yes"}
    )
    assert response.status_code == 409
    assert "Only tickets of the same customer can be merged." in response.content.decode()
    other.refresh_from_db()
    assert (other.status, other.merged_into, _merges(ticket, other)) == ("new", None, [])


def test_linking_twice_links_once(alice_client: Client, ticket: Ticket, duplicate: Ticket) -> None:
    url = f"/tickets/{duplicate.uid}/links/"
    first = alice_client.post(url, {"link-number": "1001"}, follow=True)
    second = alice_client.post(url, {"link-number": "1001"}, follow=True)
    assert "Linked to #1001." in first.content.decode()
    assert "Already linked to #1001." in second.content.decode()
    assert TicketLink.objects.count() == 1
    assert [t.number for t in second.context["links"]] == [1001]
    linked = TicketEvent.objects.filter(kind=TicketEvent.Kind.LINKED).order_by("id")
    assert [(e.ticket.number, e.actor.username if e.actor else None) for e in linked] == [
        (1002, "alice"),
        (1001, "alice"),
    ]
    itself = alice_client.post(url, {"link-number": "1002"})
    assert itself.status_code == 409
    assert "A ticket cannot be linked to itself." in itself.content.decode()
