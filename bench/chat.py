"""Live chat under load, with the demo's server layout: what idle streams cost the pages,
and how fast messages reach the other side.

The script builds a throwaway instance (``cortesia demo --no-serve`` in a temporary data
folder), starts ``cortesia serve`` as the demo does (two gunicorn processes with four
threads, a task worker, the stream server) on free loopback ports, signs ``admin`` in, and
measures in phases, printing one JSON object (progress goes to stderr):

* ``floors``: ``wrk`` on ``GET /healthz`` (the trivial view) and, on PostgreSQL, one-row
  commits per second on one connection;
* ``idle``: the rate of two pages (``GET /login/``, anonymous and without the database,
  and ``GET /tickets/``, the signed-in inbox) measured with ``wrk``, then ``--streams``
  idle widget streams opened and held (each must get its ``ready`` event), the two pages
  measured again, and the stream server's memory before and after (per stream);
* ``delivery``: ``--conversations`` Italian chats (routed to the Roma team), each with its
  visitor's stream open and the stream of ``marco``, an agent of Roma, following them all;
  ``--rate`` messages per second in total for ``--seconds``, alternately a visitor's
  (``POST /chat/widget/…/messages``, each visitor from its own loopback address as
  separate people would be) and marco's (the console's ``POST``). For each message, the
  time from the start of its POST to its arrival on the other side's stream: p50, p95,
  p99 and the worst, with how many arrived.

Run it on a durable PostgreSQL for numbers that mean something (messages are commits)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/chat-bench -- \\
        .venv/bin/python bench/chat.py

Without ``CORTESIA_DATABASE_URL`` it runs on SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_throughput import (  # noqa: E402 - the sibling script, imported not copied
    HOST,
    BenchError,
    database_kind,
    free_port,
    http_get,
    run_command,
    server_environment,
)
from server_shapes import (  # noqa: E402 - the sibling script, imported not copied
    DEMO_PASSWORD,
    children,
    commit_floor,
    proc_memory_mib,
    running,
    sign_in,
    wait_for_healthz,
    wrk,
)

ROOT = Path(__file__).resolve().parent.parent
CORTESIA = str(ROOT / ".venv" / "bin" / "cortesia")

# Printed by ``cortesia shell``: the site, stream tickets for idle visitors, and chats to
# exchange messages in (visitor token, conversation uid, the visitor's stream ticket).
SETUP = """
import json
from cortesia.accounts.models import User
from cortesia.chat.audience import staff_audience, visitor_audience
from cortesia.chat.conversations import conversation_start
from cortesia.chat.models import WidgetSite
from cortesia.chat.tokens import stream_ticket_sign
from cortesia.chat.visitors import visitor_session, visitor_token
from cortesia.core.actor import Actor
from cortesia.tickets.staffing import shifts_replace
site = WidgetSite.objects.get(name="Bottega Cortesia")
# marco answers whenever he is online, whatever the day the bench runs on
marco = User.objects.get(username="marco")
shifts_replace(user=marco, shifts=[], actor=Actor.system())
chats = []
for n in range({conversations}):
    visitor = visitor_session(
        site=site, token="", browser_languages=["it"], time_zone="Europe/Rome"
    ).visitor
    conversation = conversation_start(
        visitor=visitor, name=f"Bench {{n}}", text="Ciao", client_id=f"open-{{n}}",
        actor=Actor.system(),
    ).conversation
    chats.append({{
        "token": visitor_token(visitor),
        "uid": str(conversation.uid),
        "ticket": stream_ticket_sign(visitor_audience(visitor.pk)),
    }})
idle = [stream_ticket_sign(visitor_audience(10_000_000 + n)) for n in range({streams})]
agent = stream_ticket_sign(staff_audience(marco))
setup = {{"site": str(site.uid), "chats": chats, "idle": idle, "agent": agent}}
print("SETUP" + json.dumps(setup))
"""


def log(message: str) -> None:
    print(f"[chat] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1) if ordered else 0.0


# ---- a small asyncio HTTP/1.1 client: requests and event streams ----


async def http_request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes = b"",
    source: str | None = None,
) -> tuple[int, bytes]:
    reader, writer = await asyncio.open_connection(
        HOST, port, local_addr=(source, 0) if source else None
    )
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        data = await reader.read()
        head, _, content = data.partition(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), content
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


@dataclass
class Stream:
    """One open event stream; ``arrivals`` maps client ids to the time they arrived."""

    ticket: str
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    arrivals: dict[str, float] = field(default_factory=dict)
    task: asyncio.Task[None] | None = None

    async def follow(self, port: int) -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        request = (
            f"GET /chat/stream/ HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
            f"Authorization: Bearer {self.ticket}\r\nAccept: text/event-stream\r\n\r\n"
        )
        writer.write(request.encode())
        await writer.drain()
        try:
            status = await reader.readline()
            if b" 200 " not in status:
                raise BenchError(f"A stream answered {status.decode().strip()}.")
            while await reader.readline() not in (b"\r\n", b""):
                pass
            event = ""
            while line := await reader.readline():
                text = line.decode().rstrip("\n")
                if text.startswith("event:"):
                    event = text[6:].strip()
                elif text.startswith("data:") and event == "ready":
                    self.ready.set()
                elif text.startswith("data:") and event == "chat":
                    client_id = json.loads(text[5:]).get("client_id", "")
                    self.arrivals.setdefault(client_id, time.perf_counter())
        finally:
            writer.close()


async def open_streams(port: int, tickets: Sequence[str], batch: int = 100) -> list[Stream]:
    streams = [Stream(ticket) for ticket in tickets]
    for start in range(0, len(streams), batch):
        for stream in streams[start : start + batch]:
            stream.task = asyncio.create_task(stream.follow(port))
        await asyncio.wait_for(
            asyncio.gather(*(s.ready.wait() for s in streams[start : start + batch])), 30
        )
    return streams


async def close_streams(streams: Sequence[Stream]) -> None:
    for stream in streams:
        if stream.task is not None:
            stream.task.cancel()
    await asyncio.gather(*(s.task for s in streams if s.task), return_exceptions=True)


# ---- phases ----


def page_rates(port: int, cookie: str, seconds: int, pids: Sequence[int]) -> dict[str, Any]:
    return {
        "login_page": wrk(
            f"http://{HOST}:{port}/login/",
            clients=4,
            duration=seconds,
            headers={},
            server_pids=pids,
        ),
        "inbox_page": wrk(
            f"http://{HOST}:{port}/tickets/",
            clients=4,
            duration=seconds,
            headers={"Cookie": cookie},
            server_pids=pids,
        ),
    }


def web_pids(server_pid: int, stream_pid: int) -> list[int]:
    return [server_pid, *(pid for pid in children(server_pid) if pid != stream_pid)]


async def idle_phase(
    ports: tuple[int, int],
    cookie: str,
    setup: dict[str, Any],
    args: argparse.Namespace,
    pids: tuple[int, list[int]],
) -> dict[str, Any]:
    """``ports``: the web server's and the stream server's; ``pids``: the stream server's
    and the web processes' (master included)."""
    port, stream_port = ports
    stream_pid, web = pids
    log("page rates without streams")
    before = page_rates(port, cookie, args.page_seconds, web)
    memory_before = proc_memory_mib(stream_pid)
    log(f"opening {len(setup['idle'])} idle streams")
    started = time.perf_counter()
    streams = await open_streams(stream_port, setup["idle"])
    opened_s = time.perf_counter() - started
    await asyncio.sleep(3)
    memory_after = proc_memory_mib(stream_pid)
    log("page rates with the streams held")
    loop = asyncio.get_running_loop()
    during = await loop.run_in_executor(None, page_rates, port, cookie, args.page_seconds, web)
    alive = sum(1 for s in streams if s.task is not None and not s.task.done())
    await close_streams(streams)
    per_stream_kib = (memory_after["rss_mib"] - memory_before["rss_mib"]) * 1024 / len(streams)
    return {
        "streams": len(streams),
        "streams_still_open": alive,
        "seconds_to_open_all": round(opened_s, 2),
        "stream_server_memory_before": memory_before,
        "stream_server_memory_after": memory_after,
        "memory_per_stream_kib": round(per_stream_kib, 1),
        "pages_without_streams": before,
        "pages_with_streams": during,
        "page_rate_kept": {
            name: round(during[name]["req_per_s"] / before[name]["req_per_s"], 3) for name in before
        },
    }


@dataclass
class Sent:
    client_id: str
    to: str  # "agent" (a visitor wrote) or "visitor" (an agent wrote)
    chat: int
    started: float
    post_ms: float = 0.0
    status: int = 0


async def send_one(
    port: int, site: str, chat: dict[str, Any], index: int, sent: Sent, cookie: str, csrf: str
) -> None:
    body = json.dumps({"text": f"message {sent.client_id}", "client_id": sent.client_id}).encode()
    if sent.to == "agent":
        status, _ = await http_request(
            port,
            "POST",
            f"/chat/widget/{site}/messages",
            {"Authorization": f"Bearer {chat['token']}", "Content-Type": "application/json"},
            body,
            source=f"127.0.{1 + index // 250}.{1 + index % 250}",
        )
    else:
        status, _ = await http_request(
            port,
            "POST",
            f"/chat/console/conversations/{chat['uid']}/messages",
            {
                "Cookie": cookie,
                "X-CSRFToken": csrf,
                "Content-Type": "application/json",
                "Referer": f"http://{HOST}:{port}/chat/",
            },
            body,
        )
    sent.status = status
    sent.post_ms = (time.perf_counter() - sent.started) * 1000


async def delivery_phase(
    port: int, stream_port: int, cookie: str, setup: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    chats = setup["chats"]
    csrf = re.search(r"cortesia_csrftoken=([^;]+)", cookie)
    if csrf is None:
        raise BenchError("The session has no CSRF cookie.")
    log(f"opening {len(chats)} visitor streams and the agent's")
    visitors = await open_streams(stream_port, [chat["ticket"] for chat in chats])
    (agent,) = await open_streams(stream_port, [setup["agent"]])
    total = int(args.rate * args.seconds)
    log(f"sending {total} messages at {args.rate}/s")
    sending: list[asyncio.Task[None]] = []
    messages: list[Sent] = []
    started = time.perf_counter()
    for n in range(total):
        due = started + n / args.rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        index = n % len(chats)
        to = "agent" if (n // len(chats)) % 2 == 0 else "visitor"
        sent = Sent(f"b{n}-{uuid.uuid4().hex[:8]}", to, index, time.perf_counter())
        messages.append(sent)
        sending.append(
            asyncio.create_task(
                send_one(port, setup["site"], chats[index], index, sent, cookie, csrf.group(1))
            )
        )
    await asyncio.gather(*sending)
    sent_for_s = time.perf_counter() - started
    await asyncio.sleep(3)
    latencies, missing, refused = [], 0, Counter[str]()
    for sent in messages:
        if sent.status not in (200, 201):
            refused[f"to {sent.to}: {sent.status}"] += 1
            continue
        stream = agent if sent.to == "agent" else visitors[sent.chat]
        arrived = stream.arrivals.get(sent.client_id)
        if arrived is None:
            missing += 1
        else:
            latencies.append((arrived - sent.started) * 1000)
    await close_streams([*visitors, agent])
    posts = [sent.post_ms for sent in messages if sent.status in (200, 201)]
    return {
        "conversations": len(chats),
        "messages": total,
        "sent_per_s": round(total / sent_for_s, 1),
        "refused": dict(refused),
        "not_delivered": missing,
        "delivery_ms": {
            "p50": percentile(latencies, 0.50),
            "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99),
            "max": round(max(latencies), 1) if latencies else 0.0,
            "mean": round(statistics.fmean(latencies), 1) if latencies else 0.0,
        },
        "post_ms": {"p50": percentile(posts, 0.50), "p99": percentile(posts, 0.99)},
    }


def wait_for_streams(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if http_get(port, "/chat/stream/healthz", {}, timeout=2.0) == 200:
                return
        time.sleep(0.2)
    raise BenchError("The stream server was not ready within 60 s.")


def stream_server_pid(server_pid: int) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for pid in children(server_pid):
            with contextlib.suppress(OSError):
                if b"cortesia.cli\x00stream" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return pid
        time.sleep(0.2)
    raise BenchError("The stream server did not start.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--rate", type=float, default=50.0, help="messages per second in all")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--page-seconds", type=int, default=10)
    parser.add_argument("--phases", default="idle,delivery")
    args = parser.parse_args(argv)
    database_url = os.environ.get("CORTESIA_DATABASE_URL")
    phases = set(args.phases.split(","))
    with tempfile.TemporaryDirectory(prefix="cortesia-chat-bench-") as folder:
        data = Path(folder)
        port, stream_port = free_port(), free_port()
        environment = server_environment(data, port, database_url)
        environment["CORTESIA_STREAM_PORT"] = str(stream_port)
        log("cortesia demo --no-serve")
        run_command(
            [CORTESIA, "demo", "--no-serve"],
            {**environment, "CORTESIA_DEMO_PASSWORD": DEMO_PASSWORD},
            timeout=900,
        )
        script = SETUP.format(conversations=args.conversations, streams=args.streams)
        printed = run_command([CORTESIA, "shell", "-c", script], environment, timeout=600).stdout
        setup = json.loads(printed.split("SETUP", 1)[1])
        with contextlib.ExitStack() as stack:
            # the server's log outlives the run (the folder does not), for a failed run
            stack.callback(
                shutil.copy, data / "serve.log", Path(tempfile.gettempdir()) / "chat-serve.log"
            )
            server_pid = stack.enter_context(
                running([CORTESIA, "serve"], environment, data / "serve.log")
            )
            wait_for_healthz(port)
            wait_for_streams(stream_port)
            stream_pid = stream_server_pid(server_pid)
            web = web_pids(server_pid, stream_pid)
            cookie = sign_in(port)  # the administrator: the pages' rates
            agent_cookie = sign_in(port, "marco")  # an agent of Roma, where the chats wait
            report: dict[str, Any] = {
                "database": database_kind(database_url) if database_url else "sqlite",
                "cpus": os.cpu_count(),
                "floors": {
                    "healthz": wrk(
                        f"http://{HOST}:{port}/healthz", clients=4, duration=5, headers={}
                    ),
                    **commit_floor(database_url),
                },
            }
            if "idle" in phases:
                report["idle"] = asyncio.run(
                    idle_phase((port, stream_port), cookie, setup, args, (stream_pid, web))
                )
            if "delivery" in phases:
                report["delivery"] = asyncio.run(
                    delivery_phase(port, stream_port, agent_cookie, setup, args)
                )
            report["stream_server_memory_end"] = proc_memory_mib(stream_pid)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
