"""Recent answers of the metric engine, kept for a short while.

A report page asks a dozen metrics; a manager who reloads it, or a team that opens the
same shared link, asks them again. Answers are kept in the cache for
``CORTESIA_REPORT_CACHE_SECONDS`` (60 by default; 0 turns it off), keyed by everything
that shapes them: the query, the reader's scope (role, teams and, below administrators,
the person) and the language of the notes. A figure may therefore lag a change by up to
that many seconds; nothing else is ever served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

from cortesia.accounts.models import Role
from cortesia.accounts.selectors import viewer_team_ids

if TYPE_CHECKING:
    from cortesia.accounts.models import User
    from cortesia.reports.engine import MetricQuery, Row

Answer = tuple[list["Row"], list[str]]
Part = TypeVar("Part")
VERSION = "1"


def _scope(viewer: User) -> tuple[object, ...]:
    if viewer.role == Role.ADMIN:
        return (Role.ADMIN,)
    return (viewer.role, viewer.pk, tuple(viewer_team_ids(viewer)))


def answer_key(query: MetricQuery, viewer: User) -> str:
    period = query.period
    parts = (
        VERSION,
        query.metric,
        period.first.isoformat(),
        period.last.isoformat(),
        str(period.zone),
        str(period.interval),
        period.week_start,
        query.group_by,
        str(query.time_basis),
        tuple(sorted(query.filters.items())),
        _scope(viewer),
        get_language() or "",
    )
    return "reports:answer:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_answer(query: MetricQuery, viewer: User, compute: Callable[[], Answer]) -> Answer:
    """Return the kept answer of ``query`` for ``viewer``'s scope, else compute and keep
    it. A snapshot of now (the backlog) is kept just as briefly."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    key = answer_key(query, viewer)
    found = cache.get(key)
    if found is not None:
        rows, notes = found
        return rows, notes
    answer = compute()
    cache.set(key, answer, seconds)
    return answer


def _seconds() -> int:
    return int(getattr(settings, "CORTESIA_REPORT_CACHE_SECONDS", 60))


def _part_key(name: str, query: MetricQuery, viewer: User) -> str:
    from dataclasses import replace

    return answer_key(replace(query, metric=f"part:{name}"), viewer)


def cached_part(name: str, query: MetricQuery, viewer: User, compute: Callable[[], Part]) -> Part:
    """Like :func:`cached_answer` for a part several metrics share (``name`` in place of
    the metric's): CSAT and NPS count the same responses once."""
    seconds = _seconds()
    if seconds <= 0:
        return compute()
    key = _part_key(name, query, viewer)
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    value = compute()
    cache.set(key, value, seconds)
    return value


def kept_part(name: str, query: MetricQuery, viewer: User) -> object | None:
    """The part :func:`cached_part` keeps under ``name``, or None (nothing kept yet, or
    keeping is off): for a metric that can use a larger part another one computed."""
    if _seconds() <= 0:
        return None
    return cache.get(_part_key(name, query, viewer))  # type: ignore[no-any-return]
