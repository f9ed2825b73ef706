"""Read the ECB's euro foreign exchange reference rates and store them as ``ExchangeRate``.

The ECB publishes the same numbers in three shapes, all read here:

* CSV: ``eurofxref.csv`` (one day, "Date, USD, JPY, …" then "04 December 2026, 1.0812, …")
  and ``eurofxref-hist.csv`` (one line per day, ISO dates). A rate may be "N/A" (the
  currency was not quoted that day) and lines may end with a comma or blank columns.
* the same CSV inside the ``.zip`` the ECB serves;
* XML: ``gesmes:Envelope`` / ``Cube`` / ``Cube time="…"`` / ``Cube currency rate``, daily,
  90-day and historical.

A file is read whole before anything is stored, so a bad line refuses the import with its
line number and nothing changes. :func:`rates_import` then upserts one row per currency
and day: importing the same file again changes nothing, a corrected value is updated.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree

from django.db import IntegrityError, transaction
from django.db.models import Max, Min, OuterRef, Subquery
from django.utils.translation import gettext as _

from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, Forbidden, TooLarge
from cortesia.reports.models import ExchangeRate
from cortesia.reports.permissions import can_manage_reports

MAX_BYTES = 50 * 1024 * 1024
BATCH = 1000
PLACES = Decimal("0.000001")
# The largest rate the column holds (18 digits, 6 after the point).
RATE_MAX = Decimal("999999999999.999999")
BUNDLED = Path(__file__).parent / "data" / "eurofxref-recent.csv"
AUDIT_OBJECT_TYPE = "exchange_rates"
CODE = re.compile(r"[A-Z]{3}")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}


class RatesFileError(DomainError):
    """The file is not one of the ECB's rate files, or one of its values cannot be read."""

    code = "invalid_rates_file"


@dataclass(frozen=True)
class RateRow:
    """Units of ``currency`` one euro bought on ``day``."""

    day: date
    currency: str
    per_euro: Decimal


@dataclass(frozen=True)
class RatesImported:
    """What an import did: rows added, changed and left as they were, rows removed (with
    ``replace``), the currencies and the first and last day of the file."""

    added: int
    changed: int
    unchanged: int
    removed: int
    currencies: tuple[str, ...]
    first_day: date
    last_day: date


@dataclass(frozen=True)
class CurrencyRates:
    """The rates on file of one currency: first and last day, and the last day's rate."""

    currency: str
    first_day: date
    last_day: date
    latest: Decimal


# Reading files ----------------------------------------------------------------------------


def rates_parse(raw: bytes) -> list[RateRow]:
    """Return the rates of an ECB CSV, XML or zip file, one row per currency and day.

    Raises RatesFileError naming the line (CSV) or the day (XML) of a value that cannot be
    read, or saying that the content is not an ECB rates file; TooLarge for a zip member
    past :data:`MAX_BYTES`. A rate given twice for a day keeps the last one.
    """
    if raw.startswith(b"PK\x03\x04"):
        raw = _zip_member(raw)
    text = _text(raw).lstrip()
    rows = _xml_rows(text) if text.startswith("<") else _csv_rows(text)
    unique = {(row.currency, row.day): row for row in rows}
    return sorted(unique.values(), key=lambda row: (row.day, row.currency))


def _not_ecb() -> RatesFileError:
    return RatesFileError(
        _(
            "This is not an ECB exchange rate file: expected the euro reference rates as CSV "
            "(a first line starting with Date), as XML (gesmes:Envelope) or a zip of them."
        )
    )


def _zip_member(raw: bytes) -> bytes:
    """Return the one CSV or XML file of an ECB zip, read at most to the size limit (so a
    zip bomb stops at :data:`MAX_BYTES`, not at the end of its promise)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith((".csv", ".xml"))]
            if len(names) != 1:
                raise _not_ecb()
            with archive.open(names[0]) as member:
                content = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError):
        raise _not_ecb() from None
    if len(content) > MAX_BYTES:
        raise TooLarge(too_large_message())
    return content


def too_large_message() -> str:
    return _("The rates file is larger than %(megabytes)d MB.") % {
        "megabytes": MAX_BYTES // (1024 * 1024)
    }


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_ecb() from None


def _day(value: str) -> date | None:
    """Read "2026-12-04" or "04 December 2026" (the two ways the ECB writes a day)."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    parts = value.split()
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        month = MONTHS.get(parts[1].lower())
        if month is not None:
            try:
                return date(int(parts[2]), month, int(parts[0]))
            except ValueError:
                return None
    return None


def _rate(value: str) -> Decimal | None:
    """Read a positive rate, rounded to the six places the column keeps; None if not one."""
    try:
        rate = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not rate.is_finite() or rate <= 0 or rate > RATE_MAX:
        return None
    rounded = rate.quantize(PLACES)
    return rounded if rounded > 0 else None


def _csv_rows(text: str) -> Iterator[RateRow]:
    lines = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(lines, [])]
    while header and not header[-1]:
        header.pop()
    codes = [code.upper() for code in header[1:]]
    if not header or header[0].lower() != "date" or not codes:
        raise _not_ecb()
    if not all(CODE.fullmatch(code) for code in codes):
        raise _not_ecb()
    for number, cells in enumerate(lines, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        day = _day(cells[0])
        if day is None:
            raise RatesFileError(
                _("Line %(line)d: the date %(value)s cannot be read.")
                % {"line": number, "value": cells[0].strip()[:40]}
            )
        yield from _csv_line(number, day, codes, cells[1:])


def _csv_line(number: int, day: date, codes: Sequence[str], cells: list[str]) -> Iterator[RateRow]:
    extra = [cell for cell in cells[len(codes) :] if cell.strip()]
    if extra:
        raise RatesFileError(
            _("Line %(line)d has more values than the first line has currencies.")
            % {"line": number}
        )
    for code, cell in zip(codes, cells, strict=False):
        value = cell.strip()
        if not value or value.upper() == "N/A":
            continue
        rate = _rate(value)
        if rate is None:
            raise RatesFileError(
                _("Line %(line)d: the rate of %(currency)s, %(value)s, is not a positive number.")
                % {"line": number, "currency": code, "value": value[:40]}
            )
        yield RateRow(day, code, rate)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_rows(text: str) -> Iterator[RateRow]:
    # No document type is needed by the ECB's files; refusing one keeps entity expansion
    # (billion laughs) and external entities out before the parser starts.
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise _not_ecb()
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - no DTD can reach the parser
    except ElementTree.ParseError:
        raise _not_ecb() from None
    if _local(root.tag) != "Envelope":
        raise _not_ecb()
    days = [cube for cube in root.iter() if _local(cube.tag) == "Cube" and "time" in cube.attrib]
    if not days:
        raise _not_ecb()
    for cube in days:
        day = _day(cube.attrib["time"])
        if day is None:
            raise RatesFileError(
                _("The date %(value)s cannot be read.") % {"value": cube.attrib["time"][:40]}
            )
        for child in cube:
            code = child.attrib.get("currency", "").strip().upper()
            rate = _rate(child.attrib.get("rate", ""))
            if not CODE.fullmatch(code) or rate is None:
                raise RatesFileError(
                    _("%(day)s: the rate %(value)s of %(currency)s cannot be read.")
                    % {
                        "day": day.isoformat(),
                        "value": child.attrib.get("rate", "")[:40],
                        "currency": code[:10],
                    }
                )
            yield RateRow(day, code, rate)


def rates_read_file(path: Path) -> bytes:
    """Return the bytes of a rates file. Raises RatesFileError when it cannot be read and
    TooLarge past :data:`MAX_BYTES`."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise RatesFileError(
            _("The file %(path)s cannot be read: %(reason)s.")
            % {"path": str(path), "reason": error.strerror or error.__class__.__name__}
        ) from None
    if len(raw) > MAX_BYTES:
        raise TooLarge(too_large_message())
    return raw


# Storing rates ----------------------------------------------------------------------------


def _require_manager(actor: Actor) -> None:
    # The system (the command line, the demo loader) may import; a person must manage reports.
    if actor.user is not None and not can_manage_reports(actor.user):
        raise Forbidden(_("You may not change exchange rates."))


def rates_import(
    *, rows: Sequence[RateRow], source: str, actor: Actor, replace: bool = False
) -> RatesImported:
    """Store ``rows``: add the missing ones, update those whose rate changed, and return
    the counts. With ``replace``, rates of the file's currencies between its first and
    last day that the file does not hold are removed.

    One transaction, written in batches of :data:`BATCH`; one audit row. Raises
    RatesFileError for no rows, Forbidden for a person who may not manage reports and
    Conflict when another import stored the same rows at the same time.
    """
    _require_manager(actor)
    if not rows:
        raise RatesFileError(_("The file holds no exchange rates."))
    ordered = sorted({(r.currency, r.day): r for r in rows}.values(), key=lambda r: r.day)
    currencies = tuple(sorted({row.currency for row in ordered}))
    try:
        with transaction.atomic():
            batches = [
                _store_batch(ordered[start : start + BATCH], source[:200])
                for start in range(0, len(ordered), BATCH)
            ]
            added, changed, unchanged = (sum(counts) for counts in zip(*batches, strict=True))
            removed = _remove_others(ordered, currencies) if replace else 0
            result = RatesImported(
                added, changed, unchanged, removed, currencies, ordered[0].day, ordered[-1].day
            )
            _audit(actor, source, result)
    except IntegrityError:
        raise Conflict(
            _("Another import stored these rates at the same time. Try again.")
        ) from None
    return result


def _store_batch(batch: Sequence[RateRow], source: str) -> tuple[int, int, int]:
    stored = {
        (code, day): (pk, rate)
        for pk, code, day, rate in ExchangeRate.objects.filter(
            day__range=(batch[0].day, batch[-1].day),
            currency__in={row.currency for row in batch},
        ).values_list("pk", "currency", "day", "per_euro")
    }
    new: list[ExchangeRate] = []
    updates: list[ExchangeRate] = []
    for row in batch:
        found = stored.get((row.currency, row.day))
        if found is None:
            new.append(
                ExchangeRate(
                    day=row.day, currency=row.currency, per_euro=row.per_euro, source=source
                )
            )
        elif found[1] != row.per_euro:
            updates.append(ExchangeRate(pk=found[0], per_euro=row.per_euro, source=source))
    ExchangeRate.objects.bulk_create(new, batch_size=BATCH)
    ExchangeRate.objects.bulk_update(updates, ["per_euro", "source"], batch_size=BATCH)
    return len(new), len(updates), len(batch) - len(new) - len(updates)


def _remove_others(ordered: Sequence[RateRow], currencies: tuple[str, ...]) -> int:
    kept = {(row.currency, row.day) for row in ordered}
    candidates = ExchangeRate.objects.filter(
        currency__in=currencies, day__range=(ordered[0].day, ordered[-1].day)
    ).values_list("pk", "currency", "day")
    others = [pk for pk, code, day in candidates if (code, day) not in kept]
    for start in range(0, len(others), BATCH):
        ExchangeRate.objects.filter(pk__in=others[start : start + BATCH]).delete()
    return len(others)


def _audit(actor: Actor, source: str, result: RatesImported) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_label=source,
        data={
            "change": "imported",
            "added": result.added,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "removed": result.removed,
            "currencies": list(result.currencies),
            "first_day": result.first_day.isoformat(),
            "last_day": result.last_day.isoformat(),
        },
    )


def rates_import_raw(
    *, raw: bytes, source: str, actor: Actor, replace: bool = False
) -> RatesImported:
    """Read an ECB rates file (CSV, XML or zip) and store its rates: :func:`rates_parse`
    then :func:`rates_import`, with their errors. Raises TooLarge past :data:`MAX_BYTES`."""
    _require_manager(actor)
    if len(raw) > MAX_BYTES:
        raise TooLarge(too_large_message())
    return rates_import(rows=rates_parse(raw), source=source, actor=actor, replace=replace)


def rates_import_bundled(*, actor: Actor | None = None) -> RatesImported:
    """Import the rates shipped with Cortesia (about the last 400 days before the release),
    for the demo and for machines without a network."""
    raw = rates_read_file(BUNDLED)
    return rates_import_raw(
        raw=raw, source=f"bundled:{BUNDLED.name}", actor=actor or Actor.system()
    )


def rates_on_file() -> list[CurrencyRates]:
    """Return, per currency, the first and last day on file and the last day's rate (one
    query), sorted by currency."""
    latest = ExchangeRate.objects.filter(currency=OuterRef("currency")).order_by("-day")
    rows = (
        ExchangeRate.objects.values("currency")
        .annotate(first=Min("day"), last=Max("day"), latest=Subquery(latest.values("per_euro")[:1]))
        .order_by("currency")
    )
    return [
        CurrencyRates(row["currency"], row["first"], row["last"], row["latest"]) for row in rows
    ]
