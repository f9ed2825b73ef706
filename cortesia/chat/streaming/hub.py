"""One hub per stream process: it reads new events once and hands each to the streams
whose audience may see it.

1. A waker (``wakers``) says there may be new events; the hub reads those after its
   cursor on its single database thread (one database connection per process, however
   many streams are open) and appends them to an in-memory tail.
2. Each event goes to the queue of every subscribed stream whose audience sees it.
3. A new stream asks for the events after its own cursor: from the tail when the tail
   reaches back that far, else from the database; the hub's loop never waits on it.
4. Every ``BEAT_SECONDS`` the hub records that the agents with an open stream are online.

Everything but the database calls runs on the event loop, so subscribing, the catch-up
snapshot and the dispatch never interleave halfway.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone

from cortesia.chat.audience import sees
from cortesia.chat.presence import BEAT_SECONDS, presence_beat
from cortesia.chat.streaming.records import (
    Frame,
    Party,
    conversation_party,
    frames_after,
    frames_for,
    last_event_id,
    typing_publish,
)
from cortesia.chat.streaming.sse import frame
from cortesia.chat.streaming.wakers import Waker
from cortesia.chat.tokens import StreamAudience

logger = logging.getLogger(__name__)
T = TypeVar("T")

TAIL_SIZE = 10_000
QUEUE_SIZE = 2_000  # a stream this far behind is closed; its client resumes from its cursor
CATCH_UP_BATCH = 500
PARTIES_KEPT = 10_000
# A client further behind than this reloads its state instead of replaying every event.
MAX_BACKLOG = 2_000


@dataclass(eq=False)
class Subscriber:
    audience: StreamAudience
    # None ends the stream (the server is stopping)
    queue: asyncio.Queue[Frame | None] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    is_dropped: bool = False  # fell too far behind: the stream ends, the client resumes

    def end(self) -> None:
        self.is_dropped = True
        with contextlib.suppress(asyncio.QueueFull):
            self.queue.put_nowait(None)

    def offer(self, item: Frame) -> bool:
        """Queue the frame; return False when the stream is too far behind to keep."""
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.is_dropped = True
            return False
        return True


def _guarded(call: Callable[[], T]) -> T:
    """Run ``call`` on the database thread, dropping a broken connection afterwards."""
    close_old_connections()
    try:
        return call()
    except DatabaseError:
        close_old_connections()
        raise


class Hub:
    def __init__(self, waker: Waker) -> None:
        self.waker = waker
        self.cursor = 0
        self.floor = 0  # every event with an id above this is in the tail
        self.tail: deque[Frame] = deque()
        self.subscribers: set[Subscriber] = set()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chat-db")
        self._wake = asyncio.Event()
        self.parties: dict[str, Party] = {}  # conversation uid -> audience, for typing
        self.origin = uuid.uuid4().hex  # tells this process's typing notices from others'
        self._tasks: list[asyncio.Task[None]] = []

    async def database(self, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, _guarded, call)

    async def start(self) -> None:
        self.cursor = self.floor = await self.database(last_event_id)
        self._tasks = [
            asyncio.create_task(self.waker.run(self._wake.set, self.typed), name="chat-waker"),
            asyncio.create_task(self._read_loop(), name="chat-reader"),
            asyncio.create_task(self._beat_loop(), name="chat-presence"),
        ]

    def end_streams(self) -> None:
        """End every open stream (the server is stopping; clients reconnect elsewhere)."""
        for subscriber in list(self.subscribers):
            subscriber.end()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await asyncio.get_running_loop().run_in_executor(self.executor, connections.close_all)
        self.executor.shutdown(wait=False)

    async def _read_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self.read_new()
            except DatabaseError:
                logger.warning("Could not read chat events; trying again.", exc_info=True)
                await asyncio.sleep(1)

    async def read_new(self) -> None:
        """Read every event after the cursor and dispatch it."""
        while True:
            frames = await self.database(lambda cursor=self.cursor: frames_after(cursor))  # type: ignore[misc]
            for item in frames:
                self._append(item)
                self._dispatch(item)
            if len(frames) < CATCH_UP_BATCH:
                return

    def _append(self, item: Frame) -> None:
        self.cursor = item.id
        self.tail.append(item)
        if len(self.tail) > TAIL_SIZE:
            self.floor = self.tail.popleft().id

    def _dispatch(self, item: Frame) -> None:
        for subscriber in list(self.subscribers):
            if sees(subscriber.audience, item) and not subscriber.offer(item):
                self.unsubscribe(subscriber)

    def subscribe(self, audience: StreamAudience) -> Subscriber:
        subscriber = Subscriber(audience)
        self.subscribers.add(subscriber)
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        self.subscribers.discard(subscriber)

    async def backlog(self, audience: StreamAudience, after: int) -> list[Frame] | None:
        """Return the audience's events after ``after`` up to the hub's cursor now, or None
        when there are more than MAX_BACKLOG (the client should reload its state instead).
        The caller subscribed first, so later events reach its queue (it drops repeats)."""
        up_to = self.cursor
        if after >= self.floor:
            found = [f for f in self.tail if f.id > after and sees(audience, f)]
            return found if len(found) <= MAX_BACKLOG else None
        found = []
        while len(found) <= MAX_BACKLOG:
            start = found[-1].id if found else after
            batch = await self.database(
                lambda start=start: frames_for(audience, start, up_to, CATCH_UP_BATCH)  # type: ignore[misc]
            )
            found += batch
            if len(batch) < CATCH_UP_BATCH:
                return found if len(found) <= MAX_BACKLOG else None
        return None

    async def typing(self, audience: StreamAudience, uid: str) -> bool:
        """Tell the other side of conversation ``uid`` that ``audience`` is typing, here
        and in the other stream processes; False when the audience may not see it."""
        party = self.parties.get(uid)
        if party is None:
            party = await self.database(lambda: conversation_party(uid))
            if party is None:
                return False
            if len(self.parties) >= PARTIES_KEPT:
                self.parties.pop(next(iter(self.parties)))
            self.parties[uid] = party
        if not sees(audience, party):
            return False
        notice = {
            "conversation": uid,
            "by": "agent" if audience.is_staff else "visitor",
            "team": party.team_id,
            "visitor": party.visitor_id,
            "origin": self.origin,
        }
        self._typed(notice)
        payload = json.dumps(notice)
        with contextlib.suppress(DatabaseError):
            await self.database(lambda: typing_publish(payload))
        return True

    def typed(self, payload: str) -> None:
        """A typing notice from another process (our own come back too: skipped)."""
        with contextlib.suppress(ValueError, KeyError, TypeError):
            notice = json.loads(payload)
            if notice["origin"] != self.origin:
                self._typed(notice)

    def _typed(self, notice: dict[str, Any]) -> None:
        party = Party(notice["team"], notice["visitor"])
        wire = frame(
            event="typing", data={"conversation": notice["conversation"], "by": notice["by"]}
        )
        item = Frame(
            id=0, team_id=party.team_id, visitor_id=party.visitor_id, is_internal=False, wire=wire
        )
        for subscriber in list(self.subscribers):
            audience = subscriber.audience
            to_agents = notice["by"] == "visitor" and audience.is_staff and sees(audience, party)
            to_visitor = notice["by"] == "agent" and audience.visitor_id == party.visitor_id
            if to_agents or to_visitor:
                subscriber.offer(item)

    async def beat(self, user_ids: set[int]) -> None:
        """Record that these agents have a stream open now."""
        if not user_ids:
            return
        at = timezone.now()
        try:
            await self.database(lambda: presence_beat(user_ids=user_ids, at=at))
        except DatabaseError:
            logger.warning("Could not record agents' presence.", exc_info=True)

    async def _beat_loop(self) -> None:
        while True:
            await asyncio.sleep(BEAT_SECONDS)
            await self.beat({s.audience.user_id for s in self.subscribers if s.audience.user_id})
