"""CSV import of mentions: the generic format's fields as columns, one mention per row.

Columns (header row, any order, names without letter case): ``external_id``, ``text``,
``published_at`` (ISO 8601 with its offset) are required in every row; ``url``,
``author_handle``, ``author_name``, ``author_email``, ``rating``, ``rating_max`` and
``source`` (a source's name, instead of the one the file is imported into) may be given.
Unknown columns refuse the whole file, so a misspelt column is never silently dropped.

The file is read as UTF-8 (with or without a byte-order mark), comma- or
semicolon-separated as its header says, each field at most 100,000 characters, the file
at most ``MAX_BYTES``. Every row goes through :func:`mention_ingest` in a savepoint of its
own: a bad row is reported with its line number and reason and the good rows are kept.
Importing the same file again adds nothing (mentions are unique per source and external
id).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, TooLarge
from cortesia.feedback.mention_signing import AUDIT_OBJECT_TYPE, source_by_name
from cortesia.feedback.mentions import MentionData, mention_ingest, mention_parse_rating
from cortesia.feedback.models import Mention, MentionSource
from cortesia.feedback.permissions import require_source_manager

COLUMNS = (
    "source",
    "external_id",
    "url",
    "author_handle",
    "author_name",
    "author_email",
    "text",
    "rating",
    "rating_max",
    "published_at",
)
REQUIRED = ("external_id", "text", "published_at")
MAX_BYTES = 10_000_000
MAX_FIELD_SIZE = 100_000
MAX_ERRORS = 100


@dataclass(frozen=True)
class RowError:
    line: int
    field: str  # "" for the whole row
    message: str


@dataclass
class ImportReport:
    """What an import did: mentions created, rows already there, and each refusal."""

    created: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0

    def fail(self, line: int, errors: dict[str, str]) -> None:
        self.error_count += 1
        for name, message in errors.items():
            if len(self.errors) < MAX_ERRORS:
                self.errors.append(RowError(line, name, message))


def _text(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise TooLarge(_("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 1_000_000})
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FieldErrors(
            {"file": _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")}
        ) from None


def _rows(text: str) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header's column names and, lazily, each non-empty record with its line."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]

    def records() -> Iterator[tuple[int, dict[str, str]]]:
        line = 2
        for values in reader:
            if any(value.strip() for value in values):
                yield line, dict(zip(header, values, strict=False))
            line = reader.line_num + 1

    return header, records()


def _check_header(header: list[str]) -> None:
    unknown = [name for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    if unknown:
        raise FieldErrors(
            {"file": _("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    if missing:
        raise FieldErrors(
            {"file": _("Missing columns: %(names)s.") % {"names": ", ".join(missing)}}
        )


def _published(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise FieldErrors(
            {
                "published_at": _(
                    "%(value)s is not an ISO 8601 time such as 2026-12-05T09:30:00+01:00."
                )
                % {"value": value[:40]}
            }
        ) from None


def _rating_max(value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise FieldErrors(
            {"rating_max": _("The best rating is a whole number from 1 to %(max)d.") % {"max": 100}}
        )
    return int(value)


def _row_data(row: dict[str, str]) -> MentionData:
    return MentionData(
        external_id=row.get("external_id", ""),
        text=row.get("text", ""),
        published_at=_published(row.get("published_at", "")),
        url=row.get("url", ""),
        author_handle=row.get("author_handle", ""),
        author_name=row.get("author_name", ""),
        author_email=row.get("author_email", ""),
        rating=mention_parse_rating(row.get("rating", "")),
        rating_max=_rating_max(row.get("rating_max", "")),
    )


def _row_source(row: dict[str, str], source: MentionSource | None) -> MentionSource:
    name = row.get("source", "").strip()
    if not name:
        if source is None:
            raise FieldErrors({"source": _("Name the source of this row.")})
        return source
    named = source_by_name(name)
    if named is None:
        raise FieldErrors({"source": _("There is no source named %(name)s.") % {"name": name}})
    return named


def _import_row(
    line: int, row: dict[str, str], source: MentionSource | None, report: ImportReport
) -> None:
    try:
        with transaction.atomic():
            _mention, created = mention_ingest(
                source=_row_source(row, source), data=_row_data(row), via=Mention.Via.IMPORT
            )
    except FieldErrors as error:
        report.fail(line, error.errors)
    except DomainError as error:
        report.fail(line, {"": error.message})
    else:
        if created:
            report.created += 1
        else:
            report.existing += 1


def mentions_import(*, raw: bytes, source: MentionSource | None, actor: Actor) -> ImportReport:
    """Import the CSV file ``raw`` into ``source`` (rows may name another in their
    ``source`` column); return the report. Raises Forbidden (only administrators),
    TooLarge, or FieldErrors on ``file`` when the file cannot be imported at all (then
    nothing is)."""
    require_source_manager(actor)
    csv.field_size_limit(MAX_FIELD_SIZE)
    text = _text(raw)
    report = ImportReport()
    try:
        header, records = _rows(text)
        _check_header(header)
        with transaction.atomic():  # a file unreadable halfway imports nothing
            for line, row in records:
                _import_row(line, row, source, report)
    except csv.Error as error:
        raise FieldErrors(
            {"file": _("The file is not valid CSV: %(reason)s") % {"reason": error}}
        ) from None
    if source is not None:
        audit_record(
            action=AuditEvent.Action.SETTING_CHANGE,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type=AUDIT_OBJECT_TYPE,
            object_uid=str(source.uid),
            object_label=source.name,
            data={
                "change": "imported",
                "created": report.created,
                "existing": report.existing,
                "errors": report.error_count,
            },
        )
    return report
