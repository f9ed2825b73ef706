"""The stream server: a small ASGI application, run by uvicorn beside the web server.

Not a Django view: under Django's ASGI handler every open stream holds a thread of its own
(and a database connection once it touches the ORM), about 45–520 KB each; here an idle
stream is a coroutine and a socket, about 10 KB, and the whole process uses one database
connection (docs/chat.md has the measurements).

``GET /chat/stream/`` with ``Authorization: Bearer <stream ticket>`` opens a stream of
the events the ticket's audience may see, after the cursor given by ``Last-Event-ID`` or
``?after=`` (the larger). It answers 401 to a missing, forged or expired ticket, which
ends an EventSource for good: the client asks the web server for a new ticket. Requests
carry no cookies, so any origin may open a stream; the ticket is the only credential.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from cortesia.chat.streaming.hub import Hub, Subscriber
from cortesia.chat.streaming.records import Frame
from cortesia.chat.streaming.sse import HEARTBEAT, HEARTBEAT_SECONDS, frame, opening, parse_cursor
from cortesia.chat.tokens import StreamAudience, stream_ticket_read

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

STREAM_PATH = "/chat/stream/"
TYPING_PATH = "/chat/stream/typing"
MAX_TYPING_BODY = 1024
HEALTH_PATH = "/chat/stream/healthz"
CORS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-methods", b"GET, POST, OPTIONS"),
    (b"access-control-allow-headers", b"authorization, content-type, last-event-id"),
    (b"access-control-max-age", b"7200"),
]
STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache, no-transform"),
    (b"x-accel-buffering", b"no"),
    (b"access-control-allow-origin", b"*"),
]


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


async def _answer(send: Send, status: int, body: dict[str, object] | None = None) -> None:
    content = json.dumps(body).encode() if body is not None else b""
    headers = [*CORS, (b"content-type", b"application/json")] if body is not None else CORS
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})


def _audience(scope: Scope) -> StreamAudience | None:
    scheme, _, ticket = _header(scope, b"authorization").partition(" ")
    return stream_ticket_read(ticket.strip()) if scheme.lower() == "bearer" else None


def _cursor(scope: Scope) -> int:
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    after = query.get("after", [""])[0]
    return max(parse_cursor(_header(scope, b"last-event-id")), parse_cursor(after))


class StreamApp:
    def __init__(self, hub_factory: Callable[[], Hub]) -> None:
        self.hub_factory = hub_factory
        self.hub: Hub | None = None
        self.open_streams = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.hub = self.hub_factory()
                await self.hub.start()
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self.hub is not None:
                    await self.hub.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path, method = scope["path"], scope["method"]
        if path == HEALTH_PATH:
            await _answer(send, 200, {"streams": self.open_streams})
        elif path not in (STREAM_PATH, TYPING_PATH):
            await _answer(send, 404, {"error": {"code": "not_found", "message": "Not found."}})
        elif method == "OPTIONS":
            await _answer(send, 204)
        elif path == TYPING_PATH:
            await self._typing(scope, receive, send)
        elif method != "GET":
            await _answer(send, 405, {"error": {"code": "method", "message": "Use GET."}})
        elif (audience := _audience(scope)) is None:
            message = "The stream ticket is missing, forged or expired: ask for a new one."
            await _answer(send, 401, {"error": {"code": "ticket", "message": message}})
        else:
            assert self.hub is not None  # noqa: S101 - started by the lifespan
            await self._stream(self.hub, audience, _cursor(scope), receive, send)

    async def _typing(self, scope: Scope, receive: Receive, send: Send) -> None:
        """``POST /chat/stream/typing`` ``{"conversation": uid}``: the other side sees that
        the ticket's holder is typing (nothing is stored). 204, or 401/404/405/400."""
        if scope["method"] != "POST":
            await _answer(send, 405, {"error": {"code": "method", "message": "Use POST."}})
            return
        if (audience := _audience(scope)) is None:
            message = "The stream ticket is missing, forged or expired: ask for a new one."
            await _answer(send, 401, {"error": {"code": "ticket", "message": message}})
            return
        body = await _body(receive)
        try:
            uid = json.loads(body)["conversation"] if body is not None else None
        except (ValueError, KeyError, TypeError):
            uid = None
        if not isinstance(uid, str):
            message = 'Send {"conversation": "<id>"} in at most 1 KB.'
            await _answer(send, 400, {"error": {"code": "bad_request", "message": message}})
            return
        assert self.hub is not None  # noqa: S101 - started by the lifespan
        if await self.hub.typing(audience, uid):
            await _answer(send, 204)
        else:
            await _answer(send, 404, {"error": {"code": "not_found", "message": "Not found."}})

    async def _stream(
        self, hub: Hub, audience: StreamAudience, after: int, receive: Receive, send: Send
    ) -> None:
        """Send the backlog after ``after``, then live events, until the client leaves."""
        subscriber = hub.subscribe(audience)
        self.open_streams += 1
        gone = asyncio.ensure_future(_disconnected(receive))
        try:
            await send({"type": "http.response.start", "status": 200, "headers": STREAM_HEADERS})
            await send({"type": "http.response.body", "body": opening(), "more_body": True})
            if audience.user_id is not None:
                await hub.beat({audience.user_id})
            sent = after
            backlog = await hub.backlog(audience, after)
            if backlog is None:  # too far behind: the client reloads, then follows from here
                sent = hub.cursor
                reset = frame(event="reset", data={"cursor": sent}, event_id=sent)
                await send({"type": "http.response.body", "body": reset, "more_body": True})
            for item in backlog or ():
                sent = await _send_frame(send, item, sent)
            ready = frame(event="ready", data={"cursor": max(sent, hub.cursor)})
            await send({"type": "http.response.body", "body": ready, "more_body": True})
            await self._live(subscriber, gone, send, sent)
            if not gone.done():  # ended by the server (stopping, or the client fell behind)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            hub.unsubscribe(subscriber)
            self.open_streams -= 1
            gone.cancel()

    async def _live(
        self, subscriber: Subscriber, gone: asyncio.Future[None], send: Send, sent: int
    ) -> None:
        while not gone.done() and not subscriber.is_dropped:
            getter: asyncio.Future[Frame | None] = asyncio.ensure_future(subscriber.queue.get())
            waiting: set[asyncio.Future[Any]] = {getter, gone}
            done, _ = await asyncio.wait(
                waiting, timeout=HEARTBEAT_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            if getter in done:
                item = getter.result()
                if item is None:
                    return
                sent = await _send_frame(send, item, sent)
                continue
            getter.cancel()
            if not done:
                await send({"type": "http.response.body", "body": HEARTBEAT, "more_body": True})


async def _disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _body(receive: Receive) -> bytes | None:
    """Read the request body; None when it is larger than MAX_TYPING_BODY."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        chunk = bytes(message.get("body", b""))
        size += len(chunk)
        if size > MAX_TYPING_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


async def _send_frame(send: Send, item: Frame, sent: int) -> int:
    """Send ``item`` unless it is not newer than what was sent; return the new cursor.
    A live signal (typing, id 0) is sent as it comes and moves no cursor."""
    if item.id == 0:
        await send({"type": "http.response.body", "body": item.wire, "more_body": True})
        return sent
    if item.id <= sent:
        return sent
    await send({"type": "http.response.body", "body": item.wire, "more_body": True})
    return item.id
