"""Run a command against a throwaway PostgreSQL cluster on 127.0.0.1.

``python -m cortesia.testing.postgres -- pytest …`` creates a cluster with ``initdb`` in a
temporary folder, starts it on a free port, exports ``CORTESIA_DATABASE_URL``, runs the
command, then stops the cluster and deletes the folder, whatever the command's outcome.
"""

from __future__ import annotations

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


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Yield a ``postgres://`` URL of a fresh, empty cluster; remove it on exit."""
    folder = Path(tempfile.mkdtemp(prefix="cortesia-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = free_port()
    try:
        subprocess.run(
            _as_owner(
                [
                    _binary("initdb"),
                    "-D",
                    str(data),
                    "--auth=trust",
                    "--username=cortesia",
                    "--encoding=UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
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
                    str(folder / "server.log"),
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(port)
        yield f"postgres://cortesia@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                _as_owner([_binary("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                check=False,
                stdout=subprocess.DEVNULL,
            )
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    command = argv[1:] if argv and argv[0] == "--" else argv
    if not command:
        sys.stderr.write("usage: python -m cortesia.testing.postgres -- COMMAND …\n")
        return 2
    with throwaway_cluster() as url:
        environment = {**os.environ, "CORTESIA_DATABASE_URL": url}
        return subprocess.run(command, env=environment, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
