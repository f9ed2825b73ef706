"""Customer search, the customer page, the API list and segment counts at scale on PostgreSQL.

The script migrates the database it is given, then loads synthetic but realistic data with
PostgreSQL ``COPY`` in bounded chunks:

* ``--customers`` customers (default 1,000,000) from Italy, Finland, Bulgaria (Cyrillic),
  Romania (ș/ț), Saudi Arabia (Arabic), the United Kingdom, Germany and Japan, with their
  language, time zone and currency, ``created_at`` spread over three years, 0–2 tags, an
  external id ``{"shop": "S<id>"}``, one unique e-mail address and one unique E.164 phone
  number each, ``search_text`` built as ``customers.services`` builds it, and one "created"
  timeline event each;
* ``--orders`` orders (default 5,000,000) placed over the same three years by customers who
  existed at the time, one line each, in EUR, SAR, USD, JPY, BGN (before the euro) or RON;
* the ``customers_customertag`` and ``customers_customerexternalid`` rows too, when those
  models and tables exist, consistent with the JSON ``tags`` and ``external_ids``.

Columns are taken from the models' ``_meta``: a column the script does not know gets the
field's default (or NULL, or ""), so columns added later need no change here. After
``VACUUM (ANALYZE)`` it measures, after a warm-up, with ``time.perf_counter``:

* the first page (50) of ``customers.selectors.customer_list`` ordered newest first for a
  mix of queries (common given name, rare surname, e-mail fragment, a phone number in local
  format with spaces, a Cyrillic name, an Arabic name, "rossi" for the stored "Rossì", and
  a query that matches nothing), per query kind and overall;
* ``GET /customers/<uid>/`` through ``django.test.Client`` as an administrator, with the
  number of SQL queries per page for customers with many, some and no orders;
* ``GET /api/v1/customers?q=…`` with a read-scope bearer token, for the same queries;
* ``segment_count(rules)`` of ``cortesia.customers.segments`` for several rule sets, when
  that module exists (otherwise the result says it was skipped).

It prints one JSON object to stdout (sizes, seed time and rate, table and index sizes, the
measurements, the peak RSS of the process). Progress goes to stderr, and so do the
``EXPLAIN (ANALYZE, BUFFERS)`` plans of the slowest search query and the slowest segment
(with any ``SET LOCAL`` the application ran before them, such as a larger ``work_mem``).
Each series of measurements stops at ``--budget`` seconds and every SQL statement at
``--statement-timeout`` seconds. Seeding that is still running ``--time-limit`` seconds after
the start fails the run; measurements then left are skipped and the JSON says so.

PostgreSQL only (SQLite is refused), on an empty database: it refuses one that already holds
customers, and it leaves the data it loaded. Against a throwaway cluster, from the project
folder::

    .venv/bin/python -m cortesia.testing.postgres -- \\
        .venv/bin/python bench/customers_scale.py --customers 1000000 --orders 5000000

Smaller runs (``--customers 20000 --orders 100000``) take about a minute. To bound a run from
outside, put ``timeout`` after the ``--`` (``… postgres -- timeout 3600 .venv/bin/python …``):
a ``timeout`` around the cluster runner stops the runner too, before it can remove its cluster.
"""

from __future__ import annotations

import argparse
import enum
import importlib
import importlib.util
import json
import os
import random
import re
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import FrameType
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from cortesia.lib.text import normalize_for_search

if TYPE_CHECKING:
    import psycopg
    from django.db.models import Field, Model

    from cortesia.accounts.models import User

SETTINGS_MODULE = "cortesia.settings"
DEFAULT_SEED = 20261124
PAGE_SIZE = 50  # the staff list's page (customers.views.PAGE_SIZE)
SPAN = timedelta(days=3 * 365)
MAX_CUSTOMERS = 10_000_000  # phone numbers carry a 7-digit unique part
SEGMENT_RUNS = 5
SET_RE = re.compile(r"\s*SET\s+(?:LOCAL\s+|SESSION\s+)?", re.IGNORECASE)
RARE_SURNAME = "Quarantotto"
RARE_COUNT = 5
BG_EURO_FROM = datetime(2026, 1, 1, tzinfo=UTC)  # Bulgaria adopted the euro on this day
TAGS = ("vip", "newsletter", "wholesale", "b2b")
CREATED_EVENT_DATA = json.dumps({"fields": ["country", "given_name", "language", "surname"]})

Name = tuple[str, str]  # (as written, ASCII for the e-mail address)


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[customers_scale] {message}", file=sys.stderr, flush=True)


def ascii_word(text: str) -> str:
    return "".join(char for char in normalize_for_search(text) if char.isascii() and char.isalnum())


def names(listing: str) -> tuple[Name, ...]:
    """``"Giulia, Niccolò"`` or ``"Георги=Georgi, …"``: the written form, and the ASCII form
    (given after "=" for other scripts, else folded) that goes into the e-mail address."""
    result = []
    for entry in listing.split(","):
        written, _sep, transliterated = entry.strip().partition("=")
        result.append((written, transliterated or ascii_word(written)))
    return tuple(result)


@dataclass(frozen=True)
class Locale:
    language: str
    country: str
    time_zone: str
    currency: str  # the customer's own currency
    weight: int  # share of customers, in percent
    phone_prefix: str  # E.164 before the 7 unique digits (valid mobile ranges)
    domains: tuple[str, ...]
    given_names: tuple[Name, ...]  # most common first
    surnames: tuple[Name, ...]
    female: frozenset[str] = frozenset()  # given names whose surname takes the female form


LOCALES: tuple[Locale, ...] = (
    Locale(
        "it",
        "IT",
        "Europe/Rome",
        "EUR",
        25,
        "+39320",
        ("libero.it", "gmail.com", "virgilio.it", "outlook.it"),
        names(
            "Giulia, Marco, Francesca, Alessandro, Sofia, Luca, Chiara, Matteo, Martina, "
            "Lorenzo, Giorgia, Andrea, Elena, Niccolò, Federica, Gabriele, Aurora, Tommaso"
        ),
        names(
            "Rossì, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, "
            "Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Cantù, D'Angelo, "
            "Lombardi, Moretti"
        ),
    ),
    Locale(
        "fi",
        "FI",
        "Europe/Helsinki",
        "EUR",
        10,
        "+35840",
        ("gmail.com", "luukku.com", "outlook.com", "elisanet.fi"),
        names(
            "Mikko, Aino, Juha, Emilia, Jukka, Helmi, Matti, Venla, Timo, Aada, Pekka, Ella, "
            "Antti, Eetu, Sanna, Väinö"
        ),
        names(
            "Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, Heikkinen, "
            "Koskinen, Järvinen, Lehtonen, Saarinen, Salminen, Heinonen, Kinnunen, Heikkilä"
        ),
    ),
    Locale(
        "bg",
        "BG",
        "Europe/Sofia",
        "EUR",
        10,
        "+35988",
        ("abv.bg", "gmail.com", "mail.bg", "dir.bg"),
        names(
            "Георги=georgi, Мария=maria, Иван=ivan, Елена=elena, Димитър=dimitar, "
            "Йорданка=yordanka, Николай=nikolay, Петя=petya, Александър=aleksandar, "
            "Десислава=desislava, Стоян=stoyan, Цветелина=tsvetelina, Христо=hristo, "
            "Радостина=radostina"
        ),
        names(
            "Иванов=ivanov, Георгиев=georgiev, Димитров=dimitrov, Петров=petrov, "
            "Николов=nikolov, Христов=hristov, Стоянов=stoyanov, Тодоров=todorov, "
            "Илиев=iliev, Атанасов=atanasov, Попов=popov, Ангелов=angelov, Йорданов=yordanov"
        ),
        frozenset({"Мария", "Елена", "Йорданка", "Петя", "Десислава", "Цветелина", "Радостина"}),
    ),
    Locale(
        "ro",
        "RO",
        "Europe/Bucharest",
        "RON",
        10,
        "+4072",
        ("yahoo.ro", "gmail.com", "yahoo.com"),
        names(
            "Andrei, Ioana, Ștefan, Elena, Mihai, Maria, Alexandru, Cristina, Răzvan, Ana, "
            "Bogdan, Oana, Florin, Alina, Țicu"
        ),
        names(
            "Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Mureșan, Matei, "
            "Ciobanu, Rusu, Ștefănescu, Țurcanu, Lungu, Bălan"
        ),
    ),
    Locale(
        "ar",
        "SA",
        "Asia/Riyadh",
        "SAR",
        8,
        "+96650",
        ("gmail.com", "hotmail.com", "outlook.sa", "yahoo.com"),
        names(
            "محمد=mohammed, فاطمة=fatimah, عبدالله=abdullah, نورة=noura, أحمد=ahmed, "
            "سارة=sarah, خالد=khalid, ريم=reem, عبدالرحمن=abdulrahman, هيفاء=haifa, "
            "فيصل=faisal, منيرة=munirah, سلطان=sultan, عمر=omar"
        ),
        names(
            "العتيبي=alotaibi, القحطاني=alqahtani, الغامدي=alghamdi, الحربي=alharbi, "
            "الشمري=alshammari, الدوسري=aldosari, الزهراني=alzahrani, المطيري=almutairi, "
            "السبيعي=alsubaie, العنزي=alanazi, الشهري=alshehri"
        ),
    ),
    Locale(
        "en",
        "GB",
        "Europe/London",
        "GBP",
        15,
        "+44790",
        ("gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk"),
        names(
            "Oliver, Amelia, George, Isla, Harry, Ava, Jack, Olivia, Noah, Emily, Charlie, "
            "Sophie, Thomas, Grace"
        ),
        names(
            "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Patel, Robinson, "
            "Wright, Thompson, Evans, O'Brien"
        ),
    ),
    Locale(
        "de",
        "DE",
        "Europe/Berlin",
        "EUR",
        15,
        "+491512",
        ("gmx.de", "web.de", "t-online.de", "gmail.com"),
        names(
            "Lukas, Anna, Maximilian, Lena, Jonas, Leonie, Felix, Hannah, Paul, Jürgen, Sören, "
            "Jörg, Lea"
        ),
        names(
            "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, "
            "Hoffmann, Schäfer, Koch, Weiß, Schröder, Zimmermann"
        ),
    ),
    Locale(
        "ja",
        "JP",
        "Asia/Tokyo",
        "JPY",
        7,
        "+81901",
        ("gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com"),
        names(
            "陽翔=haruto, 結菜=yuina, 蓮=ren, 陽菜=hina, 大和=yamato, 葵=aoi, 翔太=shota, "
            "さくら=sakura, 健太=kenta, 美咲=misaki"
        ),
        names(
            "佐藤=sato, 鈴木=suzuki, 高橋=takahashi, 田中=tanaka, 伊藤=ito, 渡辺=watanabe, "
            "山本=yamamoto, 中村=nakamura, 小林=kobayashi, 加藤=kato"
        ),
    ),
)
LOCALE_CUM_WEIGHTS = tuple(
    sum(locale.weight for locale in LOCALES[: index + 1]) for index in range(len(LOCALES))
)
LOCALE_INDEXES = tuple(range(len(LOCALES)))
IT_INDEX = next(index for index, locale in enumerate(LOCALES) if locale.language == "it")

# Orders: (SKU, name, category, unit price in EUR cents)
PRODUCTS: tuple[tuple[str, str, str, int], ...] = (
    ("TEA-SEN-100", "Sencha green tea 100 g", "tea", 1290),
    ("TEA-EAR-250", "Earl Grey 250 g", "tea", 1650),
    ("COF-ESP-1K", "Espresso beans 1 kg", "coffee", 2490),
    ("COF-MOK-3", "Moka pot, 3 cups", "kitchen", 3490),
    ("CUP-CER-6", "Ceramic cups, set of 6", "kitchen", 4200),
    ("GFT-BOX-S", "Gift box, small", "gifts", 1990),
    ("GFT-BOX-L", "Gift box, large", "gifts", 5900),
    ("SUB-MON-1", "Monthly tasting subscription", "subscriptions", 2900),
    ("KET-ELE-17", "Electric kettle 1.7 l", "appliances", 7900),
    ("GRN-BUR-1", "Burr grinder", "appliances", 12900),
)
# Units of each order currency per euro, and its decimal places.
CURRENCY_RATES: dict[str, tuple[float, int]] = {
    "EUR": (1.0, 2),
    "USD": (1.08, 2),
    "SAR": (4.05, 2),
    "JPY": (162.0, 0),
    "BGN": (1.95583, 2),
    "RON": (4.97, 2),
}
TITLES = ("", "", "", "mr", "ms", "mrs", "dr")
CHANNELS = ("", "", "email", "phone", "sms", "whatsapp")
SOURCES = ("shop",) * 16 + ("pos",) * 3 + ("api",)


def zipf_weights(count: int) -> list[float]:
    """Cumulative weights 1/rank^0.9: the first names are common, the last ones rare."""
    total = 0.0
    cumulative = []
    for rank in range(1, count + 1):
        total += 1.0 / rank**0.9
        cumulative.append(total)
    return cumulative


class Deadline:
    """The whole run's time limit; every loop asks it before going on."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def check(self, step: str) -> None:
        if self.remaining() <= 0:
            raise BenchError(f"The time limit ({self.seconds:.0f} s) ran out during {step}.")


# --- COPY -----------------------------------------------------------------------------------


class CopyTable:
    """A model's table with the columns COPY writes and a value for every one of them.

    ``provided`` names the attributes (``field.attname``) the caller gives per row, in
    order; every other concrete field gets its default, NULL or "" (an auto-increment primary
    key is left to the database). A NOT NULL column without any of these stops the run.
    """

    def __init__(
        self,
        model: type[Model],
        provided: Sequence[str],
        *,
        now: datetime,
        new_uuid: Callable[[], uuid.UUID],
        db_columns: Mapping[str, bool],
    ) -> None:
        from django.db import models
        from django.db.models.fields import NOT_PROVIDED

        self.table = model._meta.db_table
        self.provided = tuple(provided)
        self.columns: list[str] = []
        self.defaults: dict[str, str] = {}
        # (index into the row's provided values, or -1 for a constant, -2 for a factory)
        self._slots: list[tuple[int, Any]] = []
        known: set[str] = set()
        for model_field in model._meta.concrete_fields:
            column = model_field.column
            known.add(column)
            if column not in db_columns:
                log(
                    f"{self.table}.{column} ({model.__name__}.{model_field.name}) is not in the "
                    "database: a migration is missing; the column is left out."
                )
                continue
            if model_field.attname in self.provided:
                self._slots.append((self.provided.index(model_field.attname), None))
                self.columns.append(column)
                continue
            if model_field.primary_key and isinstance(model_field, models.AutoField):
                continue
            slot = self._default_slot(model_field, now, new_uuid, NOT_PROVIDED)
            if slot is None:  # a database default applies
                continue
            self._slots.append(slot)
            self.columns.append(column)
            self.defaults[column] = "per row" if slot[0] == -2 else repr(slot[1])
        missing = sorted(set(self.provided) - {f.attname for f in model._meta.concrete_fields})
        if missing:
            log(f"{self.table}: no field for {', '.join(missing)}; those values are not written.")
        unknown_required = sorted(
            column
            for column, optional in db_columns.items()
            if column not in known and not optional
        )
        if unknown_required:
            raise BenchError(
                f"{self.table} has NOT NULL column(s) {', '.join(unknown_required)} without a "
                f"default that {model.__name__} does not define; are migrations and models in step?"
            )

    @staticmethod
    def _default_slot(
        model_field: Field[Any, Any],
        now: datetime,
        new_uuid: Callable[[], uuid.UUID],
        not_provided: object,
    ) -> tuple[int, Any] | None:
        from django.db import models

        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            return (-1, now)
        if model_field.has_default():
            if isinstance(model_field, models.UUIDField):
                return (-2, new_uuid)
            if model_field.unique:
                return (-2, lambda: db_value(model_field, model_field.get_default()))
            return (-1, db_value(model_field, model_field.get_default()))
        if model_field.db_default is not not_provided:
            return None
        if model_field.null:
            return (-1, None)
        if isinstance(model_field, (models.CharField, models.TextField)):
            return (-1, "")
        model = getattr(model_field, "model", None)
        owner = model.__name__ if isinstance(model, type) else "?"
        raise BenchError(
            f"{owner}.{model_field.name} is NOT NULL and has no default; the bench does not "
            "know what to write there. Give it a default or teach bench/customers_scale.py."
        )

    def row(self, values: Sequence[object]) -> tuple[object, ...]:
        return tuple(
            values[index] if index >= 0 else (value if index == -1 else value())
            for index, value in self._slots
        )


def db_value(model_field: Field[Any, Any], value: object) -> object:
    """A Python value as COPY (text format) takes it for ``model_field``'s column."""
    from django.db import models

    if isinstance(model_field, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def table_columns(table: str) -> dict[str, bool]:
    """The table's columns in the database: name → may be left out (nullable or defaulted)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, is_nullable = 'YES' OR column_default IS NOT NULL"
            " OR is_identity = 'YES' FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = %s",
            [table],
        )
        return {str(name): bool(optional) for name, optional in cursor.fetchall()}


def raw_connection() -> psycopg.Connection[Any]:
    from django.db import connection

    connection.ensure_connection()
    return cast("psycopg.Connection[Any]", connection.connection)


@dataclass
class CopyStats:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, table: str, rows: int, seconds: float) -> None:
        self.rows[table] = self.rows.get(table, 0) + rows
        self.seconds[table] = self.seconds.get(table, 0.0) + seconds


def copy_rows(table: CopyTable, rows: Sequence[Sequence[object]], stats: CopyStats) -> None:
    """COPY one chunk of rows (one statement, committed on its own)."""
    from psycopg import sql

    if not rows:
        return
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.table), sql.SQL(", ").join(map(sql.Identifier, table.columns))
    )
    began = time.perf_counter()
    with raw_connection().cursor() as cursor, cursor.copy(statement) as copy:
        for values in rows:
            copy.write_row(table.row(values))
    stats.add(table.table, len(rows), time.perf_counter() - began)


# --- Seeding --------------------------------------------------------------------------------


@dataclass
class Targets:
    """Seeded customers the search queries aim at."""

    email_fragment: str = ""
    phone_local: str = ""


@dataclass
class Seeded:
    customers: int
    orders: int
    targets: Targets
    stats: CopyStats
    seconds: float
    vacuum_seconds: float


def optional_model(name: str) -> type[Model] | None:
    """``cortesia.customers.models.<name>`` if it exists and has a table in the database."""
    from django.db import connection

    module = importlib.import_module("cortesia.customers.models")
    model = getattr(module, name, None)
    if model is None:
        return None
    table = cast("type[Model]", model)._meta.db_table
    return cast("type[Model]", model) if table in connection.introspection.table_names() else None


def local_format(e164: str) -> str:
    import phonenumbers

    number = phonenumbers.parse(e164)
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))


def _rebuild_order_stats() -> int | None:
    """Fill the per-customer order statistics that segments read, as the application would
    have kept them (the COPY above bypasses the services); None when the schema has none."""
    if importlib.util.find_spec("cortesia.customers.order_stats") is None:
        return None
    from cortesia.customers.order_stats import order_stats_rebuild

    began = time.perf_counter()
    rows = order_stats_rebuild()
    log(f"order statistics: {rows:,} rows in {time.perf_counter() - began:.0f} s")
    return rows


def seed(
    *, customers: int, orders: int, chunk: int, seed_value: int, now: datetime, deadline: Deadline
) -> Seeded:
    from psycopg import sql

    from cortesia.customers.models import (
        Customer,
        CustomerEmail,
        CustomerEvent,
        CustomerPhone,
        Order,
        OrderLine,
    )

    if Customer.objects.exists() or Order.objects.exists():
        raise BenchError(
            "The database already holds customers or orders; run against an empty database "
            "(python -m cortesia.testing.postgres -- … gives a throwaway one)."
        )
    rng = random.Random(seed_value)

    def new_uuid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def plan(model: type[Model], provided: Sequence[str]) -> CopyTable:
        table = CopyTable(
            model,
            provided,
            now=now,
            new_uuid=new_uuid,
            db_columns=table_columns(model._meta.db_table),
        )
        if table.defaults:
            defaults = ", ".join(f"{k}={v}" for k, v in sorted(table.defaults.items()))
            log(f"{table.table}: defaults for {defaults}")
        return table

    customer_table = plan(
        Customer,
        (
            "id",
            "uid",
            "created_at",
            "updated_at",
            "given_name",
            "surname",
            "title",
            "country",
            "language",
            "language_source",
            "time_zone",
            "currency",
            "preferred_channel",
            "tags",
            "external_ids",
            "search_text",
        ),
    )
    email_table = plan(CustomerEmail, ("customer_id", "address", "is_primary"))
    phone_table = plan(CustomerPhone, ("customer_id", "e164", "region", "time_zone", "is_primary"))
    event_table = plan(CustomerEvent, ("uid", "customer_id", "kind", "occurred_at", "data"))
    order_table = plan(
        Order,
        (
            "id",
            "uid",
            "created_at",
            "updated_at",
            "customer_id",
            "source",
            "number",
            "placed_at",
            "currency",
            "total",
            "status",
        ),
    )
    line_table = plan(OrderLine, ("order_id", "sku", "name", "category", "quantity", "unit_price"))
    tag_model = optional_model("CustomerTag")
    external_model = optional_model("CustomerExternalId")
    tag_table = plan(tag_model, ("customer_id", "tag")) if tag_model else None
    external_table = (
        plan(external_model, ("customer_id", "source", "value")) if external_model else None
    )
    extra_tables = [t.table for t in (tag_table, external_table) if t is not None]
    log(
        "tag and external id rows: "
        + (", ".join(extra_tables) if extra_tables else "no such tables, JSON fields only")
    )

    stats = CopyStats()
    start = now - SPAN
    span_s = SPAN.total_seconds()
    created_offsets = array("d", bytes(8 * customers))
    locales = bytearray(customers)
    rare = {(k + 1) * customers // (RARE_COUNT + 1) for k in range(RARE_COUNT)}
    email_target = customers * 2 // 5
    phone_from = customers // 2
    targets = Targets()
    given_weights = [zipf_weights(len(locale.given_names)) for locale in LOCALES]
    surname_weights = [zipf_weights(len(locale.surnames)) for locale in LOCALES]
    tag_counts = (0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2)  # 0: 47 %, 1: 33 %, 2: 20 %
    began = time.perf_counter()

    log(f"seeding {customers:,} customers in chunks of {chunk:,}")
    for first in range(0, customers, chunk):
        deadline.check("seeding customers")
        customer_rows: list[tuple[object, ...]] = []
        email_rows: list[tuple[object, ...]] = []
        phone_rows: list[tuple[object, ...]] = []
        event_rows: list[tuple[object, ...]] = []
        tag_rows: list[tuple[object, ...]] = []
        external_rows: list[tuple[object, ...]] = []
        for index in range(first, min(first + chunk, customers)):
            customer_id = index + 1
            if index in rare:
                locale_index = IT_INDEX
            else:
                locale_index = rng.choices(LOCALE_INDEXES, cum_weights=LOCALE_CUM_WEIGHTS)[0]
            locale = LOCALES[locale_index]
            locales[index] = locale_index
            offset = (index + rng.random()) * span_s / customers
            created_offsets[index] = offset
            created_at = start + timedelta(seconds=offset)
            given, given_ascii = rng.choices(
                locale.given_names, cum_weights=given_weights[locale_index]
            )[0]
            surname, surname_ascii = rng.choices(
                locale.surnames, cum_weights=surname_weights[locale_index]
            )[0]
            if given in locale.female and surname.endswith(("ов", "ев")):
                surname, surname_ascii = surname + "а", surname_ascii + "a"
            if index in rare:
                surname, surname_ascii = RARE_SURNAME, RARE_SURNAME.lower()
            email = f"{given_ascii}.{surname_ascii}.{customer_id}@{rng.choice(locale.domains)}"
            e164 = f"{locale.phone_prefix}{(index * 7_654_321 + 1_234_567) % 10_000_000:07d}"
            tags = rng.sample(TAGS, rng.choice(tag_counts))
            external_ids = {"shop": f"S{customer_id}"}
            search_text = normalize_for_search(" ".join((given, surname, email, e164.lstrip("+"))))
            customer_rows.append(
                (
                    customer_id,
                    new_uuid(),
                    created_at,
                    created_at + timedelta(seconds=rng.randrange(0, 30 * 86400)),
                    given,
                    surname,
                    rng.choice(TITLES),
                    locale.country,
                    locale.language,
                    "explicit" if rng.random() < 0.3 else "country",
                    locale.time_zone,
                    locale.currency,
                    rng.choice(CHANNELS),
                    json.dumps(tags),
                    json.dumps(external_ids),
                    search_text,
                )
            )
            email_rows.append((customer_id, email, True))
            phone_rows.append((customer_id, e164, locale.country, locale.time_zone, True))
            event_rows.append((new_uuid(), customer_id, "created", created_at, CREATED_EVENT_DATA))
            tag_rows.extend((customer_id, tag) for tag in tags)
            external_rows.extend((customer_id, k, v) for k, v in external_ids.items())
            if index == email_target:
                targets.email_fragment = email.split("@")[0]
            if not targets.phone_local and index >= phone_from and locale.language == "it":
                targets.phone_local = local_format(e164)
        copy_rows(customer_table, customer_rows, stats)
        copy_rows(email_table, email_rows, stats)
        copy_rows(phone_table, phone_rows, stats)
        copy_rows(event_table, event_rows, stats)
        if tag_table is not None:
            copy_rows(tag_table, tag_rows, stats)
        if external_table is not None:
            copy_rows(external_table, external_rows, stats)
        done = min(first + chunk, customers)
        if done % (chunk * 10) == 0 or done == customers:
            log(f"  {done:,} customers ({time.perf_counter() - began:.0f} s)")
    if not targets.phone_local:  # tiny runs without an Italian customer in the second half
        first_phone = CustomerPhone.objects.order_by("id").values_list("e164", flat=True).first()
        targets.phone_local = local_format(first_phone or "")

    log(f"seeding {orders:,} orders (one line each)")
    order_began = time.perf_counter()
    for first in range(0, orders, chunk):
        deadline.check("seeding orders")
        order_rows: list[tuple[object, ...]] = []
        line_rows: list[tuple[object, ...]] = []
        for number in range(first, min(first + chunk, orders)):
            order_id = number + 1
            offset = (number + rng.random()) * span_s / orders
            # Customers who existed then; the earliest ones have had the most time to buy.
            existing = max(1, min(customers, int(customers * offset / span_s)))
            index = rng.randrange(existing)
            offset = max(offset, created_offsets[index] + 60.0)
            placed_at = start + timedelta(seconds=offset)
            locale = LOCALES[locales[index]]
            currency = locale.currency
            if currency == "EUR" and locale.country == "BG" and placed_at < BG_EURO_FROM:
                currency = "BGN"
            if currency not in CURRENCY_RATES or rng.random() < 0.07:
                currency = "USD"
            sku, product, category, cents = PRODUCTS[rng.randrange(len(PRODUCTS))]
            rate, places = CURRENCY_RATES[currency]
            unit = round(cents * rate * rng.uniform(0.9, 1.1) / 10 ** (2 - places))
            quantity = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
            unit_price = Decimal(unit).scaleb(-places)
            age = now - placed_at
            if age < timedelta(days=2):
                status = rng.choice(("placed", "paid"))
            elif age < timedelta(days=10):
                status = rng.choices(("paid", "shipped", "delivered"), weights=(2, 6, 2))[0]
            else:
                status = rng.choices(("delivered", "returned", "cancelled"), weights=(84, 5, 11))[0]
            order_rows.append(
                (
                    order_id,
                    new_uuid(),
                    placed_at,
                    placed_at + timedelta(seconds=rng.randrange(60, 14 * 86400)),
                    index + 1,
                    SOURCES[rng.randrange(len(SOURCES))],
                    f"W{order_id:09d}",
                    placed_at,
                    currency,
                    unit_price * quantity,
                    status,
                )
            )
            line_rows.append((order_id, sku, product, category, quantity, unit_price))
        copy_rows(order_table, order_rows, stats)
        copy_rows(line_table, line_rows, stats)
        done = min(first + chunk, orders)
        if done % (chunk * 20) == 0 or done == orders:
            log(f"  {done:,} orders ({time.perf_counter() - order_began:.0f} s)")

    with raw_connection().cursor() as cursor:
        for table in (customer_table.table, order_table.table):
            cursor.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({name}, 'id'),"
                    " (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                ).format(name=sql.Literal(table), table=sql.Identifier(table))
            )
    seconds = time.perf_counter() - began
    rebuilt = _rebuild_order_stats()
    if rebuilt is not None:
        stats.rows["customers_customerorderstats"] = rebuilt
    log(f"loaded {sum(stats.rows.values()):,} rows in {seconds:.0f} s; VACUUM (ANALYZE)")
    vacuum_began = time.perf_counter()
    with raw_connection().cursor() as cursor:
        for table in stats.rows:
            deadline.check("VACUUM (ANALYZE)")
            cursor.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
    vacuum_seconds = time.perf_counter() - vacuum_began
    return Seeded(
        customers=customers,
        orders=orders,
        targets=targets,
        stats=stats,
        seconds=seconds,
        vacuum_seconds=vacuum_seconds,
    )


# --- Measuring ------------------------------------------------------------------------------


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks of an ordered, non-empty sample."""
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(samples_ms: Sequence[float]) -> dict[str, float | int]:
    if not samples_ms:
        return {"iterations": 0}
    ordered = sorted(samples_ms)
    return {
        "iterations": len(ordered),
        "p50_ms": round(percentile(ordered, 0.50), 2),
        "p95_ms": round(percentile(ordered, 0.95), 2),
        "p99_ms": round(percentile(ordered, 0.99), 2),
        "mean_ms": round(statistics.fmean(ordered), 2),
        "max_ms": round(ordered[-1], 2),
    }


@dataclass(frozen=True)
class Timing:
    iterations: int
    warmup: int
    budget_s: float
    deadline: Deadline

    def series(self, label: str, action: Callable[[], object]) -> list[float]:
        """Warm up, then time ``action`` up to ``iterations`` times or ``budget_s`` seconds
        (less when the run's time limit is nearer: then the series is shorter or empty)."""
        budget = min(self.budget_s, self.deadline.remaining())
        if budget <= 0:
            log(f"  {label}: skipped, the run's time limit is reached")
            return []
        ends = time.monotonic() + budget
        for _ in range(self.warmup):
            action()
            if time.monotonic() > ends:
                break
        samples: list[float] = []
        for _ in range(self.iterations):
            if time.monotonic() > ends:
                log(f"  {label}: the {budget:.0f} s budget ran out after {len(samples)} runs")
                break
            began = time.perf_counter()
            action()
            samples.append((time.perf_counter() - began) * 1000.0)
        return samples


def search_queries(targets: Targets) -> dict[str, str]:
    return {
        "common_given_name": "Giulia",
        "rare_surname": RARE_SURNAME,
        "email_fragment": targets.email_fragment,
        "phone_local_format": targets.phone_local,
        "cyrillic_name": "Петрова",
        "arabic_name": "فاطمة",
        "accentless_rossi_for_rossì": "rossi",
        "no_match": "zqxjvw",
    }


@dataclass(frozen=True)
class Captured:
    """A query the application ran, and the ``SET`` statements it ran before it (such as
    ``SET LOCAL work_mem``), without which EXPLAIN could show another plan."""

    sql: str
    settings: tuple[str, ...]


def captured_slowest(action: Callable[[], object]) -> Captured | None:
    """Run ``action`` once and return its slowest query (parameters inlined)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    queries = [str(query["sql"]) for query in context.captured_queries]
    if not queries:
        return None
    times = [float(query.get("time") or 0) for query in context.captured_queries]
    slowest = times.index(max(times))
    settings = tuple(q for q in queries[:slowest] if SET_RE.match(q))
    return Captured(queries[slowest], settings)


def explain(title: str, captured: Captured | None) -> None:
    """Print ``EXPLAIN (ANALYZE, BUFFERS)`` of the bench's own captured query to stderr,
    under the same settings (replayed as ``SET LOCAL`` in a transaction rolled back after)."""
    if captured is None:
        return
    connection = raw_connection()
    with connection.transaction(force_rollback=True), connection.cursor() as cursor:
        for setting in captured.settings:
            cursor.execute(SET_RE.sub("SET LOCAL ", setting, count=1).encode())
        cursor.execute(b"EXPLAIN (ANALYZE, BUFFERS) " + captured.sql.encode())
        plan = "\n".join(str(row[0]) for row in cursor.fetchall())
    settings = "".join(f"{setting};\n" for setting in captured.settings)
    print(f"\n=== {title}\n{settings}{captured.sql}\n\n{plan}\n", file=sys.stderr, flush=True)


def measure_search(viewer: User, queries: Mapping[str, str], timing: Timing) -> dict[str, Any]:
    from cortesia.customers.selectors import customer_list

    kinds: dict[str, Any] = {}
    pooled: list[float] = []
    for kind, query in queries.items():

        def first_page(query: str = query) -> int:
            page = customer_list(viewer=viewer, query=query).order_by("-created_at", "-uid")
            return len(list(page[:PAGE_SIZE]))

        matches = first_page()
        total = customer_list(viewer=viewer, query=query).count()
        samples = timing.series(f"search {kind}", first_page)
        pooled.extend(samples)
        kinds[kind] = {"query": query, "first_page": matches, "matches": total, **summary(samples)}
        log(f"  search {kind} ({query!r}): {kinds[kind].get('p50_ms')} ms p50, {total} matches")
    slowest = max(kinds, key=lambda kind: float(kinds[kind].get("p50_ms", 0.0)))
    query = queries[slowest]
    captured = captured_slowest(
        lambda: list(
            customer_list(viewer=viewer, query=query).order_by("-created_at", "-uid")[:PAGE_SIZE]
        )
    )
    explain(f"slowest search: {slowest} ({query!r})", captured)
    return {"kinds": kinds, "overall": summary(pooled), "slowest": slowest}


def measure_customer_page(
    viewer: User, seeded: Seeded, timing: Timing, seed_value: int
) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cortesia.customers.models import Customer

    client = Client()
    client.force_login(viewer)
    rng = random.Random(seed_value + 1)
    count = timing.iterations + timing.warmup
    ids = [rng.randrange(1, seeded.customers + 1) for _ in range(count)]
    uids = dict(Customer.objects.filter(id__in=ids).values_list("id", "uid"))
    paths = [f"/customers/{uids[customer_id]}/" for customer_id in ids]
    position = iter(range(10**9))

    def get_page(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise BenchError(f"GET {path} answered {response.status_code}; expected 200.")

    def next_page() -> None:
        get_page(paths[next(position) % len(paths)])

    get_page(paths[0])
    samples = timing.series("customer page", next_page)
    # Query count for customers with many, a few and no orders: it should not depend on them.
    probes = {
        "oldest": 1,
        "middle": seeded.customers // 2 + 1,
        "newest": seeded.customers,
    }
    order_counts = dict(
        Customer.objects.filter(id__in=probes.values())
        .annotate(n=Count("orders"))
        .values_list("id", "n")
    )
    probe_uids = dict(Customer.objects.filter(id__in=probes.values()).values_list("id", "uid"))
    query_counts: dict[str, dict[str, int]] = {}
    for label, customer_id in probes.items():
        with CaptureQueriesContext(connection) as context:
            get_page(f"/customers/{probe_uids[customer_id]}/")
        query_counts[label] = {
            "orders": int(order_counts.get(customer_id, 0)),
            "queries": len(context.captured_queries),
        }
    distinct = {entry["queries"] for entry in query_counts.values()}
    if len(distinct) != 1:
        log(f"  the customer page's query count varies with the customer: {query_counts}")
    result = {
        **summary(samples),
        "queries_per_page": max(distinct),
        "query_count_constant": len(distinct) == 1,
        "query_counts": query_counts,
    }
    log(f"  customer page: {result.get('p50_ms')} ms p50, {result['queries_per_page']} queries")
    return result


def measure_api(token: str, queries: Mapping[str, str], timing: Timing) -> dict[str, Any]:
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {token}"})
    kinds: dict[str, Any] = {}
    pooled: list[float] = []
    for kind, query in queries.items():

        def first_page(query: str = query) -> int:
            response = client.get("/api/v1/customers", {"q": query})
            if response.status_code != 200:
                raise BenchError(
                    f"GET /api/v1/customers?q={query} answered {response.status_code}: "
                    f"{response.content[:500]!r}"
                )
            return len(response.json()["items"])

        items = first_page()
        samples = timing.series(f"api {kind}", first_page)
        pooled.extend(samples)
        kinds[kind] = {"query": query, "items": items, **summary(samples)}
        log(f"  api {kind}: {kinds[kind].get('p50_ms')} ms p50")
    return {"kinds": kinds, "overall": summary(pooled)}


SEGMENT_CANDIDATES = ("cortesia.customers.segments",)


def segment_rule_sets() -> dict[str, dict[str, Any]]:
    def group(op: str, *rules: dict[str, Any]) -> dict[str, Any]:
        return {"op": op, "rules": list(rules)}

    country_it = {"field": "country", "operator": "in", "value": ["IT"]}
    language_fi = {"field": "language", "operator": "in", "value": ["fi"]}
    vip = {"field": "tags", "operator": "has_any", "value": ["vip"]}
    orders_365 = {"field": "order_count", "operator": "gte", "value": 2, "days": 365}
    amount_365 = {
        "field": "order_amount",
        "operator": "gte",
        "value": "100",
        "currency": "EUR",
        "days": 365,
    }
    last_30 = {"field": "last_order_at", "operator": "within_days", "value": 30}
    created_90 = {"field": "created_at", "operator": "within_days", "value": 90}
    return {
        "country_in_it": group("and", country_it),
        "language_fi_and_tag_vip": group("and", language_fi, vip),
        "order_count_365d_gte_2": group("and", orders_365),
        "order_amount_eur_365d_gte_100": group("and", amount_365),
        "last_order_within_30d": group("and", last_30),
        "created_within_90d": group("and", created_90),
        "combined": group(
            "and",
            {"field": "country", "operator": "in", "value": ["IT", "FI", "DE"]},
            group("or", vip, orders_365, amount_365),
            group("or", last_30, created_90),
        ),
    }


def measure_segments(deadline: Deadline) -> dict[str, Any]:
    function: Callable[[dict[str, Any]], int] | None = None
    module_name = ""
    for candidate in SEGMENT_CANDIDATES:
        if importlib.util.find_spec(candidate) is None:
            continue
        found = getattr(importlib.import_module(candidate), "segment_count", None)
        if callable(found):
            function, module_name = found, candidate
            break
    if function is None:
        return {"skipped": "segments module not present"}
    count = function
    results: dict[str, Any] = {}
    for name, rules in segment_rule_sets().items():
        if deadline.remaining() <= 0:
            results[name] = {"rules": rules, "skipped": "the run's time limit is reached"}
            continue
        runs: list[float] = []
        value: int | None = None
        try:
            for _ in range(SEGMENT_RUNS):
                began = time.perf_counter()
                value = count(rules)
                runs.append((time.perf_counter() - began) * 1000.0)
        except Exception as error:  # noqa: BLE001 - one failing rule set must not end the run
            results[name] = {"rules": rules, "error": f"{type(error).__name__}: {error}"}
            log(f"  segment {name}: {results[name]['error']}")
            continue
        results[name] = {
            "rules": rules,
            "count": value,
            "median_ms": round(statistics.median(runs), 2),
            "runs_ms": [round(run, 2) for run in runs],
        }
        log(f"  segment {name}: {value} customers, {results[name]['median_ms']} ms median")
    timed = [name for name in results if "median_ms" in results[name]]
    slowest = max(timed, key=lambda name: float(results[name]["median_ms"]), default=None)
    if slowest is not None:
        rules = results[slowest]["rules"]
        explain(f"slowest segment: {slowest}", captured_slowest(lambda: count(rules)))
    return {"module": module_name, "rule_sets": results, "slowest": slowest}


def table_sizes(tables: Sequence[str]) -> dict[str, Any]:
    """Estimated rows and on-disk sizes (MB) of ``tables`` and of each of their indexes."""
    megabyte = 1024 * 1024
    sizes: dict[str, Any] = {}
    with raw_connection().cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT c.reltuples::bigint, pg_relation_size(c.oid), pg_indexes_size(c.oid),"
                " pg_total_relation_size(c.oid) FROM pg_class c"
                " WHERE c.oid = to_regclass(%s)",
                [table],
            )
            row = cursor.fetchone()
            if row is None:
                continue
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_relation_size(i.indexrelid)"
                " FROM pg_index i WHERE i.indrelid = to_regclass(%s) ORDER BY 1",
                [table],
            )
            sizes[table] = {
                "rows_estimate": int(row[0]),  # pg_class.reltuples
                "table_mb": round(row[1] / megabyte, 1),
                "indexes_mb": round(row[2] / megabyte, 1),
                "total_mb": round(row[3] / megabyte, 1),
                "indexes": {str(name): round(size / megabyte, 1) for name, size in cursor},
            }
    return sizes


def server_facts() -> dict[str, str]:
    names = ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "jit")
    facts: dict[str, str] = {}
    with raw_connection().cursor() as cursor:
        for name in names:
            cursor.execute("SELECT current_setting(%s)", [name])
            row = cursor.fetchone()
            facts[name] = str(row[0]) if row else ""
        cursor.execute("SELECT extname FROM pg_extension ORDER BY 1")
        facts["extensions"] = ", ".join(str(row[0]) for row in cursor.fetchall())
    return facts


# --- Main -----------------------------------------------------------------------------------


def prepare_django(database_url: str, statement_timeout_s: float) -> None:
    """Point the settings at ``database_url``, ``django.setup()`` and migrate."""
    os.environ["CORTESIA_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    if connection.vendor != "postgresql":
        raise BenchError(f"This bench needs PostgreSQL; the settings give {connection.vendor}.")
    options = connection.settings_dict.setdefault("OPTIONS", {})
    timeout = f"-c statement_timeout={int(statement_timeout_s * 1000)}"
    options["options"] = f"{options.get('options', '')} {timeout}".strip()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)


def bench_user() -> tuple[User, str]:
    """An administrator for the pages and a read-scope API token for the API."""
    from cortesia.accounts.models import Role, TokenScope, User
    from cortesia.accounts.services import token_create, user_create
    from cortesia.core.actor import Actor

    actor = Actor.system()
    user = User.objects.filter(username="bench-admin").first() or user_create(
        username="bench-admin", email="bench-admin@example.com", role=Role.ADMIN, actor=actor
    )
    return user, token_create(user=user, scope=TokenScope.READ, actor=actor, name="bench").raw


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=positive, default=1_000_000)
    parser.add_argument("--orders", type=int, default=5_000_000)
    parser.add_argument("--chunk", type=positive, default=20_000, help="rows per COPY")
    parser.add_argument("--iterations", type=positive, default=200, help="timed runs per series")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs before a series")
    parser.add_argument(
        "--budget", type=float, default=120.0, help="seconds at most per series (default 120)"
    )
    parser.add_argument(
        "--statement-timeout", type=float, default=600.0, help="seconds per SQL statement"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        default=3300.0,
        help="seconds for the whole run (default 3300): seeding fails past it, measuring "
        "stops and reports what it has",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument(
        "--database-url", help="postgres://… (default: CORTESIA_DATABASE_URL from the environment)"
    )
    args = parser.parse_args(argv)
    if args.customers > MAX_CUSTOMERS:
        parser.error(f"--customers is at most {MAX_CUSTOMERS:,}")
    if args.orders < 0:
        parser.error("--orders must be 0 or more")
    database_url: str = args.database_url or os.environ.get("CORTESIA_DATABASE_URL", "")
    scheme = urlsplit(database_url).scheme
    if scheme not in ("postgres", "postgresql"):
        raise BenchError(
            "This bench runs on PostgreSQL only; SQLite (the default) is refused. Set "
            "CORTESIA_DATABASE_URL=postgres://… or run it under a throwaway cluster: "
            ".venv/bin/python -m cortesia.testing.postgres -- .venv/bin/python "
            "bench/customers_scale.py"
        )
    deadline = Deadline(args.time_limit)
    started = time.perf_counter()
    # Keep settings' generated secret key and static folder out of the project's var/.
    own_data_dir = "CORTESIA_DATA_DIR" not in os.environ
    data_dir = tempfile.mkdtemp(prefix="cortesia-bench-") if own_data_dir else ""
    if own_data_dir:
        os.environ["CORTESIA_DATA_DIR"] = data_dir
    try:
        prepare_django(database_url, args.statement_timeout)
        now = datetime.now(UTC)
        seeded = seed(
            customers=args.customers,
            orders=args.orders,
            chunk=args.chunk,
            seed_value=args.seed,
            now=now,
            deadline=deadline,
        )
        rows = sum(seeded.stats.rows.values())
        viewer, token = bench_user()
        timing = Timing(args.iterations, args.warmup, args.budget, deadline)
        queries = search_queries(seeded.targets)
        log("customer search (selector, first page)")
        search = measure_search(viewer, queries, timing)
        log("customer page")
        page = measure_customer_page(viewer, seeded, timing, args.seed)
        log("API customer search")
        api = measure_api(token, queries, timing)
        log("segments")
        segments = measure_segments(deadline)
        tables = list(seeded.stats.rows)
        report: dict[str, Any] = {
            "scenario": "customers_scale",
            "database": {"vendor": "postgresql", **server_facts()},
            "sizes": {
                "customers": seeded.customers,
                "orders": seeded.orders,
                "tables": table_sizes(tables),
            },
            "seed": {
                "seconds": round(seeded.seconds, 1),
                "rows": rows,
                "rows_per_s": round(rows / seeded.seconds) if seeded.seconds else None,
                "rows_by_table": seeded.stats.rows,
                "copy_seconds_by_table": {
                    table: round(seconds, 1) for table, seconds in seeded.stats.seconds.items()
                },
                "vacuum_analyze_seconds": round(seeded.vacuum_seconds, 1),
                "chunk": args.chunk,
                "random_seed": args.seed,
            },
            "iterations": args.iterations,
            "warmup": args.warmup,
            "search": search,
            "customer_page": page,
            "api_search": api,
            "segments": segments,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "total_seconds": round(time.perf_counter() - started, 1),
        }
    finally:
        if own_data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))
    return 0


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """``timeout`` and process managers send SIGTERM: leave through ``finally`` blocks."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
