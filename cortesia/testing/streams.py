"""A real stream server on loopback for tests and benches, and a small blocking client.

The server is the production application under uvicorn, in a thread of the test process,
on the test database (tests that use it need committed data: ``transaction=True``)."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from cortesia.chat.streaming.app import StreamApp
from cortesia.chat.streaming.server import stoppable_server, stream_application, uvicorn_config
from cortesia.testing.processes import free_port, wait_for_port


@dataclass
class RunningStreams:
    port: int
    app: StreamApp

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/chat/stream/"


@contextmanager
def stream_server() -> Iterator[RunningStreams]:
    """Serve the stream application on a free loopback port until the block ends."""
    port = free_port()
    app = stream_application()
    server: Any = stoppable_server(app, uvicorn_config(app, host="127.0.0.1", port=port))
    thread = threading.Thread(target=server.run, name="stream-server", daemon=True)
    thread.start()
    try:
        wait_for_port(port)
        yield RunningStreams(port, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class StreamEvent:
    event: str
    id: int | None
    data: dict[str, object]

    @property
    def payload(self) -> dict[str, object]:
        payload = self.data.get("payload")
        return payload if isinstance(payload, dict) else {}

    @property
    def kind(self) -> object:
        return self.data.get("kind")


@dataclass
class StreamClient:
    """Read a stream line by line (blocking, with a timeout), as a browser would."""

    port: int
    ticket: str
    after: int | None = None
    last_event_id: int | None = None
    timeout: float = 5.0
    status: int = 0
    _connection: http.client.HTTPConnection | None = None
    _response: http.client.HTTPResponse | None = None
    seen: list[StreamEvent] = field(default_factory=list)

    def open(self) -> StreamClient:
        self._connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = {"Authorization": f"Bearer {self.ticket}", "Accept": "text/event-stream"}
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = str(self.last_event_id)
        path = "/chat/stream/" + (f"?after={self.after}" if self.after is not None else "")
        self._connection.request("GET", path, headers=headers)
        self._response = self._connection.getresponse()
        self.status = self._response.status
        return self

    def next_event(self) -> StreamEvent:
        """Return the next event (comments skipped); raise TimeoutError after ``timeout``."""
        assert self._response is not None  # noqa: S101 - opened first
        fields: dict[str, str] = {}
        while True:
            raw = self._response.fp.readline()
            if not raw:
                raise ConnectionError("The stream ended.")
            line = raw.decode().rstrip("\n")
            if line == "":
                if "event" in fields or "data" in fields:
                    event = StreamEvent(
                        event=fields.get("event", "message"),
                        id=int(fields["id"]) if "id" in fields else None,
                        data=json.loads(fields.get("data", "null")),
                    )
                    self.seen.append(event)
                    return event
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value[1:] if value.startswith(" ") else value

    def chat_events(self, count: int) -> list[StreamEvent]:
        """Return the next ``count`` chat events (skipping ``ready``)."""
        found: list[StreamEvent] = []
        while len(found) < count:
            event = self.next_event()
            if event.event == "chat":
                found.append(event)
        return found

    def chat_events_within(self, seconds: float) -> list[StreamEvent]:
        """Return the chat events that arrive within ``seconds`` (to show none do)."""
        sock = self._connection.sock if self._connection is not None else None
        assert sock is not None  # noqa: S101 - opened first
        sock.settimeout(seconds)
        found: list[StreamEvent] = []
        try:
            while True:
                event = self.next_event()
                if event.event == "chat":
                    found.append(event)
        except TimeoutError:
            return found
        finally:
            sock.settimeout(self.timeout)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
