"""Keep one child process running beside the web server: ``cortesia serve`` uses it to run
the task worker as a process of its own, started and stopped with the server."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
PARENT_CHECK_SECONDS = 1.0
# A child that lived less than this long is started again after a growing pause, so a
# worker that cannot start (a database that is down) does not spin.
HEALTHY_AFTER_SECONDS = 10.0
MAX_PAUSE_SECONDS = 30.0


def _alive(pid: int) -> bool:
    """Whether our child ``pid`` still runs, reaping it if it has exited."""
    try:
        reaped, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # reaped already, by the server's own SIGCHLD handler
        return False
    return reaped == 0


class ChildSupervisor:
    """Start ``command``, start it again whenever it exits, until ``stop()``.

    The child is started with ``posix_spawn``, not ``subprocess``: subprocess waits on a
    pipe until the child has started, and a web process forked by the server at that
    moment would inherit the pipe's other end and keep it open for its whole life, so the
    wait, and with it the supervision, would never end."""

    def __init__(self, command: Sequence[str], *, name: str) -> None:
        self.command = list(command)
        self.name = name
        self.pid: int | None = None
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
            self.pid = os.posix_spawn(
                self.command[0],
                self.command,
                dict(os.environ),
                file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0)],
            )
            self.starts += 1

    def _run(self) -> None:
        pause = 1.0
        while not self._stopped.is_set():
            started = time.monotonic()
            self._spawn()
            while self.pid is not None and _alive(self.pid):
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
            pid = self.pid
        if pid is None or not _alive(pid):
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        if _ended_within(pid, timeout):
            return
        logger.warning("The %s did not stop within %.0f s; killing it.", self.name, timeout)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _ended_within(pid, 5.0)


def _ended_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def parent_is_gone(expected_parent: int) -> bool:
    """True when the process that started this one has exited (we were re-parented)."""
    return os.getppid() != expected_parent


def stop_with_parent(parent: int) -> None:
    """Stop this process as SIGTERM would once ``parent`` (``cortesia serve``) is gone, so a
    killed server never leaves a worker behind."""

    def watch() -> None:
        while not parent_is_gone(parent):
            time.sleep(PARENT_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
