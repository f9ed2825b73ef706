"""Fixed-window rate limits shared across web processes: in Redis when configured, else in
the database.

A limit allows ``limit`` hits per ``window``; the ``limit + 1``-th hit inside the window is
refused with the seconds until the window ends, which the caller sends as ``Retry-After``.
A window starts with the first hit of a subject. Subjects are stored only as a SHA-256
digest (they can be addresses or user names).

With ``CORTESIA_REDIS_URL`` a hit is one round trip (SET NX EX, INCR, TTL in a MULTI);
without it, a hit is a short transaction on one ``RateCounter`` row (SELECT … FOR UPDATE,
then UPDATE), and counters survive restarts with the database.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import redis
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cortesia.core.models import RateCounter


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


def _key(rule: RateLimit, subject: str) -> str:
    return hashlib.sha256(f"{rule.scope}\x00{subject}".encode()).hexdigest()


def _retry_after(started: datetime, rule: RateLimit, now: datetime) -> int:
    remaining = (started + rule.window - now).total_seconds()
    return max(1, math.ceil(remaining))


@cache
def _redis(url: str) -> redis.Redis:
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
    with transaction.atomic():
        counter = RateCounter.objects.select_for_update().filter(key=key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window_started_at=now, count=1)
                return RateDecision(allowed=rule.limit >= 1, retry_after=0)
            except IntegrityError:
                counter = RateCounter.objects.select_for_update().get(key=key)
        if counter.window_started_at + rule.window <= now:
            RateCounter.objects.filter(pk=counter.pk).update(window_started_at=now, count=1)
            return RateDecision(allowed=rule.limit >= 1, retry_after=0)
        RateCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
        if counter.count + 1 > rule.limit:
            return RateDecision(
                allowed=False, retry_after=_retry_after(counter.window_started_at, rule, now)
            )
        return RateDecision(allowed=True, retry_after=0)


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
