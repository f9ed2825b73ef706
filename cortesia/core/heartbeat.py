"""Worker heartbeats: written by every task worker, read by the health check."""

from __future__ import annotations

import os
import socket
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from cortesia.core.models import WorkerHeartbeat


def heartbeat_record(*, worker_id: str) -> None:
    """Record that the worker ``worker_id`` is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "beat_at": timezone.now(),
        },
    )


def heartbeat_forget(*, worker_id: str) -> None:
    """Remove a stopping worker's heartbeat so the health check does not count it."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def worker_is_alive() -> bool:
    """Return True when some worker has beaten within ``WORKER_LATE_AFTER_SECONDS``."""
    threshold = timezone.now() - timedelta(seconds=settings.WORKER_LATE_AFTER_SECONDS)
    return WorkerHeartbeat.objects.filter(beat_at__gte=threshold).exists()


# The health check's view of the workers, read at most once per ``ALIVE_CACHE_SECONDS`` in
# each process: (time.time() when read, answer; a clock set back refreshes it). Load
# balancers ask many times a second; heartbeats come every ten seconds and "late" means a
# minute without one.
ALIVE_CACHE_SECONDS = 5.0
_alive_cache: tuple[float, bool] | None = None


def worker_is_alive_cached() -> bool | None:
    """The answer of ``worker_is_alive`` read less than ``ALIVE_CACHE_SECONDS`` ago in this
    process, or None when there is none that fresh."""
    cached = _alive_cache
    if cached is None or not 0 <= time.time() - cached[0] < ALIVE_CACHE_SECONDS:
        return None
    return cached[1]


def worker_is_alive_refresh() -> bool:
    """Read the heartbeats (one query) and remember the answer for the cached reader."""
    global _alive_cache
    alive = worker_is_alive()
    _alive_cache = (time.time(), alive)
    return alive


def worker_alive_cache_clear() -> None:
    global _alive_cache
    _alive_cache = None
