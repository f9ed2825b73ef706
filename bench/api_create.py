"""API ticket creation at four clients against ``cortesia serve``, beside the trivial view.

The script migrates the PostgreSQL database it is given, loads the demo data set (teams,
calendars, agents, SLA policies, customers) once, makes one write-scope API token for
``admin`` and then:

* **profile** (in this process, through ``django.test.Client`` and the whole middleware
  stack): the SQL statements of one ``POST /api/v1/tickets`` (every round trip, counted
  with ``connection.execute_wrapper``, and their first words), the CPU milliseconds per
  ticket over ``--profile`` creations (``time.process_time``) and the application's
  functions with the largest cumulative time under ``cProfile`` (per ticket);
* **load**: ``cortesia serve --workers 2`` on a free local port; ``--rounds`` times in
  turn, ``GET /healthz`` with ``wrk`` at four connections (the floor: the same server's
  trivial view in the same run) and one-row INSERT commits from four connections (the
  durable floor of any write), then ``POST /api/v1/tickets`` from four client threads
  with ONE token for ``--seconds``: tickets per second, latency, errors, the web
  processes' CPU milliseconds per ticket and database transactions per ticket
  (``pg_stat_database.xact_commit``).

The token's limit of requests a minute is raised for the run
(``CORTESIA_API_REQUESTS_PER_MINUTE``): each request still counts on the token's stored
counter row, as in production.

It prints one JSON object to stdout; progress and the profile go to stderr. Run it on a
durable cluster (creation is bound by commits)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/api-create -- \\
        timeout 600 .venv/bin/python bench/api_create.py
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
CLIENTS = 4
DEMO_PASSWORD = "bench-pass-123"  # noqa: S105 - the throwaway instance's demo login
LIMIT_VARIABLE = "CORTESIA_API_REQUESTS_PER_MINUTE"


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


# --- Profile (in process) -------------------------------------------------------------------


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
    began = time.process_time()
    repeat(count, create)
    cpu_ms = (time.process_time() - began) * 1000.0 / count
    profiler = cProfile.Profile()
    profiler.enable()
    repeat(count, create)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(r"cortesia/(?!core/middleware|localization/middleware)", 40)
    stats.sort_stats("tottime").print_stats(20)
    log(f"cProfile over {count} creations:\n{text.getvalue()}")
    top = []
    for (filename, line, name), row in sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda item: item[1][3],
        reverse=True,
    ):
        # Below the view: the application's own steps, not the middleware around them.
        if "/cortesia/" not in filename or "middleware" in filename:
            continue
        top.append(
            {
                "function": f"{filename.split('/cortesia/', 1)[1]}:{line}({name})",
                "cumulative_ms_per_ticket": round(row[3] * 1000 / count, 2),
            }
        )
        if len(top) == 15:
            break
    return {
        "statements_per_ticket": len(statements),
        "statements": kinds,
        "statement_sql": [sql[:160] for sql in statements],
        "cpu_ms_per_ticket_in_process": round(cpu_ms, 2),
        "profiled_creations": count,
        "cprofile_top_cumulative": top,
    }


# --- Load (against cortesia serve) ----------------------------------------------------------


def process_cpu_ms(pids: Sequence[int]) -> float:
    """User plus system CPU of ``pids`` so far, in milliseconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total * 1000.0 / ticks


def healthz_rate(port: int, seconds: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise ts.BenchError("wrk is not installed (Debian: apt-get install wrk).")
    command = [wrk, "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency"]
    command.append(f"http://{ht.HOST}:{port}/healthz")
    completed = ht.run_command(command, os.environ, timeout=seconds + 60)
    result: dict[str, Any] = ht.parse_wrk(completed.stdout).as_dict()
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


def load(
    database_url: str, data_dir: str, token: str, payloads: list[bytes], seconds: float, rounds: int
) -> dict[str, Any]:
    from cortesia.tickets.models import Ticket

    cortesia = ht.executable("cortesia")
    port = ht.free_port()
    environment = ht.server_environment(Path(data_dir), port, database_url)
    environment[LIMIT_VARIABLE] = os.environ[LIMIT_VARIABLE]
    log_path = Path(data_dir) / "server.log"
    runs: list[dict[str, Any]] = []
    with log_path.open("wb") as server_log:
        server = ht.start_server(cortesia, environment, port, server_log)
        try:
            ht.wait_until_ready(server, port)
            time.sleep(3.0)  # let the web processes' task threads settle
            web = ts.child_pids(server.pid)
            for number in range(rounds):
                log(f"round {number + 1}: wrk /healthz at {CLIENTS} connections")
                floor = healthz_rate(port, int(seconds))
                log(f"  /healthz: {floor['req_per_s']} req/s")
                commits = commit_rate(database_url, min(seconds, 5.0))
                log(f"  one-row commits: {commits['commits_per_s']} a second")
                tickets_before = Ticket.objects.count()
                commits_before = ts.xact_commits()
                cpu_before = process_cpu_ms([server.pid, *web])
                began = time.perf_counter()
                log(f"round {number + 1}: POST /api/v1/tickets, {CLIENTS} clients, one token")
                result = ts.post_tickets(port, token, payloads, seconds)
                elapsed = time.perf_counter() - began
                cpu = process_cpu_ms([server.pid, *web]) - cpu_before
                time.sleep(2.0)  # backends report their counters at most once a second
                transactions = ts.xact_commits() - commits_before
                created = Ticket.objects.count() - tickets_before
                ok = result.statuses.get(201, 0)
                rate = ok / elapsed
                run = {
                    "healthz": floor,
                    "one_row_commits": commits,
                    "create": {
                        "tickets_per_s": round(rate, 1),
                        "responses": {str(k): v for k, v in sorted(result.statuses.items())},
                        "error_samples": result.errors[:3],
                        "latency": cs.summary(result.latencies_ms),
                        "tickets_created_in_db": created,
                        "server_cpu_ms_per_ticket": round(cpu / created, 2) if created else None,
                        "transactions_per_ticket": round(transactions / created, 2)
                        if created
                        else None,
                    },
                    "create_per_healthz": round(rate / floor["req_per_s"], 3),
                    "create_per_one_row_commit": round(rate / commits["commits_per_s"], 3),
                }
                log(
                    f"  create: {rate:.1f} tickets/s = {run['create_per_healthz']:.1%} of "
                    f"/healthz, {run['create']['server_cpu_ms_per_ticket']} CPU ms per ticket"
                )
                runs.append(run)
        finally:
            ht.stop_server(server)
    if any(sum(run["create"]["responses"].values()) != run["create"]["responses"].get("201", 0)
           for run in runs):  # fmt: skip
        log("server log:\n" + log_path.read_text(errors="replace")[-4000:])
    return {"server": f"cortesia serve --workers {ht.WORKERS}", "clients": CLIENTS, "runs": runs}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--profile", type=cs.positive, default=100, help="creations profiled")
    parser.add_argument("--seconds", type=cs.positive, default=15, help="per load phase")
    parser.add_argument("--rounds", type=int, default=2, help="floor + creation pairs (0: none)")
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
        log(f"profile: {args.profile} creations in process")
        report: dict[str, Any] = {
            "scenario": "api_create",
            "database": {"vendor": "postgresql", **cs.server_facts()},
            "payloads": len(payloads),
            "profile": profile(token, payloads, args.profile),
        }
        if args.rounds:
            report["load"] = load(
                database_url, data_dir, token, payloads, args.seconds, args.rounds
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
