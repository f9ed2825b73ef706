"""Serve Cortesia with gunicorn (WSGI); each web process also runs a task worker thread.

With ``CORTESIA_REDIS_URL`` set, tasks go to Redis and are run by ``cortesia worker``
processes instead, so no worker thread is started.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication
from gunicorn.workers.base import Worker as GunicornWorker

from cortesia.core.worker import InProcessWorker, uses_redis


def _start_task_worker(worker: GunicornWorker) -> None:
    # Runs inside each forked web process, after the fork: threads never cross a fork.
    InProcessWorker().start()


class CortesiaServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from cortesia.wsgi import application

        return application


class Command(BaseCommand):
    help = "Run the web server (gunicorn) with an in-process task worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.BIND_HOST)
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--workers", type=int, default=settings.WEB_WORKERS)
        parser.add_argument(
            "--no-task-worker", action="store_true", help="Do not run tasks in the web processes."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("compile_translations", verbosity=0)
        config: dict[str, Any] = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": options["workers"],
            "worker_class": "gthread",
            "threads": 4,
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        }
        if not options["no_task_worker"] and not uses_redis():
            config["post_worker_init"] = _start_task_worker
        self.stdout.write(f"Cortesia is listening on http://{config['bind']}/", ending="\n")
        self.stdout.flush()
        CortesiaServer(config).run()
