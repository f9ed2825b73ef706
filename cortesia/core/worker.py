"""Task workers (``cortesia worker``, also started by ``cortesia serve``): the database
queue's worker, the heartbeat and the periodic jobs."""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker

from cortesia.core.heartbeat import heartbeat_forget, heartbeat_record

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0


class HeartbeatThread(threading.Thread):
    """Write this worker's heartbeat every few seconds until stopped."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        last_runs: dict[str, float] = {}
        while not self.stopped.is_set():
            try:
                close_old_connections()
                heartbeat_record(worker_id=self.worker_id)
            except Exception:  # the database may be down; keep trying, never die
                logger.warning("Could not record the worker heartbeat.", exc_info=True)
            run_periodic_jobs(last_runs, time.monotonic())
            self.stopped.wait(HEARTBEAT_SECONDS)
        try:
            heartbeat_forget(worker_id=self.worker_id)
        finally:
            connections.close_all()


def run_periodic_jobs(last_runs: dict[str, float], now: float) -> list[str]:
    """Run each job of ``settings.CORTESIA_PERIODIC_JOBS`` ((dotted path, seconds), …)
    whose interval has passed since ``last_runs`` says it ran; return the paths run.

    Every worker runs them: the jobs themselves must be safe to run concurrently (the SLA
    scanner claims each alarm with a conditional update)."""
    ran = []
    for path, seconds in settings.CORTESIA_PERIODIC_JOBS:
        if now - last_runs.get(path, float("-inf")) < seconds:
            continue
        last_runs[path] = now
        try:
            import_string(path)()
            ran.append(path)
        except Exception:  # a failing job must not stop the worker or the other jobs
            logger.exception("The periodic job %s failed.", path)
    return ran


def new_worker_id() -> str:
    return get_random_string(32)


def uses_redis() -> bool:
    return bool(settings.REDIS_URL)


def database_worker(worker_id: str, *, interval: float = 1.0) -> Worker:
    """Return a django-tasks-db worker for every queue, without signal handling."""
    return Worker(
        queue_names=["*"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=True,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
