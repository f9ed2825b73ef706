"""HTTP throughput of ``cortesia serve`` on 127.0.0.1, measured with ``wrk``.

The script builds a throwaway instance in a temporary data folder (``cortesia demo
--no-serve`` plus a read-scope API token for ``admin``), starts ``cortesia serve --workers 2``
(gunicorn gthread, each web process with its in-process task worker) on a free local port,
and runs ``wrk -t2 -c16 -d10s --latency`` against three endpoints in turn:

* ``GET /healthz`` (no authentication; one ``SELECT 1``),
* ``GET /api/v1/me`` with ``Authorization: Bearer <token>``,
* ``GET /api/v1/teams`` with the same header.

It prints one JSON object to stdout with requests per second, the 50th and 99th percentile
latencies in milliseconds and the count of error responses (wrk's "Non-2xx or 3xx responses"
line) for each endpoint. Progress and diagnostics go to stderr. The server is stopped and the
data folder deleted however the run ends; every step has a time limit.

Run it from the project folder::

    .venv/bin/python bench/http_throughput.py

The database is SQLite in the temporary folder unless ``--database-url postgres://…`` is
given or ``CORTESIA_DATABASE_URL`` is set in the environment. Against a throwaway PostgreSQL
cluster::

    .venv/bin/python -m cortesia.testing.postgres -- .venv/bin/python bench/http_throughput.py

Requires ``wrk`` (Debian: ``apt-get install wrk``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
THREADS = 2
CONNECTIONS = 16
DURATION_S = 10
DEMO_PASSWORD = "bench-pass-123"  # noqa: S105 - a throwaway instance's demo login
READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
SETUP_TIMEOUT_S = 600.0
TARGETS: tuple[tuple[str, str, bool], ...] = (
    # (result name, path, sends the bearer token)
    ("healthz", "/healthz", False),
    ("api_me", "/api/v1/me", True),
    ("api_teams", "/api/v1/teams", True),
)

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_LATENCY_RE = r"^\s*{percent}%\s+([0-9.]+)(us|ms|s|m|h)\s*$"
_RATE_RE = re.compile(r"^Requests/sec:\s+([0-9.]+)\s*$", re.MULTILINE)
_NON_2XX_RE = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$", re.MULTILINE)
_SOCKET_ERRORS_RE = re.compile(r"^\s*Socket errors:.*$", re.MULTILINE)


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which and why."""


@dataclass(frozen=True)
class WrkResult:
    req_per_s: float
    p50_ms: float
    p99_ms: float
    non_2xx: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "req_per_s": self.req_per_s,
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
            "non_2xx": self.non_2xx,
        }


def log(message: str) -> None:
    print(f"[http_throughput] {message}", file=sys.stderr, flush=True)


def executable(name: str) -> str:
    """Return the project virtualenv's ``name`` script, else the one beside this Python."""
    for folder in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    raise BenchError(f"{name} was not found in {ROOT / '.venv' / 'bin'}.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def database_kind(url: str) -> str:
    scheme = urlsplit(url).scheme
    if scheme in ("postgres", "postgresql"):
        return "postgresql"
    if scheme == "sqlite":
        return "sqlite"
    raise BenchError(f"The database URL must start with postgres:// or sqlite://; got {scheme!r}.")


def server_environment(data_dir: Path, port: int, database_url: str | None) -> dict[str, str]:
    """The current environment without ``CORTESIA_*``, plus the benchmark's own settings."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORTESIA_")}
    environment["CORTESIA_DATA_DIR"] = str(data_dir)
    environment["CORTESIA_PORT"] = str(port)
    environment["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
    if database_url:
        environment["CORTESIA_DATABASE_URL"] = database_url
    return environment


def run_command(
    command: Sequence[str], environment: Mapping[str, str], *, timeout: float
) -> subprocess.CompletedProcess[str]:
    try:
        completed = subprocess.run(  # noqa: S603 - fixed argument lists, no shell
            list(command),
            cwd=ROOT,
            env=dict(environment),
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
            f"{completed.stdout[-2000:]}{completed.stderr[-4000:]}"
        )
    return completed


def prepare_instance(cortesia: str, environment: Mapping[str, str]) -> str:
    """Migrate and load the demo data; return a new read-scope token for ``admin``."""
    log("cortesia demo --no-serve (migrate and load the demo data)")
    run_command(
        [cortesia, "demo", "--no-serve"],
        {**environment, "CORTESIA_DEMO_PASSWORD": DEMO_PASSWORD},
        timeout=SETUP_TIMEOUT_S,
    )
    log("cortesia token create --user admin --scope read")
    created = run_command(
        [cortesia, "token", "create", "--user", "admin", "--scope", "read"],
        environment,
        timeout=120,
    )
    lines = [line.strip() for line in created.stdout.splitlines() if line.strip()]
    if not lines or not lines[-1].startswith("ctk_"):
        raise BenchError(f"cortesia token create printed no token:\n{created.stdout}")
    return lines[-1]


def http_get(port: int, path: str, headers: Mapping[str, str], *, timeout: float) -> int:
    """GET ``path`` on 127.0.0.1:``port``; return the status code (the body is read and dropped)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=dict(headers))
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_server(
    cortesia: str, environment: Mapping[str, str], port: int, log_file: IO[bytes]
) -> subprocess.Popen[bytes]:
    command = [cortesia, "serve", "--workers", str(WORKERS), "--port", str(port)]
    log(" ".join(["cortesia", *command[1:]]))
    return subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        command,
        cwd=ROOT,
        env=dict(environment),
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so stopping it reaches the workers
    )


def wait_until_ready(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    last_problem = "no answer yet"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"The server exited with {server.returncode} before it was ready.")
        try:
            status = http_get(port, "/healthz", {}, timeout=2.0)
        except OSError as error:
            last_problem = str(error)
        else:
            if status == 200:
                return
            last_problem = f"/healthz answered {status}"
        time.sleep(0.2)
    raise BenchError(f"The server was not ready within {READY_TIMEOUT_S:.0f} s ({last_problem}).")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM (gunicorn's graceful stop), then SIGKILL to the group after the grace period."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        log(f"The server did not stop within {STOP_TIMEOUT_S:.0f} s; killing it.")
        # The master is not reaped yet, so its pid is still its process group's id
        # (start_new_session): this reaches its web workers too.
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=STOP_TIMEOUT_S)


def parse_duration_ms(output: str, percent: int) -> float:
    match = re.search(_LATENCY_RE.format(percent=percent), output, re.MULTILINE)
    if match is None:
        raise BenchError(f"wrk printed no {percent}% latency line:\n{output}")
    return round(float(match.group(1)) * _UNIT_MS[match.group(2)], 3)


def parse_wrk(output: str) -> WrkResult:
    rate = _RATE_RE.search(output)
    if rate is None:
        raise BenchError(f"wrk printed no Requests/sec line:\n{output}")
    non_2xx = _NON_2XX_RE.search(output)
    return WrkResult(
        req_per_s=round(float(rate.group(1)), 2),
        p50_ms=parse_duration_ms(output, 50),
        p99_ms=parse_duration_ms(output, 99),
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
    )


def run_wrk(wrk: str, url: str, headers: Mapping[str, str]) -> WrkResult:
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{DURATION_S}s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    completed = run_command(command, os.environ, timeout=DURATION_S + 60)
    socket_errors = _SOCKET_ERRORS_RE.search(completed.stdout)
    if socket_errors:
        log(f"{url}: {socket_errors.group(0).strip()}")
    return parse_wrk(completed.stdout)


def benchmark(port: int, token: str, wrk: str) -> dict[str, dict[str, float | int]]:
    results: dict[str, dict[str, float | int]] = {}
    bearer = {"Authorization": f"Bearer {token}"}
    for name, path, authenticated in TARGETS:
        headers = bearer if authenticated else {}
        # One request first, so a wrong token or a broken endpoint fails loudly rather than
        # producing a fast stream of error responses that looks like throughput.
        status = http_get(port, path, headers, timeout=10.0)
        if status != 200:
            raise BenchError(f"GET {path} answered {status} before the load run; expected 200.")
        log(f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION_S}s --latency {path}")
        result = run_wrk(wrk, f"http://{HOST}:{port}{path}", headers)
        if result.non_2xx:
            log(f"{path}: {result.non_2xx} error response(s); see the server log above.")
        results[name] = result.as_dict()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--database-url",
        help="postgres://… to benchmark against (default: CORTESIA_DATABASE_URL, else SQLite "
        "in the temporary data folder).",
    )
    args = parser.parse_args(argv)
    database_url: str | None = args.database_url or os.environ.get("CORTESIA_DATABASE_URL")
    database = database_kind(database_url) if database_url else "sqlite"

    wrk = shutil.which("wrk") or "/usr/bin/wrk"
    if not Path(wrk).exists():
        raise BenchError("wrk is not installed (Debian: apt-get install wrk).")
    cortesia = executable("cortesia")

    data_dir = Path(tempfile.mkdtemp(prefix="cortesia-bench-"))
    server: subprocess.Popen[bytes] | None = None
    server_log_path = data_dir / "server.log"
    try:
        port = free_port()
        environment = server_environment(data_dir, port, database_url)
        token = prepare_instance(cortesia, environment)
        with server_log_path.open("wb") as server_log:
            server = start_server(cortesia, environment, port, server_log)
            try:
                wait_until_ready(server, port)
                results = benchmark(port, token, wrk)
            except BenchError:
                stop_server(server)
                server_log.flush()
                log("server log:\n" + server_log_path.read_text(errors="replace")[-8000:])
                raise
            stop_server(server)
        server_output = server_log_path.read_text(errors="replace").strip()
        if any(result["non_2xx"] for result in results.values()) and server_output:
            log("server log:\n" + server_output[-8000:])
    finally:
        if server is not None and server.poll() is None:
            stop_server(server)
        shutil.rmtree(data_dir, ignore_errors=True)

    report: dict[str, Any] = {
        "scenario": "http_throughput",
        "server": f"gunicorn gthread, {WORKERS} workers",
        "database": database,
        "duration_s": DURATION_S,
        "connections": CONNECTIONS,
        "results": results,
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
