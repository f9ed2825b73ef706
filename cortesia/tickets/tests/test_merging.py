from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketLink, TicketMessage
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _call(method: str, token: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
    )


def _customer(name: str) -> Customer:
    return customer_create(data=CustomerData(given_name=name), actor=Actor.system())


def _ticket(customer: Customer, team: Team, text: str) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=text,
            customer=customer,
            team=team,
            message=MessageData(body_text=text, author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def test_merge_moves_the_conversation_and_closes_the_duplicate(
    alice_write_token: str, team_rome: Team
) -> None:
    SlaPolicy.objects.create(name="Day", first_response_minutes=60, business_hours=False)
    giulia = _customer("Giulia")
    target = _ticket(giulia, team_rome, "Pacco perso")
    source = _ticket(giulia, team_rome, "Pacco perso (di nuovo)")
    response = _call(
        "post", alice_write_token, f"/tickets/{target.uid}/merge", {"source": str(source.uid)}
    )
    assert response.status_code == 200
    assert response.json()["customer_reply_count"] == 2
    source.refresh_from_db()
    assert (source.status, source.merged_into_id) == ("closed", target.pk)
    assert TicketMessage.objects.filter(ticket=target).count() == 2
    assert SlaClock.objects.get(ticket=source).state == "stopped"
    assert list(source.events.filter(kind="merged").values_list("data", flat=True)) == [
        {"into": target.number, "messages": 1}
    ]
    again = _call(
        "post", alice_write_token, f"/tickets/{target.uid}/merge", {"source": str(source.uid)}
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "invalid_merge")


def test_merge_refuses_other_customers_and_hides_other_teams(
    alice_write_token: str, team_rome: Team, team_riyadh: Team
) -> None:
    target = _ticket(_customer("Giulia"), team_rome, "Uno")
    stranger = _ticket(_customer("Ivan"), team_rome, "Due")
    hidden = _ticket(target.customer, team_riyadh, "Riyadh")
    other = _call(
        "post", alice_write_token, f"/tickets/{target.uid}/merge", {"source": str(stranger.uid)}
    )
    assert other.json()["error"]["message"] == "Only tickets of the same customer can be merged."
    unseen = _call(
        "post", alice_write_token, f"/tickets/{target.uid}/merge", {"source": str(hidden.uid)}
    )
    assert unseen.status_code == 404
    hidden.refresh_from_db()
    assert (hidden.status, hidden.merged_into_id, hidden.messages.count()) == ("new", None, 1)


def test_links_are_stored_once_and_listed_for_both(
    alice_write_token: str, team_rome: Team, team_riyadh: Team
) -> None:
    giulia = _customer("Giulia")
    first, second = _ticket(giulia, team_rome, "A"), _ticket(giulia, team_rome, "B")
    hidden = _ticket(giulia, team_riyadh, "C")
    assert (
        _call(
            "post", alice_write_token, f"/tickets/{second.uid}/links", {"ticket": str(first.uid)}
        ).status_code
        == 201
    )
    assert (
        _call(
            "post", alice_write_token, f"/tickets/{first.uid}/links", {"ticket": str(second.uid)}
        ).status_code
        == 200
    )
    assert (
        _call(
            "post", alice_write_token, f"/tickets/{first.uid}/links", {"ticket": str(hidden.uid)}
        ).status_code
        == 404
    )
    assert [
        t["subject"] for t in _call("get", alice_write_token, f"/tickets/{first.uid}/links").json()
    ] == ["B"]
    assert [
        t["subject"] for t in _call("get", alice_write_token, f"/tickets/{second.uid}/links").json()
    ] == ["A"]
    assert TicketLink.objects.count() == 1
