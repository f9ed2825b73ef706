"""Stream a customer list as CSV, row by row, with formula-safe cells."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import QuerySet

from cortesia.customers.models import Customer
from cortesia.lib.csv_safety import neutralize_cell

COLUMNS = (
    "uid",
    "given_name",
    "given_name2",
    "surname",
    "surname2",
    "title",
    "country",
    "language",
    "register_preference",
    "time_zone",
    "currency",
    "emails",
    "phones",
    "tags",
    "created_at",
)
CHUNK = 2000


class _Line:
    """A file-like object whose write() hands the CSV line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _row(customer: Customer) -> list[str]:
    values = {
        "emails": " ".join(email.address for email in customer.emails.all()),
        "phones": " ".join(phone.e164 for phone in customer.phones.all()),
        "tags": " ".join(str(tag) for tag in customer.tags),
        "created_at": customer.created_at.isoformat(),
    }
    return [
        neutralize_cell(values[name] if name in values else getattr(customer, name))
        for name in COLUMNS
    ]


def export_rows(customers: QuerySet[Customer]) -> Iterator[str]:
    """Yield the header and one CSV line per customer; memory stays flat with list size."""
    writer = csv.writer(_Line())
    yield "\ufeff" + str(writer.writerow(COLUMNS))  # BOM: spreadsheets read UTF-8 right
    for customer in customers.order_by("created_at", "uid").iterator(chunk_size=CHUNK):
        yield str(writer.writerow(_row(customer)))
