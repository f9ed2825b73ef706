"""Serve Cortesia: gunicorn web processes, a task worker and a chat stream server.

One command, three kinds of process. The web processes answer requests and nothing else;
the task worker (``cortesia worker``: the database queue, or Redis when configured) runs
background tasks and the periodic jobs; the stream server (``cortesia stream``) holds
the live chat streams. The gunicorn master starts the other two once it is
listening, starts them again if they exit, and stops them when the server stops. Larger
deployments run ``cortesia serve --no-task-worker`` and as many ``cortesia worker``
processes as they need, anywhere. docs/deploy.md says why the web side is shaped this way.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, connections
from django.urls import get_resolver
from django.utils import timezone
from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.base import Worker

from cortesia.calendars.conversion import business_calendar
from cortesia.calendars.selectors import calendar_list
from cortesia.culture.language_detection import detector
from cortesia.culture.public_holidays import public_holiday_dates
from cortesia.ops.supervisor import ChildSupervisor

logger = logging.getLogger(__name__)
# As many calendars as a process keeps built (calendars.conversion caches 256).
WARM_CALENDARS = 256
# A database host that drops packets would otherwise hold the start-up for minutes.
WARM_CONNECT_SECONDS = 5


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


def freeze_loaded_objects(worker: Worker) -> None:
    """Move everything loaded at start-up out of the garbage collector's sight.

    Django, the apps and their modules are hundreds of thousands of objects that live as
    long as the process; every full collection walked them all, a tail of about 100 ms
    of CPU on an unlucky request."""
    gc.freeze()


def load_shared_models() -> None:
    """Build the language detector in the master, before it forks the web processes.

    Its model (about 38 MiB in the fast mode) lives outside Python's objects, so nothing
    writes to those pages after the fork: every web process reads the master's copy
    instead of building its own on its first ticket from a customer's own words. (RSS
    still counts shared pages in full in each process; PSS shows the saving.) The task
    worker is started with posix_spawn, not forked, so it builds its own when it needs
    one.

    Building it starts lingua's thread pool in the master; a forked process has no such
    threads, so web processes must only use the detector's single-text methods (as
    ``culture.language_detection`` does), never its ``*_in_parallel`` ones."""
    mode = settings.CORTESIA_LANGUAGE_DETECTION
    if mode != "off":
        detector(accurate=mode == "accurate")


def load_application() -> None:
    """Import the application and every module its URL map names (views, the API and its
    schemas) in the master, so the web processes share them instead of each importing
    them on its first request."""
    from cortesia.wsgi import application  # noqa: F401 - imported for its side effect

    get_resolver().url_patterns  # noqa: B018 - imports every view module


def warm_calendars() -> None:
    """Build the stored business calendars, with this year's and next year's holidays of
    their countries, in the master: the web processes then share the holiday modules and
    the built calendars (both are kept per process, keyed by the row's version, so a
    calendar changed later is built again where it is used).

    Best effort: with the database unreachable the web processes build them on first use,
    and the master waits at most ``WARM_CONNECT_SECONDS`` for PostgreSQL before it starts
    serving. The master's connection is closed before it forks, so no web process
    inherits it."""
    this_year = timezone.now().year
    options = connections["default"].settings_dict["OPTIONS"]
    bounded = connections["default"].vendor == "postgresql" and "connect_timeout" not in options
    if bounded:
        options["connect_timeout"] = WARM_CONNECT_SECONDS
    try:
        for row in calendar_list()[:WARM_CALENDARS]:
            calendar = business_calendar(row)
            if calendar.holiday_country is not None:
                for year in (this_year, this_year + 1):
                    public_holiday_dates(
                        calendar.holiday_country, calendar.holiday_subdivision, year
                    )
    except (DatabaseError, ValueError):
        logger.warning("Could not prepare the business calendars; each web process will.")
    finally:
        connections.close_all()
        if bounded:
            del options["connect_timeout"]


def gunicorn_config(*, bind: str, workers: int, threads: int) -> dict[str, Any]:
    """The web server's settings: ``threads`` 1 gives sync workers, more gives gthread."""
    return {
        "bind": bind,
        "workers": workers,
        "worker_class": "gthread" if threads > 1 else "sync",
        "threads": threads,
        # Idle connections from browsers stay open a few seconds; a thread serves others
        # meanwhile (gthread parks them in its poller).
        "keepalive": 5,
        "timeout": 60,
        "graceful_timeout": 10,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "post_worker_init": freeze_loaded_objects,
    }


def child_hooks(supervisors: list[ChildSupervisor]) -> dict[str, Any]:
    """Start the children (task worker, stream server) once gunicorn listens; stop them
    when it stops."""

    def when_ready(server: Arbiter) -> None:
        for supervisor in supervisors:
            supervisor.start()

    def on_exit(server: Arbiter) -> None:
        for supervisor in supervisors:
            supervisor.stop()

    return {"when_ready": when_ready, "on_exit": on_exit}


class Command(BaseCommand):
    help = "Run the web server (gunicorn) and a task worker process beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.BIND_HOST)
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--workers", type=int, default=settings.WEB_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.WEB_THREADS)
        parser.add_argument(
            "--no-task-worker",
            action="store_true",
            help="Do not start a task worker; run `cortesia worker` processes yourself.",
        )
        parser.add_argument(
            "--no-stream",
            action="store_true",
            help="Do not start the chat stream server; run `cortesia stream` yourself.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("compile_translations", verbosity=0)
        load_shared_models()
        load_application()
        warm_calendars()
        config = gunicorn_config(
            bind=f"{options['host']}:{options['port']}",
            workers=options["workers"],
            threads=max(1, options["threads"]),
        )
        parent = ["--parent-pid", str(os.getpid())]
        children: list[ChildSupervisor] = []
        if not options["no_task_worker"]:
            command = [sys.executable, "-m", "cortesia.cli", "worker", *parent]
            children.append(ChildSupervisor(command, name="task worker"))
        if not options["no_stream"]:
            command = [sys.executable, "-m", "cortesia.cli", "stream", *parent]
            command += ["--host", options["host"]]
            children.append(ChildSupervisor(command, name="chat stream server"))
        config |= child_hooks(children)
        self.stdout.write(f"Cortesia is listening on http://{config['bind']}/", ending="\n")
        self.stdout.flush()
        CortesiaServer(config).run()
