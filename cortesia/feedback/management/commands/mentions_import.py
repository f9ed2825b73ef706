"""``cortesia mentions_import FILE --source NAME``: import a CSV file of mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.feedback.mention_import import mentions_import
from cortesia.feedback.mention_signing import source_by_name


class Command(BaseCommand):
    help = (
        "Import mentions from a CSV file (columns: external_id, text, published_at, and "
        "optionally url, author_handle, author_name, author_email, rating, rating_max, "
        "source). Importing a file again adds nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--source",
            default="",
            help="The name of the source the rows come from (rows may name one instead).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["source"].strip()
        source = source_by_name(name) if name else None
        if name and source is None:
            raise CommandError(f"No mention source is called {name!r}.")
        try:
            raw = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"The file cannot be read: {error.strerror}.") from None
        try:
            report = mentions_import(raw=raw, source=source, actor=Actor.system())
        except FieldErrors as error:
            raise CommandError(" ".join(error.errors.values())) from None
        except DomainError as error:
            raise CommandError(error.message) from None
        for row in report.errors:
            where = f"{row.field}: " if row.field else ""
            self.stderr.write(f"line {row.line}: {where}{row.message}")
        self.stdout.write(
            f"{report.created} mentions added, {report.existing} already there, "
            f"{report.error_count} rows refused."
        )
        if report.error_count:
            raise CommandError(f"{report.error_count} rows were not imported.")
