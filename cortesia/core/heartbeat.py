"""Worker heartbeats: written by every task worker, read by the health check."""

from __future__ import annotations

import os
import socket
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
