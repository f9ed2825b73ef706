"""CSV imports of customers and orders, run in the background.

1. ``import_start`` stores the upload under ``CORTESIA_DATA_DIR/imports`` (outside the web
   root) and queues ``run_import`` once the row is committed.
2. ``import_run`` claims the import (a conditional update, so a repeated task does nothing),
   counts the records, then streams the file in batches of ``BATCH_SIZE`` records; each
   batch commits with the progress counters, so memory does not grow with the file and the
   progress bar moves.
3. Every record is applied through the customers services inside a savepoint: a bad row is
   reported with its line number and reason while the good ones are kept. A dry run checks
   every row the same way and rolls each batch back.

Re-running the same file changes nothing: customers are matched by external id (in the
import's source) or e-mail, orders by (source, number).
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import FieldErrors, NotFound
from cortesia.customers.import_rows import (
    Outcome,
    Row,
    RowError,
    apply_customer_row,
    apply_order_rows,
    order_groups,
    unknown_columns,
)
from cortesia.customers.models import CustomerImport
from cortesia.customers.order_stats import order_stats_refresh
from cortesia.customers.permissions import can_import, require_importer

BATCH_SIZE = 500
MAX_FIELD_SIZE = 100_000


class _DryRunRollback(Exception):
    """Raised at the end of a dry-run batch to undo its writes."""


def imports_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def import_list(*, viewer: User) -> QuerySet[CustomerImport]:
    if not can_import(viewer):
        return CustomerImport.objects.none()
    return CustomerImport.objects.all()


def import_get(*, viewer: User, uid: str) -> CustomerImport:
    try:
        return import_list(viewer=viewer).get(uid=uuid.UUID(uid))
    except (ValueError, CustomerImport.DoesNotExist):
        raise NotFound("import") from None


def import_start(
    *, upload: UploadedFile, kind: str, source: str, is_dry_run: bool, actor: Actor
) -> CustomerImport:
    """Store the uploaded CSV and queue its import. Raises Forbidden or FieldErrors."""
    from cortesia.customers.tasks import run_import

    require_importer(actor)
    errors: dict[str, str] = {}
    if (message := choice_error(kind, CustomerImport.Kind.values)) is not None:
        errors["kind"] = message
    source = source.strip().lower() or "import"
    if len(source) > 50:
        errors["source"] = _("Use at most %(count)d characters.") % {"count": 50}
    if upload.size and upload.size > settings.CORTESIA_IMPORT_MAX_BYTES:
        errors["file"] = _("The file is larger than %(size)d MB.") % {
            "size": settings.CORTESIA_IMPORT_MAX_BYTES // 1_000_000
        }
    if errors:
        raise FieldErrors(errors)
    stored = imports_dir() / f"{uuid.uuid4()}.csv"
    with stored.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    with transaction.atomic():
        record = CustomerImport.objects.create(
            kind=kind,
            source=source,
            is_dry_run=is_dry_run,
            file_name=Path(upload.name or "upload.csv").name[:255],
            stored_path=str(stored),
            created_by=actor.user,
        )
        transaction.on_commit(lambda: run_import.enqueue(import_id=record.pk))
    return record


def _open(path: str) -> IO[str]:
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by callers


def _reader(handle: IO[str]) -> tuple[Any, list[str]]:
    """Return a csv reader positioned after the header, and the header's column names.

    Spreadsheets in many European locales save CSV with semicolons; the header decides."""
    sample = handle.readline()
    handle.seek(0)
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(handle, delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    return reader, header


def _rows(path: str) -> Iterator[Row]:
    """Yield the records after the header with the line each starts on."""
    with _open(path) as handle:
        reader, header = _reader(handle)
        line = 2
        for values in reader:
            if any(value.strip() for value in values):
                yield Row(line=line, values=dict(zip(header, values, strict=False)))
            line = reader.line_num + 1


@dataclass
class _Tally:
    processed: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)
    error_count: int = 0

    def add(self, outcome: str, records: int) -> None:
        self.processed += records
        if outcome == Outcome.CREATED:
            self.created += 1
        elif outcome == Outcome.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1

    def fail(self, error: RowError, records: int) -> None:
        self.processed += records
        self.error_count += 1
        for line, name, message in error.entries:
            if len(self.errors) < CustomerImport.MAX_ERRORS:
                self.errors.append({"line": line, "field": name, "message": message})


def _units(record: CustomerImport) -> Iterator[list[Row]]:
    """Yield what is applied at once: one customer row, or the rows of one order."""
    rows = _rows(record.stored_path)
    if record.kind == CustomerImport.Kind.ORDERS:
        yield from order_groups(rows)
    else:
        for row in rows:
            yield [row]


def _apply(record: CustomerImport, unit: list[Row], actor: Actor, touched: set[int]) -> str:
    if record.kind == CustomerImport.Kind.ORDERS:
        return apply_order_rows(unit, source=record.source, actor=actor, touched=touched)
    return apply_customer_row(unit[0], source=record.source, actor=actor)


def _run_batch(record: CustomerImport, batch: list[list[Row]], tally: _Tally, actor: Actor) -> None:
    touched: set[int] = set()
    try:
        with transaction.atomic():
            for unit in batch:
                try:
                    with transaction.atomic():
                        outcome = _apply(record, unit, actor, touched)
                except RowError as error:
                    tally.fail(error, len(unit))
                else:
                    tally.add(outcome, len(unit))
            order_stats_refresh(touched)  # once per batch, not once per order
            _save_progress(record, tally)
            if record.is_dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        _save_progress(record, tally)


def _save_progress(record: CustomerImport, tally: _Tally) -> None:
    CustomerImport.objects.filter(pk=record.pk).update(
        processed_rows=tally.processed,
        created_count=tally.created,
        updated_count=tally.updated,
        unchanged_count=tally.unchanged,
        error_count=tally.error_count,
        errors=tally.errors,
    )


def _check_header(record: CustomerImport) -> str:
    """Return why the file cannot be imported at all, or "" when its header is usable."""
    try:
        with _open(record.stored_path) as handle:
            reader, header = _reader(handle)
            total = sum(1 for values in reader if any(v.strip() for v in values))
    except UnicodeDecodeError:
        return _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
    except csv.Error as error:
        return _("The file is not valid CSV: %(reason)s") % {"reason": error}
    unknown = unknown_columns(record.kind, header)
    if unknown:
        return _("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)}
    CustomerImport.objects.filter(pk=record.pk).update(total_rows=total)
    return ""


def import_run(*, import_id: int) -> CustomerImport | None:
    """Run a queued import to the end; return it, or None when it was already claimed."""
    claimed = CustomerImport.objects.filter(
        pk=import_id, status=CustomerImport.Status.QUEUED
    ).update(status=CustomerImport.Status.RUNNING, started_at=timezone.now())
    if claimed != 1:
        return None
    record = CustomerImport.objects.select_related("created_by").get(pk=import_id)
    csv.field_size_limit(MAX_FIELD_SIZE)
    failure = _check_header(record)
    if not failure:
        actor = Actor(user=record.created_by)
        tally = _Tally()
        batch: list[list[Row]] = []
        try:
            for unit in _units(record):
                batch.append(unit)
                if len(batch) == BATCH_SIZE:
                    _run_batch(record, batch, tally, actor)
                    batch = []
            if batch:
                _run_batch(record, batch, tally, actor)
        except (UnicodeDecodeError, csv.Error) as error:
            failure = _("The file could not be read to the end: %(reason)s") % {"reason": error}
    CustomerImport.objects.filter(pk=import_id).update(
        status=CustomerImport.Status.FAILED if failure else CustomerImport.Status.DONE,
        failure=failure,
        finished_at=timezone.now(),
    )
    return CustomerImport.objects.get(pk=import_id)
