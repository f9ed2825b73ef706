"""Who takes a chat: agents of its team on shift now, online, under their limit and
speaking its language; chats of agents who go offline or off shift go back to the queue;
waiting visitors learn their place."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Team, User
from cortesia.chat.conversations import chat_take, conversation_start
from cortesia.chat.models import AgentPresence, ChatEvent, Conversation, WidgetSite
from cortesia.chat.presence import presence_beat
from cortesia.chat.queue import chat_queue_run, chats_offer, chats_requeue, queue_positions_announce
from cortesia.core.actor import Actor
from cortesia.tickets.models import AgentShift, Ticket, TicketMessage

from .conftest import new_visitor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY_10_ROME = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
MONDAY_17_30_ROME = datetime(2026, 11, 23, 16, 30, tzinfo=UTC)


@pytest.fixture
def staffed(team_rome: Team, alice: User, bob: User) -> Team:
    """Alice and Bob work Monday 09:00–17:00 in Rome."""
    for user in (alice, bob):
        User.objects.filter(pk=user.pk).update(time_zone="Europe/Rome")
        AgentShift.objects.create(user=user, weekday=0, starts=time(9), ends=time(17))
    return team_rome


def chat(site: WidgetSite, at: datetime, language: str = "it-IT", n: int = 0) -> Conversation:
    with time_machine.travel(at, tick=False):
        return conversation_start(
            visitor=new_visitor(site, language),
            name=f"Visitatore {n}",
            text="Buongiorno",
            client_id=f"c{n}",
            actor=Actor.system(),
        ).conversation


def online(*users: User, at: datetime = MONDAY_10_ROME) -> None:
    presence_beat(user_ids=[user.pk for user in users], at=at)


def state(conversation: Conversation) -> tuple[str, str | None, str | None]:
    conversation.refresh_from_db()
    ticket = Ticket.objects.get(pk=conversation.ticket_id)
    agent = conversation.assignee.username if conversation.assignee else None
    return conversation.status, agent, ticket.assignee.username if ticket.assignee else None


def test_a_new_chat_goes_to_the_online_agent_on_shift(
    staffed: Team, site: WidgetSite, alice: User, bob: User
) -> None:
    online(alice)
    conversation = chat(site, MONDAY_10_ROME)
    assert state(conversation) == ("active", "alice", "alice")
    assert list(ChatEvent.objects.filter(conversation=conversation).values_list("kind", "payload"))[
        1:
    ] == [("assigned", {"agent": "Alice"})]


def test_nobody_online_leaves_the_chat_waiting_until_someone_comes(
    staffed: Team, site: WidgetSite, bob: User
) -> None:
    conversation = chat(site, MONDAY_10_ROME)
    assert state(conversation) == ("waiting", None, None)
    later = MONDAY_10_ROME + timedelta(minutes=2)
    online(bob, at=later)
    assert chats_offer(now=later) == 1
    assert state(conversation) == ("active", "bob", "bob")


def test_an_agent_at_their_limit_gets_no_more_and_the_least_busy_goes_first(
    staffed: Team, site: WidgetSite, alice: User, bob: User
) -> None:
    AgentPresence.objects.create(user=alice, chat_limit=1)
    online(alice)
    first = chat(site, MONDAY_10_ROME, n=1)
    second = chat(site, MONDAY_10_ROME, n=2)
    assert [state(first)[1], state(second)[1]] == ["alice", None]
    online(alice, bob)
    third = chat(site, MONDAY_10_ROME, n=3)
    assert state(third)[1] == "bob"  # alice is full; bob had none


def test_a_chat_in_a_language_nobody_on_shift_speaks_waits(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    online(alice)
    conversation = chat(site, MONDAY_10_ROME, language="fi-FI")
    assert conversation.language == "fi"
    assert state(conversation) == ("waiting", None, None)


def test_nobody_off_shift_is_given_a_chat_even_online(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    evening = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
    online(alice, at=evening)
    assert state(chat(site, evening)) == ("waiting", None, None)


def test_a_chat_of_an_agent_gone_offline_returns_to_the_queue_with_a_note(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    online(alice)
    conversation = chat(site, MONDAY_10_ROME)
    # alice's console stops beating: 46 s later she counts as offline
    later = MONDAY_10_ROME + timedelta(seconds=46)
    with time_machine.travel(later, tick=False):
        assert chats_requeue(now=later) == 1
    assert state(conversation) == ("waiting", None, None)
    conversation.refresh_from_db()
    assert conversation.queued_at == later
    note = TicketMessage.objects.get(ticket_id=conversation.ticket_id, kind="note")
    assert (note.author_kind, note.body_text) == (
        "system",
        "Alice Rossi non è più in linea: la chat è di nuovo in coda.",
    )
    kinds = list(
        ChatEvent.objects.filter(conversation=conversation).values_list("kind", "is_internal")
    )
    assert kinds[-2:] == [("note", True), ("queued", False)]
    assert chats_requeue(now=later) == 0


def test_a_chat_whose_agent_s_shift_ended_returns_to_the_queue(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    online(alice)
    conversation = chat(site, MONDAY_10_ROME)
    online(alice, at=MONDAY_17_30_ROME)
    with time_machine.travel(MONDAY_17_30_ROME, tick=False):
        chat_queue_run(MONDAY_17_30_ROME)
    assert state(conversation) == ("waiting", None, None)
    assert ChatEvent.objects.filter(conversation=conversation, kind="queued").first().payload == {  # type: ignore[union-attr]
        "reason": "shift_ended"
    }


def test_a_chat_taken_off_shift_stays_with_its_agent_while_they_are_online(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    evening = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)  # 20:00 in Rome: after her shift
    conversation = chat(site, evening)
    online(alice, at=evening)
    later = evening + timedelta(seconds=30)
    online(alice, at=later)
    with time_machine.travel(evening, tick=False):
        chat_take(conversation=conversation, actor=Actor(alice))
    with time_machine.travel(later, tick=False):
        assert chats_requeue(now=later) == 0
    assert state(conversation) == ("active", "alice", "alice")
    # once she goes offline it returns to the queue all the same
    gone = later + timedelta(seconds=46)
    with time_machine.travel(gone, tick=False):
        assert chats_requeue(now=gone) == 1
    assert state(conversation) == ("waiting", None, None)


def test_waiting_visitors_are_told_their_place_once_and_again_when_it_moves(
    staffed: Team, site: WidgetSite, bob: User
) -> None:
    chats = [chat(site, MONDAY_10_ROME + timedelta(seconds=n), n=n) for n in range(3)]
    assert queue_positions_announce(now=MONDAY_10_ROME) == 3
    assert queue_positions_announce(now=MONDAY_10_ROME) == 0
    online(bob)
    AgentPresence.objects.filter(user=bob).update(chat_limit=1)
    with time_machine.travel(MONDAY_10_ROME, tick=False):
        chat_queue_run(MONDAY_10_ROME)
    positions = [
        [e.payload for e in ChatEvent.objects.filter(conversation=c, kind="queued").order_by("id")]
        for c in chats
    ]
    assert positions == [
        [{"position": 1}],
        [{"position": 2}, {"position": 1}],
        [{"position": 3}, {"position": 2}],
    ]
    assert state(chats[0])[1] == "bob"


def test_a_long_queue_costs_two_reads_while_nobody_has_room(
    staffed: Team, site: WidgetSite, django_assert_num_queries: Any
) -> None:
    for n in range(5):
        chat(site, MONDAY_10_ROME, n=n)
    with django_assert_num_queries(2):  # the waiting chats, then who is online with room
        assert chats_offer(now=MONDAY_10_ROME) == 0


def test_an_agent_without_shifts_keeps_a_chat_they_took_while_online(
    team_rome: Team, site: WidgetSite, alice: User
) -> None:
    conversation = chat(site, MONDAY_10_ROME)
    online(alice)
    with time_machine.travel(MONDAY_10_ROME, tick=False):
        chat_take(conversation=conversation, actor=Actor(alice))
        assert chats_requeue(now=MONDAY_10_ROME) == 0
    assert state(conversation) == ("active", "alice", "alice")


def test_chats_nobody_can_take_are_tried_once_per_team_and_language(
    staffed: Team, site: WidgetSite, alice: User
) -> None:
    online(alice)
    chat(site, MONDAY_10_ROME, language="fi-FI", n=0)
    with CaptureQueriesContext(connection) as one:
        assert chats_offer(now=MONDAY_10_ROME) == 0
    for n in range(1, 5):
        chat(site, MONDAY_10_ROME, language="fi-FI", n=n)
    with CaptureQueriesContext(connection) as five:
        assert chats_offer(now=MONDAY_10_ROME) == 0
    assert len(five.captured_queries) == len(one.captured_queries)
