"""Fixed-window rate limits shared across web processes: in Redis when configured, else in
the database.

A limit allows ``limit`` hits per ``window``; the ``limit + 1``-th hit inside the window is
refused with the seconds until the window ends, which the caller sends as ``Retry-After``.
A window starts with the first hit of a subject. Subjects are stored only as a SHA-256
digest (they can be addresses or user names).

With ``CORTESIA_REDIS_URL`` a hit is one round trip (SET NX EX, INCR, TTL in a MULTI);
without it, a hit is one statement on one ``RateCounter`` row (INSERT … ON CONFLICT DO
UPDATE … RETURNING, which starts, restarts or counts the window atomically), and counters
survive restarts with the database. The row stays locked until the caller's transaction
ends: count hits before a long transaction begins (the API does, for its tokens), so
concurrent requests of one subject do not wait for each other. Outside a transaction, on
PostgreSQL, the hit commits without waiting for its WAL flush: a crash may forget the
last hits of a window, which only forgives them.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.errors import RateLimited
from cortesia.core.models import RateCounter

if TYPE_CHECKING:
    import redis


@dataclass(frozen=True)
class RateLimit:
    """``limit`` hits per ``window`` for one ``scope`` (e.g. "login-ip")."""

    scope: str
    limit: int
    window: timedelta


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # seconds until the window ends; 0 when allowed


def key_prefix(rule: RateLimit) -> bytes:
    """The bytes a subject's key hashes before the subject (UTF-8): a statement that finds
    the subject itself computes the same key as :func:`rate_hit`."""
    return f"{rule.scope}\x00".encode()


def _key(rule: RateLimit, subject: str) -> str:
    return hashlib.sha256(key_prefix(rule) + subject.encode()).hexdigest()


def _retry_after(started: datetime, rule: RateLimit, now: datetime) -> int:
    remaining = (started + rule.window - now).total_seconds()
    return max(1, math.ceil(remaining))


@cache
def _redis(url: str) -> redis.Redis:
    """One client (and its connection pool) per process. Imported here: the module costs a
    process about 19 MB, and deployments without Redis never need it."""
    import redis

    return redis.Redis.from_url(url)


def _redis_hit(rule: RateLimit, key: str) -> RateDecision:
    window = max(1, math.ceil(rule.window.total_seconds()))
    with _redis(settings.REDIS_URL).pipeline(transaction=True) as pipe:
        pipe.set(f"rate:{key}", 0, ex=window, nx=True)
        pipe.incr(f"rate:{key}")
        pipe.ttl(f"rate:{key}")
        _created, count, ttl = pipe.execute()
    if count > rule.limit:
        return RateDecision(allowed=False, retry_after=max(1, int(ttl)))
    return RateDecision(allowed=True, retry_after=0)


def _redis_check(rule: RateLimit, key: str) -> RateDecision:
    with _redis(settings.REDIS_URL).pipeline(transaction=True) as pipe:
        pipe.get(f"rate:{key}")
        pipe.ttl(f"rate:{key}")
        count, ttl = pipe.execute()
    if count is not None and int(count) >= rule.limit:
        return RateDecision(allowed=False, retry_after=max(1, int(ttl)))
    return RateDecision(allowed=True, retry_after=0)


def rate_hit(*, rule: RateLimit, subject: str) -> RateDecision:
    """Count one hit for ``subject`` and say whether it is within the limit."""
    key = _key(rule, subject)
    if settings.REDIS_URL:
        return _redis_hit(rule, key)
    now = timezone.now()
    count, started = _database_hit(key, now, now - rule.window)
    return rate_decision(rule=rule, count=count, started=started, now=now)


def rate_decision(*, rule: RateLimit, count: int, started: datetime, now: datetime) -> RateDecision:
    """Decide on a hit from its window's count (this hit included) and start."""
    if count > rule.limit:
        return RateDecision(allowed=False, retry_after=_retry_after(started, rule, now))
    return RateDecision(allowed=True, retry_after=0)


_UPSERT = """
    INSERT INTO {table} (key, window_started_at, count) {values}
    ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN {table}.window_started_at <= %s THEN 1 ELSE {table}.count + 1 END,
        window_started_at = CASE WHEN {table}.window_started_at <= %s
            THEN excluded.window_started_at ELSE {table}.window_started_at END
    RETURNING count, window_started_at
"""
# Evaluated by the INSERT's SELECT, so it holds for the statement's own transaction.
_ASYNC_COMMIT = "WITH unflushed AS (SELECT set_config('synchronous_commit', 'off', true)) "


def counter_upsert_sql(table: str, values: str) -> str:
    """The statement that starts, restarts or counts a window, for callers that count a
    hit inside a statement of their own: ``values`` gives (key, window_started_at, 1), as
    ``VALUES (…)`` or a ``SELECT``; its parameters are followed by the expiry moment twice.
    It returns the count (this hit included) and the window's start."""
    return _UPSERT.format(table=table, values=values)


def _database_hit(key: str, now: datetime, expired: datetime) -> tuple[int, datetime]:
    """Start (or restart, when it began at ``expired`` or before) or count the window of
    ``key``; return the count including this hit and when the window started."""
    connection = connections[RateCounter.objects.db]
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    values = "VALUES (%s, %s, 1)"
    sql = _UPSERT.format(table=table, values=values)
    if connection.vendor == "postgresql" and connection.get_autocommit():
        sql = _ASYNC_COMMIT + _UPSERT.format(table=table, values="SELECT %s, %s, 1 FROM unflushed")
    field = RateCounter._meta.get_field("window_started_at")
    moments = [field.get_db_prep_value(value, connection) for value in (now, expired, expired)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, *moments])
        count, started = cursor.fetchone()
    if isinstance(started, str):  # SQLite returns the stored text
        started = field.to_python(started)
    if timezone.is_naive(started):
        started = timezone.make_aware(started, UTC)
    return int(count), started


def rate_check(*, rule: RateLimit, subject: str) -> RateDecision:
    """Say whether ``subject`` is over the limit now, without counting a hit."""
    if settings.REDIS_URL:
        return _redis_check(rule, _key(rule, subject))
    counter = RateCounter.objects.filter(key=_key(rule, subject)).first()
    now = timezone.now()
    if counter is None or counter.window_started_at + rule.window <= now:
        return RateDecision(allowed=True, retry_after=0)
    if counter.count >= rule.limit:
        return RateDecision(
            allowed=False, retry_after=_retry_after(counter.window_started_at, rule, now)
        )
    return RateDecision(allowed=True, retry_after=0)


def rate_reset(*, rule: RateLimit, subject: str) -> None:
    """Forget the hits of ``subject`` (e.g. failed logins after a successful one)."""
    if settings.REDIS_URL:
        _redis(settings.REDIS_URL).delete(f"rate:{_key(rule, subject)}")
        return
    RateCounter.objects.filter(key=_key(rule, subject)).delete()


def rate_limit(*, rule: RateLimit, subject: str) -> None:
    """Count one hit for ``subject``; raise RateLimited (saying when to try again) when it
    is over the limit."""
    decision = rate_hit(rule=rule, subject=subject)
    if decision.allowed:
        return
    if decision.retry_after < 120:
        message = _("Too many requests. Try again in %(seconds)d s.") % {
            "seconds": decision.retry_after
        }
    else:
        message = _("Too many requests. Try again in %(minutes)d min.") % {
            "minutes": decision.retry_after // 60
        }
    raise RateLimited(message, retry_after=decision.retry_after)
