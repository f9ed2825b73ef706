"""Run a command against a PostgreSQL cluster of its own on 127.0.0.1.

``python -m cortesia.testing.postgres -- pytest …`` creates a throwaway cluster with
``initdb`` in a temporary folder (fsync off: fast, and nothing to keep), starts it on a
free port, exports ``CORTESIA_DATABASE_URL``, runs the command, then stops the cluster and
deletes the folder, whatever the command's outcome.

``--durable`` runs the cluster as production does (fsync, synchronous commit and full page
writes on): benchmarks that write use it. ``--data FOLDER`` keeps the cluster in FOLDER
(created on first use, started again later, never deleted), so a benchmark can seed a large
data set once and measure it many times::

    python -m cortesia.testing.postgres --durable --data /var/tmp/cortesia-bench -- CMD
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cortesia.testing.processes import free_port, wait_for_port

THROWAWAY_OPTIONS = " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
DURABLE_OPTIONS = " -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
# Sized for a 2-core, 24 GiB machine shared with the application under measurement.
BENCH_OPTIONS = " -c shared_buffers=1GB -c max_connections=200 -c work_mem=16MB"


def _binary(name: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    found = shutil.which(name)
    path = candidates[0] if candidates else found
    if path is None:
        raise SystemExit(
            f"PostgreSQL's {name} is not installed (Debian: apt-get install postgresql)."
        )
    return path


def _as_owner(command: list[str]) -> list[str]:
    # initdb refuses to run as root; run the server as the postgres system user then.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _own(folder: Path) -> None:
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)


def _initdb(data: Path, *, durable: bool) -> None:
    command = [
        _binary("initdb"),
        "-D",
        str(data),
        "--auth=trust",
        "--username=cortesia",
        "--encoding=UTF8",
    ]
    if not durable:
        command.append("--no-sync")
    subprocess.run(_as_owner(command), check=True, stdout=subprocess.DEVNULL)


@contextmanager
def cluster(*, durable: bool = False, folder: Path | None = None) -> Iterator[str]:
    """Yield a ``postgres://`` URL of a running cluster and stop it on exit.

    Without ``folder`` the cluster is new and empty and deleted on exit; with it, the
    cluster in ``folder`` is reused (or created there) and kept."""
    keep = folder is not None
    home = folder if folder is not None else Path(tempfile.mkdtemp(prefix="cortesia-pg-"))
    home.mkdir(parents=True, exist_ok=True)
    _own(home)
    data = home / "data"
    if (data / "postmaster.pid").exists():
        # Another run is using this cluster: stopping it on the way out would kill that run.
        raise RuntimeError(f"The cluster in {home} is already running; wait for its run to end.")
    port = free_port()
    started = False
    try:
        if not (data / "PG_VERSION").exists():
            _initdb(data, durable=durable)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={home}"
        options += DURABLE_OPTIONS + BENCH_OPTIONS if durable else THROWAWAY_OPTIONS
        subprocess.run(
            _as_owner(
                [
                    _binary("pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(home / "server.log"),
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
        wait_for_port(port)
        yield f"postgres://cortesia@127.0.0.1:{port}/postgres"
    finally:
        if started and (data / "postmaster.pid").exists():
            subprocess.run(
                _as_owner([_binary("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                check=False,
                stdout=subprocess.DEVNULL,
            )
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m cortesia.testing.postgres")
    parser.add_argument("--durable", action="store_true", help="fsync and synchronous commit on")
    parser.add_argument("--data", type=Path, help="keep the cluster in this folder and reuse it")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.print_usage(sys.stderr)
        return 2
    with cluster(durable=args.durable, folder=args.data) as url:
        environment = {**os.environ, "CORTESIA_DATABASE_URL": url}
        return subprocess.run(command, env=environment, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
