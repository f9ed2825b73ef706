"""Reading the ECB's rate files (CSV, XML, zip) and storing them: counts, idempotence,
corrections, ``--replace``, clear refusals, the command by file and by URL, and the
bundled file."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden, TooLarge
from cortesia.reports import rates
from cortesia.reports.models import ExchangeRate
from cortesia.reports.rates import (
    RateRow,
    RatesFileError,
    RatesImported,
    rates_import,
    rates_import_bundled,
    rates_import_raw,
    rates_on_file,
    rates_parse,
)

pytestmark = pytest.mark.usefixtures("english")

DAILY_CSV = b"Date, USD, JPY, BGN, SEK, \n04 December 2026, 1.0812, 162.43, N/A, 11.2055, \n"
HIST_CSV = (
    b"Date,USD,SEK,CYP,\n"
    b"2026-12-04,1.0812,11.2055,N/A,\n"
    b"2026-12-03,1.0790,11.1900,N/A,\n"
    b"\n"
    b"2026-12-02,1.0801,11.2000,,\n"
)
XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
    xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
  <Cube>
    <Cube time="2026-12-04">
      <Cube currency="USD" rate="1.0812"/>
      <Cube currency="SEK" rate="11.2055"/>
    </Cube>
    <Cube time="2026-12-03">
      <Cube currency="USD" rate="1.0790"/>
    </Cube>
  </Cube>
</gesmes:Envelope>
"""


def _zip(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _stored() -> list[tuple[str, date, Decimal]]:
    return list(
        ExchangeRate.objects.order_by("currency", "day").values_list("currency", "day", "per_euro")
    )


# Reading ---------------------------------------------------------------------------------


def test_the_daily_csv_with_spaces_an_english_date_and_na() -> None:
    assert rates_parse(DAILY_CSV) == [
        RateRow(date(2026, 12, 4), "JPY", Decimal("162.430000")),
        RateRow(date(2026, 12, 4), "SEK", Decimal("11.205500")),
        RateRow(date(2026, 12, 4), "USD", Decimal("1.081200")),
    ]


def test_the_history_csv_skips_blank_lines_and_empty_values() -> None:
    rows = rates_parse(HIST_CSV)
    assert [(r.day.day, r.currency, str(r.per_euro)) for r in rows] == [
        (2, "SEK", "11.200000"),
        (2, "USD", "1.080100"),
        (3, "SEK", "11.190000"),
        (3, "USD", "1.079000"),
        (4, "SEK", "11.205500"),
        (4, "USD", "1.081200"),
    ]


def test_the_xml_and_the_zip_give_the_same_rows() -> None:
    expected = [
        RateRow(date(2026, 12, 3), "USD", Decimal("1.079")),
        RateRow(date(2026, 12, 4), "SEK", Decimal("11.2055")),
        RateRow(date(2026, 12, 4), "USD", Decimal("1.0812")),
    ]
    assert rates_parse(XML) == expected
    assert rates_parse(_zip("eurofxref-hist.xml", XML)) == expected
    assert rates_parse(_zip("eurofxref.csv", DAILY_CSV)) == rates_parse(DAILY_CSV)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b"name,email\nAda,ada@example.com\n", "not an ECB", id="other-csv"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "not an ECB", id="binary"),
        pytest.param(b"<html><body>Oops</body></html>", "not an ECB", id="html"),
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
            "not an ECB",
            id="doctype",
        ),
        pytest.param(_zip("readme.txt", b"hello"), "not an ECB", id="zip-without-rates"),
        pytest.param(
            b"Date,USD\n2026-12-04,1.08\n2026-13-01,1.09\n",
            "Line 3: the date 2026-13-01 cannot be read.",
            id="bad-date",
        ),
        pytest.param(
            b"Date,USD,SEK\n2026-12-04,1.08,eleven\n",
            "Line 2: the rate of SEK, eleven, is not a positive number.",
            id="bad-number",
        ),
        pytest.param(
            b"Date,USD\n2026-12-04,-1.08\n",
            "Line 2: the rate of USD, -1.08, is not a positive number.",
            id="negative",
        ),
        pytest.param(
            b"Date,USD\n2026-12-04,1.08,2.5\n",
            "Line 2 has more values than the first line has currencies.",
            id="extra-value",
        ),
        pytest.param(
            XML.replace(b'rate="11.2055"', b'rate="x"'),
            "2026-12-04: the rate x of SEK cannot be read.",
            id="xml-bad-rate",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_clearly(raw: bytes, message: str) -> None:
    with pytest.raises(RatesFileError) as refused:
        rates_parse(raw)
    assert message in refused.value.message


def test_a_zip_bomb_stops_at_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rates, "MAX_BYTES", 1000)
    with pytest.raises(TooLarge):
        rates_parse(_zip("eurofxref-hist.csv", b"Date,USD\n" + b"2026-12-04,1.08\n" * 200))


# Storing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_importing_counts_and_a_second_import_changes_nothing() -> None:
    first = rates_import_raw(raw=HIST_CSV, source="hist.csv", actor=Actor.system())

    assert first == RatesImported(6, 0, 0, 0, ("SEK", "USD"), date(2026, 12, 2), date(2026, 12, 4))
    again = rates_import_raw(raw=HIST_CSV, source="hist.csv", actor=Actor.system())
    assert again == RatesImported(0, 0, 6, 0, ("SEK", "USD"), date(2026, 12, 2), date(2026, 12, 4))
    assert len(_stored()) == 6
    audits = AuditEvent.objects.filter(object_type="exchange_rates").order_by("id")
    assert [(a.object_label, a.data["added"], a.data["unchanged"]) for a in audits] == [
        ("hist.csv", 6, 0),
        ("hist.csv", 0, 6),
    ]


@pytest.mark.django_db
def test_a_corrected_rate_is_updated_and_replace_removes_what_the_file_lacks() -> None:
    rates_import_raw(raw=HIST_CSV, source="hist.csv", actor=Actor.system())
    corrected = b"Date,USD\n2026-12-04,1.0900\n2026-12-02,1.0801\n"

    result = rates_import_raw(raw=corrected, source="fix.csv", actor=Actor.system(), replace=True)

    assert (result.added, result.changed, result.unchanged, result.removed) == (0, 1, 1, 1)
    assert _stored() == [
        ("SEK", date(2026, 12, 2), Decimal("11.200000")),
        ("SEK", date(2026, 12, 3), Decimal("11.190000")),
        ("SEK", date(2026, 12, 4), Decimal("11.205500")),
        ("USD", date(2026, 12, 2), Decimal("1.080100")),
        ("USD", date(2026, 12, 4), Decimal("1.090000")),
    ]
    assert ExchangeRate.objects.get(currency="USD", day=date(2026, 12, 4)).source == "fix.csv"


@pytest.mark.django_db
def test_an_agent_may_not_import_and_nothing_is_stored(alice: User) -> None:
    with pytest.raises(Forbidden):
        rates_import(
            rows=[RateRow(date(2026, 12, 4), "USD", Decimal("1.08"))],
            source="x",
            actor=Actor(alice),
        )
    assert _stored() == []
    assert not AuditEvent.objects.filter(object_type="exchange_rates").exists()


@pytest.mark.django_db
def test_a_file_without_rates_is_refused() -> None:
    with pytest.raises(RatesFileError) as refused:
        rates_import_raw(raw=b"Date,USD\n2026-12-04,N/A\n", source="x", actor=Actor.system())
    assert refused.value.message == "The file holds no exchange rates."


@pytest.mark.django_db
def test_the_bundled_file_holds_known_ecb_rates() -> None:
    result = rates_import_bundled()

    assert (result.first_day, result.last_day) == (date(2025, 9, 26), date(2026, 10, 30))
    assert len(result.currencies) == 30
    assert result.added == ExchangeRate.objects.count()
    assert ExchangeRate.objects.get(currency="USD", day=date(2026, 10, 30)).per_euro == Decimal(
        "1.1172"
    )
    assert ExchangeRate.objects.get(currency="SEK", day=date(2026, 10, 29)).per_euro == Decimal(
        "10.9995"
    )
    assert ExchangeRate.objects.get(currency="JPY", day=date(2025, 9, 26)).per_euro == Decimal(
        "174.79"
    )
    # Bulgaria's lev stopped with the euro: its last rate is of 2025.
    summary = {entry.currency: entry for entry in rates_on_file()}
    assert summary["BGN"].last_day.year == 2025
    assert (summary["USD"].last_day, summary["USD"].latest) == (
        date(2026, 10, 30),
        Decimal("1.1172"),
    )


def test_the_bundled_file_is_small() -> None:
    assert rates.BUNDLED.stat().st_size < 150 * 1024


# The command -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_imports_a_file_and_prints_the_counts(tmp_path: Path) -> None:
    path = tmp_path / "eurofxref.zip"
    path.write_bytes(_zip("eurofxref.csv", DAILY_CSV))
    out = io.StringIO()

    call_command("rates", "import", str(path), stdout=out)

    assert out.getvalue().strip() == (
        "3 rates added, 0 changed, 0 unchanged, 0 removed; 3 currencies "
        "from 2026-12-04 to 2026-12-04."
    )


@pytest.mark.django_db
def test_the_command_names_a_missing_file_and_a_bad_line(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot be read: No such file or directory"):
        call_command("rates", "import", str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Date,USD\n2026-12-04,1.08\n4 Dezember 2026,1.09\n")
    with pytest.raises(CommandError, match="Line 3: the date 4 Dezember 2026 cannot be read."):
        call_command("rates", "import", str(bad))
    assert _stored() == []


class _Files(BaseHTTPRequestHandler):
    bodies: dict[str, tuple[int, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        status, body = self.bodies.get(self.path, (404, b"missing"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


@pytest.fixture
def ecb_server(settings: Any) -> Iterator[str]:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1/32"]
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    _Files.bodies = {
        "/eurofxref-hist.zip": (200, _zip("eurofxref-hist.csv", HIST_CSV)),
        "/moved": (302, b""),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_the_command_downloads_from_an_address(ecb_server: str) -> None:
    out = io.StringIO()
    call_command("rates", "import", f"{ecb_server}/eurofxref-hist.zip", stdout=out)

    assert out.getvalue().startswith(
        "6 rates added, 0 changed, 0 unchanged, 0 removed; 2 currencies"
    )
    row = ExchangeRate.objects.get(currency="SEK", day=date(2026, 12, 3))
    assert row.source == f"{ecb_server}/eurofxref-hist.zip"


@pytest.mark.django_db
def test_a_redirect_or_a_missing_file_is_not_followed(ecb_server: str) -> None:
    with pytest.raises(CommandError, match="answered 302 instead of a file"):
        call_command("rates", "import", f"{ecb_server}/moved")
    with pytest.raises(CommandError, match="answered 404 instead of a file"):
        call_command("rates", "import", f"{ecb_server}/nothing.csv")
    assert _stored() == []


@pytest.mark.django_db
def test_a_download_past_the_limit_is_refused(
    ecb_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cortesia.reports.rates_download.MAX_BYTES", 100)
    with pytest.raises(CommandError, match="larger than"):
        call_command("rates", "import", f"{ecb_server}/eurofxref-hist.zip")


@pytest.mark.django_db
def test_a_private_address_is_refused_without_the_allowlist(settings: Any) -> None:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = []
    with pytest.raises(CommandError, match="private or reserved network"):
        call_command("rates", "import", "http://127.0.0.1:9/eurofxref.csv")


@pytest.mark.django_db
def test_an_unreachable_address_says_so(settings: Any) -> None:
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1/32"]
    with pytest.raises(CommandError, match="could not be reached"):
        call_command("rates", "import", "http://127.0.0.1:9/eurofxref.csv")
