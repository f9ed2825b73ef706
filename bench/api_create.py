"""API ticket creation at four clients against ``cortesia serve``, beside the trivial view.

The script migrates the PostgreSQL database it is given, loads the demo data set (teams,
calendars, agents, SLA policies, customers) once, makes one write-scope API token for
``admin`` and then:

* **profile** (in this process, through ``django.test.Client`` and the whole middleware
  stack): the SQL statements of one ``POST /api/v1/tickets`` (every statement Django
  sends, counted with ``connection.execute_wrapper``; psycopg's BEGIN and COMMIT and
  Django's connection health check come on top), the CPU milliseconds per ticket of this
  process and of PostgreSQL over ``--profile`` creations, the CPU milliseconds of each
  step of a creation (each step's function timed with ``time.process_time``, so without
  a profiler's overhead) and the application's functions with the largest cumulative
  time under ``cProfile``;
* **load**: ``cortesia serve --workers 2`` on a free local port for each tree to compare
  (``--tree LABEL=FOLDER``, default: this checkout), all started at once; ``--rounds``
  times, each tree in turn (the order flips every round): the same server's trivial view
  (anonymous ``GET /``, a redirect to sign-in without a query) with ``wrk`` at four
  connections, with the CPU milliseconds per request of the web processes and wrk, one-row
  INSERT commits from four connections (the durable floor of any
  write), then ``POST /api/v1/tickets`` from four client threads with ONE token for
  ``--seconds``: tickets per second, latency, errors, and per ticket the CPU milliseconds
  of the web processes, the task worker, PostgreSQL (all of the cluster's processes) and
  the load client, the database transactions (``pg_stat_database.xact_commit``) and, when
  the cluster preloads ``pg_stat_statements``, the statements PostgreSQL ran. The medians
  per tree end with what the CPU allows: the trivial view's CPU per request over
  creation's per ticket, the highest share of the trivial view's rate creation could reach
  on a machine of its own, whatever the commits allow.

The token's limit of requests a minute is raised for the run
(``CORTESIA_API_REQUESTS_PER_MINUTE``): each request still counts on the token's stored
counter row, as in production.

It prints one JSON object to stdout; progress and the profile go to stderr. Run it on a
durable cluster (creation is bound by commits and CPU)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/api-create -- \\
        timeout 600 .venv/bin/python bench/api_create.py

To compare two versions of the code, export each into a folder of its own (for example
``git archive COMMIT | tar -x -C /var/tmp/before``) and pass ``--tree before=/var/tmp/before
--tree after=/var/tmp/after``; run the script from either folder for its profile.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import importlib.util
import io
import json
import os
import pstats
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType
from typing import IO, Any
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
CLIENTS = 4
DEMO_PASSWORD = "bench-pass-123"  # noqa: S105 - the throwaway instance's demo login
LIMIT_VARIABLE = "CORTESIA_API_REQUESTS_PER_MINUTE"
TASK_WORKER_MARK = "worker --parent-pid"


def bench_module(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench/{name}.py is missing.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def log(message: str) -> None:
    print(f"[api_create] {message}", file=sys.stderr, flush=True)


ts = bench_module("tickets_scale")
cs, ht = ts.cs, ts.ht
for module in (cs, ts, ht):
    setattr(module, "log", log)  # the imported helpers report under this script's name  # noqa: B010


def creation_payloads() -> list[bytes]:
    """One payload per demo customer, in the customer's language, to the team speaking it."""
    from cortesia.accounts.models import Team
    from cortesia.customers.models import Customer

    teams = {team.name: str(team.uid) for team in Team.objects.all()}
    payloads = []
    customers = Customer.objects.filter(merged_into=None).values_list("uid", "language")
    for number, (uid, language) in enumerate(customers.order_by("id")):
        code = language if language in ts.TEXTS else "en"
        order = f"W{number:09d}"
        payload = {
            "subject": ts.TEXTS[code].subjects[0].replace("{order}", order),
            "customer": str(uid),
            "team": teams[ts.LANGUAGE_TEAM.get(code, ts.DEFAULT_TEAM)],
            "channel": "email",
            "message": {
                "body_html": ts.TEXTS[code].question.replace("{order}", order),
                "author": "customer",
            },
        }
        payloads.append(json.dumps(payload, ensure_ascii=False).encode())
    if not payloads:
        raise ts.BenchError("The demo data set has no customers.")
    return payloads


def write_token() -> str:
    from cortesia.accounts.models import TokenScope, User
    from cortesia.accounts.services import token_create
    from cortesia.core.actor import Actor

    admin = User.objects.get(username="admin")
    made = token_create(user=admin, scope=TokenScope.WRITE, actor=Actor.system(), name="bench")
    return str(made.raw)


# --- CPU of processes -----------------------------------------------------------------------


def process_cpu_ms(pids: Sequence[int]) -> float:
    """User plus system CPU of ``pids`` so far, in milliseconds (exited ones count 0)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total * 1000.0 / ticks


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def postgres_pids() -> list[int]:
    """The cluster's postmaster and every process it started (backends, WAL writer, …)."""
    with cs.raw_connection().cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        row = cursor.fetchone()
    backend = int(row[0]) if row else 0
    postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return [postmaster, *ts.child_pids(postmaster)]


@dataclass(frozen=True)
class CpuMeter:
    """CPU milliseconds so far of the groups of processes a load phase is charged with."""

    groups: dict[str, Callable[[], list[int]]]

    def read(self) -> dict[str, float]:
        taken = {name: process_cpu_ms(pids()) for name, pids in self.groups.items()}
        taken["load_client"] = time.process_time() * 1000.0  # this process: the HTTP clients
        return taken


def cpu_spent(before: dict[str, float], after: dict[str, float], count: int) -> dict[str, float]:
    spent = {name: (after[name] - before[name]) / count for name in before}
    spent["total"] = sum(spent.values())
    return {name: round(value, 2) for name, value in spent.items()}


# --- Statements PostgreSQL ran (pg_stat_statements, when the cluster preloads it) ------------


def statements_available() -> bool:
    with cs.raw_connection().cursor() as cursor:
        cursor.execute("SHOW shared_preload_libraries")
        row = cursor.fetchone()
        if not row or "pg_stat_statements" not in row[0]:
            return False
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    return True


def statement_calls() -> dict[int, tuple[str, int, float]]:
    """Per statement of this database: its text, calls and execution milliseconds so far."""
    with cs.raw_connection().cursor() as cursor:
        cursor.execute(
            "SELECT queryid, query, calls, total_exec_time FROM pg_stat_statements "
            "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        return {int(qid): (query, int(calls), float(ms)) for qid, query, calls, ms in cursor}


def statements_spent(
    before: dict[int, tuple[str, int, float]], after: dict[int, tuple[str, int, float]], count: int
) -> dict[str, Any]:
    rows = []
    for qid, (query, calls, ms) in after.items():
        _query, calls_before, ms_before = before.get(qid, (query, 0, 0.0))
        if calls > calls_before:
            rows.append((calls - calls_before, ms - ms_before, " ".join(query.split())[:120]))
    rows.sort(reverse=True)
    return {
        "statements_per_ticket": round(sum(row[0] for row in rows) / count, 2),
        "exec_ms_per_ticket": round(sum(row[1] for row in rows) / count, 3),
        "top": [
            {"per_ticket": round(calls / count, 2), "exec_ms_per_call": round(ms / calls, 3),
             "sql": sql}
            for calls, ms, sql in rows[:16]
        ],
    }  # fmt: skip


# --- Profile (in process) -------------------------------------------------------------------

# The steps of one creation: (module, attribute, step). A step missing from the code being
# measured is left out; nested steps are also counted in their callers.
STEPS: tuple[tuple[str, str, str], ...] = (
    ("cortesia.accounts.api_auth", "token_check", "auth: token and rate-limit count"),
    ("cortesia.accounts.api_auth", "token_touch", "auth: token last-used stamp"),
    ("cortesia.tickets.api", "customer_for_ticket", "customer lookup"),
    ("cortesia.tickets.api", "team_for_ticket", "team lookup"),
    ("cortesia.tickets.api", "ticket_open", "creation service (all below)"),
    ("cortesia.tickets.creation", "_check", "  validation of the fields"),
    ("cortesia.tickets.creation", "ticket_language", "  language (detection)"),
    ("cortesia.tickets.creation", "route", "  routing"),
    ("cortesia.tickets.creation", "_assign", "  assignment"),
    ("cortesia.sla.clocks", "clocks_plan", "  SLA clocks: plan (policies)"),
    ("cortesia.tickets.creation", "next_number", "  ticket number"),
    ("cortesia.tickets.creation", "_insert_as_planned", "  ticket insert"),
    ("cortesia.sla.clocks", "clocks_insert", "  SLA clocks: insert"),
    ("cortesia.tickets.creation", "attachments_claim", "  attachments"),
    ("cortesia.tickets.creation", "timeline_record", "  customer timeline entry"),
    ("cortesia.tickets.api", "ticket_visible", "visibility of the new ticket"),
    ("cortesia.tickets.api", "ticket_out", "serialization (TicketOut)"),
)


@contextmanager
def timed_steps(spent: dict[str, float]) -> Iterator[None]:
    """Time the functions of STEPS (plus the message insert, the events insert and the
    message-added receivers) with ``time.process_time`` while the block runs."""
    from cortesia.tickets.models import TicketEvent, TicketMessage
    from cortesia.tickets.signals import message_added

    targets: list[tuple[object, str, str]] = [
        (importlib.import_module(module), attribute, step) for module, attribute, step in STEPS
    ]
    targets += [
        (TicketMessage, "save", "  message insert"),
        (TicketEvent.objects, "bulk_create", "  events insert"),
        (message_added, "send", "  message-added receivers"),
    ]
    restore: list[tuple[object, str, object, bool]] = []

    def wrap(function: Callable[..., Any], step: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] = spent.get(step, 0.0) + time.process_time() - began

        return timed

    for owner, attribute, step in targets:
        if not hasattr(owner, attribute):
            continue
        original = getattr(owner, attribute)
        own = attribute in vars(owner)  # else inherited: deleting the wrapper restores it
        restore.append((owner, attribute, vars(owner).get(attribute), own))
        setattr(owner, attribute, wrap(original, step))
    try:
        yield
    finally:
        for owner, attribute, original, own in reversed(restore):
            if own:
                setattr(owner, attribute, original)
            else:
                delattr(owner, attribute)


def profile(token: str, payloads: list[bytes], count: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    position = 0

    def create() -> None:
        nonlocal position
        body = payloads[position % len(payloads)]
        position += 1
        response = client.post("/api/v1/tickets", data=body, content_type="application/json")
        if response.status_code != 201:
            raise ts.BenchError(
                f"POST /api/v1/tickets answered {response.status_code}: {response.content[:500]!r}"
            )

    def repeat(times: int, action: Callable[[], None]) -> None:
        for _ in range(times):
            action()

    repeat(20, create)  # warm caches, the language model and the connection
    statements: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        create()
    # psycopg sends BEGIN and COMMIT as round trips of their own outside execute().
    kinds = [sql.split()[0].upper() for sql in statements]
    database = postgres_pids()
    began, database_before = time.process_time(), process_cpu_ms(database)
    repeat(count, create)
    cpu_ms = (time.process_time() - began) * 1000.0 / count
    database_ms = (process_cpu_ms(database) - database_before) / count
    spent: dict[str, float] = {}
    with timed_steps(spent):
        began = time.process_time()
        repeat(count, create)
        request_ms = (time.process_time() - began) * 1000.0 / count
    steps = {step: round(seconds * 1000.0 / count, 3) for step, seconds in spent.items()}
    outer = (
        "auth: token and rate-limit count",
        "auth: token last-used stamp",
        "customer lookup",
        "team lookup",
        "creation service (all below)",
        "visibility of the new ticket",
        "serialization (TicketOut)",
    )
    steps["rest: Django, middleware, ninja parsing/rendering, transaction"] = round(
        request_ms - sum(steps.get(step, 0.0) for step in outer), 3
    )
    log("CPU ms per creation, by step:\n" + "\n".join(f"{v:8.3f}  {k}" for k, v in steps.items()))
    profiler = cProfile.Profile()
    profiler.enable()
    repeat(count, create)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(r"cortesia/(?!core/middleware|localization/middleware)", 40)
    stats.sort_stats("tottime").print_stats(20)
    log(f"cProfile over {count} creations:\n{text.getvalue()}")
    return {
        "statements_per_ticket": len(statements),
        "statements": kinds,
        "statement_sql": [sql[:160] for sql in statements],
        "cpu_ms_per_ticket_in_process": round(cpu_ms, 2),
        "postgres_cpu_ms_per_ticket": round(database_ms, 2),
        "cpu_ms_per_ticket_by_step": steps,
        "profiled_creations": count,
    }


# --- Load (against cortesia serve) ----------------------------------------------------------


@dataclass
class Server:
    label: str
    folder: Path
    port: int
    process: subprocess.Popen[bytes]

    def web_pids(self) -> list[int]:
        children = ts.child_pids(self.process.pid)
        return [self.process.pid, *(p for p in children if TASK_WORKER_MARK not in command_line(p))]

    def task_pids(self) -> list[int]:
        children = ts.child_pids(self.process.pid)
        return [pid for pid in children if TASK_WORKER_MARK in command_line(pid)]


def start_server(
    label: str, folder: Path, database_url: str, data_dir: Path, server_log: IO[bytes]
) -> Server:
    """``cortesia serve`` of the code in ``folder`` (its own modules first on the path)."""
    port = ht.free_port()
    environment = ht.server_environment(data_dir, port, database_url)
    environment[LIMIT_VARIABLE] = os.environ[LIMIT_VARIABLE]
    environment["PYTHONPATH"] = str(folder)
    command = [sys.executable, "-m", "cortesia.cli", "serve", "--workers", str(ht.WORKERS)]
    command += ["--port", str(port)]
    log(f"{label}: cortesia serve --workers {ht.WORKERS} --port {port} in {folder}")
    process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        command,
        cwd=folder,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so stopping it reaches the workers
    )
    return Server(label, folder, port, process)


def children_cpu_ms() -> float:
    """CPU of this process's finished children (wrk) so far, in milliseconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000.0


def trivial_rate(server: Server, seconds: int) -> dict[str, Any]:
    """The same server's anonymous ``GET /`` (a redirect to sign-in, no query) with wrk,
    with the CPU milliseconds per request of the web processes and of wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise ts.BenchError("wrk is not installed (Debian: apt-get install wrk).")
    command = [wrk, "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency"]
    command.append(f"http://{ht.HOST}:{server.port}/")
    web_before, client_before = process_cpu_ms(server.web_pids()), children_cpu_ms()
    completed = ht.run_command(command, os.environ, timeout=seconds + 60)
    web, client = process_cpu_ms(server.web_pids()) - web_before, children_cpu_ms() - client_before
    result: dict[str, Any] = ht.parse_wrk(completed.stdout).as_dict()
    requests = result["req_per_s"] * seconds
    if requests:
        result["cpu_ms_per_request"] = {
            "web": round(web / requests, 3),
            "wrk": round(client / requests, 3),
            "total": round((web + client) / requests, 3),
        }
    return result


def commit_rate(database_url: str, seconds: float) -> dict[str, Any]:
    """One-row INSERT commits a second from ``CLIENTS`` connections (the durable floor of
    any write: each commit waits for its WAL flush)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS bench_commit (id bigserial, at timestamptz)")
    counts = [0] * CLIENTS
    ends = time.monotonic() + seconds

    def client(number: int) -> None:
        with psycopg.connect(database_url, autocommit=True) as connection:
            while time.monotonic() < ends:
                connection.execute("INSERT INTO bench_commit (at) VALUES (now())")
                counts[number] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.perf_counter() - began
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DROP TABLE bench_commit")
    return {"commits_per_s": round(sum(counts) / elapsed, 1), "clients": CLIENTS}


def measure(
    server: Server, database_url: str, token: str, payloads: list[bytes], seconds: float
) -> dict[str, Any]:
    """One run on one server: the two floors, then creation at four clients."""
    from cortesia.tickets.models import Ticket

    floor = trivial_rate(server, int(seconds))
    commits = commit_rate(database_url, min(seconds, 5.0))
    log(f"  {server.label}: GET / {floor['req_per_s']} req/s, {commits['commits_per_s']} commits/s")
    meter = CpuMeter(
        {"web": server.web_pids, "task_worker": server.task_pids, "postgresql": postgres_pids}
    )
    counting = statements_available()
    statements_before = statement_calls() if counting else {}
    tickets_before = Ticket.objects.count()
    commits_before = ts.xact_commits()
    cpu_before = meter.read()
    began = time.perf_counter()
    result = ts.post_tickets(server.port, token, payloads, seconds)
    elapsed = time.perf_counter() - began
    cpu_after = meter.read()
    time.sleep(2.0)  # backends report their counters at most once a second
    transactions = ts.xact_commits() - commits_before
    created = Ticket.objects.count() - tickets_before
    ok = result.statuses.get(201, 0)
    rate = ok / elapsed
    run: dict[str, Any] = {
        "tree": server.label,
        "trivial_view": floor,
        "one_row_commits": commits,
        "create": {
            "tickets_per_s": round(rate, 1),
            "responses": {str(k): v for k, v in sorted(result.statuses.items())},
            "error_samples": result.errors[:3],
            "latency": cs.summary(result.latencies_ms),
            "tickets_created_in_db": created,
            "cpu_ms_per_ticket": cpu_spent(cpu_before, cpu_after, created) if created else None,
            "transactions_per_ticket": round(transactions / created, 2) if created else None,
        },
        "create_per_trivial_view": round(rate / floor["req_per_s"], 4),
        "create_per_one_row_commit": round(rate / commits["commits_per_s"], 4),
    }
    if counting and created:
        run["create"]["postgresql_statements"] = statements_spent(
            statements_before, statement_calls(), created
        )
    cpu = run["create"]["cpu_ms_per_ticket"] or {}
    log(
        f"  {server.label}: create {rate:.1f} tickets/s = {run['create_per_trivial_view']:.2%} of "
        f"GET /, CPU ms per ticket {cpu}"
    )
    return run


def load(
    trees: list[tuple[str, Path]],
    database_url: str,
    data_dir: str,
    token: str,
    payloads: list[bytes],
    seconds: float,
    rounds: int,
) -> dict[str, Any]:
    log_path = Path(data_dir) / "server.log"
    runs: list[dict[str, Any]] = []
    servers: list[Server] = []
    with log_path.open("wb") as server_log:
        try:
            for label, folder in trees:
                servers.append(
                    start_server(label, folder, database_url, Path(data_dir), server_log)
                )
            for server in servers:
                ht.wait_until_ready(server.process, server.port)
            time.sleep(3.0)  # let the web processes' task threads settle
            for number in range(rounds):
                order = servers if number % 2 == 0 else servers[::-1]
                for server in order:
                    log(f"round {number + 1}: {server.label}")
                    runs.append({"round": number + 1, **measure(
                        server, database_url, token, payloads, seconds
                    )})  # fmt: skip
        finally:
            for server in servers:
                ht.stop_server(server.process)
    if any(sum(run["create"]["responses"].values()) != run["create"]["responses"].get("201", 0)
           for run in runs):  # fmt: skip
        log("server log:\n" + log_path.read_text(errors="replace")[-4000:])
    return {
        "server": f"cortesia serve --workers {ht.WORKERS}",
        "clients": CLIENTS,
        "trees": {label: str(folder) for label, folder in trees},
        "runs": runs,
        "medians": medians(runs),
    }


def medians(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per tree, the median of each headline number over its rounds."""
    import statistics

    by_tree: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        by_tree.setdefault(run["tree"], []).append(run)

    def median(values: list[float | None]) -> float:
        return round(statistics.median(v for v in values if v is not None), 4)

    return {
        tree: {
            "tickets_per_s": median([r["create"]["tickets_per_s"] for r in tree_runs]),
            "trivial_view_req_per_s": median([r["trivial_view"]["req_per_s"] for r in tree_runs]),
            "one_row_commits_per_s": median(
                [r["one_row_commits"]["commits_per_s"] for r in tree_runs]
            ),
            "create_per_trivial_view": median([r["create_per_trivial_view"] for r in tree_runs]),
            "web_cpu_ms_per_ticket": median(
                [(r["create"]["cpu_ms_per_ticket"] or {}).get("web") for r in tree_runs]
            ),
            "postgresql_cpu_ms_per_ticket": median(
                [(r["create"]["cpu_ms_per_ticket"] or {}).get("postgresql") for r in tree_runs]
            ),
            "total_cpu_ms_per_ticket": median(
                [(r["create"]["cpu_ms_per_ticket"] or {}).get("total") for r in tree_runs]
            ),
            "trivial_view_cpu_ms_per_request": median(
                [r["trivial_view"].get("cpu_ms_per_request", {}).get("total") for r in tree_runs]
            ),
            # What the CPU allows when each has the machine's cores to itself: creation
            # at most this share of the trivial view's rate.
            "cpu_bound_create_per_trivial_view": median(
                [
                    r["trivial_view"]["cpu_ms_per_request"]["total"]
                    / r["create"]["cpu_ms_per_ticket"]["total"]
                    if r["create"]["cpu_ms_per_ticket"]
                    and "cpu_ms_per_request" in r["trivial_view"]
                    else None
                    for r in tree_runs
                ]
            ),
        }
        for tree, tree_runs in by_tree.items()
    }


def tree_argument(text: str) -> tuple[str, Path]:
    label, _equals, folder = text.partition("=")
    path = Path(folder).resolve()
    if not label or not (path / "cortesia" / "cli.py").is_file():
        raise argparse.ArgumentTypeError(f"{text!r} is not LABEL=FOLDER of a Cortesia checkout.")
    return label, path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--profile", type=int, default=100, help="creations profiled (0: none)")
    parser.add_argument("--seconds", type=cs.positive, default=15, help="per load phase")
    parser.add_argument("--rounds", type=int, default=2, help="runs per tree (0: none)")
    parser.add_argument(
        "--tree",
        type=tree_argument,
        action="append",
        help="LABEL=FOLDER of code to serve (repeat to compare; default: this checkout)",
    )
    parser.add_argument("--database-url", help="postgres://… (default: CORTESIA_DATABASE_URL)")
    args = parser.parse_args(argv)
    database_url: str = args.database_url or os.environ.get("CORTESIA_DATABASE_URL", "")
    if urlsplit(database_url).scheme not in ("postgres", "postgresql"):
        raise ts.BenchError("This bench runs on PostgreSQL: set CORTESIA_DATABASE_URL.")
    data_dir = tempfile.mkdtemp(prefix="cortesia-bench-")
    os.environ["CORTESIA_DATA_DIR"] = data_dir
    os.environ[LIMIT_VARIABLE] = "10000000"
    try:
        cs.prepare_django(database_url, 600.0)
        from cortesia.demo.dataset import load_demo

        log("demo data set")
        load_demo(password=DEMO_PASSWORD)
        token = write_token()
        payloads = creation_payloads()
        report: dict[str, Any] = {
            "scenario": "api_create",
            "database": {"vendor": "postgresql", **cs.server_facts()},
            "payloads": len(payloads),
        }
        if args.profile:
            log(f"profile: {args.profile} creations in process")
            report["profile"] = profile(token, payloads, args.profile)
        if args.rounds:
            trees = args.tree or [("current", ht.ROOT)]
            report["load"] = load(
                trees, database_url, data_dir, token, payloads, args.seconds, args.rounds
            )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))
    return 0


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        raise SystemExit(main())
    except ts.BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
