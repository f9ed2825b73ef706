"""``cortesia reports rebuild [--from YYYY-MM-DD]``: recompute the report facts from the
raw tickets, messages, events and SLA clocks.

Without ``--from`` every ticket's facts are recomputed (after an upgrade that changes how
facts are computed, or to repair them); with it, those of the tickets created on or after
that local day of the site's time zone (``TIME_ZONE``), e.g. after importing old tickets.
Each batch is its own transaction, so reports keep answering while it runs. Progress goes
to standard error, the total and the time taken to standard output.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from cortesia.reports.periods import local_midnight
from cortesia.reports.upkeep import facts_rebuild


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Recompute the report facts of every ticket, or of those created since a day."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="Recompute the ticket facts reports read.")
        rebuild.add_argument(
            "--from",
            dest="first_day",
            type=_day,
            default=None,
            metavar="YYYY-MM-DD",
            help="Only tickets created on or after this day (in the site's time zone).",
        )
        rebuild.add_argument(
            "--jobs",
            type=int,
            default=1,
            choices=range(1, 33),
            metavar="N",
            help="Compute batches in N processes at once (PostgreSQL; default 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        first_day: date | None = options["first_day"]
        since: datetime | None = None
        if first_day is not None:
            since = local_midnight(first_day, ZoneInfo(settings.TIME_ZONE))
        verbose = options["verbosity"] >= 1
        started = time.monotonic()

        def progress(done: int) -> None:
            if verbose:
                rate = done / max(time.monotonic() - started, 0.001)
                self.stderr.write(f"{done} tickets computed ({rate:.0f}/s)")

        done = facts_rebuild(since=since, progress=progress, jobs=options["jobs"])
        elapsed = time.monotonic() - started
        scope = f" created since {first_day.isoformat()}" if first_day else ""
        self.stdout.write(f"Facts of {done} tickets{scope} rebuilt in {elapsed:.1f} s.")
