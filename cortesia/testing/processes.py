"""Helpers for tests and the test setup that start real processes on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 10.0) -> None:
    """Wait until something accepts connections on 127.0.0.1:``port``; raise on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"Nothing listens on 127.0.0.1:{port} after {timeout} s.")


def run_python(
    args: list[str], *, data_dir: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run this Python with ``args`` in a clean ``CORTESIA_*`` environment plus ``env``."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("CORTESIA_")
    }
    environment.update({"CORTESIA_DATA_DIR": str(data_dir), **env})
    return subprocess.run(
        [sys.executable, *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
