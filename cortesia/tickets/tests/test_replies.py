"""Replies are sent once, and only with words of the agent's own."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.mailboxes import mailbox_create
from cortesia.mail.models import OutboundMail
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import ReplySubmission, Ticket, TicketEvent, TicketMessage
from cortesia.tickets.replies import reply_submissions_sweep
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.usefixtures("english")
NOTHING_OWN = "Write your reply: the greeting, the closing and the signature alone are not sent."


def _setup(team: Team) -> Ticket:
    """An e-mail ticket from Giulia (Italian, formal) with a running first-response clock,
    and a mailbox to answer from."""
    SlaPolicy.objects.create(name="Day", first_response_minutes=600, business_hours=False)
    mailbox_create(name="support", address="support@shop.example", team=team, actor=Actor.system())
    giulia = customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            title="ms",
            country="IT",
            language="it",
            emails=["giulia@example.it"],
        ),
        actor=Actor.system(),
    )
    return ticket_create(
        data=TicketData(
            subject="Pacco",
            customer=giulia,
            team=team,
            channel="email",
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def _state(ticket: Ticket) -> tuple[object, ...]:
    """What a counted reply would change: messages, mails, events, SLA and counters."""
    ticket.refresh_from_db()
    clock = SlaClock.objects.get(ticket=ticket, target="first_response")
    return (
        TicketMessage.objects.filter(ticket=ticket).count(),
        OutboundMail.objects.count(),
        TicketEvent.objects.filter(ticket=ticket).count(),
        (clock.state, clock.due_at),
        (ticket.status, ticket.agent_reply_count, ticket.first_response_at, ticket.sla_due_at),
    )


def _form(client: Client, ticket: Ticket) -> dict[str, Any]:
    initial = client.get(f"/tickets/{ticket.uid}/").context["form"].initial
    return {
        "version": initial["version"],
        "submission": initial["submission"],
        "body": initial["body"],
        "kind": "reply",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        "{prefill}",
        "  {prefill}  ",
        "Gentile Signora Rossi,\n\n   \n\nCordiali saluti,",
        "gentile signora rossi,\r\n\r\ncordiali   saluti,\r\nAlice Rossi\r\nRoma",
        "Gentile Signora Rossi,\n\n...\n\nCordiali saluti,",
    ],
    ids=["untouched", "padded", "no-signature", "case-and-crlf", "punctuation-only"],
)
def test_a_reply_with_no_words_of_the_agents_own_is_refused_and_not_counted(
    alice_client: Client, team_rome: Team, alice: User, body: str
) -> None:
    # given
    ticket = _setup(team_rome)
    form = _form(alice_client, ticket)
    assert form["body"] == "Gentile Signora Rossi,\n\n\n\nCordiali saluti,\nAlice Rossi\nRoma"
    before = _state(ticket)
    # when
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {**form, "body": body.format(prefill=form["body"]), "status": "pending"},
    )
    # then: refused with a clear message; nothing stored, mailed, evented or timed
    assert response.status_code == 400
    assert NOTHING_OWN in response.content.decode()
    assert _state(ticket) == before


@pytest.mark.django_db
def test_a_reply_through_the_api_with_only_the_frame_is_refused(
    alice_write_token: str, team_rome: Team
) -> None:
    ticket = _setup(team_rome)
    before = _state(ticket)
    response = Client().post(
        f"/api/v1/tickets/{ticket.uid}/messages",
        {"body_text": "Gentile Signora Rossi,\n\nCordiali saluti,"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 400
    assert NOTHING_OWN in response.content.decode()
    assert _state(ticket) == before
    note = Client().post(  # an internal note has no frame to check
        f"/api/v1/tickets/{ticket.uid}/messages",
        {"body_text": "Cordiali saluti,", "kind": "note"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert note.status_code == 201


@pytest.mark.django_db
def test_the_same_reply_form_sent_twice_stores_and_mails_one_reply(
    alice_client: Client, team_rome: Team
) -> None:
    # given
    ticket = _setup(team_rome)
    form = _form(alice_client, ticket)
    form["body"] = form["body"].replace("\n\n\n\n", "\n\nil pacco arriva domani.\n\n")
    # when: the same form twice (a double click)
    first = alice_client.post(f"/tickets/{ticket.uid}/", {**form, "status": "pending"})
    second = alice_client.post(f"/tickets/{ticket.uid}/", {**form, "status": "pending"})
    # then: both answer like the first; one reply, one mail, one event each
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    replies = TicketMessage.objects.filter(ticket=ticket, author_kind="agent")
    assert [m.body_text for m in replies] == [form["body"]]
    assert OutboundMail.objects.count() == 1
    kinds = list(
        TicketEvent.objects.filter(ticket=ticket).order_by("id").values_list("kind", "fields")
    )
    assert kinds == [
        ("created", []),
        ("customer_replied", []),
        ("updated", ["status"]),
        ("replied", []),
    ]
    ticket.refresh_from_db()
    assert (ticket.status, ticket.agent_reply_count) == ("pending", 1)


@pytest.mark.django_db
def test_a_retried_api_reply_returns_the_first_message(
    alice_write_token: str, admin_write_token: str, team_rome: Team
) -> None:
    ticket = _setup(team_rome)
    other = ticket_create(
        data=TicketData(
            subject="Altro",
            customer=ticket.customer,
            team=team_rome,
            message=MessageData(body_text="Ciao", author_kind="customer"),
        ),
        actor=Actor.system(),
    )

    def post(token: str, target: Ticket, key: str, text: str) -> Any:
        return Client().post(
            f"/api/v1/tickets/{target.uid}/messages",
            {"body_text": text},
            content_type="application/json",
            headers={**bearer(token), "Idempotency-Key": key},
        )

    first = post(alice_write_token, ticket, "k-1", "Il pacco arriva domani.")
    retried = post(alice_write_token, ticket, "k-1", "Il pacco arriva domani.")
    assert (first.status_code, retried.status_code) == (201, 201)
    assert retried.json() == first.json()
    assert post(admin_write_token, ticket, "k-1", "Un altro.").status_code == 201  # per user
    reused = post(alice_write_token, other, "k-1", "Sbagliato.")
    assert (reused.status_code, reused.json()["error"]["code"]) == (409, "idempotency_key_reused")
    assert list(
        TicketMessage.objects.filter(author_kind="agent").values_list("body_text", flat=True)
    ) == ["Il pacco arriva domani.", "Un altro."]
    assert OutboundMail.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("channel", ["form", "api"])
def test_two_concurrent_submissions_with_one_key_store_one_reply(
    alice: User, alice_write_token: str, team_rome: Team, channel: str
) -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting; a real
        # SQLite file takes the write lock at BEGIN (IMMEDIATE) and serialises requests.
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")
    # given: one reply, sent by two requests at the same moment
    ticket = _setup(team_rome)
    browser = Client()
    browser.force_login(alice)
    form = _form(browser, ticket)
    form["body"] = form["body"].replace("\n\n\n\n", "\n\nil pacco arriva domani.\n\n")

    def send() -> int:
        if channel == "form":
            client = Client()
            client.cookies = browser.cookies
            return int(client.post(f"/tickets/{ticket.uid}/", form).status_code)
        return int(
            Client()
            .post(
                f"/api/v1/tickets/{ticket.uid}/messages",
                {"body_text": form["body"]},
                content_type="application/json",
                headers={**bearer(alice_write_token), "Idempotency-Key": form["submission"]},
            )
            .status_code
        )

    # when
    statuses = _concurrently(send, send)
    # then: both succeed, one reply is stored and mailed
    assert statuses == ([302, 302] if channel == "form" else [201, 201])
    assert TicketMessage.objects.filter(ticket=ticket, author_kind="agent").count() == 1
    assert OutboundMail.objects.count() == 1
    assert TicketEvent.objects.filter(ticket=ticket, kind="replied").count() == 1
    ticket.refresh_from_db()
    assert ticket.agent_reply_count == 1


@pytest.mark.django_db
def test_a_stale_status_is_refused_and_said_so_while_the_reply_is_stored(
    alice_client: Client, team_rome: Team, bob: User
) -> None:
    from cortesia.tickets.services import TicketChanges, ticket_update

    ticket = _setup(team_rome)
    form = _form(alice_client, ticket)
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="on_hold"),
        expected_version=None,
        actor=Actor(user=bob),
    )
    form["body"] = form["body"].replace("\n\n\n\n", "\n\nil pacco arriva domani.\n\n")
    response = alice_client.post(
        f"/tickets/{ticket.uid}/", {**form, "status": "solved"}, follow=True
    )
    notices = [str(m) for m in response.context["messages"]]
    assert notices == [
        "Sent, but the status was left as it was: Someone else changed status of this "
        "ticket. Reload and try again."
    ]
    ticket.refresh_from_db()
    assert ticket.status == "on_hold"
    assert list(
        TicketMessage.objects.filter(ticket=ticket, author_kind="agent").values_list(
            "body_text", flat=True
        )
    ) == [form["body"]]
    assert OutboundMail.objects.count() == 1


@pytest.mark.django_db
def test_keys_a_week_old_are_forgotten_and_their_replies_kept(
    alice_write_token: str, team_rome: Team
) -> None:
    # given two keys used now, one of them backdated past the week a key is kept
    ticket = _setup(team_rome)
    for key in ("old", "new"):
        response = Client().post(
            f"/api/v1/tickets/{ticket.uid}/messages",
            {"body_text": f"Risposta {key}."},
            content_type="application/json",
            headers={**bearer(alice_write_token), "Idempotency-Key": key},
        )
        assert response.status_code == 201
    now = timezone.now()
    ReplySubmission.objects.filter(key="old").update(created_at=now - timedelta(days=7, seconds=1))
    # when the sweep runs
    removed = reply_submissions_sweep(now)
    # then only the old key is gone, and both replies stay
    assert removed == 1
    assert list(ReplySubmission.objects.values_list("key", flat=True)) == ["new"]
    assert TicketMessage.objects.filter(author_kind="agent").count() == 2
    assert reply_submissions_sweep(now) == 0
