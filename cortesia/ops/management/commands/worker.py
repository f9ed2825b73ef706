"""Run a task worker process: the database queue by default, Redis (RQ) when configured."""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from cortesia.core.worker import HeartbeatThread, database_worker, new_worker_id, uses_redis
from cortesia.ops.supervisor import stop_with_parent


class Command(BaseCommand):
    help = "Run a background task worker until stopped (SIGTERM/SIGINT finish the current task)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (database queue).",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            help="Stop when this process exits (set by cortesia serve for its task worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["parent_pid"]:
            stop_with_parent(options["parent_pid"])
        worker_id = new_worker_id()
        heartbeat = HeartbeatThread(worker_id)
        heartbeat.start()
        try:
            if uses_redis():
                call_command(
                    "rqworker",
                    "default",
                    with_scheduler=True,
                    job_class="django_tasks_rq.backend.Job",
                )
                return
            worker = database_worker(worker_id, interval=options["interval"])

            def stop(signum: int, frame: FrameType | None) -> None:
                worker.running = False

            signal.signal(signal.SIGTERM, stop)
            signal.signal(signal.SIGINT, stop)
            self.stdout.write(f"Task worker {worker_id[:8]} is running.")
            worker.run()
        finally:
            heartbeat.stopped.set()
            heartbeat.join(timeout=5)
