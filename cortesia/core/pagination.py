"""Cursor pagination used by every list endpoint.

Lists are ordered by ``(created_at, uid)``; the cursor is a signed token of the last row's
pair, so clients cannot forge it and integer keys never leave the server. Unlike offsets,
a cursor stays correct while rows are added and costs one index range scan at any depth.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from cortesia.core.errors import DomainError

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
_SALT = "cortesia.pagination"

M = TypeVar("M", bound=Model)
O = TypeVar("O")  # noqa: E741


@dataclass(frozen=True)
class Page(Generic[O]):
    items: Sequence[O]
    next_cursor: str | None


def _decode(cursor: str) -> tuple[datetime, str]:
    try:
        created, uid = signing.loads(cursor, salt=_SALT)
        return datetime.fromisoformat(created), str(uid)
    except (signing.BadSignature, ValueError, TypeError):
        raise DomainError(
            _("The cursor is not valid. Start again from the first page."), code="invalid_cursor"
        ) from None


def paginate(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int,
    serialize: Callable[[M], O],
    time_field: str = "created_at",
) -> Page[O]:
    """Return the page after ``cursor`` (or the first page) of at most ``limit`` items.

    Rows are ordered by ``(time_field, uid)``. Raises DomainError for a cursor that is
    tampered with or a limit outside 1–100.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError(
            _("The limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT},
            code="invalid_limit",
        )
    ordered = queryset.order_by(time_field, "uid")
    if cursor:
        moment, uid = _decode(cursor)
        ordered = ordered.filter(
            Q(**{f"{time_field}__gt": moment}) | Q(**{time_field: moment, "uid__gt": uid})
        )
    rows = list(ordered[: limit + 1])
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if has_more and rows:
        last = rows[-1]
        next_cursor = signing.dumps(
            [getattr(last, time_field).isoformat(), str(last.uid)],  # type: ignore[attr-defined]
            salt=_SALT,
        )
    return Page(items=[serialize(row) for row in rows], next_cursor=next_cursor)
