"""The stream server end to end: a real uvicorn on loopback, real clients, the test
database (committed data, hence ``transaction=True``)."""

from __future__ import annotations

import contextlib
import http.client
import threading
import time
from collections.abc import Iterator

import pytest
from django.db import OperationalError, connection, connections

from cortesia.accounts.models import User
from cortesia.chat.audience import staff_audience, visitor_audience
from cortesia.chat.conversations import agent_message_post, conversation_start, visitor_message_post
from cortesia.chat.models import ChatEvent, Conversation, Visitor, WidgetSite
from cortesia.chat.tokens import StreamAudience, stream_ticket_sign
from cortesia.core.actor import Actor
from cortesia.testing.streams import RunningStreams, StreamClient, StreamEvent, stream_server

from .conftest import new_visitor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def streams() -> Iterator[RunningStreams]:
    with stream_server() as running:
        yield running


def start(visitor: Visitor, cid: str = "v1") -> Conversation:
    return conversation_start(
        visitor=visitor, name="Giovanna", text="Ciao", client_id=cid, actor=Actor.system()
    ).conversation


def client(
    streams: RunningStreams,
    audience: StreamAudience | None,
    *,
    after: int | None = None,
    last_event_id: int | None = None,
) -> StreamClient:
    assert audience is not None
    ticket = stream_ticket_sign(audience)
    return StreamClient(streams.port, ticket, after=after, last_event_id=last_event_id).open()


def texts(events: list[StreamEvent]) -> list[object]:
    return [event.payload.get("text") for event in events]


def test_a_visitor_and_an_agent_see_each_other_live(
    streams: RunningStreams, giovanna: Visitor, alice: User
) -> None:
    conversation = start(giovanna)
    visitor = client(streams, visitor_audience(giovanna.pk))
    agent = client(streams, staff_audience(alice))
    assert (visitor.status, agent.status) == (200, 200)
    assert texts(visitor.chat_events(1)) == ["Ciao"]
    assert texts(agent.chat_events(1)) == ["Ciao"]

    agent_message_post(
        conversation=conversation, text="Buongiorno!", client_id="a1", actor=Actor(alice)
    )
    agent_message_post(
        conversation=conversation, text="nota", client_id="n1", actor=Actor(alice), is_note=True
    )
    visitor_message_post(conversation=conversation, text="Grazie", client_id="v2")

    seen_by_visitor = visitor.chat_events(3)
    assert [e.kind for e in seen_by_visitor] == ["assigned", "message", "message"]
    assert texts(seen_by_visitor) == [None, "Buongiorno!", "Grazie"]
    seen_by_agent = agent.chat_events(4)
    assert texts(seen_by_agent) == [None, "Buongiorno!", "nota", "Grazie"]
    assert [e.id for e in seen_by_agent] == sorted(e.id or 0 for e in seen_by_agent)
    assert seen_by_agent[0].data["conversation"] == str(conversation.uid)
    visitor.close()
    agent.close()


def test_streams_carry_only_their_audience(
    streams: RunningStreams, site: WidgetSite, giovanna: Visitor, alice: User, charlie: User
) -> None:
    other = new_visitor(site)
    start(giovanna)
    start(other, cid="o1")
    mine = client(streams, visitor_audience(giovanna.pk))
    elsewhere = client(streams, staff_audience(charlie))  # another team
    assert len(mine.chat_events(1)) == 1
    assert mine.chat_events_within(0.5) == []
    assert elsewhere.chat_events_within(0.5) == []
    mine.close()
    elsewhere.close()


@pytest.mark.parametrize(
    ("header", "status"),
    [
        ("", 401),
        ("Bearer forged", 401),
        ("Basic abc", 401),
    ],
)
def test_a_stream_without_a_valid_ticket_is_refused(
    streams: RunningStreams, header: str, status: int
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", streams.port, timeout=5)
    connection.request("GET", "/chat/stream/", headers={"Authorization": header} if header else {})
    response = connection.getresponse()
    assert response.status == status
    assert b'"code": "ticket"' in response.read()


def test_a_visitor_ticket_is_not_a_stream_ticket(
    streams: RunningStreams, giovanna: Visitor
) -> None:
    from cortesia.chat.visitors import visitor_token

    refused = StreamClient(streams.port, visitor_token(giovanna)).open()
    assert refused.status == 401


def test_preflight_allows_the_authorization_header(streams: RunningStreams) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", streams.port, timeout=5)
    connection.request(
        "OPTIONS",
        "/chat/stream/",
        headers={
            "Origin": "https://shop.example.com",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    response = connection.getresponse()
    assert response.status == 204
    assert response.getheader("access-control-allow-headers") == (
        "authorization, content-type, last-event-id"
    )
    assert response.getheader("access-control-allow-origin") == "*"


def test_reconnecting_resumes_after_the_last_event_without_loss_or_repeats(
    streams: RunningStreams, site: WidgetSite, alice: User
) -> None:
    """RELIABILITY A4, in small: writers post concurrently into several chats while an
    agent's stream drops and reconnects, alternately by Last-Event-ID and by ?after=.
    Every event reaches it exactly once, in id order."""
    # given: five chats, four writer threads posting 30 messages each
    conversations = [start(new_visitor(site), cid=f"s{n}") for n in range(5)]
    audience = staff_audience(alice)
    first = client(streams, audience)
    start_events = first.chat_events(5)

    # SQLite takes one writer at a time; its in-memory test database refuses a second
    # at once instead of waiting, so there the writers take turns, as a file database
    # would make them. Any write that still meets a lock is sent again with the same
    # client id, as the widget does after a failed send.
    turns = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def post(conversation: Conversation, text: str, client_id: str) -> None:
        for _attempt in range(50):
            try:
                with turns:
                    visitor_message_post(conversation=conversation, text=text, client_id=client_id)
                return
            except OperationalError:
                time.sleep(0.02)
        raise AssertionError(f"{client_id} was never stored")

    def write(worker: int) -> None:
        try:
            for n in range(30):
                post(conversations[(worker + n) % 5], f"{worker}-{n}", f"w{worker}-{n}")
        finally:
            connections.close_all()

    writers = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in writers:
        thread.start()
    # when: the stream is dropped after every 17 events and resumed from its cursor
    received = list(start_events)
    current = first
    reconnects = 0
    while len(received) < 5 + 120:
        batch = current.chat_events(min(17, 125 - len(received)))
        received += batch
        current.close()
        cursor = batch[-1].id or 0
        by_header = reconnects % 2 == 0
        current = (
            client(streams, audience, last_event_id=cursor)
            if by_header
            else client(streams, audience, after=cursor)
        )
        reconnects += 1
    for thread in writers:
        thread.join()
    current.close()
    # then: every event once, in order, and nothing more
    ids = [event.id for event in received]
    stored = list(ChatEvent.objects.order_by("id").values_list("id", flat=True))
    assert ids == stored
    assert len(set(ids)) == 125
    assert reconnects >= 7
    posted = sorted(str(e.payload["text"]) for e in received[5:])
    assert posted == sorted(f"{w}-{n}" for w in range(4) for n in range(30))


def test_a_stream_opened_far_behind_catches_up_from_the_database(
    streams: RunningStreams, giovanna: Visitor, alice: User
) -> None:
    conversation = start(giovanna)
    hub = streams.app.hub
    assert hub is not None
    for n in range(3):
        visitor_message_post(conversation=conversation, text=f"m{n}", client_id=f"m{n}")
    late = client(streams, staff_audience(alice))
    assert texts(late.chat_events(4)) == ["Ciao", "m0", "m1", "m2"]
    late.close()
    hub.floor = hub.cursor  # as if the tail had been trimmed past these events
    again = client(streams, staff_audience(alice), after=0)
    assert texts(again.chat_events(4)) == ["Ciao", "m0", "m1", "m2"]
    again.close()


def post_typing(streams: RunningStreams, ticket: str, uid: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", streams.port, timeout=5)
    connection.request(
        "POST",
        "/chat/stream/typing",
        body=f'{{"conversation": "{uid}"}}',
        headers={"Authorization": f"Bearer {ticket}", "Content-Type": "application/json"},
    )
    response = connection.getresponse()
    response.read()
    return response.status


def typing_events(client: StreamClient, seconds: float = 1.0) -> list[dict[str, object]]:
    """The typing notices that arrive within ``seconds`` (chat events are skipped)."""
    sock = client._connection.sock if client._connection is not None else None
    assert sock is not None
    sock.settimeout(seconds)
    found: list[dict[str, object]] = []
    try:
        while True:
            event = client.next_event()
            if event.event == "typing":
                found.append(event.data)
    except TimeoutError:
        return found


def test_typing_reaches_the_other_side_only(
    streams: RunningStreams, site: WidgetSite, giovanna: Visitor, alice: User, charlie: User
) -> None:
    conversation = start(giovanna)
    other = start(new_visitor(site), cid="o1")
    visitor = client(streams, visitor_audience(giovanna.pk))
    agent = client(streams, staff_audience(alice))
    elsewhere = client(streams, staff_audience(charlie))
    for stream in (visitor, agent):
        stream.chat_events(1)
    uid = str(conversation.uid)
    visitor_ticket = stream_ticket_sign(visitor_audience(giovanna.pk))
    staff_audience_alice = staff_audience(alice)
    assert staff_audience_alice is not None
    agent_ticket = stream_ticket_sign(staff_audience_alice)

    assert post_typing(streams, visitor_ticket, uid) == 204
    assert typing_events(agent) == [{"conversation": uid, "by": "visitor"}]
    assert post_typing(streams, agent_ticket, uid) == 204
    assert typing_events(visitor) == [{"conversation": uid, "by": "agent"}]
    assert typing_events(elsewhere, 0.3) == []
    # nobody types into a chat they may not see, nor with a forged ticket
    assert post_typing(streams, visitor_ticket, str(other.uid)) == 404
    assert post_typing(streams, "forged", uid) == 401
    assert post_typing(streams, visitor_ticket, "not-a-uuid") == 404
    for stream in (visitor, agent, elsewhere):
        stream.close()
