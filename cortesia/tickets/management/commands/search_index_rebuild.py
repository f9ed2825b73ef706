"""Build the full-text index of every ticket again: after upgrading to the version that
brought search, or to change how text is folded or stemmed. Safe while the site runs:
each batch is its own transaction and a ticket written meanwhile is indexed by its change."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from cortesia.tickets.models import Ticket
from cortesia.tickets.search_index import index_clear, index_gin_create, index_rebuild


class Command(BaseCommand):
    help = "Build the full-text search index of every ticket again, in batches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=2000, help="Tickets per transaction.")
        parser.add_argument(
            "--after", type=int, default=0, help="Start after this ticket id (to resume)."
        )
        parser.add_argument(
            "--fresh",
            action="store_true",
            help="Empty the index first and, on PostgreSQL, make its GIN index once at the "
            "end (much faster for a whole database; searches find nothing until it ends).",
        )

    def handle(self, *args: Any, batch: int, after: int, fresh: bool, **options: Any) -> None:
        if fresh:
            index_clear(without_gin=True)
        done = 0
        started = time.monotonic()
        last = after
        while True:
            ids = list(
                Ticket.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            if not ids:
                break
            with transaction.atomic():
                done += index_rebuild(ids)
            last = ids[-1]
            if options["verbosity"] >= 1:
                rate = done / max(time.monotonic() - started, 0.001)
                print(f"{done} tickets indexed, up to id {last} ({rate:.0f}/s)", file=sys.stderr)
        if fresh:
            index_gin_create()
        if options["verbosity"] >= 1:
            self.stdout.write(f"{done} tickets indexed.")
