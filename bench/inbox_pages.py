"""The inbox and the ticket page under ``cortesia serve``: throughput at 4 clients and the
latency of one client, beside the same server's ``/healthz`` as the floor.

It runs against a database already seeded by ``bench/tickets_scale.py`` (its demo users
sign in: the agent ``marco``, the manager ``giulia`` and ``admin``), migrates it (so new
indexes apply), starts ``cortesia serve --workers 2`` on a free local port and measures
with ``wrk``, signed in through a session cookie made for each user:

* at ``--connections`` (4) clients for ``--seconds`` each: ``/healthz`` (the floor), the
  agent's inbox, the manager's inbox, the agent's ticket page (the requests cycle
  through ``--tickets`` open tickets of the agent's team) and ``/healthz`` again;
* at one client: p50 and p99 of the inbox of the agent, the manager and the
  administrator, and of the agent's ticket page.

Each page is fetched once first, so a broken page fails loudly instead of producing fast
errors that look like throughput; wrk's error responses are counted. It prints one JSON
object: requests per second with the floor beside them and their ratio, the CPU time one
request cost the server's processes and PostgreSQL's at 4 clients (read from ``/proc``:
on a shared machine it varies much less than the rate), the latencies,
the number of SQL queries of each page (in process) and the table sizes. Progress goes
to stderr. Seed once, measure many times, on a durable cluster::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        timeout 3300 .venv/bin/python bench/tickets_scale.py --tickets 1000000
    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        timeout 900 .venv/bin/python bench/inbox_pages.py

Requires ``wrk`` (Debian: ``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
USERS = {"agent": "marco", "manager": "giulia", "admin": "admin"}
SEED = 20261205


def bench_module(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench/{name}.py is missing.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ht = bench_module("http_throughput")
BenchError = ht.BenchError


def log(message: str) -> None:
    print(f"[inbox_pages] {message}", file=sys.stderr, flush=True)


ht.log = log  # type: ignore[attr-defined]  # its helpers report under this name


def prepare_django(database_url: str) -> None:
    os.environ["CORTESIA_DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor != "postgresql":
        raise BenchError(f"This bench needs PostgreSQL; the settings give {connection.vendor}.")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)


def session_cookies() -> dict[str, str]:
    """A signed-in session for each measured user, as a Cookie header."""
    from django.conf import settings
    from django.test import Client

    from cortesia.accounts.models import User

    cookies: dict[str, str] = {}
    for role, username in USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            raise BenchError(
                f"No user {username!r}: seed the database with bench/tickets_scale.py first."
            )
        client = Client()
        client.force_login(user)
        cookies[role] = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    return cookies


def ticket_paths(count: int) -> list[str]:
    """Pages of ``count`` random open tickets of the agent's team."""
    from cortesia.accounts.models import User
    from cortesia.tickets.models import Ticket

    agent = User.objects.get(username=USERS["agent"])
    team_ids = list(agent.teams.values_list("pk", flat=True))
    # A random sample read from the team's urgency index, not a sort of the whole table.
    uids = list(
        Ticket.objects.filter(team_id__in=team_ids, status__in=["new", "open", "pending"])
        .order_by("sla_due_at", "created_at")
        .values_list("uid", flat=True)[: count * 10]
    )
    if not uids:
        raise BenchError("The agent's team has no open tickets: seed with tickets_scale.py.")
    random.Random(SEED).shuffle(uids)
    return [f"/tickets/{uid}/" for uid in uids[:count]]


def query_counts(cookies: dict[str, str], ticket: str) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, int] = {}
    for name, role, path in (
        ("inbox_agent", "agent", "/tickets/"),
        ("inbox_manager", "manager", "/tickets/"),
        ("inbox_admin", "admin", "/tickets/"),
        ("ticket_page", "agent", ticket),
    ):
        client = Client(headers={"Cookie": cookies[role]})
        client.get(path)
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        if response.status_code != 200:
            raise BenchError(f"GET {path} as {role} answered {response.status_code} in process.")
        counts[name] = len(context.captured_queries)
    return counts


def postmaster_pid() -> int:
    """The pid of the database cluster's main process: the parent of this connection's."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    stat = Path(f"/proc/{backend}/stat").read_text()
    return int(stat[stat.rfind(")") + 2 :].split()[1])


def table_rows() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN "
            "('tickets_ticket', 'tickets_ticketmessage', 'sla_slaclock', 'customers_customer')"
        )
        return {str(name): int(rows) for name, rows in cursor.fetchall()}


def rotation_script(folder: Path, paths: Sequence[str]) -> Path:
    """A wrk script that asks for ``paths`` in turn (each connection from its own start)."""
    listed = ",\n".join(json.dumps(path) for path in paths)
    script = folder / "rotate.lua"
    script.write_text(
        f"paths = {{\n{listed}\n}}\n"
        "counter = 0\n"
        "setup = function(thread) thread:set('offset', math.random(#paths)) end\n"
        "init = function(args) counter = offset or 0 end\n"
        "request = function()\n"
        "  counter = counter % #paths + 1\n"
        "  return wrk.format('GET', paths[counter])\n"
        "end\n",
        encoding="utf-8",
    )
    return script


@dataclass(frozen=True)
class CpuMeter:
    """The CPU time of the server's processes and of the database cluster's, read from
    ``/proc`` (both run on this machine), so a run can say what one request cost each of
    them: a figure the other loads of a shared machine disturb much less than the rate."""

    server_pid: int
    postmaster_pid: int

    def sample(self) -> tuple[dict[int, int], dict[int, int]]:
        ticks, children = _process_table()
        return (
            _tree_ticks(self.server_pid, ticks, children),
            _tree_ticks(self.postmaster_pid, ticks, children),
        )


def _process_table() -> tuple[dict[int, int], dict[int, list[int]]]:
    """CPU clock ticks (user + system) of every process, and each process's children."""
    ticks: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # the command name may hold spaces
        pid = int(entry.name)
        ticks[pid] = int(fields[11]) + int(fields[12])
        children.setdefault(int(fields[1]), []).append(pid)
    return ticks, children


def _tree_ticks(root: int, ticks: dict[int, int], children: dict[int, list[int]]) -> dict[int, int]:
    found: dict[int, int] = {}
    waiting = [root]
    while waiting:
        pid = waiting.pop()
        if pid in ticks:
            found[pid] = ticks[pid]
        waiting.extend(children.get(pid, []))
    return found


def _ms_per_request(before: dict[int, int], after: dict[int, int], requests: int) -> float:
    """CPU per request of the processes alive at both samples (one that ended between
    them takes its time with it, and would count negative)."""
    spent = sum(after[pid] - before[pid] for pid in before.keys() & after.keys())
    return round(spent / os.sysconf("SC_CLK_TCK") * 1000 / max(requests, 1), 3)


def wrk_run(
    wrk: str,
    port: int,
    path: str,
    *,
    connections: int,
    seconds: int,
    cookie: str = "",
    script: Path | None = None,
    meter: CpuMeter | None = None,
) -> dict[str, float | int]:
    threads = min(2, connections)
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(f"http://{ht.HOST}:{port}{path}")
    before = meter.sample() if meter is not None else None
    completed = ht.run_command(command, os.environ, timeout=seconds + 60)
    after = meter.sample() if meter is not None else None
    result: dict[str, float | int] = ht.parse_wrk(completed.stdout).as_dict()
    if result["non_2xx"]:
        log(f"{path}: {result['non_2xx']} error responses")
    if before is not None and after is not None:
        found = re.search(r"(\d+) requests in", completed.stdout)
        requests = int(found.group(1)) if found else 0
        result["server_cpu_ms_per_request"] = _ms_per_request(before[0], after[0], requests)
        result["postgres_cpu_ms_per_request"] = _ms_per_request(before[1], after[1], requests)
    return result


def check_page(port: int, path: str, cookie: str) -> None:
    headers = {"Cookie": cookie} if cookie else {}
    status = ht.http_get(port, path, headers, timeout=30.0)
    if status != 200:
        raise BenchError(f"GET {path} answered {status} before the load run; expected 200.")


def measure(
    port: int,
    wrk: str,
    cookies: dict[str, str],
    paths: list[str],
    args: argparse.Namespace,
    meter: CpuMeter,
) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="cortesia-wrk-"))
    try:
        script = rotation_script(folder, paths)
        for role in USERS:
            check_page(port, "/tickets/", cookies[role])
        check_page(port, paths[0], cookies["agent"])
        many = {"connections": args.connections, "seconds": args.seconds, "meter": meter}
        one = {"connections": 1, "seconds": args.seconds}
        log(f"{args.connections} clients, {args.seconds} s each")
        floor_before = wrk_run(wrk, port, "/healthz", **many)
        inbox_agent = wrk_run(wrk, port, "/tickets/", cookie=cookies["agent"], **many)
        inbox_manager = wrk_run(wrk, port, "/tickets/", cookie=cookies["manager"], **many)
        ticket = wrk_run(wrk, port, paths[0], cookie=cookies["agent"], script=script, **many)
        floor_after = wrk_run(wrk, port, "/healthz", **many)
        log("1 client")
        single = {
            "inbox_agent": wrk_run(wrk, port, "/tickets/", cookie=cookies["agent"], **one),
            "inbox_manager": wrk_run(wrk, port, "/tickets/", cookie=cookies["manager"], **one),
            "inbox_admin": wrk_run(wrk, port, "/tickets/", cookie=cookies["admin"], **one),
            "ticket_page": wrk_run(
                wrk, port, paths[0], cookie=cookies["agent"], script=script, **one
            ),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    floor = (float(floor_before["req_per_s"]) + float(floor_after["req_per_s"])) / 2

    def beside_floor(result: dict[str, float | int]) -> dict[str, float | int]:
        return {**result, "of_floor": round(float(result["req_per_s"]) / floor, 4)}

    return {
        "concurrent": {
            "connections": args.connections,
            "healthz_floor": {"before": floor_before, "after": floor_after, "mean": floor},
            "inbox_agent": beside_floor(inbox_agent),
            "inbox_manager": beside_floor(inbox_manager),
            "ticket_page": beside_floor(ticket),
        },
        "single_client": {
            name: {"p50_ms": r["p50_ms"], "p99_ms": r["p99_ms"], "req_per_s": r["req_per_s"]}
            for name, r in single.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--tickets", type=int, default=200, help="ticket pages to cycle through")
    parser.add_argument(
        "--database-url", help="postgres://… (default: CORTESIA_DATABASE_URL from the environment)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 60 or not 1 <= args.connections <= 64:
        parser.error("--seconds is 1 to 60 and --connections 1 to 64")
    database_url: str = args.database_url or os.environ.get("CORTESIA_DATABASE_URL", "")
    if urlsplit(database_url).scheme not in ("postgres", "postgresql"):
        raise BenchError("This bench runs on PostgreSQL only: set CORTESIA_DATABASE_URL.")
    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    if not Path(wrk).exists():
        raise BenchError("wrk is not installed (Debian: apt-get install wrk).")
    started = time.perf_counter()
    # The server and this process share the data folder, hence the secret key that signs
    # the session cookies made here.
    data_dir = Path(tempfile.mkdtemp(prefix="cortesia-bench-"))
    os.environ["CORTESIA_DATA_DIR"] = str(data_dir)
    server: subprocess.Popen[bytes] | None = None
    try:
        prepare_django(database_url)
        cookies = session_cookies()
        paths = ticket_paths(args.tickets)
        queries = query_counts(cookies, paths[0])
        rows = table_rows()
        port = ht.free_port()
        environment = ht.server_environment(data_dir, port, database_url)
        with (data_dir / "server.log").open("wb") as server_log:
            server = ht.start_server(ht.executable("cortesia"), environment, port, server_log)
            ht.wait_until_ready(server, port)
            time.sleep(2.0)  # let the web processes settle
            meter = CpuMeter(server_pid=server.pid, postmaster_pid=postmaster_pid())
            results = measure(port, wrk, cookies, paths, args, meter)
            ht.stop_server(server)
        errors = sum(
            int(r["non_2xx"])
            for group in (results["concurrent"], results["single_client"])
            for r in group.values()
            if isinstance(r, dict) and "non_2xx" in r
        )
        if errors:
            log("server log:\n" + (data_dir / "server.log").read_text(errors="replace")[-6000:])
    finally:
        if server is not None and server.poll() is None:
            ht.stop_server(server)
        shutil.rmtree(data_dir, ignore_errors=True)
    report = {
        "scenario": "inbox_pages",
        "server": f"cortesia serve --workers {ht.WORKERS}",
        "rows": rows,
        "queries": queries,
        "seconds_per_run": args.seconds,
        "ticket_pages_cycled": len(paths),
        **results,
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(report))
    return 0


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """``timeout`` sends SIGTERM: leave through ``finally`` blocks (the server, folders)."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
