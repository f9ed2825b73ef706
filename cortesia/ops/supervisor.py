"""Keep one child process running beside the web server: ``cortesia serve`` uses it to run
the task worker as a process of its own, started and stopped with the server."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
# A child that lived less than this long is started again after a growing pause, so a
# worker that cannot start (a database that is down) does not spin.
HEALTHY_AFTER_SECONDS = 10.0
MAX_PAUSE_SECONDS = 30.0


class ChildSupervisor:
    """Start ``command``, start it again whenever it exits, until ``stop()``."""

    def __init__(self, command: Sequence[str], *, name: str) -> None:
        self.command = list(command)
        self.name = name
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"supervise-{name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _spawn(self) -> None:
        with self._lock:
            if self._stopped.is_set():
                return
            self.process = subprocess.Popen(self.command, stdin=subprocess.DEVNULL)  # noqa: S603
            self.starts += 1

    def _run(self) -> None:
        pause = 1.0
        while not self._stopped.is_set():
            started = time.monotonic()
            self._spawn()
            while self.process is not None and self.process.poll() is None:
                if self._stopped.wait(POLL_SECONDS):
                    return
            if self._stopped.is_set():
                return
            lived = time.monotonic() - started
            pause = 1.0 if lived >= HEALTHY_AFTER_SECONDS else min(pause * 2, MAX_PAUSE_SECONDS)
            logger.warning(
                "The %s stopped after %.0f s; starting it again in %.0f s.", self.name, lived, pause
            )
            self._stopped.wait(pause)

    def stop(self, *, timeout: float = 15.0) -> None:
        """Ask the child to finish its current task (SIGTERM); kill it after ``timeout``."""
        with self._lock:
            self._stopped.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            logger.warning("The %s did not stop within %.0f s; killing it.", self.name, timeout)
            process.kill()
            process.wait(timeout=5)
        except ChildProcessError:  # already reaped by the server's own SIGCHLD handler
            pass


def parent_is_gone(expected_parent: int) -> bool:
    """True when the process that started this one has exited (we were re-parented)."""
    return os.getppid() != expected_parent
