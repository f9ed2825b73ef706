"""Inbound messaging under load, with the demo's server layout: how many WhatsApp and
Telegram webhook deliveries the web side accepts per second, that each is kept exactly
once, and how fast the task worker turns them into chat messages.

The script builds a throwaway instance (``cortesia demo --no-serve`` in a temporary data
folder), creates a WhatsApp and a Telegram channel through ``cortesia shell`` (their uids
and secrets are printed in the JSON), starts ``cortesia serve`` as the demo does (two
gunicorn processes with four threads, a task worker, the stream server) on free loopback
ports and measures in phases, printing one JSON object (progress goes to stderr):

* ``floors``: ``wrk`` on ``GET /healthz`` (the trivial view), the same view through this
  script's own HTTP client and, on PostgreSQL, one-row commits per second;
* ``intake``: for ``--seconds`` each, ``--clients`` keep-alive connections post webhook
  bodies as fast as they are answered: first WhatsApp (each body distinct and signed with
  the app secret, texts from ``--customers`` Italian and Romanian mobile numbers in turn),
  then Telegram (distinct updates from ``--telegram-chats`` chats, with the secret
  header). Accepted (200) per second, latency p50/p99, answers other than 200, and the web
  processes' CPU per request. Then ``cortesia shell`` counts the stored deliveries: one
  per distinct body accepted, none lost, none extra;
* ``processing``: from the first POST, how long until the task worker has made messages
  of every delivery (sampled every half second straight from the database), the rate,
  the worker's CPU per message, and how many queued tasks were still waiting then;
* ``replay``: every accepted body is posted again; no delivery and no message may be
  added. Then the final counts (deliveries, received messages, threads, conversations,
  customers, chat tickets) against what the accepted bodies should have made.

Run it on a durable PostgreSQL for numbers that mean something (each delivery is a commit)::

    rm -rf /var/tmp/msg-bench
    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/msg-bench -- \\
        .venv/bin/python bench/messaging.py

Without ``CORTESIA_DATABASE_URL`` it runs on SQLite (for a quick check, e.g.
``--seconds 3 --customers 50``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chat import percentile  # noqa: E402 - the sibling script, imported not copied
from http_throughput import (  # noqa: E402 - the sibling script, imported not copied
    HOST,
    BenchError,
    database_kind,
    free_port,
    run_command,
    server_environment,
)
from server_shapes import (  # noqa: E402 - the sibling script, imported not copied
    DEMO_PASSWORD,
    children,
    commit_floor,
    cpu_seconds,
    running,
    wait_for_healthz,
    wrk,
)

from cortesia.messaging.providers import payloads  # noqa: E402 - pure builders, no Django

ROOT = Path(__file__).resolve().parent.parent
CORTESIA = str(ROOT / ".venv" / "bin" / "cortesia")
NUMBER_ID = "100000000000777"  # the bench channel's WhatsApp phone number id
REQUEST_TIMEOUT_S = 30.0
SAMPLE_EVERY_S = 0.5

# Printed by ``cortesia shell``: two channels with fresh secrets, as an administrator
# would configure them (WhatsApp answered in Rome, Telegram in Bucharest).
SETUP = """
import json, secrets
from cortesia.accounts.models import Team
from cortesia.messaging.models import MessagingChannel
from cortesia.messaging.secrets import SEALER
made = {{}}
for kind, name, team, language, account in (
    ("whatsapp", "Bench WhatsApp", "Roma", "it", "{number_id}"),
    ("telegram", "Bench bot", "București", "ro", ""),
):
    secret = secrets.token_urlsafe(24)
    channel = MessagingChannel.objects.create(
        kind=kind, name=name, account=account, team=Team.objects.filter(name=team).first(),
        default_language=language, signing_secret_sealed=SEALER.seal(secret),
        access_token_sealed=SEALER.seal("bench-placeholder-token"),
    )
    made[kind] = {{"uid": str(channel.uid), "pk": channel.pk, "secret": secret}}
print("SETUP" + json.dumps(made))
"""

# Printed by ``cortesia shell``: what the bench channels hold, and the totals around them.
COUNTS = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from cortesia.chat.models import Conversation
from cortesia.customers.models import Customer
from cortesia.messaging.models import InboundDelivery, ReceivedMessage, Thread
from cortesia.tickets.models import Ticket
channels = {channels}
def states(pk):
    rows = InboundDelivery.objects.filter(channel_id=pk).order_by().values_list("state")
    return dict(rows.annotate(n=Count("id")))
def received(pk):
    return ReceivedMessage.objects.filter(thread__channel_id=pk, message__isnull=False).count()
each = channels.items()
counts = {{
    "deliveries": {{kind: states(pk) for kind, pk in each}},
    "received_messages": {{kind: received(pk) for kind, pk in each}},
    "threads": {{kind: Thread.objects.filter(channel_id=k).count() for kind, k in each}},
    "conversations": {{kind: Conversation.objects.filter(medium=kind).count() for kind, _ in each}},
    "customers": Customer.objects.count(),
    "chat_tickets": Ticket.objects.filter(channel="chat").count(),
    "tasks": [
        [path.rsplit(".", 1)[1], status, n]
        for path, status, n in DBTaskResult.objects.order_by()
        .values_list("task_path", "status")
        .annotate(n=Count("id"))
    ],
}}
print("COUNTS" + json.dumps(counts))
"""

ITALIAN = (
    ("Giulia", "Bianchi"),
    ("Luca", "Ferrari"),
    ("Francesca", "Russo"),
    ("Matteo", "Colombo"),
    ("Chiara", "Ricci"),
    ("Alessandro", "Greco"),
)
ROMANIAN = (
    ("Andreea", "Popescu"),
    ("Mihai", "Ionescu"),
    ("Ioana", "Dumitrescu"),
    ("Alexandru", "Stan"),
    ("Elena", "Constantin"),
    ("Radu", "Munteanu"),
)
TEXTS = {
    "it": (
        "Buongiorno, il mio ordine {n} non è ancora arrivato. Potete verificare?",
        "Salve, vorrei cambiare l'indirizzo di consegna dell'ordine {n}.",
        "Ho ricevuto un articolo danneggiato nell'ordine {n}, come posso fare il reso?",
        "Grazie, aspetto la vostra risposta sull'ordine {n}.",
    ),
    "ro": (
        "Bună ziua! Comanda mea {n} nu a ajuns încă. Puteți verifica, vă rog?",
        "Aș dori să schimb adresa de livrare pentru comanda {n}.",
        "Am primit un produs deteriorat în comanda {n}. Cum îl pot returna?",
        "Mulțumesc, aștept răspunsul dumneavoastră pentru comanda {n}.",
    ),
}
TELEGRAM_PEOPLE = (
    ("Георги", "bg", "Здравейте! Имате ли зимни гуми 205/55 R16 в наличност? Поръчка {n}."),
    ("Marco", "it", "Ciao, a che punto è la spedizione dell'ordine {n}?"),
    ("Ana", "ro", "Salut! Când ajunge comanda {n}?"),
    ("Emma", "en", "Hi, could you tell me where my order {n} is?"),
)


def log(message: str) -> None:
    print(f"[messaging] {message}", file=sys.stderr, flush=True)


# ---- the webhook bodies, built before the clock starts ----


@dataclass(frozen=True)
class Body:
    """One webhook POST ready to send, and the customer it comes from."""

    request: bytes
    sender: str


def _post(uid: str, port: int, body: bytes, header: str) -> bytes:
    head = (
        f"POST /messaging/webhooks/{uid} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        f"Content-Type: application/json\r\n{header}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def whatsapp_numbers(count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(wa_id, name, language) of ``count`` distinct Italian (+39 347) and Romanian
    (+40 721) mobile numbers, alternately."""
    numbers: dict[str, tuple[str, str, str]] = {}
    while len(numbers) < count:
        if len(numbers) % 2 == 0:
            wa_id, people, language = f"39347{rng.randrange(10**7):07d}", ITALIAN, "it"
        else:
            wa_id, people, language = f"40721{rng.randrange(10**6):06d}", ROMANIAN, "ro"
        numbers.setdefault(wa_id, (wa_id, " ".join(rng.choice(people)), language))
    return list(numbers.values())


def whatsapp_bodies(channel: dict[str, Any], port: int, args: argparse.Namespace) -> list[Body]:
    rng = random.Random(17)  # noqa: S311 - made-up customers, not secrets
    customers = whatsapp_numbers(args.customers, rng)
    tag = f"{time.time_ns():x}"
    start = int(time.time()) - 3600
    bodies = []
    for n in range(args.max_messages):
        wa_id, name, language = customers[n % len(customers)]
        body = payloads.whatsapp_text(
            phone_number_id=NUMBER_ID,
            wa_id=wa_id,
            name=name,
            text=rng.choice(TEXTS[language]).format(n=5000 + n),
            message_id=f"wamid.BENCH{tag}{n:07d}",
            timestamp=start + n // 10,
        )
        signature = payloads.whatsapp_signature(body, channel["secret"])
        request = _post(channel["uid"], port, body, f"X-Hub-Signature-256: {signature}")
        bodies.append(Body(request, wa_id))
    return bodies


def telegram_bodies(channel: dict[str, Any], port: int, args: argparse.Namespace) -> list[Body]:
    header = f"X-Telegram-Bot-Api-Secret-Token: {channel['secret']}"
    first_update = random.Random().randrange(10**6, 10**8)  # noqa: S311 - an id, not a secret
    start = int(time.time()) - 3600
    bodies = []
    for n in range(args.max_messages):
        chat = n % args.telegram_chats
        name, language, text = TELEGRAM_PEOPLE[chat % len(TELEGRAM_PEOPLE)]
        body = payloads.telegram_text(
            update_id=first_update + n,
            chat_id=700_000_000 + chat,
            first_name=name,
            language_code=language,
            text=text.format(n=8000 + n),
            message_id=n // args.telegram_chats + 1,
            date=start + n // 10,
        )
        bodies.append(Body(_post(channel["uid"], port, body, header), str(chat)))
    return bodies


# ---- a small asyncio HTTP/1.1 keep-alive client ----


@dataclass
class Tally:
    """What the server answered: statuses, latencies and which bodies got a 200."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    accepted: set[int] = field(default_factory=set)
    reconnects: int = 0
    sent: int = 0
    elapsed_s: float = 0.0
    client_cpu_s: float = 0.0


async def _exchange(
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes
) -> tuple[int, bool]:
    """Send one request; return its status and whether the server closes the connection."""
    reader, writer = connection
    writer.write(request)
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower().split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    fields = dict(line.partition(":")[::2] for line in head[1:] if line)
    fields = {name.strip(): value.strip() for name, value in fields.items()}
    if fields.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.readexactly(int(fields.get("content-length", "0")))
    return status, fields.get("connection") == "close"


async def _client(
    port: int, requests: Sequence[bytes], cursor: Iterator[int], deadline: float, tally: Tally
) -> None:
    connection = None
    try:
        for index in cursor:
            if time.perf_counter() >= deadline:
                return
            status, started = 0, time.perf_counter()
            for _attempt in range(2):  # a keep-alive connection the server closed: reopen once
                try:
                    if connection is None:
                        connection = await asyncio.open_connection(HOST, port)
                    started = time.perf_counter()
                    status, closing = await asyncio.wait_for(
                        _exchange(connection, requests[index]), REQUEST_TIMEOUT_S
                    )
                except (OSError, asyncio.IncompleteReadError, TimeoutError):
                    status, closing = 0, True
                    tally.reconnects += 1
                if closing and connection is not None:
                    connection[1].close()
                    connection = None
                if status:
                    break
            tally.sent += 1
            tally.statuses[status] += 1
            tally.latencies_ms.append((time.perf_counter() - started) * 1000)
            if status == 200:
                tally.accepted.add(index)
    finally:
        if connection is not None:
            connection[1].close()


async def post_all(port: int, requests: Sequence[bytes], clients: int, seconds: float) -> Tally:
    """Send ``requests`` in order on ``clients`` connections until all are answered or
    ``seconds`` have passed; requests in flight then are still waited for, so every
    request sent is counted."""
    tally = Tally()
    cursor = iter(range(len(requests)))
    cpu, started = time.process_time(), time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_client(port, requests, cursor, deadline, tally) for _ in range(clients))
    )
    tally.elapsed_s = time.perf_counter() - started
    tally.client_cpu_s = time.process_time() - cpu
    return tally


def tally_report(tally: Tally, web_cpu_s: float | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {
        "sent": tally.sent,
        "accepted": len(tally.accepted),
        "seconds": round(tally.elapsed_s, 2),
        "accepted_per_s": round(len(tally.accepted) / tally.elapsed_s, 1),
        "latency_ms": {
            "p50": percentile(tally.latencies_ms, 0.50),
            "p99": percentile(tally.latencies_ms, 0.99),
            "max": round(max(tally.latencies_ms, default=0.0), 1),
        },
        "non_200": {str(k): v for k, v in sorted(tally.statuses.items()) if k != 200},
        "reconnects": tally.reconnects,
        "client_cpu_s": round(tally.client_cpu_s, 2),
    }
    if web_cpu_s is not None and tally.sent:
        report["web_cpu_us_per_req"] = round(web_cpu_s / tally.sent * 1e6, 1)
    return report


# ---- the processes and the database, watched from outside ----


@dataclass(frozen=True)
class Processes:
    web: list[int]  # the gunicorn master and its web processes
    worker: int


def find_processes(server_pid: int) -> Processes:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        web, worker = [server_pid], 0
        for pid in children(server_pid):
            with contextlib.suppress(OSError):
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"cortesia.cli\x00worker" in command:
                    worker = pid
                elif b"cortesia.cli\x00stream" not in command:
                    web.append(pid)
        if worker and len(web) > 1:
            return Processes(web, worker)
        time.sleep(0.2)
    raise BenchError("The task worker or the web processes did not start.")


@dataclass(frozen=True)
class Progress:
    at: float
    new: int
    done: int
    quarantined: int
    received: int
    tasks_waiting: int


PROGRESS_SQL = (
    "SELECT channel_id, state, COUNT(*) FROM messaging_inbounddelivery GROUP BY channel_id, state",
    "SELECT t.channel_id, COUNT(*) FROM messaging_receivedmessage r"
    " JOIN messaging_thread t ON t.id = r.thread_id GROUP BY t.channel_id",
    # the processing tasks the webhook queued (one per delivery) not run yet; other tasks
    # (agents' notification mails) wait minutes by design
    "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
    " AND task_path = 'cortesia.messaging.processing.process_deliveries'",
)


class Sampler(threading.Thread):
    """Reads the bench channels' progress straight from the database every half second
    (a ``cortesia shell`` per sample would cost the machine more than what it measures)."""

    def __init__(self, database_url: str | None, data: Path, channels: set[int]) -> None:
        super().__init__(name="sampler", daemon=True)
        self.database_url, self.data, self.channels = database_url, data, channels
        self.samples: list[Progress] = []
        self.stopped = threading.Event()
        self.failure: BaseException | None = None

    def _connect(self) -> Callable[[str], list[tuple[Any, ...]]]:
        if self.database_url:
            import psycopg

            pg = psycopg.connect(self.database_url, autocommit=True)
            return lambda sql: pg.execute(sql).fetchall()
        lite = sqlite3.connect(self.data / "cortesia.sqlite3", timeout=20)
        return lambda sql: lite.execute(sql).fetchall()

    def run(self) -> None:
        try:
            query = self._connect()
            while not self.stopped.is_set():
                states: Counter[str] = Counter()
                for channel, state, count in query(PROGRESS_SQL[0]):
                    if channel in self.channels:
                        states[state] += count
                received = sum(n for c, n in query(PROGRESS_SQL[1]) if c in self.channels)
                waiting = query(PROGRESS_SQL[2])[0][0]
                self.samples.append(
                    Progress(
                        time.perf_counter(),
                        states["new"],
                        states["done"],
                        states["quarantined"],
                        received,
                        waiting,
                    )
                )
                self.stopped.wait(SAMPLE_EVERY_S)
        except Exception as error:  # reported by wait_until
            self.failure = error

    def wait_until(self, done: Callable[[Progress], bool], timeout: float) -> Progress | None:
        """The first sample from now on for which ``done`` holds; None after ``timeout``."""
        seen, deadline = len(self.samples), time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.failure is not None:
                raise BenchError(f"Reading the progress failed: {self.failure!r}")
            for sample in self.samples[seen:]:
                if done(sample):
                    return sample
            seen = len(self.samples)
            time.sleep(SAMPLE_EVERY_S / 2)
        return None


def shell_counts(environment: dict[str, str], channels: dict[str, int]) -> dict[str, Any]:
    script = COUNTS.format(channels=json.dumps(channels))
    printed = run_command([CORTESIA, "shell", "-c", script], environment, timeout=300).stdout
    counts: dict[str, Any] = json.loads(printed.split("COUNTS", 1)[1])
    return counts


# ---- phases ----


def floors(port: int, args: argparse.Namespace, database_url: str | None) -> dict[str, Any]:
    log("floors: wrk on /healthz, the same view through this client, one-row commits")
    healthz = f"GET /healthz HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
    client = asyncio.run(post_all(port, [healthz] * 100_000, args.clients, 3.0))
    return {
        "healthz_wrk": wrk(
            f"http://{HOST}:{port}/healthz", clients=args.clients, duration=5, headers={}
        ),
        "healthz_this_client": tally_report(client),
        **commit_floor(database_url),
    }


def intake(
    port: int, bodies: Sequence[Body], args: argparse.Namespace, web: Sequence[int]
) -> tuple[Tally, dict[str, Any]]:
    cpu = cpu_seconds(web)
    tally = asyncio.run(post_all(port, [b.request for b in bodies], args.clients, args.seconds))
    report = tally_report(tally, cpu_seconds(web) - cpu)
    report["bodies_ready"] = len(bodies)
    report["bodies_ran_out"] = tally.sent >= len(bodies)
    report["senders"] = len({bodies[i].sender for i in tally.accepted})
    return tally, report


def stored_check(accepted: dict[str, int], counts: dict[str, Any]) -> dict[str, Any]:
    """Each accepted distinct body must be exactly one delivery row of its channel."""
    check: dict[str, Any] = {}
    for kind, distinct in accepted.items():
        rows = sum(counts["deliveries"][kind].values())
        check[kind] = {"accepted_distinct": distinct, "rows": rows}
        check[kind] |= {"lost": max(0, distinct - rows), "extra": max(0, rows - distinct)}
    check["ok"] = all(c["lost"] == 0 and c["extra"] == 0 for c in check.values())
    return check


@dataclass(frozen=True)
class Clock:
    """When the first POST started and when the intake ended (``time.perf_counter``)."""

    first_post: float
    intake_end: float


def processing(
    sampler: Sampler,
    total: int,
    clock: Clock,
    worker_cpu: tuple[int, float],
    timeouts: argparse.Namespace,
) -> dict[str, Any]:
    """Wait until every intake delivery is processed (at most ``timeouts.process_timeout``
    seconds), then until the task queue is empty (``timeouts.queue_timeout``).
    ``worker_cpu``: the task worker's pid and its CPU seconds when the intake began."""
    log(f"processing: waiting for the worker to take all {total} deliveries")
    at_end = next((s for s in sampler.samples if s.at >= clock.intake_end), sampler.samples[-1])
    drained = sampler.wait_until(
        lambda s: s.new == 0 and s.done + s.quarantined >= total, timeouts.process_timeout
    )
    report: dict[str, Any] = {"deliveries": total, "done_when_intake_ended": at_end.done}
    if drained is None:
        last = sampler.samples[-1]
        return report | {"drained": False, "still_new": last.new, "received": last.received}
    pid, cpu = worker_cpu
    report |= {
        "drained": True,
        "seconds_from_first_post": round(drained.at - clock.first_post, 1),
        "seconds_after_intake": round(drained.at - clock.intake_end, 1),
        "messages": drained.received,
        "messages_per_s": round(drained.received / (drained.at - clock.first_post), 1),
        "messages_per_s_after_intake": round(
            (drained.received - at_end.received) / max(drained.at - clock.intake_end, 0.001), 1
        ),
        "worker_cpu_ms_per_message": round(
            (cpu_seconds([pid]) - cpu) / max(drained.received, 1) * 1000, 2
        ),
        "quarantined": drained.quarantined,
        "processing_tasks_waiting_when_drained": drained.tasks_waiting,
    }
    log(f"processing: drained; {drained.tasks_waiting} processing tasks still queued")
    emptied = sampler.wait_until(lambda s: s.tasks_waiting == 0, timeouts.queue_timeout)
    report["processing_tasks_all_run_s_after_drain"] = (
        round(emptied.at - drained.at, 1) if emptied else None
    )
    return report


def replay(
    port: int, requests: Sequence[bytes], args: argparse.Namespace, sampler: Sampler
) -> dict[str, Any]:
    """Post every accepted body again: all must be answered 200 and none stored."""
    log(f"replay: posting the {len(requests)} accepted bodies again")
    before = sampler.samples[-1]
    seconds = max(30.0, 3 * args.seconds)
    tally = asyncio.run(post_all(port, requests, args.clients, seconds))
    time.sleep(2 * SAMPLE_EVERY_S + 1)  # a stored replay would show in the next samples
    after = sampler.samples[-1]
    return tally_report(tally) | {
        "bodies": len(requests),
        "deliveries_added": (after.new + after.done + after.quarantined)
        - (before.new + before.done + before.quarantined),
        "messages_added": after.received - before.received,
    }


def expected_and_made(
    base: dict[str, Any], final: dict[str, Any], senders: dict[str, int]
) -> dict[str, Any]:
    """The final counts beside what the accepted bodies should have made."""
    return {
        "deliveries": final["deliveries"],
        "received_messages": final["received_messages"],
        "threads": final["threads"],
        "threads_expected": senders,
        "conversations_added": {
            kind: final["conversations"][kind] - base["conversations"][kind] for kind in senders
        },
        "customers_added": final["customers"] - base["customers"],
        "customers_expected": sum(senders.values()),
        "chat_tickets_added": final["chat_tickets"] - base["chat_tickets"],
        "tasks": final["tasks"],
    }


# ---- the run ----


def prepare(environment: dict[str, str]) -> dict[str, Any]:
    log("cortesia demo --no-serve")
    run_command(
        [CORTESIA, "demo", "--no-serve"],
        {**environment, "CORTESIA_DEMO_PASSWORD": DEMO_PASSWORD},
        timeout=900,
    )
    log("creating the WhatsApp and Telegram channels")
    script = SETUP.format(number_id=NUMBER_ID)
    printed = run_command([CORTESIA, "shell", "-c", script], environment, timeout=300).stdout
    channels: dict[str, Any] = json.loads(printed.split("SETUP", 1)[1])
    log(f"channels: {json.dumps(channels)}")
    return channels


def measure(
    port: int,
    environment: dict[str, str],
    channels: dict[str, Any],
    processes: Processes,
    args: argparse.Namespace,
) -> dict[str, Any]:
    database_url = environment.get("CORTESIA_DATABASE_URL")
    pks = {kind: int(channel["pk"]) for kind, channel in channels.items()}
    report: dict[str, Any] = {"floors": floors(port, args, database_url)}
    base = shell_counts(environment, pks)
    log(f"building {args.max_messages} bodies per provider")
    bodies = {
        "whatsapp": whatsapp_bodies(channels["whatsapp"], port, args),
        "telegram": telegram_bodies(channels["telegram"], port, args),
    }
    sampler = Sampler(database_url, Path(environment["CORTESIA_DATA_DIR"]), set(pks.values()))
    sampler.start()
    try:
        worker_cpu = (processes.worker, cpu_seconds([processes.worker]))
        first_post = time.perf_counter()
        tallies, report["intake"] = {}, {}
        for kind, kind_bodies in bodies.items():
            log(f"intake: {kind} for {args.seconds} s on {args.clients} connections")
            tallies[kind], report["intake"][kind] = intake(port, kind_bodies, args, processes.web)
        clock = Clock(first_post, time.perf_counter())
        stored = shell_counts(environment, pks)
        accepted = {kind: len(tally.accepted) for kind, tally in tallies.items()}
        report["intake"]["stored"] = stored_check(accepted, stored)
        report["processing"] = processing(sampler, sum(accepted.values()), clock, worker_cpu, args)
        again = [
            bodies[k][i].request for k, tally in tallies.items() for i in sorted(tally.accepted)
        ]
        report["replay"] = replay(port, again, args, sampler)
    finally:
        sampler.stopped.set()
        sampler.join(timeout=10)
    final = shell_counts(environment, pks)
    senders = {kind: report["intake"][kind]["senders"] for kind in bodies}
    report["processing"]["final"] = expected_and_made(base, final, senders)
    report["replay"]["deliveries_rows_after"] = {
        kind: sum(final["deliveries"][kind].values()) for kind in bodies
    }
    report["floors_end"] = commit_floor(database_url)
    return report


def checks_pass(report: dict[str, Any]) -> bool:
    replayed = report["replay"]
    return bool(
        report["intake"]["stored"]["ok"]
        and report["processing"].get("drained")
        and replayed["deliveries_added"] == 0
        and replayed["messages_added"] == 0
        and not replayed["non_200"]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="intake per provider")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--customers", type=int, default=1000, help="WhatsApp numbers")
    parser.add_argument("--telegram-chats", type=int, default=300)
    parser.add_argument("--max-messages", type=int, default=20_000, help="bodies per provider")
    parser.add_argument("--process-timeout", type=float, default=900.0)
    parser.add_argument("--queue-timeout", type=float, default=300.0)
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk).")
    # a stopped run stops its server too (the ExitStack unwinds on SystemExit)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    database_url = os.environ.get("CORTESIA_DATABASE_URL")
    with tempfile.TemporaryDirectory(prefix="cortesia-messaging-bench-") as folder:
        data = Path(folder)
        port = free_port()
        environment = server_environment(data, port, database_url)
        environment["CORTESIA_STREAM_PORT"] = str(free_port())
        channels = prepare(environment)
        with contextlib.ExitStack() as stack:
            # the server's log outlives the run (the folder does not), for a failed run
            stack.callback(
                shutil.copy, data / "serve.log", Path(tempfile.gettempdir()) / "messaging-serve.log"
            )
            server_pid = stack.enter_context(
                running([CORTESIA, "serve"], environment, data / "serve.log")
            )
            wait_for_healthz(port)
            processes = find_processes(server_pid)
            report: dict[str, Any] = {
                "database": database_kind(database_url) if database_url else "sqlite",
                "cpus": os.cpu_count(),
                "clients": args.clients,
                "seconds_per_provider": args.seconds,
                "channels": channels,
            }
            report |= measure(port, environment, channels, processes, args)
    report["checks_pass"] = checks_pass(report)
    print(json.dumps(report, indent=2))
    return 0 if report["checks_pass"] else 1


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
