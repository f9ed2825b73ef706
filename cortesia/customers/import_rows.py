"""What one CSV row means: customer rows become profile changes, runs of order rows with
the same order number become one order with its lines. Each function applies one record
through the customers services, so imported data passes the same checks and leaves the
same timeline events as data typed in by staff."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors
from cortesia.customers.models import Customer, CustomerEmail, CustomerExternalId, Order
from cortesia.customers.orders import LineData, OrderData, order_record, order_set_status
from cortesia.customers.services import CustomerData, customer_create, customer_update

LIST_SEPARATOR = ";"
CUSTOMER_COLUMNS = (
    "external_id",
    "given_name",
    "given_name2",
    "surname",
    "surname2",
    "title",
    "credentials",
    "email",
    "phone",
    "country",
    "subdivision",
    "language",
    "register",
    "time_zone",
    "currency",
    "preferred_channel",
    "tags",
)
ORDER_COLUMNS = (
    "order_number",
    "customer_external_id",
    "customer_email",
    "placed_at",
    "currency",
    "total",
    "status",
    "sku",
    "item",
    "category",
    "quantity",
    "unit_price",
)
PLAIN_FIELDS = (
    "given_name",
    "given_name2",
    "surname",
    "surname2",
    "title",
    "credentials",
    "country",
    "subdivision",
    "language",
    "time_zone",
    "currency",
    "preferred_channel",
)


@dataclass(frozen=True)
class Row:
    line: int
    values: Mapping[str, str]

    def get(self, name: str) -> str:
        return self.values.get(name, "").strip()

    def items(self, name: str) -> list[str]:
        return [part.strip() for part in self.get(name).split(LIST_SEPARATOR) if part.strip()]


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RowError(Exception):
    """Rows that cannot be imported: ``entries`` are (line, field, message)."""

    def __init__(self, line: int, errors: Mapping[str, str]) -> None:
        super().__init__(str(dict(errors)))
        self.entries = [(line, name, message) for name, message in errors.items()]

    @classmethod
    def from_domain(cls, line: int, error: DomainError) -> RowError:
        if isinstance(error, FieldErrors):
            return cls(line, error.errors)
        return cls(line, {"": error.message})


def unknown_columns(kind: str, header: Iterable[str]) -> list[str]:
    known = CUSTOMER_COLUMNS if kind == "customers" else ORDER_COLUMNS
    return [
        name
        for name in header
        if name not in known and not (kind == "customers" and name.startswith("custom."))
    ]


def _customer_data(row: Row) -> CustomerData:
    data = CustomerData()
    for name in PLAIN_FIELDS:
        if row.get(name):
            setattr(data, name, row.get(name))
    if row.get("register"):
        data.register_preference = row.get("register")
    if row.get("email"):
        data.emails = row.items("email")
    if row.get("phone"):
        data.phones = row.items("phone")
    if row.get("tags"):
        data.tags = row.items("tags")
    custom = {
        name.removeprefix("custom."): value.strip()
        for name, value in row.values.items()
        if name.startswith("custom.") and value.strip()
    }
    if custom:
        data.custom_fields = dict(custom)
    return data


def find_customer(source: str, external_id: str, emails: list[str]) -> Customer | None:
    """Return the customer known by ``external_id`` in ``source``, else by an e-mail."""
    if external_id:
        known = CustomerExternalId.objects.filter(source=source, value=external_id).first()
        if known is not None:
            return Customer.objects.get(pk=known.customer_id)
    if emails:
        owner = CustomerEmail.objects.filter(address__in=[e.lower() for e in emails]).first()
        if owner is not None:
            return Customer.objects.get(pk=owner.customer_id)
    return None


def apply_customer_row(row: Row, *, source: str, actor: Actor) -> str:
    """Create or update the customer of ``row``; return an Outcome. Raises RowError."""
    data = _customer_data(row)
    external_id = row.get("external_id")
    customer = find_customer(source, external_id, data.emails or [])
    if customer is not None and customer.merged_into_id:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    try:
        if customer is None:
            if external_id:
                data.external_ids = {source: external_id}
            customer_create(data=data, actor=actor)
            return Outcome.CREATED
        if external_id and customer.external_ids.get(source) != external_id:
            data.external_ids = {**customer.external_ids, source: external_id}
        if data.emails is not None:
            current = list(customer.emails.values_list("address", flat=True))
            data.emails = list(dict.fromkeys([*current, *(e.lower() for e in data.emails)]))
        if data.tags is not None:
            data.tags = list(dict.fromkeys([*customer.tags, *data.tags]))
        version = customer.version
        updated = customer_update(customer=customer, data=data, expected_version=None, actor=actor)
    except DomainError as error:
        raise RowError.from_domain(row.line, error) from None
    return Outcome.UPDATED if updated.version != version else Outcome.UNCHANGED


def order_groups(rows: Iterable[Row]) -> Iterator[list[Row]]:
    """Yield runs of consecutive rows with the same order number (one order each)."""
    for _number, group in groupby(rows, key=lambda row: row.get("order_number")):
        yield list(group)


def _placed_at(row: Row) -> datetime:
    try:
        moment = datetime.fromisoformat(row.get("placed_at"))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise RowError(
            row.line,
            {
                "placed_at": _(
                    "Give a date and time with its UTC offset, e.g. 2026-03-01T10:00+01:00."
                )
            },
        )
    return moment


def apply_order_rows(rows: list[Row], *, source: str, actor: Actor, touched: set[int]) -> str:
    """Record the order the rows describe (first row: the order; each row: a line) and add
    its customer to ``touched``, whose order statistics the caller refreshes."""
    first = rows[0]
    if not first.get("order_number"):
        raise RowError(first.line, {"order_number": _("Give the order number.")})
    customer = find_customer(
        source, first.get("customer_external_id"), first.items("customer_email")
    )
    if customer is None:
        raise RowError(
            first.line,
            {"customer": _("No customer has this external id or e-mail address.")},
        )
    if customer.merged_into_id:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    touched.add(customer.pk)
    data = OrderData(
        number=first.get("order_number"),
        source=source,
        placed_at=_placed_at(first),
        currency=first.get("currency"),
        total=first.get("total"),
        status=first.get("status") or "placed",
        lines=tuple(
            LineData(
                name=row.get("item"),
                quantity=int(row.get("quantity") or "1")
                if (row.get("quantity") or "1").isdigit()
                else -1,
                unit_price=row.get("unit_price") or "0",
                sku=row.get("sku"),
                category=row.get("category"),
            )
            for row in rows
            if row.get("item")
        ),
    )
    try:
        order, created = order_record(
            customer=customer, data=data, actor=actor, refresh_stats=False
        )
        if not created and order.status != data.status:
            order_set_status(
                order=order, status=Order.Status(data.status), actor=actor, refresh_stats=False
            )
            return Outcome.UPDATED
    except FieldErrors as error:
        raise _order_error(rows, error) from None
    except DomainError as error:
        raise RowError.from_domain(first.line, error) from None
    return Outcome.CREATED if created else Outcome.UNCHANGED


def _order_error(rows: list[Row], error: FieldErrors) -> RowError:
    """Point line errors ("lines.1.quantity") at the CSV line they came from."""
    item_lines = [row.line for row in rows if row.get("item")]
    result = RowError(rows[0].line, {})
    for name, message in error.errors.items():
        parts = name.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit():
            result.entries.append((item_lines[int(parts[1])], parts[2], message))
        else:
            result.entries.append((rows[0].line, name, message))
    return result
