"""``/api/v1/conversations``: scoped like tickets, idempotent sends, take, hand over, end."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.chat.conversations import conversation_start
from cortesia.chat.models import ChatEvent, Conversation, Visitor
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def chat(giovanna: Visitor) -> Conversation:
    return conversation_start(
        visitor=giovanna, name="Giovanna", text="Ciao", client_id="v1", actor=Actor.system()
    ).conversation


def post(client: Client, path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(
        f"/api/v1/conversations/{path}",
        body if body is not None else {},
        content_type="application/json",
        headers=bearer(token),
    )


def test_the_list_shows_the_chats_of_the_agents_teams_only(
    client: Client, chat: Conversation, alice_read_token: str, charlie: User
) -> None:
    body = client.get("/api/v1/conversations", headers=bearer(alice_read_token)).json()
    assert [item["uid"] for item in body["items"]] == [str(chat.uid)]
    item = body["items"][0]
    assert (item["status"], item["language"], item["unread"], item["assignee"]) == (
        "waiting",
        "it",
        1,
        None,
    )
    assert item["customer"]["name"] == "Giovanna"
    outsider = token_create(user=charlie, scope=TokenScope.READ, actor=Actor(charlie)).raw
    assert client.get("/api/v1/conversations", headers=bearer(outsider)).json()["items"] == []
    hidden = client.get(f"/api/v1/conversations/{chat.uid}", headers=bearer(outsider))
    assert hidden.status_code == 404


def test_sending_twice_stores_once_and_takes_the_chat(
    client: Client, chat: Conversation, alice: User, alice_write_token: str
) -> None:
    body = {"text": "Buongiorno!", "client_id": "api-1"}
    first = post(client, f"{chat.uid}/messages", alice_write_token, body)
    again = post(client, f"{chat.uid}/messages", alice_write_token, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["author"] == "agent"
    assert TicketMessage.objects.filter(author_kind="agent").count() == 1
    chat.refresh_from_db()
    assert (chat.status, chat.assignee_id) == ("active", alice.pk)
    listed = client.get(
        f"/api/v1/conversations/{chat.uid}/messages?after=0", headers=bearer(alice_write_token)
    ).json()
    assert [(m["author"], m["text"]) for m in listed["items"]] == [
        ("visitor", "Ciao"),
        ("agent", "Buongiorno!"),
    ]
    assert listed["after"] == first.json()["id"]


def test_a_read_token_cannot_send(
    client: Client, chat: Conversation, alice_read_token: str
) -> None:
    refused = post(
        client, f"{chat.uid}/messages", alice_read_token, {"text": "x", "client_id": "a"}
    )
    assert refused.status_code == 403
    assert ChatEvent.objects.count() == 1


def test_take_then_hand_over_to_a_colleague_then_to_another_team(
    client: Client,
    chat: Conversation,
    alice_write_token: str,
    bob: User,
    team_riyadh: Team,
) -> None:
    taken = post(client, f"{chat.uid}/assign", alice_write_token).json()
    assert (taken["status"], taken["assignee"]["name"]) == ("active", "Alice Rossi")
    handed = post(client, f"{chat.uid}/assign", alice_write_token, {"agent": str(bob.uid)}).json()
    assert handed["assignee"]["name"] == "Bob Bianchi"
    assert Ticket.objects.get(pk=chat.ticket_id).assignee_id == bob.pk
    moved = post(client, f"{chat.uid}/assign", alice_write_token, {"team": str(team_riyadh.uid)})
    assert moved.status_code == 200, moved.json()
    assert moved.json()["status"] == "waiting"
    assert moved.json()["team"]["name"] == "Riyadh"
    notes = list(
        TicketMessage.objects.filter(ticket_id=chat.ticket_id, kind="note").values_list(
            "body_text", flat=True
        )
    )
    assert notes == [
        "Alice Rossi handed the chat to Bob Bianchi.",
        "Alice Rossi handed the chat to the team Riyadh.",
    ]


def test_ending_twice_is_harmless_and_the_list_filters_by_status(
    client: Client, chat: Conversation, alice_write_token: str
) -> None:
    assert post(client, f"{chat.uid}/end", alice_write_token).json()["status"] == "ended"
    assert post(client, f"{chat.uid}/end", alice_write_token).json()["status"] == "ended"
    headers = bearer(alice_write_token)
    assert client.get("/api/v1/conversations?status=waiting", headers=headers).json()["items"] == []
    ended = client.get("/api/v1/conversations?status=ended", headers=headers).json()["items"]
    assert len(ended) == 1
    assert client.get("/api/v1/conversations?status=nope", headers=headers).status_code == 422
