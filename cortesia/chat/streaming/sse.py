"""Server-sent events on the wire (WHATWG HTML, "Server-sent events"): UTF-8 lines, an
event ends at a blank line, ``id:`` sets the cursor a reconnecting client sends back."""

from __future__ import annotations

import json

# Asks the browser to wait this long before reconnecting after a dropped stream.
RETRY_MILLISECONDS = 3000
# A comment line every so often keeps proxies from closing an idle stream (the spec's
# advice: about every 15 seconds).
HEARTBEAT_SECONDS = 15.0
HEARTBEAT = b": ping\n\n"


def frame(*, event: str, data: object, event_id: int | None = None) -> bytes:
    """Return one event. ``data`` is sent as one line of JSON (JSON escapes newlines)."""
    lines = [f"event: {event}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.append("data: " + json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(lines) + "\n\n").encode()


def opening() -> bytes:
    return f"retry: {RETRY_MILLISECONDS}\n: open\n\n".encode()


def parse_cursor(value: str) -> int:
    """Return a cursor (a non-negative event id) read from a header or the query, 0 when
    absent or malformed."""
    value = value.strip()
    return int(value) if value.isdigit() and len(value) <= 18 else 0
