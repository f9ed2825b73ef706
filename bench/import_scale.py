"""Time and peak memory of CSV imports: N customers, then M orders, through ``import_run``.

The script writes two CSV files into a temporary data folder (multilingual names, one
e-mail each, tags, a custom field; orders with one to three lines each), migrates a fresh
database, runs the customers import and then the orders import in this process exactly as
the background worker does, and prints one JSON object: rows, seconds, rows per second,
counts reported by each import, and the process's peak RSS (``ru_maxrss``) after each step.

    .venv/bin/python bench/import_scale.py --customers 100000 --orders 500000

SQLite in the temporary folder unless ``CORTESIA_DATABASE_URL`` is set, for example under
a throwaway PostgreSQL cluster:

    .venv/bin/python -m cortesia.testing.postgres -- .venv/bin/python bench/import_scale.py
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

NAMES = (
    ("IT", "Giulia", "Rossì"),
    ("FI", "Aino", "Järvinen"),
    ("BG", "Мария", "Иванова"),
    ("RO", "Ștefan", "Țurcanu"),
    ("SA", "ليلى", "الحربي"),
    ("GB", "Oliver", "Smith"),
    ("DE", "Jürgen", "Müller"),
    ("JP", "Yui", "Sato"),
)
CURRENCIES = ("EUR", "SAR", "USD", "JPY")
BENCH_PASSWORD = "bench-pass-123"  # noqa: S105 - a throwaway instance's only account


def _peak_rss_mib() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def write_customers(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["external_id", "given_name", "surname", "email", "country", "tags", "custom.tier"]
        )
        for n in range(count):
            country, given, surname = NAMES[n % len(NAMES)]
            tags = "vip;newsletter" if n % 7 == 0 else ""
            writer.writerow([f"C{n}", given, surname, f"c{n}@example.com", country, tags, "gold"])


def write_orders(path: Path, count: int, customers: int, seed: int = 7) -> int:
    """Write ``count`` orders (1–3 lines each); return the number of CSV rows."""
    rng = random.Random(seed)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "order_number",
                "customer_external_id",
                "placed_at",
                "currency",
                "total",
                "status",
                "sku",
                "item",
                "category",
                "quantity",
                "unit_price",
            ]
        )
        for n in range(count):
            lines = rng.randint(1, 3)
            price = rng.randint(100, 20000) / 100
            day = 1 + n % 28
            for line in range(lines):
                head = (
                    [
                        f"O{n}",
                        f"C{rng.randrange(customers)}",
                        f"2026-03-{day:02d}T10:00:00+01:00",
                        CURRENCIES[n % len(CURRENCIES)],
                        f"{price * lines:.2f}",
                        "paid",
                    ]
                    if line == 0
                    else [f"O{n}", "", "", "", "", ""]
                )
                writer.writerow([*head, f"SKU{line}", f"Item {line}", "Home", "1", f"{price:.2f}"])
                rows += 1
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=500_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cortesia-import-bench-"))
    os.environ["CORTESIA_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cortesia.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    from cortesia.accounts.models import Role
    from cortesia.accounts.services import user_create
    from cortesia.core.actor import Actor
    from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
    from cortesia.customers.importing import import_run
    from cortesia.customers.models import CustomerImport

    call_command("migrate", verbosity=0)
    admin = user_create(
        username="bench",
        email="bench@example.com",
        role=Role.ADMIN,
        password=BENCH_PASSWORD,
        actor=Actor.system(),
    )
    custom_field_create(
        data=CustomFieldData(key="tier", label="Tier", field_type="choice", choices=["gold"]),
        actor=Actor(user=admin),
    )
    customers_csv, orders_csv = folder / "customers.csv", folder / "orders.csv"
    write_customers(customers_csv, args.customers)
    order_rows = write_orders(orders_csv, args.orders, args.customers)
    result: dict[str, object] = {
        "database": django.db.connection.vendor,
        "rss_before_mib": _peak_rss_mib(),
    }
    for kind, path, rows in (
        ("customers", customers_csv, args.customers),
        ("orders", orders_csv, order_rows),
    ):
        record = CustomerImport.objects.create(
            kind=kind, source="bench", file_name=path.name, stored_path=str(path), created_by=admin
        )
        print(f"importing {rows} {kind} rows…", file=sys.stderr)
        started = time.perf_counter()
        done = import_run(import_id=record.pk)
        seconds = time.perf_counter() - started
        if done is None:
            raise SystemExit("the import was claimed by another worker")
        result[kind] = {
            "csv_rows": rows,
            "file_mib": round(path.stat().st_size / 2**20, 1),
            "seconds": round(seconds, 1),
            "rows_per_s": round(rows / seconds),
            "status": done.status,
            "created": done.created_count,
            "errors": done.error_count,
            "peak_rss_mib": _peak_rss_mib(),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
