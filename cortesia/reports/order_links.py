"""Keep ``OrderLink`` rows current: one statement computes the neighbours of every counted
order of some customers (or of all) with window functions, the same on SQLite and
PostgreSQL; the rows of those customers are replaced in the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from cortesia.customers.models import Order
from cortesia.customers.order_stats import COUNTED_STATUSES
from cortesia.reports.models import OrderLink

CHUNK = 1000

INSERT_SQL = """
INSERT INTO {links} (order_id, customer_id, placed_at, previous_at, previous2_at, next_at)
SELECT id, customer_id, placed_at,
  LAG(placed_at) OVER w, LAG(placed_at, 2) OVER w, LEAD(placed_at) OVER w
FROM {orders}
WHERE status IN ({statuses}){customers}
WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at, id)
"""


def _insert(customer_ids: list[int] | None) -> None:
    statuses = [str(status) for status in COUNTED_STATUSES]
    customers = ""
    params: list[str | int] = [*statuses]
    if customer_ids is not None:
        customers = f" AND customer_id IN ({', '.join(['%s'] * len(customer_ids))})"
        params += customer_ids
    sql = INSERT_SQL.format(
        links=connection.ops.quote_name(OrderLink._meta.db_table),
        orders=connection.ops.quote_name(Order._meta.db_table),
        statuses=", ".join(["%s"] * len(statuses)),
        customers=customers,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@transaction.atomic
def order_links_refresh(customer_ids: Iterable[int]) -> None:
    """Recompute the rows of ``customer_ids`` from their counted orders."""
    ids = sorted(set(customer_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = OrderLink.objects.filter(customer_id__in=chunk)
        rows._raw_delete(rows.db)
        _insert(chunk)


@transaction.atomic
def order_links_rebuild() -> int:
    """Recompute every row (after a bulk load of orders); return how many there are."""
    rows = OrderLink.objects.all()
    rows._raw_delete(rows.db)
    _insert(None)
    return OrderLink.objects.count()


def on_counted_orders_changed(sender: object, *, customer_ids: list[int], **kwargs: object) -> None:
    order_links_refresh(customer_ids)
