"""``cortesia rates import SOURCE [--replace]``: store the ECB's euro reference rates.

SOURCE is a file (CSV, XML or the zip the ECB serves) or an http(s) address, e.g.
https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip. Importing the same file
again changes nothing; a corrected rate is updated. ``--replace`` also removes rates of
the file's currencies, between its first and last day, that the file does not hold.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError
from cortesia.reports.rates import rates_import_raw
from cortesia.reports.rates_download import rates_source_read


class Command(BaseCommand):
    help = "Import the ECB's euro exchange reference rates (CSV, XML or zip; file or URL)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imports = sub.add_parser("import", help="Import a rates file or address.")
        imports.add_argument("source", help="A file path or an http(s) address.")
        imports.add_argument(
            "--replace",
            action="store_true",
            help="Remove stored rates of the file's currencies and days that it does not hold.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = str(options["source"])
        try:
            result = rates_import_raw(
                raw=rates_source_read(source),
                source=source,
                actor=Actor.system(),
                replace=options["replace"],
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"{result.added} rates added, {result.changed} changed, {result.unchanged} "
            f"unchanged, {result.removed} removed; {len(result.currencies)} currencies "
            f"from {result.first_day.isoformat()} to {result.last_day.isoformat()}."
        )
