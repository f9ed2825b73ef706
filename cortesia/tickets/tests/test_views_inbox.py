from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


def _ticket(customer: Customer, team: Team, subject: str, **extra: object) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
            **{"language": "it", **extra},  # type: ignore[arg-type]
        ),
        actor=Actor.system(),
    )


def _subjects(client: Client, query: str) -> list[str]:
    page = client.get(f"/tickets/?view=team&{query}")
    assert page.status_code == 200
    return sorted(t.subject for t in page.context["tickets"])


def test_filters_narrow_the_inbox(alice_client: Client, giulia: Customer, team_rome: Team) -> None:
    _ticket(giulia, team_rome, "Urgente", priority="urgent", tags=["vip", "reso"])
    _ticket(giulia, team_rome, "Telefono", channel="phone", tags=["доставка"])
    _ticket(giulia, team_rome, "Inglese", language="en-GB")
    assert _subjects(alice_client, "") == ["Inglese", "Telefono", "Urgente"]
    assert _subjects(alice_client, "priority=urgent") == ["Urgente"]
    assert _subjects(alice_client, "channel=phone") == ["Telefono"]
    assert _subjects(alice_client, "tag=VIP") == ["Urgente"]
    assert _subjects(alice_client, "tag=vi") == []  # a whole tag, not a fragment
    assert _subjects(alice_client, "tag=доставка") == ["Telefono"]
    assert _subjects(alice_client, "language=en") == ["Inglese"]
    assert _subjects(alice_client, "q=tele&status=new") == ["Telefono"]
    assert _subjects(alice_client, "status=solved") == []


def _review(client: Client, tickets: list[Ticket], **change: str) -> object:
    return client.post(
        "/tickets/bulk/", {"ticket": [str(t.uid) for t in tickets], "back": "view=team", **change}
    )


def _confirm(client: Client, tickets: list[Ticket], **change: str) -> object:
    versions = {f"version_{t.uid}": str(t.version) for t in tickets}
    return client.post(
        "/tickets/bulk/",
        {
            "ticket": [str(t.uid) for t in tickets],
            "back": "view=team",
            "confirmed": "yes",
            **versions,
            **change,
        },
    )


def test_bulk_changes_wait_for_one_confirmation(
    alice_client: Client, giulia: Customer, team_rome: Team, bob: User
) -> None:
    first, second = _ticket(giulia, team_rome, "Uno"), _ticket(giulia, team_rome, "Due")
    review = _review(alice_client, [first, second], action="assign", assignee=str(bob.uid))
    assert review.status_code == 200  # type: ignore[attr-defined]
    assert "Tickets to change: 2." in review.content.decode()  # type: ignore[attr-defined]
    assert Ticket.objects.filter(assignee__isnull=False).count() == 0  # nothing yet
    done = _confirm(alice_client, [first, second], action="assign", assignee=str(bob.uid))
    assert done.status_code == 302  # type: ignore[attr-defined]
    assert done["Location"] == "/tickets/?view=team"  # type: ignore[index]
    assert list(Ticket.objects.order_by("number").values_list("assignee__username", "version")) == [
        ("bob", 2),
        ("bob", 2),
    ]
    assert TicketEvent.objects.filter(kind="updated", fields=["assignee"]).count() == 2


def test_bulk_reports_refusals_and_changes_the_rest(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    open_one, closed = _ticket(giulia, team_rome, "Aperto"), _ticket(giulia, team_rome, "Chiuso")
    Ticket.objects.filter(pk=closed.pk).update(status="closed")
    closed.refresh_from_db()
    done = _confirm(alice_client, [open_one, closed], action="status", status="pending")
    assert done.status_code == 302  # type: ignore[attr-defined]
    statuses = dict(Ticket.objects.values_list("subject", "status"))
    assert statuses == {"Aperto": "pending", "Chiuso": "closed"}
    notices = [str(m) for m in done.wsgi_request._messages]  # type: ignore[attr-defined]
    assert notices == [
        f"Changed 1 tickets: #{open_one.number}.",
        f"#{closed.number} was not changed: "
        "A ticket cannot go from Closed to Pending (waiting on the customer).",
    ]


def test_bulk_refuses_a_stale_change_and_adds_tags(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    ticket = _ticket(giulia, team_rome, "Vecchio", tags=["reso"])
    stale = Ticket.objects.get(pk=ticket.pk)
    _confirm(alice_client, [ticket], action="tag", tag="VIP")
    assert Ticket.objects.get(pk=ticket.pk).tags == ["reso", "vip"]
    _confirm(alice_client, [stale], action="tag", tag="urgente")  # confirmed at version 1
    assert Ticket.objects.get(pk=ticket.pk).tags == ["reso", "vip"]


def test_bulk_on_another_teams_ticket_is_404_and_changes_nothing(
    alice_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    mine, theirs = _ticket(giulia, team_rome, "Mio"), _ticket(giulia, team_riyadh, "Loro")
    assert _review(alice_client, [mine, theirs], action="assign_me").status_code == 404  # type: ignore[attr-defined]
    assert _confirm(alice_client, [mine, theirs], action="assign_me").status_code == 404  # type: ignore[attr-defined]
    assert _confirm(alice_client, [mine], action="assign_me").status_code == 302  # type: ignore[attr-defined]
    assignees = dict(Ticket.objects.values_list("subject", "assignee__username"))
    assert assignees == {"Mio": "alice", "Loro": None}
