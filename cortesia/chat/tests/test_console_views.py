"""The console's JSON endpoints: scoped like tickets, CSRF-checked, hand-over and canned
responses rendered for the chat's customer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.chat.conversations import conversation_start
from cortesia.chat.models import AgentPresence, Conversation, Visitor
from cortesia.core.actor import Actor
from cortesia.tickets.models import CannedResponse, CannedVariant, TicketMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def chat(giovanna: Visitor) -> Conversation:
    return conversation_start(
        visitor=giovanna, name="Giovanna", text="Ciao", client_id="v1", actor=Actor.system()
    ).conversation


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/chat/console/{path}", json.dumps(body), content_type="application/json")


def test_the_detail_offers_colleagues_teams_and_canned_responses(
    chat: Conversation, alice: User, bob: User, team_riyadh: Team
) -> None:
    CannedResponse.objects.create(name="Saluti")
    detail = signed_in(alice).get(f"/chat/console/conversations/{chat.uid}").json()
    assert detail["hand_over"] == {
        "agents": [
            {"uid": str(alice.uid), "name": "Alice Rossi"},
            {"uid": str(bob.uid), "name": "Bob Bianchi"},
        ],
        "teams": [{"uid": str(team_riyadh.uid), "name": "Riyadh"}],
    }
    assert [item["name"] for item in detail["canned"]] == ["Saluti"]
    assert [e["payload"]["text"] for e in detail["events"]] == ["Ciao"]


def test_an_agent_of_another_team_gets_404_everywhere(chat: Conversation, charlie: User) -> None:
    client = signed_in(charlie)
    assert client.get(f"/chat/console/conversations/{chat.uid}").status_code == 404
    sent = post(client, f"conversations/{chat.uid}/messages", {"text": "x", "client_id": "c"})
    assert sent.status_code == 404
    assert TicketMessage.objects.count() == 1


def test_handing_over_to_a_colleague(chat: Conversation, alice: User, bob: User) -> None:
    row = post(signed_in(alice), f"conversations/{chat.uid}/hand-over", {"agent": str(bob.uid)})
    assert row.json()["assignee"] == "Bob Bianchi"
    chat.refresh_from_db()
    assert (chat.status, chat.assignee_id) == ("active", bob.pk)


def test_a_canned_response_is_rendered_for_the_chats_customer(
    chat: Conversation, alice: User
) -> None:
    response = CannedResponse.objects.create(name="Grazie")
    CannedVariant.objects.create(
        response=response, language="it", body="Sono {{ agent.first_name }}, ci penso io."
    )
    rendered = signed_in(alice).get(f"/chat/console/conversations/{chat.uid}/canned/{response.uid}")
    assert rendered.json() == {
        "text": "Sono Alice, ci penso io.",
        "language": "it",
        "fallback": False,
    }


def test_the_console_needs_a_signed_in_agent(chat: Conversation) -> None:
    anonymous = Client().get(f"/chat/console/conversations/{chat.uid}")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/")


def test_a_post_without_the_csrf_token_is_refused(chat: Conversation, alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    refused = post(client, f"conversations/{chat.uid}/messages", {"text": "x", "client_id": "c"})
    assert refused.status_code == 403
    assert TicketMessage.objects.count() == 1


def test_the_card_briefs_the_agent_on_the_customer(chat: Conversation, alice: User) -> None:
    card = signed_in(alice).get(f"/chat/console/conversations/{chat.uid}").json()["card"]
    assert {key: card[key] for key in ("address_as", "tickets", "open_tickets", "orders")} == {
        "address_as": "Gentile Giovanna,",
        "tickets": 1,
        "open_tickets": 1,
        "orders": [],
    }


def test_an_agent_pauses_new_chats_and_keeps_their_own(alice: User) -> None:
    client = signed_in(alice)
    assert client.get("/chat/console/conversations").json()["accepting"] is True
    assert post(client, "accepting", {"accepting": False}).json() == {"accepting": False}
    assert client.get("/chat/console/conversations").json()["accepting"] is False
    assert post(client, "accepting", {"accepting": "no"}).status_code == 400
    assert AgentPresence.objects.get(user=alice).is_accepting is False
