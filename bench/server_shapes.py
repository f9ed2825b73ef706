"""Which web server shape serves Cortesia best on this machine: the numbers behind the default.

The script builds a throwaway instance (``cortesia demo --no-serve`` in a temporary data
folder, a write-scope API token for ``admin``, a signed-in session of ``admin``) and then,
for each server shape in turn, starts the web processes on a free port on 127.0.0.1 with
production settings, measures, stops them and records the resident memory of every process:

* ``gthread`` — ``cortesia serve --threads 4``: gunicorn gthread, 4 threads per process;
* ``sync`` — ``cortesia serve --threads 1``: gunicorn sync workers (one request at a time
  per process);
* ``granian`` — granian's WSGI interface, 4 blocking threads per process (only when granian
  is importable by the Python running this script; skipped otherwise).

Each shape gets one ``cortesia worker`` process beside it, as ``cortesia serve`` starts.

Every shape gets ``--workers`` web processes (default 2, the machine's cores); ``sync`` is
also measured with twice as many, since a process blocked on the database serves nobody.
Against each, ``wrk --latency`` runs for ``--duration`` seconds with ``--clients``
connections (default 4) in turn on:

* ``GET /healthz`` (the trivial view: one ``SELECT 1``, the heartbeat read cached);
* ``GET /`` anonymous (a redirect to the sign-in page: no database at all);
* ``GET /api/v1/me`` with the bearer token (authentication and the rate-limit counter);
* ``GET /tickets/`` with the session cookie (the inbox, a full page);
* ``POST /api/v1/tickets`` creating tickets (a Lua script gives each request its body).

Beside each rate it records the CPU time the web processes (master included) spent per
request during the run (``/proc/<pid>/stat``), which other load on a shared machine changes
far less than the rate. Then the web processes rest ``--rest`` seconds and their RSS and PSS
(``/proc/<pid>``) are read, with those of the task worker. A one-row-commit floor of the
database is measured before each shape. It prints one JSON object; progress goes to stderr.

Use a durable PostgreSQL cluster for numbers that mean something (creation writes)::

    .venv/bin/python -m cortesia.testing.postgres --durable -- \\
        .venv/bin/python bench/server_shapes.py

To include granian, run the script with a Python whose environment has both Cortesia and
granian installed (``uv pip install granian`` into a scratch virtualenv with the project).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_throughput import (  # noqa: E402 - the sibling script, imported not copied
    HOST,
    BenchError,
    database_kind,
    free_port,
    http_get,
    parse_wrk,
    run_command,
    server_environment,
)

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "bench-pass-123"  # noqa: S105 - a throwaway instance's demo login
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0
CREATE_LUA = """
counter = 0
request = function()
  counter = counter + 1
  local body = '{"subject": "Order ' .. counter .. ' has not arrived", "customer": "%(customer)s",'
    .. ' "message": {"author": "customer", "body_text": "Buongiorno, il mio ordine numero '
    .. counter .. ' non e ancora arrivato. Potete verificare, per favore?"}}'
  return wrk.format("POST", "/api/v1/tickets", nil, body)
end
"""


def log(message: str) -> None:
    print(f"[server_shapes] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Shape:
    name: str
    workers: int
    separate_worker: bool

    def command(self, bin_dir: Path, port: int) -> list[str]:
        serve = [str(bin_dir / "cortesia"), "serve", "--port", str(port), "--no-task-worker"]
        serve += ["--workers", str(self.workers)]
        if self.name.startswith("gthread"):
            return [*serve, "--threads", "4"]
        if self.name.startswith("sync"):
            return [*serve, "--threads", "1"]
        if self.name.startswith("granian"):
            return [
                str(bin_dir / "granian"),
                "--interface",
                "wsgi",
                "--host",
                HOST,
                "--port",
                str(port),
                "--workers",
                str(self.workers),
                "--blocking-threads",
                "4",
                "--no-ws",
                "--log-level",
                "warning",
                "cortesia.wsgi:application",
            ]
        raise BenchError(f"Unknown shape {self.name}.")


def proc_memory_mib(pid: int) -> dict[str, float]:
    """RSS and PSS of a process in MiB (PSS counts pages shared with others in part)."""
    values = {"rss_mib": 0.0, "pss_mib": 0.0}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                values["rss_mib"] = round(int(line.split()[1]) / 1024, 1)
            elif line.startswith("Pss:"):
                values["pss_mib"] = round(int(line.split()[1]) / 1024, 1)
    return values


def children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def process_tree(pid: int) -> list[dict[str, Any]]:
    """Every process under ``pid`` (itself included) with its command and memory."""
    rows: list[dict[str, Any]] = []
    pending = [pid]
    while pending:
        current = pending.pop(0)
        try:
            command = Path(f"/proc/{current}/cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        rows.append(
            {"pid": current, "command": command.decode(errors="replace").strip()[:120]}
            | proc_memory_mib(current)
        )
        pending += children(current)
    return rows


def commit_floor(database_url: str | None, seconds: float = 2.0) -> dict[str, float]:
    """One-row INSERT + COMMIT as fast as one connection can: the durable write floor."""
    if not database_url or database_kind(database_url) != "postgresql":
        return {}
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE IF NOT EXISTS bench_floor (id bigserial, at timestamptz)")
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            connection.execute("INSERT INTO bench_floor (at) VALUES (now())")
            count += 1
        elapsed = time.perf_counter() - started
        connection.execute("DROP TABLE bench_floor")
    return {"one_row_commits_per_s": round(count / elapsed, 1)}


def wait_for_healthz(port: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if http_get(port, "/healthz", {}, timeout=2.0) == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"The server was not ready within {READY_TIMEOUT_S:.0f} s.")


def sign_in(port: int, username: str = "admin") -> str:
    """Sign ``username`` in through the form; return the Cookie header of the session."""
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request("GET", "/login/")
        response = connection.getresponse()
        page = response.read().decode()
        csrf_cookie = next(
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie" and value.startswith("cortesia_csrftoken=")
        )
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if match is None:
            raise BenchError("The sign-in page has no CSRF field.")
        body = f"csrfmiddlewaretoken={match.group(1)}&username={username}&password={DEMO_PASSWORD}"
        connection.request(
            "POST",
            "/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": csrf_cookie,
                "Referer": f"http://{HOST}:{port}/login/",
            },
        )
        response = connection.getresponse()
        response.read()
        session = [
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie" and value.startswith("cortesia_session=")
        ]
        if response.status != 302 or not session:
            raise BenchError(f"Signing in answered {response.status} without a session.")
        return f"{session[0]}; {csrf_cookie}"
    finally:
        connection.close()


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time the processes ``pids`` have used so far, in seconds."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


_REQUESTS_RE = re.compile(r"(\d+) requests in")


def wrk(
    url: str,
    *,
    clients: int,
    duration: int,
    headers: Mapping[str, str],
    script: Path | None = None,
    server_pids: Sequence[int] = (),
) -> dict[str, float | int]:
    """One wrk run; with ``server_pids``, also the CPU those processes spent per request."""
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    cpu_before = cpu_seconds(server_pids)
    completed = run_command(command, os.environ, timeout=duration + 60)
    used = cpu_seconds(server_pids) - cpu_before
    result: dict[str, float | int] = parse_wrk(completed.stdout).as_dict()
    requests = _REQUESTS_RE.search(completed.stdout)
    if server_pids and requests and int(requests.group(1)):
        result["server_cpu_us_per_req"] = round(used / int(requests.group(1)) * 1e6, 1)
    return result


@contextlib.contextmanager
def running(
    command: Sequence[str], environment: Mapping[str, str], log_path: Path
) -> Iterator[int]:
    with log_path.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed argument lists, no shell
            list(command),
            cwd=ROOT,
            env=dict(environment),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process.pid
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_TIMEOUT_S)


def prepare(bin_dir: Path, environment: Mapping[str, str]) -> tuple[str, str]:
    """Migrate and load the demo; return a write token for admin and a customer's uid."""
    cortesia = str(bin_dir / "cortesia")
    log("cortesia demo --no-serve")
    run_command(
        [cortesia, "demo", "--no-serve"],
        {**environment, "CORTESIA_DEMO_PASSWORD": DEMO_PASSWORD},
        timeout=900,
    )
    created = run_command(
        [cortesia, "token", "create", "--user", "admin", "--scope", "write"],
        environment,
        timeout=120,
    )
    token = created.stdout.split()[-1]
    if not token.startswith("ctk_"):
        raise BenchError(f"cortesia token create printed no token:\n{created.stdout}")
    uid = run_command(
        [
            cortesia,
            "shell",
            "-c",
            "from cortesia.customers.models import Customer;"
            "print(Customer.objects.filter(language='it').order_by('pk').first().uid)",
        ],
        environment,
        timeout=120,
    ).stdout.strip()
    return token, uid


@dataclass
class Running:
    shape: Shape
    port: int
    server_pid: int
    worker_pid: int | None
    cookie: str = ""


def start_shape(
    shape: Shape,
    *,
    stack: contextlib.ExitStack,
    bin_dir: Path,
    environment: Mapping[str, str],
    token: str,
    folder: Path,
) -> Running:
    port = free_port()
    env = {**environment, "CORTESIA_PORT": str(port)}
    worker_pid = None
    if shape.separate_worker:
        worker_pid = stack.enter_context(
            running([str(bin_dir / "cortesia"), "worker"], env, folder / f"{shape.name}-worker.log")
        )
    server_pid = stack.enter_context(
        running(shape.command(bin_dir, port), env, folder / f"{shape.name}.log")
    )
    wait_for_healthz(port)
    server = Running(shape, port, server_pid, worker_pid, sign_in(port))
    for path, headers, expected in (
        ("/api/v1/me", {"Authorization": f"Bearer {token}"}, 200),
        ("/tickets/", {"Cookie": server.cookie}, 200),
        ("/", {}, 302),
    ):
        status = http_get(port, path, headers, timeout=10)
        if status != expected:
            raise BenchError(f"{shape.name}: GET {path} answered {status}, not {expected}.")
    return server


def targets(
    server: Running, token: str, script: Path
) -> list[tuple[str, str, dict[str, str], Path | None]]:
    bearer = {"Authorization": f"Bearer {token}"}
    return [
        ("healthz", "/healthz", {}, None),
        ("redirect", "/", {}, None),
        ("api_me", "/api/v1/me", bearer, None),
        ("inbox", "/tickets/", {"Cookie": server.cookie}, None),
        ("create", "/api/v1/tickets", {**bearer, "Content-Type": "application/json"}, script),
    ]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def measure(
    shapes: list[Shape],
    *,
    bin_dir: Path,
    environment: Mapping[str, str],
    token: str,
    customer: str,
    args: argparse.Namespace,
    folder: Path,
) -> dict[str, Any]:
    """Start every shape at once, then measure each target on each shape in turn, round
    after round (the order of shapes rotates), so the machine's noise falls on all alike."""
    script = folder / "create.lua"
    script.write_text(CREATE_LUA % {"customer": customer})
    report: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        servers = [
            start_shape(
                shape,
                stack=stack,
                bin_dir=bin_dir,
                environment=environment,
                token=token,
                folder=folder,
            )
            for shape in shapes
        ]
        runs: dict[str, dict[str, list[dict[str, float | int]]]] = {
            server.shape.name: {} for server in servers
        }
        floors = []
        for round_number in range(args.rounds):
            floors.append(commit_floor(args.database_url).get("one_row_commits_per_s", 0.0))
            order = servers[round_number % len(servers) :] + servers[: round_number % len(servers)]
            for index in range(len(targets(servers[0], token, script))):
                for server in order:
                    name, path, headers, lua = targets(server, token, script)[index]
                    log(f"round {round_number + 1}: {server.shape.name} {name}")
                    web = [row["pid"] for row in process_tree(server.server_pid)]
                    runs[server.shape.name].setdefault(name, []).append(
                        wrk(
                            f"http://{HOST}:{server.port}{path}",
                            clients=args.clients,
                            duration=args.duration,
                            headers=headers,
                            script=lua,
                            server_pids=web,
                        )
                    )
        time.sleep(args.rest)
        report["one_row_commits_per_s"] = floors
        for server in servers:
            tree = process_tree(server.server_pid)
            web = [row for row in tree if row["pid"] != server.server_pid] or tree
            shape_runs = runs[server.shape.name]
            summary: dict[str, dict[str, Any]] = {
                name: {
                    "req_per_s_median": round(median([r["req_per_s"] for r in rounds]), 1),
                    "p99_ms_median": round(median([r["p99_ms"] for r in rounds]), 1),
                    "server_cpu_us_per_req_median": round(
                        median([float(r.get("server_cpu_us_per_req", 0.0)) for r in rounds]), 1
                    ),
                    "non_2xx": sum(int(r["non_2xx"]) for r in rounds),
                    "rounds": rounds,
                }
                for name, rounds in shape_runs.items()
            }
            report[server.shape.name] = {
                "workers": server.shape.workers,
                "results": summary,
                "create_vs_healthz": round(
                    summary["create"]["req_per_s_median"] / summary["healthz"]["req_per_s_median"],
                    3,
                ),
                "processes": tree,
                "web_rss_max_mib": max(row["rss_mib"] for row in web),
                "web_pss_max_mib": max(row["pss_mib"] for row in web),
                "task_worker": process_tree(server.worker_pid) if server.worker_pid else None,
            }
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rest", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--shapes",
        default="gthread,sync,sync-double,granian",
        help="comma-separated shapes to measure, in this order",
    )
    parser.add_argument("--database-url", default=os.environ.get("CORTESIA_DATABASE_URL"))
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (Debian: apt-get install wrk).")
    bin_dir = Path(sys.executable).parent
    has_granian = importlib.util.find_spec("granian") is not None
    shapes = []
    for name in args.shapes.split(","):
        if name == "granian" and not has_granian:
            log("granian is not installed beside this Python; skipping it")
            continue
        workers = args.workers * 2 if name.endswith("-double") else args.workers
        shapes.append(Shape(name, workers, separate_worker=True))

    folder = Path(tempfile.mkdtemp(prefix="cortesia-shapes-"))
    try:
        environment = server_environment(folder, 8000, args.database_url)
        environment["CORTESIA_LOG_LEVEL"] = "warning"
        # The load runs far past a token's default 600 requests a minute.
        environment["CORTESIA_API_REQUESTS_PER_MINUTE"] = "1000000"
        token, customer = prepare(bin_dir, environment)
        report: dict[str, Any] = {
            "scenario": "server_shapes",
            "database": database_kind(args.database_url) if args.database_url else "sqlite",
            "clients": args.clients,
            "duration_s": args.duration,
            "cpus": os.cpu_count(),
            "shapes": {},
        }
        report["shapes"] = measure(
            shapes,
            bin_dir=bin_dir,
            environment=environment,
            token=token,
            customer=customer,
            args=args,
            folder=folder,
        )
        print(json.dumps(report))
    except BenchError:
        for log_file in folder.glob("*.log"):
            log(f"{log_file.name}:\n{log_file.read_text(errors='replace')[-3000:]}")
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
