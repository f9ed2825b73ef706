from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.chat.conversations import agent_message_post
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.chat.tokens import stream_ticket_read
from cortesia.core.actor import Actor
from cortesia.customers.models import ConsentRecord
from cortesia.tickets.models import Ticket

pytestmark = pytest.mark.django_db

ORIGIN = "https://shop.example.com"


def call(
    client: Client,
    site: WidgetSite,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    token: str = "",
    origin: str = ORIGIN,
    method: str = "post",
) -> Any:
    headers = {"Origin": origin} if origin else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = f"/chat/widget/{site.uid}/{path}"
    if method == "get":
        return client.get(url, headers=headers)
    if method == "options":
        return client.options(url, headers=headers)
    return client.post(
        url, json.dumps(body or {}), content_type="application/json", headers=headers
    )


def open_session(client: Client, site: WidgetSite, languages: list[str] | None = None) -> Any:
    body = {"languages": languages or ["it-IT", "it", "en"], "time_zone": "Europe/Rome"}
    return call(client, site, "session", body).json()


def test_a_new_session_speaks_the_browser_language_and_carries_a_stream_ticket(
    client: Client, site: WidgetSite
) -> None:
    response = call(
        client, site, "session", {"languages": ["fr-FR", "it-IT"], "time_zone": "Europe/Rome"}
    )
    body = response.json()

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert (body["language"], body["direction"], body["conversation"], body["events"]) == (
        "it",
        "ltr",
        None,
        [],
    )
    assert body["texts"]["send"] == "Invia"
    visitor = Visitor.objects.get()
    assert (visitor.language, visitor.time_zone) == ("it", "Europe/Rome")
    audience = stream_ticket_read(body["stream"]["ticket"])
    assert audience is not None
    assert (audience.visitor_id, audience.user_id) == (visitor.pk, None)
    assert body["stream"]["url"].endswith("/chat/stream/")


def test_an_arabic_browser_gets_a_right_to_left_widget(client: Client, site: WidgetSite) -> None:
    body = open_session(client, site, ["ar-SA"])
    assert (body["language"], body["direction"]) == ("ar", "rtl")
    assert body["texts"]["send"] == "إرسال"


def test_a_browser_language_the_product_does_not_speak_falls_back_to_the_site_default(
    client: Client, site: WidgetSite
) -> None:
    assert open_session(client, site, ["ja-JP", "zh"])["language"] == "en"


def test_a_token_resumes_the_same_visitor_and_their_open_chat(
    client: Client, site: WidgetSite
) -> None:
    first = open_session(client, site)
    call(
        client,
        site,
        "messages",
        {"text": "Ciao", "client_id": "c1", "name": "Giovanna"},
        token=first["token"],
    )

    again = call(client, site, "session", {"token": first["token"], "languages": ["it"]}).json()

    assert again["token"] == first["token"]
    assert Visitor.objects.count() == 1
    assert again["conversation"]["status"] == "waiting"
    assert [e["payload"]["text"] for e in again["events"]] == ["Ciao"]
    assert again["cursor"] == ChatEvent.objects.get().pk
    assert again["name"] == "Giovanna"


def test_a_forged_token_starts_a_new_visitor(client: Client, site: WidgetSite) -> None:
    first = open_session(client, site)
    again = call(client, site, "session", {"token": first["token"] + "x"}).json()
    assert again["token"] != first["token"]
    assert Visitor.objects.count() == 2


def test_a_message_sent_twice_starts_one_chat(client: Client, site: WidgetSite) -> None:
    token = open_session(client, site)["token"]
    body = {"text": "Il mio ordine?", "client_id": "c1", "name": "Giovanna"}
    first = call(client, site, "messages", body, token=token).json()
    second = call(client, site, "messages", body, token=token).json()

    assert (first["is_new"], second["is_new"]) == (True, False)
    assert first["event"]["id"] == second["event"]["id"]
    assert Conversation.objects.count() == 1
    assert Ticket.objects.get().channel == "chat"


def test_sending_without_a_token_is_refused_and_stores_nothing(
    client: Client, site: WidgetSite
) -> None:
    response = call(client, site, "messages", {"text": "Ciao", "client_id": "c1", "name": "X"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert Ticket.objects.count() == 0


def test_a_page_on_another_origin_gets_no_cors_and_a_403(client: Client, site: WidgetSite) -> None:
    response = call(client, site, "session", {}, origin="https://evil.example.net")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response
    assert Visitor.objects.count() == 0


def test_the_preflight_names_what_the_widget_sends(client: Client, site: WidgetSite) -> None:
    response = call(client, site, "messages", method="options")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert response["Access-Control-Allow-Headers"] == "authorization, content-type"
    assert response["Vary"].split(", ")[0] == "Origin"


def test_a_disabled_site_answers_404(client: Client, site: WidgetSite) -> None:
    site.is_enabled = False
    site.save()
    assert call(client, site, "session", {}).status_code == 404
    assert Visitor.objects.count() == 0


def test_bad_input_names_the_field(client: Client, site: WidgetSite) -> None:
    token = open_session(client, site)["token"]
    response = call(
        client, site, "messages", {"text": "", "client_id": "c1", "name": "G"}, token=token
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"text": "Scrivi un messaggio."}
    not_json = client.post(
        f"/chat/widget/{site.uid}/messages",
        "{",
        content_type="application/json",
        headers={"Origin": ORIGIN, "Authorization": f"Bearer {token}"},
    )
    assert not_json.status_code == 400
    assert Ticket.objects.count() == 0


def test_polling_returns_public_events_after_the_cursor_only(
    client: Client, site: WidgetSite, alice: User
) -> None:
    token = open_session(client, site)["token"]
    sent = call(
        client, site, "messages", {"text": "Ciao", "client_id": "c1", "name": "G"}, token=token
    ).json()
    conversation = Conversation.objects.get()
    agent_message_post(
        conversation=conversation,
        text="nota interna",
        client_id="n1",
        actor=Actor(alice),
        is_note=True,
    )
    agent_message_post(
        conversation=conversation, text="Buongiorno", client_id="a1", actor=Actor(alice)
    )

    polled = call(
        client, site, f"events?after={sent['event']['id']}", token=token, method="get"
    ).json()

    assert [(e["kind"], e["payload"].get("text")) for e in polled["events"]] == [
        ("assigned", None),
        ("message", "Buongiorno"),
    ]
    assert polled["events"][0]["payload"] == {"agent": "Alice"}
    assert polled["events"][1]["payload"]["name"] == "Alice"
    assert "Rossi" not in json.dumps(polled)
    assert polled["cursor"] == polled["events"][-1]["id"]


def test_another_visitors_chat_cannot_be_ended_or_read(client: Client, site: WidgetSite) -> None:
    mine = open_session(client, site)["token"]
    call(client, site, "messages", {"text": "Ciao", "client_id": "c1", "name": "G"}, token=mine)
    conversation = Conversation.objects.get()
    other = open_session(client, site)["token"]

    ended = call(client, site, f"conversations/{conversation.uid}/end", token=other)
    read = call(client, site, f"conversations/{conversation.uid}/read", {"up_to": 1}, token=other)

    assert (ended.status_code, read.status_code) == (404, 404)
    conversation.refresh_from_db()
    assert (conversation.status, conversation.visitor_read_event) == ("waiting", 0)


def test_the_visitor_ends_their_chat(client: Client, site: WidgetSite) -> None:
    token = open_session(client, site)["token"]
    call(client, site, "messages", {"text": "Ciao", "client_id": "c1", "name": "G"}, token=token)
    conversation = Conversation.objects.get()
    body = call(client, site, f"conversations/{conversation.uid}/end", token=token).json()
    assert body["conversation"]["status"] == "ended"
    assert Ticket.objects.get().status == "solved"


def test_new_sessions_are_limited_per_address(client: Client, site: WidgetSite) -> None:
    for _ in range(29):
        assert call(client, site, "session", {}).status_code == 200
    kept = call(client, site, "session", {}).json()["token"]  # the 30th
    assert call(client, site, "session", {"token": kept}).status_code == 200  # not new: free
    refused = call(client, site, "session", {"token": "forged"})  # a forged token: a new one
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused["Access-Control-Expose-Headers"] == "Retry-After"
    assert Visitor.objects.count() == 30


def test_the_texts_carry_the_sites_greeting_before_any_session(
    client: Client, site: WidgetSite
) -> None:
    response = call(client, site, "texts?languages=it-IT,en&time_zone=Europe/Rome", method="get")
    body = response.json()
    assert body["site_texts"] == {
        "greeting": "Buongiorno! Come possiamo aiutarLa?",
        "tagline": "Di solito rispondiamo in pochi minuti.",
        "away": "",  # the team has no calendar: never closed
    }
    assert Visitor.objects.count() == 0


def test_a_message_left_while_away_becomes_a_web_ticket_answered_by_mail(
    client: Client, site: WidgetSite
) -> None:
    token = open_session(client, site)["token"]
    body = {"name": "Giovanna De Luca", "email": " Giovanna@Example.it ", "text": "Richiamatemi"}
    response = call(client, site, "offline", body, token=token)
    assert response.status_code == 200
    ticket = Ticket.objects.get()
    assert response.json() == {"ticket": ticket.number}
    assert (ticket.channel, ticket.tags, ticket.team_id, ticket.language) == (
        "web",
        ["chat"],
        site.team_id,
        "it",
    )
    assert ticket.customer.emails.get().address == "giovanna@example.it"
    assert Conversation.objects.count() == 0


def test_a_message_left_without_an_address_names_the_fields(
    client: Client, site: WidgetSite
) -> None:
    token = open_session(client, site)["token"]
    response = call(client, site, "offline", {"name": "", "email": "nope", "text": ""}, token=token)
    assert response.status_code == 400
    assert sorted(response.json()["error"]["details"]) == ["email", "name", "text"]
    assert Ticket.objects.count() == 0


def test_a_visitor_proves_an_address_through_the_widget(
    client: Client,
    site: WidgetSite,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    token = open_session(client, site)["token"]
    call(client, site, "messages", {"text": "Ciao", "client_id": "c1", "name": "G"}, token=token)
    with django_capture_on_commit_callbacks(execute=True):
        sent = call(client, site, "identity", {"email": "nessuno@example.it"}, token=token)
    assert sent.json() == {"sent": True}
    found = re.search(r"\b\d{6}\b", str(mail.outbox[-1].body))
    assert found is not None
    code = found.group(0)
    wrong = call(client, site, "identity/verify", {"code": "000000x"}, token=token)
    assert wrong.status_code == 400
    assert wrong.json()["error"]["details"] == {"code": "Questo codice non è quello inviato."}
    right = call(client, site, "identity/verify", {"code": code}, token=token)
    assert right.json() == {"verified": True}
    again = call(client, site, "session", {"token": token}).json()
    assert again["identified"] is True
    assert Ticket.objects.get().customer.emails.get().address == "nessuno@example.it"


def test_a_site_that_asks_for_consent_records_the_words_the_visitor_agreed_to(
    client: Client, site: WidgetSite
) -> None:
    site.requires_consent = True
    site.save()
    token = open_session(client, site)["token"]
    body = {"text": "Ciao", "client_id": "c1", "name": "G"}
    refused = call(client, site, "messages", body, token=token)
    assert refused.status_code == 400
    assert list(refused.json()["error"]["details"]) == ["consent"]
    assert Ticket.objects.count() == 0
    call(client, site, "messages", {**body, "consent": True}, token=token)
    record = ConsentRecord.objects.get()
    assert (record.purpose, record.channel, record.status, record.source) == (
        "service",
        "any",
        "granted",
        "form",
    )
    assert record.text_shown == (
        "Acconsento alla conservazione dei miei messaggi e del mio nome per ricevere risposta."
    )
    assert record.customer_id == Ticket.objects.get().customer_id
