from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine

from cortesia.accounts.models import User
from cortesia.chat.conversations import (
    Posted,
    agent_message_post,
    chat_end,
    chat_read,
    chat_take,
    conversation_start,
    visitor_message_post,
)
from cortesia.chat.models import ChatEvent, Conversation, Visitor
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors
from cortesia.sla.models import SlaClock, SlaPolicy
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = pytest.mark.django_db


def start(
    visitor: Visitor, text: str = "Ciao, il mio ordine non è arrivato", cid: str = "v1"
) -> Posted:
    return conversation_start(
        visitor=visitor,
        name="  Giovanna   De Luca ",
        text=text,
        client_id=cid,
        actor=Actor.system(),
    )


def kinds(conversation: Conversation) -> list[tuple[str, bool, str]]:
    return list(
        ChatEvent.objects.filter(conversation=conversation)
        .order_by("id")
        .values_list("kind", "is_internal", "client_id")
    )


def test_starting_a_chat_opens_a_chat_ticket_waiting_in_the_team_queue(
    giovanna: Visitor, alice: User
) -> None:
    posted = start(giovanna)

    conversation = posted.conversation
    ticket = Ticket.objects.get(pk=conversation.ticket_id)
    assert (ticket.channel, ticket.team_id, ticket.assignee_id, ticket.language) == (
        "chat",
        giovanna.site.team_id,
        None,
        "it",
    )
    assert ticket.subject == "Ciao, il mio ordine non è arrivato"
    assert ticket.customer.given_name == "Giovanna De Luca"
    assert ticket.customer.surname == ""
    assert (conversation.status, conversation.assignee_id) == ("waiting", None)
    assert kinds(conversation) == [("message", False, "v1")]
    assert posted.event.payload == {
        "message": str(TicketMessage.objects.get(ticket=ticket).uid),
        "author": "visitor",
        "name": "Giovanna De Luca",
        "text": "Ciao, il mio ordine non è arrivato",
        "at": posted.event.created_at.isoformat(),
    }


def test_a_message_sent_twice_is_stored_once(giovanna: Visitor) -> None:
    first = start(giovanna)
    again = start(giovanna)
    second = visitor_message_post(conversation=first.conversation, text="Ci sei?", client_id="v2")
    third = visitor_message_post(conversation=first.conversation, text="Ci sei?", client_id="v2")

    assert (first.is_new, again.is_new, second.is_new, third.is_new) == (True, False, True, False)
    assert again.event.pk == first.event.pk
    assert third.event.pk == second.event.pk
    assert Conversation.objects.count() == 1
    assert TicketMessage.objects.filter(ticket=first.conversation.ticket).count() == 2
    assert kinds(first.conversation) == [("message", False, "v1"), ("message", False, "v2")]


def test_a_second_start_while_a_chat_is_open_posts_in_it(giovanna: Visitor) -> None:
    first = start(giovanna)
    second = start(giovanna, text="Ancora io", cid="v2")
    assert second.conversation.pk == first.conversation.pk
    assert Conversation.objects.count() == 1
    assert Ticket.objects.count() == 1


def test_an_agent_answering_a_waiting_chat_takes_it(giovanna: Visitor, alice: User) -> None:
    conversation = start(giovanna).conversation
    posted = agent_message_post(
        conversation=conversation, text="Buongiorno", client_id="a1", actor=Actor(alice)
    )

    conversation.refresh_from_db()
    ticket = Ticket.objects.get(pk=conversation.ticket_id)
    assert (conversation.status, conversation.assignee_id) == ("active", alice.pk)
    assert (ticket.assignee_id, ticket.status, ticket.first_response_at is not None) == (
        alice.pk,
        "open",
        True,
    )
    assert kinds(conversation) == [
        ("message", False, "v1"),
        ("assigned", False, ""),
        ("message", False, "a1"),
    ]
    assert posted.event.payload["author"] == "agent"
    assert posted.event.payload["name"] == "Alice"
    assert TicketMessage.objects.get(ticket=ticket, author_kind="agent").body_text == "Buongiorno"


def test_an_internal_note_is_internal_and_does_not_take_the_chat(
    giovanna: Visitor, alice: User
) -> None:
    conversation = start(giovanna).conversation
    agent_message_post(
        conversation=conversation,
        text="cliente VIP",
        client_id="n1",
        actor=Actor(alice),
        is_note=True,
    )
    conversation.refresh_from_db()
    assert conversation.status == "waiting"
    assert kinds(conversation)[-1] == ("note", True, "n1")
    assert TicketMessage.objects.filter(kind="note").count() == 1


def test_taking_a_taken_chat_is_refused(giovanna: Visitor, alice: User, bob: User) -> None:
    conversation = start(giovanna).conversation
    chat_take(conversation=conversation, actor=Actor(alice))
    with pytest.raises(Conflict):
        chat_take(conversation=conversation, actor=Actor(bob))
    conversation.refresh_from_db()
    assert conversation.assignee_id == alice.pk
    assert [k for k, _, _ in kinds(conversation)].count("assigned") == 1


def test_ending_solves_the_ticket_and_refuses_later_messages(
    giovanna: Visitor, alice: User
) -> None:
    conversation = start(giovanna).conversation
    chat_take(conversation=conversation, actor=Actor(alice))
    chat_end(conversation=conversation, actor=Actor(alice))
    chat_end(conversation=conversation, actor=Actor.system())

    conversation.refresh_from_db()
    assert conversation.status == "ended"
    assert conversation.ended_at is not None
    assert Ticket.objects.get(pk=conversation.ticket_id).status == "solved"
    assert [k for k, _, _ in kinds(conversation)].count("ended") == 1
    with pytest.raises(Conflict):
        visitor_message_post(conversation=conversation, text="Grazie", client_id="v9")
    assert TicketMessage.objects.filter(ticket_id=conversation.ticket_id).count() == 1


@pytest.mark.parametrize(
    ("text", "client_id", "field"),
    [
        ("   ", "ok", "text"),
        ("x" * 5001, "ok", "text"),
        ("Ciao", "", "client_id"),
        ("Ciao", "a b", "client_id"),
    ],
)
def test_bad_messages_are_refused_and_nothing_is_stored(
    giovanna: Visitor, text: str, client_id: str, field: str
) -> None:
    with pytest.raises(FieldErrors) as raised:
        conversation_start(
            visitor=giovanna, name="Giovanna", text=text, client_id=client_id, actor=Actor.system()
        )
    assert list(raised.value.errors) == [field]
    assert (Conversation.objects.count(), Ticket.objects.count(), ChatEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_a_first_chat_without_a_name_is_refused(giovanna: Visitor) -> None:
    with pytest.raises(FieldErrors) as raised:
        conversation_start(
            visitor=giovanna, name=" ", text="Ciao", client_id="v1", actor=Actor.system()
        )
    assert list(raised.value.errors) == ["name"]
    assert Ticket.objects.count() == 0


def test_reading_moves_forward_only(giovanna: Visitor, alice: User) -> None:
    posted = start(giovanna)
    conversation = posted.conversation
    assert chat_read(conversation=conversation, by_agent=True, up_to=posted.event.pk) is True
    assert chat_read(conversation=conversation, by_agent=True, up_to=posted.event.pk) is False
    conversation.refresh_from_db()
    assert (conversation.agent_read_event, conversation.visitor_read_event) == (posted.event.pk, 0)
    read = ChatEvent.objects.get(kind="read")
    assert read.payload == {"by": "agent", "up_to": posted.event.pk}
    with pytest.raises(FieldErrors):
        chat_read(conversation=conversation, by_agent=False, up_to=posted.event.pk + 100)


def test_a_chat_policy_times_the_first_answer_in_minutes_around_the_clock(
    giovanna: Visitor, alice: User
) -> None:
    SlaPolicy.objects.create(
        name="Live chat", channels=["chat"], first_response_minutes=2, business_hours=False
    )
    sunday_night = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    with time_machine.travel(sunday_night, tick=False):
        conversation = start(giovanna).conversation
    clock = SlaClock.objects.get(ticket_id=conversation.ticket_id, target="first_response")
    assert (clock.state, clock.due_at) == ("running", sunday_night + timedelta(minutes=2))
    with time_machine.travel(sunday_night + timedelta(seconds=70), tick=False):
        agent_message_post(
            conversation=conversation, text="Eccomi", client_id="a1", actor=Actor(alice)
        )
    clock.refresh_from_db()
    assert (clock.state, clock.breached_at) == ("met", None)


def test_the_chat_follows_its_ticket_changed_from_the_ticket_page(
    giovanna: Visitor, alice: User, bob: User, django_capture_on_commit_callbacks: Any
) -> None:
    conversation = start(giovanna).conversation
    ticket = Ticket.objects.get(pk=conversation.ticket_id)
    with django_capture_on_commit_callbacks(execute=True):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(assignee=bob),
            expected_version=None,
            actor=Actor(alice),
        )
    conversation.refresh_from_db()
    assert (conversation.status, conversation.assignee_id) == ("active", bob.pk)
    with django_capture_on_commit_callbacks(execute=True):
        ticket_update(
            ticket=Ticket.objects.get(pk=ticket.pk),
            changes=TicketChanges(status="solved"),
            expected_version=None,
            actor=Actor(alice),
        )
    conversation.refresh_from_db()
    assert conversation.status == "ended"
    assert kinds(conversation)[-2:] == [("assigned", False, ""), ("ended", False, "")]


def test_the_chats_own_changes_leave_nothing_to_follow(
    giovanna: Visitor, alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    conversation = start(giovanna).conversation
    with django_capture_on_commit_callbacks(execute=True):
        chat_take(conversation=conversation, actor=Actor(alice))
        chat_end(conversation=conversation, actor=Actor(alice))
    assert [kind for kind, _, _ in kinds(conversation)] == ["message", "assigned", "ended"]
