"""Cortesia and django-helpdesk 2.6.1 side by side, on one durable PostgreSQL cluster.

Both systems get a database of their own in the cluster the wrapper starts, the same shape
of data and the same load tool (``wrk`` on 127.0.0.1), and are measured one after the
other within each run, in alternating order (Cortesia first in runs 1, 3, …, the help desk
first in runs 2, 4, …), ``--runs`` times. Every server is started for its turn and stopped
after it, so only one system runs at a time.

Setup (skipped when already done):

* the peer's virtualenv (``--peer-venv``, outside the repository), created with
  ``python3 -m venv`` and ``pip install --no-deps -r bench/side_by_side/peer-requirements.txt``
  (django-helpdesk 2.6.1, Django, django-rest-framework, gunicorn, psycopg, pinned);
* a minimal Django project for the peer in ``--scratch`` (``sbs_peer``: the settings, URLs
  and WSGI templates of ``bench/side_by_side/``): DEBUG off, so Django's cached template
  loader, sessions in the database, the REST API on, mails written as files; migrated with
  the peer's own ``migrate``;
* seeding at ``--tickets`` each, only when the database does not already hold a finished
  seeding of that size (a ``COMMENT ON DATABASE`` marks one; a database without it is
  dropped and seeded again):

  - Cortesia: ``bench/tickets_scale.py``'s seeding, imported (``--customers`` customers, the
    demo teams, agents and SLA policies, tickets with three messages each on average,
    about 10 % of them unsolved), ``VACUUM (ANALYZE)``;
  - the help desk: its migrations, six queues named after Cortesia's teams, the twelve demo
    agents as staff users (plus ``admin``), then tickets and 1–5 follow-ups each with
    ``COPY`` into ``helpdesk_ticket`` and ``helpdesk_followup``, submitted by
    ``--customers`` distinct addresses, with the same age-dependent statuses (about 10 %
    open), ``VACUUM (ANALYZE)``.

Measurements, per system and run, in this order after a warm-up of every page and once
the server's processes are idle (less than 5 % of a core over a second, at most 30 s:
a task worker runs its first periodic scans when it starts), creation
last since it writes (``wrk -t2 -c4 -d<duration>s --latency`` is "4 clients", ``-t1 -c1``
is "1 client"; the Lua script ``rotate.lua`` rotates paths, bodies and tokens):

* trivial view, 4 clients: the same work on both, an anonymous request for a staff page
  that answers with a redirect to the sign-in page and asks the database nothing
  (Cortesia ``GET /``, the help desk ``GET /helpdesk/dashboard/``). This is each server's
  floor;
* agent list page, 4 clients: ``GET /tickets/`` signed in as the agent ``marco`` through
  the login form (no second factor in this setup) / ``GET /helpdesk/tickets/`` signed in
  as the staff user ``marco``;
* ticket page, 4 clients and 1 client: a rotating set of 200 tickets (of marco's team for
  Cortesia, any for the help desk);
* an agent seeing list rows, 1 client (Python, keep-alive, sequential): Cortesia's list page
  holds its rows; the help desk's page loads them from its DataTables JSON endpoint, so a
  sample is the page plus that request, as a browser does it;
* REST list, first page, 1 client (Python): ``GET /api/v1/tickets`` with a read token /
  ``GET /helpdesk/api/tickets/`` with the staff session. The help desk's list reads every
  ticket on each request; when one request takes longer than 2 s the samples are capped
  (``--slow-samples``, default 1: the help desk's takes minutes at 100,000 tickets) and the
  JSON says so;
* API ticket creation, 4 clients: ``POST /api/v1/tickets`` with write tokens of ``admin``
  (rotated over 60 tokens: one token may make 600 requests a minute) / ``POST
  /helpdesk/api/tickets/`` with the staff session and its CSRF token (django-rest-framework's
  default session authentication; basic authentication would hash the password on every
  request), after an unmeasured third of the duration. Tickets actually created are counted
  in the database and compared with the 2xx responses;
* RSS at rest (VmRSS from ``/proc``) of every process of each server's tree, after the
  load and, for Cortesia, after its task queue drained: the largest web worker (a
  process without children that is not a task worker) and every process with its
  command line; the largest web worker also before the REST list (the help desk's list
  loads every ticket and its worker keeps the memory);
* a one-row commit floor of the cluster (INSERT + COMMIT in a loop, psycopg) per run.

Each run starts with ``VACUUM (ANALYZE)`` of both databases, as autovacuum would have done
in production: the previous run's creations and the task worker's updates leave most
heap pages of the tickets table not all-visible, which makes index-only counts read the
heap (about 4× slower on Cortesia's inbox counts).

Servers: ``cortesia serve --workers N --host 127.0.0.1 --port P`` (``--workers``, default 2)
with production settings (DEBUG off, a secret key, allowed hosts) and the help desk under
gunicorn with ``--peer-workers`` (default 2) sync workers; its worker timeout is raised to
300 s so its slow REST list answers instead of being killed.

It prints one JSON object to stdout: per operation and run both values and the ratio
(Cortesia ÷ peer for rates; peer ÷ Cortesia, "times faster", for latencies; Cortesia ÷ peer
for memory), the median ratio over the runs, the floors, and the goals evaluated. A
Markdown table of the medians goes to stderr with the progress.

From the project folder, on a durable cluster kept for later runs (the seeded databases are
reused)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/sbs -- \\
        .venv/bin/python bench/side_by_side.py --tickets 100000 --runs 3 --duration 10

A first run seeds for a few minutes (about one at 100,000 tickets); each run takes about
five minutes at ``--duration 10``, two of them for the help desk's REST list.
``--time-limit`` (default 3600 s) bounds the whole script; every subprocess has its own
limit and the servers are stopped however the run ends.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SUPPORT = BENCH_DIR / "side_by_side"
HOST = "127.0.0.1"
PEER_NAME = "django-helpdesk 2.6.1"
CORTESIA_DB = "sbs_cortesia"
PEER_DB = "sbs_helpdesk"
PASSWORD = "bench-pass-123"  # noqa: S105 - the throwaway instances' staff password
AGENT = "marco"  # the agent whose pages are measured, in both systems
SEED = 20261205
WRITE_TOKENS = 60  # 600 requests per token and minute: room for 36,000 creations a minute
READ_TOKENS = 4
TICKET_SAMPLE = 200
CREATION_BODIES = 2000
SLOW_REQUEST_S = 2.0
FOUR = ("-t2", "-c4")
ONE = ("-t1", "-c1")
STOP_TIMEOUT_S = 15.0
SETTLE_LIMIT_S = 30.0
READY_TIMEOUT_S = 120.0
PIP_TIMEOUT_S = 900.0
MIGRATE_TIMEOUT_S = 900.0
SPAN = timedelta(days=2 * 365)
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
DATATABLES_URL = re.compile(rb"(/helpdesk/datatables_ticket_list/[A-Za-z0-9+/=_-]*)")
TICKET_LINK = re.compile(rb"/tickets/([0-9a-f-]{36})/")
HTML_TAG = re.compile(r"<[^>]+>")
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_LATENCY = r"^\s*{percent}%\s+([0-9.]+)(us|ms|s|m|h)\s*$"
_RATE = re.compile(r"^Requests/sec:\s+([0-9.]+)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ([0-9.]+)(us|ms|s|m|h)", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$", re.MULTILINE)
_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", re.MULTILINE
)

# The help desk's statuses (helpdesk.settings): Cortesia's unsolved ones are all "Open".
PEER_OPEN, PEER_RESOLVED, PEER_CLOSED = 1, 3, 4
PEER_STATUS = {
    "new": PEER_OPEN,
    "open": PEER_OPEN,
    "pending": PEER_OPEN,
    "on_hold": PEER_OPEN,
    "solved": PEER_RESOLVED,
    "closed": PEER_CLOSED,
}
PEER_PRIORITY = {"urgent": 1, "high": 2, "normal": 3, "low": 4}


class BenchError(RuntimeError):
    """A step failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[side_by_side] {message}", file=sys.stderr, flush=True)


def bench_module(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench/{name}.py is missing.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


ts: Any = bench_module("tickets_scale")
cs: Any = ts.cs
ht: Any = ts.ht
ts.log = cs.log = ht.log = log  # the imported helpers report under this script's name


# --- Processes and the cluster ---------------------------------------------------------------


def run(
    command: Sequence[str],
    *,
    timeout: float,
    env: Mapping[str, str] | None = None,
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` to its end within ``timeout`` seconds; raise with its output if it fails."""
    try:
        completed = subprocess.run(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{' '.join(command)} took longer than {timeout:.0f} s.") from error
    if completed.returncode != 0:
        raise BenchError(
            f"{' '.join(command)} exited with {completed.returncode}:\n"
            f"{completed.stdout[-3000:]}{completed.stderr[-5000:]}"
        )
    return completed


def database_url(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[Any]:
    return psycopg.connect(url, autocommit=autocommit, connect_timeout=10)


def scalar(url: str, query: str, params: Sequence[object] = ()) -> Any:
    with connect(url, autocommit=True) as connection:
        row = connection.execute(query.encode(), params).fetchone()
    return row[0] if row else None


def prepare_database(admin_url: str, name: str, marker: str) -> bool:
    """Create database ``name`` unless it holds a finished seeding ``marker``; True if seeded.

    A database without the marker (an interrupted or other-sized seeding) is dropped and
    created again."""
    with connect(admin_url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if row is not None and row[0] == marker:
            return True
        if row is not None:
            log(f"database {name} holds no finished seeding of this size ({row[0]!r}): recreating")
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return False


def settled_count(url: str, query: str, limit_s: float = 20.0) -> int:
    """``query``'s count once two reads a second apart agree: requests still queued when
    wrk stopped (sync workers keep them in the listen backlog) are committed by then."""
    ends = time.monotonic() + limit_s
    last = int(scalar(url, query))
    while time.monotonic() < ends:
        time.sleep(1.0)
        now = int(scalar(url, query))
        if now == last:
            break
        last = now
    return last


def mark_seeded(admin_url: str, name: str, marker: str) -> None:
    with connect(admin_url, autocommit=True) as connection:
        connection.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(name), sql.Literal(marker)
            )
        )


def commit_floor(admin_url: str, seconds: float = 3.0) -> dict[str, float | int]:
    """One-row INSERT + COMMIT in a loop on the cluster: its durable commit rate."""
    latencies: list[float] = []
    with connect(admin_url) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS sbs_commit_floor"
            " (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())"
        )
        connection.commit()
        ends = time.perf_counter() + seconds
        while time.perf_counter() < ends:
            began = time.perf_counter()
            connection.execute("INSERT INTO sbs_commit_floor DEFAULT VALUES")
            connection.commit()
            latencies.append((time.perf_counter() - began) * 1000.0)
        connection.execute("TRUNCATE sbs_commit_floor")
        connection.commit()
    return {
        "commits_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 3),
        "commits": len(latencies),
    }


def process_tree(root: int) -> list[dict[str, Any]]:
    """Every process under ``root`` (included): pid, parent, VmRSS and command line."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    members = [root]
    for pid in members:
        members.extend(sorted(child for child, parent in parents.items() if parent == pid))
    tree: list[dict[str, Any]] = []
    for pid in members:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        has_children = any(parent == pid for parent in parents.values())
        command = cmdline.decode(errors="replace").strip()
        words = command.split()
        if pid == root or has_children:
            role = "master"
        elif ("worker" in words or "rqworker" in words) and "serve" not in words:
            role = "task worker"
        else:
            role = "web worker"
        tree.append(
            {
                "pid": pid,
                "ppid": parents.get(pid),
                "role": role,
                "rss_mib": round(int(match.group(1)) / 1024, 1) if match else None,
                "cmdline": command[:300],
            }
        )
    return tree


def tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) used so far by every process under ``root``."""
    total = 0
    for process in process_tree(root):
        try:
            fields = Path(f"/proc/{process['pid']}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def settle(root: int, *, idle_share: float = 0.05, limit_s: float = SETTLE_LIMIT_S) -> float:
    """Wait until the server's processes use less than ``idle_share`` of one core over a
    second (a server just started may still be running start-up jobs, such as a task
    worker's first periodic scans), at most ``limit_s``; return the seconds waited."""
    began = time.perf_counter()
    last = tree_cpu_s(root)
    while time.perf_counter() - began < limit_s:
        time.sleep(1.0)
        now = tree_cpu_s(root)
        if now - last < idle_share:
            break
        last = now
    return round(time.perf_counter() - began, 1)


def largest_web_worker(tree: Sequence[Mapping[str, Any]]) -> float | None:
    sizes = [p["rss_mib"] for p in tree if p["role"] == "web worker" and p["rss_mib"] is not None]
    return max(sizes, default=None)


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, then SIGKILL after the grace period."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        log(f"server {server.pid} did not stop within {STOP_TIMEOUT_S:.0f} s; killing it")
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=STOP_TIMEOUT_S)
    with suppress(ProcessLookupError, PermissionError):  # children that outlived it
        os.killpg(server.pid, signal.SIGKILL)


@contextmanager
def serving(
    command: Sequence[str], env: Mapping[str, str], cwd: Path, log_path: Path, port: int, ready: str
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``command`` in a process group of its own; wait for ``ready``; stop it on exit."""
    with log_path.open("ab") as server_log:
        server_log.write(f"\n=== {' '.join(command)}\n".encode())
        server_log.flush()
        server = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + READY_TIMEOUT_S
            problem = "no answer yet"
            while True:
                if server.poll() is not None:
                    raise BenchError(
                        f"{command[0]} exited with {server.returncode} before it was ready:\n"
                        + log_path.read_text(errors="replace")[-4000:]
                    )
                try:
                    status, _body, _headers = request(port, "GET", ready, timeout=5.0)
                except OSError as error:
                    problem = str(error)
                else:
                    if status < 400:
                        break
                    problem = f"{ready} answered {status}"
                if time.monotonic() > deadline:
                    raise BenchError(
                        f"{command[0]} was not ready within {READY_TIMEOUT_S:.0f} s ({problem})."
                    )
                time.sleep(0.25)
            yield server
        finally:
            stop(server)


# --- HTTP --------------------------------------------------------------------------------------


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: Mapping[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 60.0,
    connection: http.client.HTTPConnection | None = None,
) -> tuple[int, bytes, http.client.HTTPMessage]:
    own = connection is None
    conn = connection or http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        response = conn.getresponse()
        content = response.read()
        return response.status, content, response.msg
    finally:
        if own:
            conn.close()


def cookies_of(message: http.client.HTTPMessage, jar: dict[str, str]) -> dict[str, str]:
    for header in message.get_all("Set-Cookie") or []:
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        for name, morsel in parsed.items():
            jar[name] = morsel.value
    return jar


def cookie_header(jar: Mapping[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


def sign_in(port: int, login_path: str, username: str, password: str) -> dict[str, str]:
    """Sign in through the login form like a browser; return the cookies (session, CSRF)."""
    status, body, message = request(port, "GET", login_path)
    if status != 200:
        raise BenchError(f"GET {login_path} answered {status}.")
    jar = cookies_of(message, {})
    token = CSRF_INPUT.search(body)
    if token is None:
        raise BenchError(f"{login_path} has no CSRF field.")
    form = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1).decode(),
            "username": username,
            "password": password,
        }
    ).encode()
    status, body, message = request(
        port,
        "POST",
        login_path,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie_header(jar),
            "Referer": f"http://{HOST}:{port}{login_path}",
        },
        body=form,
    )
    if status != 302:
        raise BenchError(f"signing in {username} at {login_path} answered {status}: {body[:300]!r}")
    return cookies_of(message, jar)


def expect(port: int, path: str, headers: Mapping[str, str], status: int = 200) -> bytes:
    answered, body, _message = request(port, "GET", path, headers=headers, timeout=300.0)
    if answered != status:
        raise BenchError(f"GET {path} answered {answered}; expected {status}: {body[:300]!r}")
    return body


# --- wrk -----------------------------------------------------------------------------------------


def duration_ms(output: str, percent: int) -> float | None:
    match = re.search(_LATENCY.format(percent=percent), output, re.MULTILINE)
    return round(float(match.group(1)) * _UNIT_MS[match.group(2)], 3) if match else None


def wrk(
    clients: Sequence[str],
    port: int,
    path: str,
    seconds: int,
    *,
    headers: Mapping[str, str] | None = None,
    script_args: Sequence[str] = (),
) -> dict[str, Any]:
    """One ``wrk --latency`` run; with ``script_args`` the Lua script rotates requests."""
    command = ["wrk", *clients, f"-d{seconds}s", "--latency", "--timeout", "120s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script_args:
        command += ["-s", str(SUPPORT / "rotate.lua")]
    command.append(f"http://{HOST}:{port}{path}")
    if script_args:
        command += ["--", *script_args]
    output = run(command, timeout=seconds + 180).stdout
    rate = _RATE.search(output)
    total = _TOTAL.search(output)
    if rate is None or total is None:
        raise BenchError(f"wrk printed no rate:\n{output}")
    non_2xx = _NON_2XX.search(output)
    errors = _SOCKET_ERRORS.search(output)
    result: dict[str, Any] = {
        "req_per_s": round(float(rate.group(1)), 1),
        "requests": int(total.group(1)),
        "p50_ms": duration_ms(output, 50),
        "p99_ms": duration_ms(output, 99),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
    }
    if errors:
        result["socket_errors"] = {
            kind: int(errors.group(index))
            for index, kind in enumerate(("connect", "read", "write", "timeout"), start=1)
        }
    return result


def sequence_series(
    port: int,
    steps: Sequence[tuple[str, Callable[[], Mapping[str, str]]]],
    seconds: float,
    *,
    slow_samples: int,
    check: Callable[[int, bytes], None] | None = None,
) -> dict[str, Any]:
    """One client, sequential: each sample is ``steps`` one after the other, timed together.

    Runs for ``seconds`` after two untimed samples; when one sample takes longer than
    ``SLOW_REQUEST_S`` the warm-up is skipped and only ``slow_samples`` are taken."""
    connection = http.client.HTTPConnection(HOST, port, timeout=600.0)
    samples: list[float] = []
    warm = 2
    capped = False
    try:
        ends = time.perf_counter() + seconds
        while True:
            began = time.perf_counter()
            for step, (path, headers) in enumerate(steps):
                status, body, _message = request(
                    port, "GET", path, headers=headers(), connection=connection
                )
                if status != 200:
                    raise BenchError(f"GET {path} answered {status}: {body[:300]!r}")
                if check is not None:
                    check(step, body)
            elapsed = (time.perf_counter() - began) * 1000.0
            if elapsed > SLOW_REQUEST_S * 1000.0:
                capped = True
                warm = 0
            if warm:
                warm -= 1
                ends = time.perf_counter() + seconds
                continue
            samples.append(elapsed)
            if capped and len(samples) >= slow_samples:
                break
            if not capped and time.perf_counter() >= ends:
                break
    finally:
        connection.close()
    ordered = sorted(samples)
    result: dict[str, Any] = {
        "samples": len(samples),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
    }
    if capped:
        result["capped"] = (
            f"a request took over {SLOW_REQUEST_S:.0f} s: {len(samples)} timed samples, no warm-up"
        )
    return result


# --- The peer's virtualenv and project --------------------------------------------------------


def peer_venv(folder: Path) -> Path:
    """The peer's virtualenv, created from the pinned requirements when missing."""
    python = folder / "bin" / "python"
    requirements = SUPPORT / "peer-requirements.txt"
    stamp = folder / "sbs-requirements.txt"
    if python.exists() and stamp.exists() and stamp.read_text() == requirements.read_text():
        return folder
    log(f"creating the peer's virtualenv in {folder} from {requirements.name}")
    run(["python3", "-m", "venv", "--clear", str(folder)], timeout=300)
    try:
        run(
            [str(python), "-m", "pip", "install", "--no-deps", "-r", str(requirements)],
            timeout=PIP_TIMEOUT_S,
        )
    except BenchError as error:
        raise BenchError(
            f"pip could not install {PEER_NAME} from PyPI into {folder} (is PyPI reachable?): "
            f"{error}"
        ) from error
    shutil.copyfile(requirements, stamp)
    return folder


def peer_project(scratch: Path) -> Path:
    """Write the peer's Django project (``sbs_peer``) into ``scratch/peer``."""
    project = scratch / "peer"
    package = project / "sbs_peer"
    package.mkdir(parents=True, exist_ok=True)
    (project / "mail").mkdir(exist_ok=True)
    (package / "__init__.py").write_text("")
    for name in ("settings", "urls", "wsgi", "setup"):
        shutil.copyfile(SUPPORT / f"peer_{name}.py.tmpl", package / f"{name}.py")
    return project


def peer_environment(project: Path, url: str, secret: str) -> dict[str, str]:
    parts = urlsplit(url)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORTESIA_")}
    environment.update(
        {
            "PYTHONPATH": str(project),
            "DJANGO_SETTINGS_MODULE": "sbs_peer.settings",
            "PEER_SECRET_KEY": secret,
            "PEER_DB_NAME": parts.path.lstrip("/"),
            "PEER_DB_USER": parts.username or "",
            "PEER_DB_PASSWORD": parts.password or "",
            "PEER_DB_HOST": parts.hostname or HOST,
            "PEER_DB_PORT": str(parts.port or 5432),
            "PEER_MAIL_DIR": str(project / "mail"),
        }
    )
    return environment


# --- Seeding -------------------------------------------------------------------------------------


def seed_cortesia(args: argparse.Namespace, deadline: Any) -> dict[str, Any]:
    """tickets_scale's seeding (customers, demo teams and agents, tickets, messages, clocks)."""
    from cortesia.demo.dataset import load_demo

    now = datetime.now(UTC)
    began = time.perf_counter()
    log(f"Cortesia: {args.customers:,} customers")
    cs.seed(
        customers=args.customers,
        orders=0,
        chunk=20_000,
        seed_value=SEED,
        now=now,
        deadline=deadline,
    )
    log("Cortesia: demo teams, agents and SLA policies")
    load_demo(password=PASSWORD)
    seeded = ts.seed_tickets(
        tickets=args.tickets,
        messages=3 * args.tickets,
        customers=args.customers,
        chunk=10_000,
        seed_value=SEED,
        now=now,
        backlog=timedelta(hours=6),
        closed_clocks=False,
        deadline=deadline,
    )
    return {
        "seconds": round(time.perf_counter() - began, 1),
        "tickets": seeded.tickets,
        "messages": seeded.messages,
        "statuses": seeded.statuses,
    }


def peer_text(markup: str, order: str) -> str:
    return HTML_TAG.sub(" ", markup.replace("{order}", order)).strip()


def seed_peer(url: str, setup: Mapping[str, Any], tickets: int, customers: int) -> dict[str, Any]:
    """Tickets and follow-ups with COPY into the help desk's own tables, then VACUUM ANALYZE."""
    rng = random.Random(SEED)
    now = datetime.now(UTC)
    start = now - SPAN
    queue_ids = sorted(setup["queues"].values())
    agents_of: dict[int, list[int]] = {queue: [] for queue in queue_ids}
    for agent in setup["agents"].values():
        agents_of[setup["queues"][agent["queue"]]].append(agent["id"])
    languages = list(ts.TEXTS)
    began = time.perf_counter()
    statuses: dict[str, int] = {}
    followups = 0
    ticket_columns = (
        "id, title, created, modified, submitter_email, status, on_hold, description,"
        " resolution, priority, due_date, assigned_to_id, queue_id, secret_key"
    )
    followup_columns = "date, title, comment, public, new_status, ticket_id, user_id, message_id"
    with connect(url) as connection:
        first_id = int(
            connection.execute("SELECT coalesce(max(id), 0) + 1 FROM helpdesk_ticket").fetchone()[0]  # type: ignore[index]
        )
        chunk = 10_000
        for first in range(0, tickets, chunk):
            ticket_rows: list[tuple[object, ...]] = []
            followup_rows: list[tuple[object, ...]] = []
            for index in range(first, min(first + chunk, tickets)):
                ticket_id = first_id + index
                created = start + timedelta(
                    seconds=(index + rng.random()) * SPAN.total_seconds() / tickets
                )
                customer = rng.randrange(customers)
                texts = ts.TEXTS[languages[customer % len(languages)]]
                queue = queue_ids[customer % len(queue_ids)]
                order = f"W{rng.randrange(1, 10**9):09d}"
                kind = ts.pick_status(rng, now - created)
                statuses[kind] = statuses.get(kind, 0) + 1
                status = PEER_STATUS[kind]
                team: list[int | None] = [*agents_of[queue]] or [None]
                assignee = None if kind == "new" and rng.random() < 0.5 else rng.choice(team)
                at = created
                count = rng.randint(1, 5)
                for position in range(count):
                    if position:
                        at = ts.later(rng, at, 300, 36 * 3600, now)
                    agent_turn = position % 2 == 1
                    last = position == count - 1
                    followup_rows.append(
                        (
                            at,
                            "Ticket Opened" if position == 0 else "Comment",
                            peer_text(
                                texts.question if position == 0
                                else texts.answer if agent_turn else texts.follow_up,
                                order,
                            ),
                            True,
                            status if last and status != PEER_OPEN else None,
                            ticket_id,
                            (assignee or team[0]) if agent_turn else None,
                            f"<{uuid.UUID(int=rng.getrandbits(128), version=4)}@example.com>",
                        )
                    )  # fmt: skip
                followups += count
                ticket_rows.append(
                    (
                        ticket_id,
                        texts.subjects[rng.randrange(len(texts.subjects))].replace(
                            "{order}", order
                        ),
                        created,
                        at,
                        f"customer{customer:06d}@example.com",
                        status,
                        kind == "on_hold",
                        peer_text(texts.question, order),
                        peer_text(texts.answer, order) if status != PEER_OPEN else "",
                        PEER_PRIORITY[ts.PRIORITIES[rng.randrange(len(ts.PRIORITIES))]],
                        None,
                        assignee,
                        queue,
                        str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    )
                )
            with connection.cursor() as cursor:
                for table, columns, rows in (
                    ("helpdesk_ticket", ticket_columns, ticket_rows),
                    ("helpdesk_followup", followup_columns, followup_rows),
                ):
                    statement = f"COPY {table} ({columns}) FROM STDIN".encode()
                    with cursor.copy(statement) as copy:
                        for row in rows:
                            copy.write_row(row)
            connection.commit()
            done = min(first + chunk, tickets)
            if done % (chunk * 5) == 0 or done == tickets:
                log(f"  help desk: {done:,} tickets ({time.perf_counter() - began:.0f} s)")
        for table in ("helpdesk_ticket", "helpdesk_followup"):
            connection.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'id'),"
                    " (SELECT coalesce(max(id), 0) + 1 FROM {}), false)"
                ).format(sql.Literal(table), sql.Identifier(table))
            )
        connection.commit()
    return {
        "seconds": round(time.perf_counter() - began, 1),
        "tickets": tickets,
        "followups": followups,
        "statuses": statuses,
    }


def vacuum_analyze(url: str) -> float:
    began = time.perf_counter()
    with connect(url, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
    return round(time.perf_counter() - began, 1)


# --- The two systems ----------------------------------------------------------------------------


@dataclass
class System:
    """What the measurements need to know of one system."""

    key: str  # "cortesia" or "peer"
    name: str
    db_url: str
    command: Callable[[int], list[str]]
    environment: dict[str, str]
    cwd: Path
    ready_path: str
    login_path: str
    trivial_path: str
    list_path: str
    rest_path: str
    create_path: str
    ticket_paths: Path  # one path per line
    create_bodies: Path  # one JSON body per line
    count_sql: str
    server: str
    trivial_note: str
    auth_note: str
    rest_headers: list[dict[str, str]] = field(default_factory=list)
    token_headers: Path | None = None  # Cortesia: one Authorization header per line
    extra: dict[str, Any] = field(default_factory=dict)


def write_lines(path: Path, lines: Sequence[str]) -> Path:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def cortesia_system(args: argparse.Namespace, url: str, scratch: Path) -> System:
    """Tokens, creation bodies and ticket paths from the seeded database (in process)."""
    from cortesia.accounts.models import TokenScope, User
    from cortesia.accounts.services import token_create
    from cortesia.core.actor import Actor
    from cortesia.tickets.models import Ticket

    actor = Actor.system()
    admin = User.objects.get(username="admin")
    agent = User.objects.get(username=AGENT)
    write = [
        token_create(user=admin, scope=TokenScope.WRITE, actor=actor, name="side-by-side").raw
        for _ in range(WRITE_TOKENS)
    ]
    read = [
        token_create(user=admin, scope=TokenScope.READ, actor=actor, name="side-by-side").raw
        for _ in range(READ_TOKENS)
    ]
    team_ids = list(agent.teams.values_list("pk", flat=True))
    uids = list(
        Ticket.objects.filter(team_id__in=team_ids)
        .order_by("?")
        .values_list("uid", flat=True)[:TICKET_SAMPLE]
    )
    folder = scratch / "cortesia"
    folder.mkdir(parents=True, exist_ok=True)
    bodies = [body.decode() for body in ts.creation_payloads(args.customers, SEED)]
    data_dir = folder / "data"
    data_dir.mkdir(exist_ok=True)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORTESIA_")}
    environment.update(
        {
            "CORTESIA_DATABASE_URL": url,
            "CORTESIA_DATA_DIR": str(data_dir),
            "CORTESIA_SECRET_KEY": secrets.token_urlsafe(48),
            "CORTESIA_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CORTESIA_DEBUG": "false",
            "CORTESIA_LOG_LEVEL": "warning",
            "DJANGO_SETTINGS_MODULE": "cortesia.settings",
        }
    )
    cortesia = ht.executable("cortesia")
    workers = args.workers
    from django.db import connections

    connections.close_all()  # the bench holds no connection while the servers run
    return System(
        key="cortesia",
        name="Cortesia",
        db_url=url,
        command=lambda port: [
            cortesia,
            "serve",
            "--workers",
            str(workers),
            "--host",
            HOST,
            "--port",
            str(port),
        ],  # fmt: skip
        environment=environment,
        cwd=ROOT,
        ready_path="/healthz",
        login_path="/login/",
        trivial_path="/",
        list_path="/tickets/",
        rest_path="/api/v1/tickets",
        create_path="/api/v1/tickets",
        ticket_paths=write_lines(folder / "ticket_paths.txt", [f"/tickets/{u}/" for u in uids]),
        create_bodies=write_lines(folder / "bodies.txt", bodies),
        count_sql="SELECT count(*) FROM tickets_ticket",
        server=f"cortesia serve --workers {workers} (its own server shape and task worker)",
        trivial_note="anonymous GET / (a redirect to the sign-in page, no database query)",
        auth_note=(
            f"pages: {AGENT}'s session from the login form; API: bearer tokens of admin "
            f"({WRITE_TOKENS} write tokens rotated for creation, {READ_TOKENS} read tokens "
            "for the list)"
        ),
        rest_headers=[{"Authorization": f"Bearer {token}"} for token in read],
        token_headers=write_lines(
            folder / "tokens.txt", [f"Authorization: Bearer {token}" for token in write]
        ),
    )


def peer_system(
    args: argparse.Namespace, url: str, scratch: Path, project: Path, venv: Path, secret: str
) -> System:
    folder = scratch / "peer-load"
    folder.mkdir(parents=True, exist_ok=True)
    with connect(url, autocommit=True) as connection:
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM helpdesk_ticket ORDER BY random() LIMIT %s", [TICKET_SAMPLE]
            )
        ]
        queues = [row[0] for row in connection.execute("SELECT id FROM helpdesk_queue")]
    rng = random.Random(SEED + 3)
    bodies = []
    languages = list(ts.TEXTS)
    for number in range(CREATION_BODIES):
        texts = ts.TEXTS[languages[number % len(languages)]]
        order = f"W{rng.randrange(1, 10**9):09d}"
        bodies.append(
            json.dumps(
                {
                    "queue": queues[number % len(queues)],
                    "title": texts.subjects[0].replace("{order}", order),
                    "description": peer_text(texts.question, order),
                    "submitter_email": f"customer{rng.randrange(args.customers):06d}@example.com",
                    "priority": 3,
                },
                ensure_ascii=False,
            )
        )
    gunicorn = str(venv / "bin" / "gunicorn")
    workers = args.peer_workers
    return System(
        key="peer",
        name=PEER_NAME,
        db_url=url,
        command=lambda port: [
            gunicorn,
            "sbs_peer.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"{HOST}:{port}",
            "--timeout",
            "300",
            "--graceful-timeout",
            "10",
            "--log-level",
            "warning",
        ],  # fmt: skip
        environment=peer_environment(project, url, secret),
        cwd=project,
        ready_path="/helpdesk/login/",
        login_path="/helpdesk/login/",
        trivial_path="/helpdesk/dashboard/",
        list_path="/helpdesk/tickets/",
        rest_path="/helpdesk/api/tickets/",
        create_path="/helpdesk/api/tickets/",
        ticket_paths=write_lines(
            folder / "ticket_paths.txt", [f"/helpdesk/tickets/{i}/" for i in ids]
        ),
        create_bodies=write_lines(folder / "bodies.txt", bodies),
        count_sql="SELECT count(*) FROM helpdesk_ticket",
        server=f"gunicorn, {workers} sync workers, timeout 300 s",
        trivial_note="anonymous GET /helpdesk/dashboard/ (a redirect to the login page)",
        auth_note=(
            f"pages and API: the staff user {AGENT}'s session from the login form; POST with "
            "its CSRF token (django-rest-framework's session authentication)"
        ),
    )


def drain_cortesia_tasks(seconds: float) -> dict[str, Any]:
    """Wait until Cortesia's database task queue has nothing ready or running (bounded)."""
    from django.db import connections

    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return {"skipped": "no database task queue"}
    began = time.monotonic()
    left = 0
    try:
        while True:
            left = DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()
            if left == 0 or time.monotonic() - began > seconds:
                break
            time.sleep(1.0)
    finally:
        connections.close_all()
    return {"seconds": round(time.monotonic() - began, 1), "tasks_left": left}


def measure(system: System, args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    """Start ``system``, measure every operation, read its memory, stop it."""
    port = ht.free_port()
    seconds = args.duration
    results: dict[str, Any] = {}
    log_path = scratch / f"{system.key}-server.log"
    log(f"{system.name}: starting on port {port}")
    with serving(
        system.command(port), system.environment, system.cwd, log_path, port, system.ready_path
    ) as server:
        jar = sign_in(port, system.login_path, AGENT, PASSWORD)
        session = {"Cookie": cookie_header(jar)}
        ticket_paths = system.ticket_paths.read_text().split()

        # Warm-up: every endpoint once or twice, failing loudly on a wrong answer.
        for _ in range(3):
            expect(port, system.trivial_path, {}, 302)
            expect(port, system.list_path, session)
            for path in ticket_paths[:5]:
                expect(port, path, session)
        rows_steps: list[tuple[str, Callable[[], Mapping[str, str]]]] = [
            (system.list_path, lambda: session)
        ]
        if system.key == "peer":
            page = expect(port, system.list_path, session)
            match = DATATABLES_URL.search(page)
            if match is None:
                raise BenchError("The help desk's list page names no DataTables endpoint.")
            query = urlencode({"draw": 1, "start": 0, "length": 10, "search[value]": ""})
            rows_path = f"{match.group(1).decode()}?{query}"
            rows = json.loads(expect(port, rows_path, session))
            results["rows_shown"] = len(rows.get("data", []))
            results["rows_endpoint"] = rows_path.split("?")[0][:60] + "…"
            rows_steps.append((rows_path, lambda: session))
        else:
            results["rows_shown"] = len(
                set(TICKET_LINK.findall(expect(port, system.list_path, session)))
            )

        results["settled_s"] = settle(server.pid)
        log(f"{system.name}: idle after {results['settled_s']} s; trivial view, 4 clients")
        results["trivial_4c"] = wrk(FOUR, port, system.trivial_path, seconds)
        log(f"{system.name}: agent list page, 4 clients")
        results["list_4c"] = wrk(FOUR, port, system.list_path, seconds, headers=session)
        log(f"{system.name}: ticket page, 4 clients and 1 client")
        rotate = ["GET", str(system.ticket_paths)]
        results["ticket_4c"] = wrk(FOUR, port, "/", seconds, headers=session, script_args=rotate)
        results["ticket_1c"] = wrk(ONE, port, "/", seconds, headers=session, script_args=rotate)
        log(f"{system.name}: an agent seeing list rows, 1 client")
        results["rows_1c"] = sequence_series(
            port, rows_steps, seconds, slow_samples=args.slow_samples
        )
        results["rss_before_rest_list"] = largest_web_worker(process_tree(server.pid))
        log(f"{system.name}: REST list, first page, 1 client")
        rest_headers = system.rest_headers or [session]
        turn = iter(range(10**9))
        results["rest_1c"] = sequence_series(
            port,
            [(system.rest_path, lambda: rest_headers[next(turn) % len(rest_headers)])],
            seconds,
            slow_samples=args.slow_samples,
        )
        log(f"{system.name}: API ticket creation, 4 clients")
        if system.token_headers is not None:
            create_headers = {"Content-Type": "application/json"}
            script = ["POST", str(system.create_bodies), str(system.token_headers)]
        else:
            create_headers = {
                **session,
                "Content-Type": "application/json",
                "X-CSRFToken": jar.get("csrftoken", ""),
                "Referer": f"http://{HOST}:{port}{system.list_path}",
            }
            script = ["POST", str(system.create_bodies)]
        # Warm-up: the first creations load what each web process loads lazily.
        warm_up = wrk(
            FOUR, port, system.create_path, max(2, seconds // 3), headers=create_headers,
            script_args=script,
        )  # fmt: skip
        if not warm_up["requests"] or warm_up["non_2xx_3xx"] == warm_up["requests"]:
            raise BenchError(
                f"{system.name}: no ticket was created during the warm-up ({warm_up}); "
                "server log:\n" + log_path.read_text(errors="replace")[-3000:]
            )
        before = settled_count(system.db_url, system.count_sql)
        created = wrk(
            FOUR, port, system.create_path, seconds, headers=create_headers, script_args=script
        )
        in_db = settled_count(system.db_url, system.count_sql) - before
        ok = created["requests"] - created["non_2xx_3xx"]
        share = ok / created["requests"] if created["requests"] else 0.0
        created["tickets_per_s"] = round(share * created["req_per_s"], 1)
        created["responses_2xx"] = ok
        created["created_in_db"] = in_db
        created["db_minus_2xx"] = in_db - ok
        if 0 < in_db - ok <= 4:
            created["note"] = (
                "wrk stops with up to one request in flight per connection: the server "
                "still commits those tickets, wrk does not count their responses"
            )
        results["create_4c"] = created
        if created["non_2xx_3xx"]:
            log(f"{system.name}: {created['non_2xx_3xx']} creation errors; server log:\n"
                + log_path.read_text(errors="replace")[-3000:])  # fmt: skip
        if system.key == "cortesia":
            results["task_queue_after_load"] = drain_cortesia_tasks(60.0)
        time.sleep(3.0)
        tree = process_tree(server.pid)
        results["rss"] = {"largest_web_worker_mib": largest_web_worker(tree), "processes": tree}
    return results


# --- Report -----------------------------------------------------------------------------------

# (key, label, metric, kind): kind "rate" (higher is better: Cortesia ÷ peer), "latency"
# (lower is better: peer ÷ Cortesia, times faster), "memory" (Cortesia ÷ peer, lower is better).
OPERATIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("create_4c", "API ticket creation, 4 clients", "tickets_per_s", "rate", "tickets/s"),
    ("list_4c", "agent list page, 4 clients", "req_per_s", "rate", "req/s"),
    ("ticket_4c", "ticket page, 4 clients", "req_per_s", "rate", "req/s"),
    ("ticket_1c", "ticket page, 1 client, p50", "p50_ms", "latency", "ms"),
    ("rows_1c", "an agent seeing list rows, 1 client, p50", "p50_ms", "latency", "ms"),
    ("rest_1c", "REST list, first page, 1 client, p50", "p50_ms", "latency", "ms"),
    ("trivial_4c", "trivial view, 4 clients (floor)", "req_per_s", "rate", "req/s"),
    ("rss", "largest web worker RSS at rest after the load", "largest_web_worker_mib",
     "memory", "MiB"),
    ("rss_before_rest_list", "largest web worker RSS before the REST list", "", "memory",
     "MiB"),
)  # fmt: skip


def ratio(cortesia: float | None, peer: float | None, kind: str) -> float | None:
    if not cortesia or not peer:
        return None
    value = peer / cortesia if kind == "latency" else cortesia / peer
    return round(value, 3)


def median_of(values: Sequence[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return round(statistics.median(known), 3) if known else None


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, label, metric, kind, unit in OPERATIONS:
        per_run = []
        for result in runs:
            cortesia = result["cortesia"][key]
            peer = result["peer"][key]
            if metric:
                cortesia, peer = cortesia.get(metric), peer.get(metric)
            per_run.append(
                {"cortesia": cortesia, "peer": peer, "ratio": ratio(cortesia, peer, kind)}
            )
        ratios = [entry["ratio"] for entry in per_run if entry["ratio"] is not None]
        table[key] = {
            "operation": label,
            "unit": unit,
            "ratio_meaning": {
                "rate": "Cortesia ÷ peer (higher is better)",
                "latency": "peer ÷ Cortesia: times faster (higher is better)",
                "memory": "Cortesia ÷ peer (lower is better)",
            }[kind],
            "runs": per_run,
            "median": {
                "cortesia": median_of([entry["cortesia"] for entry in per_run]),
                "peer": median_of([entry["peer"] for entry in per_run]),
                "ratio": median_of(ratios),
            },
        }
    return table


def error_responses(runs: list[dict[str, Any]]) -> list[str]:
    """Every load run that got error answers or socket errors: its numbers are suspect."""
    found = []
    for number_, result in enumerate(runs, start=1):
        for key in ("cortesia", "peer"):
            for operation, values in result[key].items():
                if not isinstance(values, dict):
                    continue
                errors = values.get("non_2xx_3xx", 0)
                sockets = {k: v for k, v in values.get("socket_errors", {}).items() if v}
                if errors or sockets:
                    found.append(
                        f"run {number_}, {key}, {operation}: {errors} error responses"
                        + (f", socket errors {sockets}" if sockets else "")
                    )
    return found


def goals(table: Mapping[str, Any], runs: list[dict[str, Any]]) -> dict[str, Any]:
    creation_share = [
        r["cortesia"]["create_4c"]["tickets_per_s"] / r["cortesia"]["trivial_4c"]["req_per_s"]
        for r in runs
        if r["cortesia"]["trivial_4c"]["req_per_s"]
    ]
    share = round(statistics.median(creation_share), 3) if creation_share else None
    peer_share = [
        r["peer"]["create_4c"]["tickets_per_s"] / r["peer"]["trivial_4c"]["req_per_s"]
        for r in runs
        if r["peer"]["trivial_4c"]["req_per_s"]
    ]
    reads = {key: table[key]["median"]["ratio"] for key in ("list_4c", "ticket_4c", "rest_1c")}
    largest = max(
        (r["cortesia"]["rss"]["largest_web_worker_mib"] or 0.0 for r in runs), default=0.0
    )
    return {
        "creation_at_4_clients_vs_own_trivial_view": {
            "goal": ">= 0.25",
            "cortesia": share,
            "peer": round(statistics.median(peer_share), 3) if peer_share else None,
            "met": share is not None and share >= 0.25,
        },
        "reads_at_least_2x_peer": {
            "goal": "every page and API read >= 2x the peer (REST list measured at 1 client)",
            "ratios": reads,
            "met": all(value is not None and value >= 2.0 for value in reads.values()),
        },
        "trivial_view_at_least_peer": {
            "goal": ">= 1.0",
            "ratio": table["trivial_4c"]["median"]["ratio"],
            "met": (table["trivial_4c"]["median"]["ratio"] or 0.0) >= 1.0,
        },
        "web_worker_rss_at_most_150_mib": {
            "goal": "<= 150 MiB",
            "largest_over_runs_mib": largest,
            "met": 0.0 < largest <= 150.0,
        },
    }


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:,.1f} s"
    text = f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"
    return f"{text} {unit}"


def markdown(table: Mapping[str, Any], floors: Mapping[str, Any]) -> str:
    lines = [
        f"| operation | {PEER_NAME} | Cortesia | ratio |",
        "|---|---|---|---|",
    ]
    for key, label, _metric, kind, unit in OPERATIONS:
        median = table[key]["median"]
        value = median["ratio"]
        if value is None:
            shown = "–"
        elif kind == "latency":
            shown = f"{value:,.1f}× faster" if value >= 1 else f"{value:.2f}× (slower)"
        elif kind == "memory":
            shown = f"{value:.2f}" + (" (worse)" if value > 1 else "")
        else:
            shown = f"{value:.2f}" + (" (worse)" if value < 1 else "")
        lines.append(
            f"| {label} | {number(median['peer'], unit)} | {number(median['cortesia'], unit)}"
            f" | {shown} |"
        )
    lines.append(
        f"| one-row commit on the cluster (floor) | {floors['commits_per_s']:,.0f} commits/s"
        f" | (same cluster) | |"
    )
    return "\n".join(lines)


# --- Main -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=cs.positive, default=100_000)
    parser.add_argument("--customers", type=cs.positive, default=20_000)
    parser.add_argument("--runs", type=cs.positive, default=3)
    parser.add_argument("--duration", type=cs.positive, default=10, help="seconds per wrk run")
    parser.add_argument("--workers", type=cs.positive, default=2, help="cortesia serve --workers")
    parser.add_argument("--peer-workers", type=cs.positive, default=2, help="gunicorn sync workers")
    parser.add_argument("--peer-venv", type=Path, default=Path("/var/tmp/peer-venv"))  # noqa: S108
    parser.add_argument("--scratch", type=Path, default=Path("/var/tmp/sbs-scratch"))  # noqa: S108
    parser.add_argument(
        "--slow-samples", type=cs.positive, default=1, help="samples of a request over 2 s"
    )
    parser.add_argument("--time-limit", type=float, default=3600.0, help="seconds for the run")
    parser.add_argument("--output", type=Path, help="also write the JSON result to this file")
    args = parser.parse_args(argv)
    admin_url = os.environ.get("CORTESIA_DATABASE_URL", "")
    if urlsplit(admin_url).scheme not in ("postgres", "postgresql"):
        raise BenchError(
            "Run it under a durable cluster: .venv/bin/python -m cortesia.testing.postgres "
            "--durable --data /var/tmp/sbs -- .venv/bin/python bench/side_by_side.py"
        )
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk).")
    if (
        scalar(admin_url, "SELECT current_setting('fsync')") != "on"
        or scalar(admin_url, "SELECT current_setting('synchronous_commit')") != "on"
    ):
        raise BenchError("The cluster is not durable (fsync and synchronous_commit must be on).")
    deadline = cs.Deadline(args.time_limit)
    began = time.perf_counter()
    scratch = args.scratch.resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    venv = peer_venv(args.peer_venv.resolve())
    project = peer_project(scratch)
    secret = secrets.token_urlsafe(48)

    # Cortesia: its own database, migrated and seeded in this process.
    marker = f"side_by_side seeded: {args.tickets} tickets, {args.customers} customers"
    cortesia_url = database_url(admin_url, CORTESIA_DB)
    cortesia_seeded = prepare_database(admin_url, CORTESIA_DB, marker)
    os.environ["CORTESIA_DATA_DIR"] = str(scratch / "cortesia" / "data")
    cs.prepare_django(cortesia_url, 1800.0)
    seeding: dict[str, Any] = {}
    if cortesia_seeded:
        log(f"Cortesia: {CORTESIA_DB} is seeded already")
    else:
        seeding["cortesia"] = seed_cortesia(args, deadline)
        seeding["cortesia"]["vacuum_analyze_s"] = vacuum_analyze(cortesia_url)
        mark_seeded(admin_url, CORTESIA_DB, marker)

    # The peer: its own database, migrations, users and queues, then COPY.
    peer_url = database_url(admin_url, PEER_DB)
    peer_seeded = prepare_database(admin_url, PEER_DB, marker)
    environment = peer_environment(project, peer_url, secret)
    python = str(venv / "bin" / "python")
    log(f"{PEER_NAME}: migrate")
    run([python, "-m", "django", "migrate", "--noinput", "-v0"], env=environment,
        cwd=project, timeout=MIGRATE_TIMEOUT_S)  # fmt: skip
    from cortesia.demo.dataset import AGENTS, TEAMS

    slugs = {team.name: f"team-{index}" for index, team in enumerate(TEAMS, start=1)}
    setup_spec = {
        "password": PASSWORD,
        "queues": [[team.name, slugs[team.name]] for team in TEAMS],
        "agents": [
            [a.username, a.first_name, a.last_name, slugs[a.team]]
            for a in AGENTS
            if a.role in ("agent", "manager")
        ],
    }
    setup_run = run(
        [python, "-m", "sbs_peer.setup"],
        env={**environment, "PEER_SETUP": json.dumps(setup_spec)},
        cwd=project,
        timeout=300,
    )
    setup = json.loads(setup_run.stdout.strip().splitlines()[-1])
    if peer_seeded:
        log(f"{PEER_NAME}: {PEER_DB} is seeded already")
    else:
        deadline.check("seeding the help desk")
        log(f"{PEER_NAME}: {args.tickets:,} tickets with COPY")
        seeding["peer"] = seed_peer(peer_url, setup, args.tickets, args.customers)
        seeding["peer"]["vacuum_analyze_s"] = vacuum_analyze(peer_url)
        mark_seeded(admin_url, PEER_DB, marker)

    systems = {
        "cortesia": cortesia_system(args, cortesia_url, scratch),
        "peer": peer_system(args, peer_url, scratch, project, venv, secret),
    }
    sizes = {
        "cortesia": {
            "tickets": scalar(cortesia_url, "SELECT count(*) FROM tickets_ticket"),
            "messages": scalar(cortesia_url, "SELECT count(*) FROM tickets_ticketmessage"),
            "customers": scalar(cortesia_url, "SELECT count(*) FROM customers_customer"),
            "unsolved": scalar(
                cortesia_url,
                "SELECT count(*) FROM tickets_ticket"
                " WHERE status IN ('new', 'open', 'pending', 'on_hold')",
            ),
        },
        "peer": {
            "tickets": scalar(peer_url, "SELECT count(*) FROM helpdesk_ticket"),
            "followups": scalar(peer_url, "SELECT count(*) FROM helpdesk_followup"),
            "submitters": scalar(
                peer_url, "SELECT count(DISTINCT submitter_email) FROM helpdesk_ticket"
            ),
            "open": scalar(peer_url, "SELECT count(*) FROM helpdesk_ticket WHERE status IN (1, 2)"),
            "queues": scalar(peer_url, "SELECT count(*) FROM helpdesk_queue"),
            "staff": scalar(peer_url, "SELECT count(*) FROM auth_user WHERE is_staff"),
        },
    }
    log(f"sizes: {json.dumps(sizes)}")

    runs: list[dict[str, Any]] = []
    measured_began = time.perf_counter()
    for index in range(args.runs):
        order = ("cortesia", "peer") if index % 2 == 0 else ("peer", "cortesia")
        log(f"run {index + 1} of {args.runs}: {' then '.join(order)}")
        result: dict[str, Any] = {"order": list(order)}
        # Both tables as autovacuum keeps them in production: the previous run's creations
        # and the task worker's updates leave most heap pages not all-visible, and counts
        # then read the heap instead of the index alone.
        result["vacuum_analyze_s"] = {
            "cortesia": vacuum_analyze(cortesia_url),
            "peer": vacuum_analyze(peer_url),
        }
        for key in order:
            deadline.check(f"run {index + 1}, {key}")
            result[key] = measure(systems[key], args, scratch)
        result["commit_floor"] = commit_floor(admin_url)
        runs.append(result)
        log(f"run {index + 1}: commit floor {result['commit_floor']['commits_per_s']} commits/s")

    table = summarise(runs)
    floors = {
        "commits_per_s": statistics.median(r["commit_floor"]["commits_per_s"] for r in runs),
        "trivial_view_req_per_s": table["trivial_4c"]["median"],
    }
    report: dict[str, Any] = {
        "scenario": "side_by_side",
        "peer": PEER_NAME,
        "database": {
            "cluster": "one durable PostgreSQL cluster (fsync, synchronous_commit on)",
            "server_version": scalar(admin_url, "SELECT current_setting('server_version')"),
            "databases": {"cortesia": CORTESIA_DB, "peer": PEER_DB},
        },
        "servers": {key: system.server for key, system in systems.items()},
        "trivial_view": {key: system.trivial_note for key, system in systems.items()},
        "authentication": {key: system.auth_note for key, system in systems.items()},
        "load": {
            "four_clients": "wrk -t2 -c4 --latency",
            "one_client": "wrk -t1 -c1 --latency; list rows and REST list: one Python client",
            "duration_s": args.duration,
            "runs": args.runs,
            "order": "alternating: Cortesia first in odd runs, the peer first in even runs",
        },
        "sizes": sizes,
        "seeding": seeding or "reused",
        "table": table,
        "floors": floors,
        "goals": goals(table, runs),
        "errors": error_responses(runs),
        "runs": runs,
        "measuring_seconds": round(time.perf_counter() - measured_began, 1),
        "total_seconds": round(time.perf_counter() - began, 1),
    }
    log("\n" + markdown(table, floors))
    text = json.dumps(report, ensure_ascii=False)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """``timeout`` sends SIGTERM: leave through the ``finally`` blocks (the servers)."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        raise SystemExit(main())
    except (BenchError, cs.BenchError) as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
