"""Serve the live chat streams (server-sent events) with uvicorn.

``cortesia serve`` starts this beside the web processes and restarts it if it exits; run it
yourself only with ``cortesia serve --no-stream`` (e.g. on another host behind the same
proxy). docs/chat.md says why the streams are not served by the web processes."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cortesia.chat.streaming.server import stoppable_server, stream_application, uvicorn_config
from cortesia.ops.supervisor import stop_with_parent


class Command(BaseCommand):
    help = "Serve the live chat streams (one process holds thousands of idle streams)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.BIND_HOST)
        parser.add_argument("--port", type=int, default=settings.STREAM_PORT)
        parser.add_argument(
            "--parent-pid",
            type=int,
            help="Stop when this process exits (set by cortesia serve).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["parent_pid"]:
            stop_with_parent(options["parent_pid"])
        app = stream_application()
        config = uvicorn_config(app, host=options["host"], port=options["port"])
        stoppable_server(app, config).run()  # type: ignore[attr-defined]
