from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine

from cortesia.core.models import RateCounter
from cortesia.core.ratelimit import RateLimit, rate_check, rate_hit, rate_reset
from cortesia.core.tests.test_redis_tasks import redis_url  # noqa: F401  (a fixture)

RULE = RateLimit("test", limit=3, window=timedelta(seconds=20))
pytestmark = pytest.mark.django_db


def test_limit_trips_at_exactly_limit_plus_one() -> None:
    with time_machine.travel("2026-03-01 10:00:00+00:00", tick=False):
        decisions = [rate_hit(rule=RULE, subject="1.2.3.4") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[3].retry_after == 20


def test_window_expiry_resets_the_count() -> None:
    with time_machine.travel("2026-03-01 10:00:00+00:00", tick=False) as clock:
        for _ in range(4):
            rate_hit(rule=RULE, subject="a")
        clock.shift(timedelta(seconds=15))
        assert rate_check(rule=RULE, subject="a").retry_after == 5
        clock.shift(timedelta(seconds=5))
        assert rate_hit(rule=RULE, subject="a").allowed is True
    assert RateCounter.objects.get().count == 1


def test_subjects_are_counted_apart_and_stored_hashed() -> None:
    for _ in range(3):
        rate_hit(rule=RULE, subject="alice")
    assert rate_check(rule=RULE, subject="alice").allowed is False
    assert rate_check(rule=RULE, subject="bob").allowed is True
    assert all("alice" not in key for key in RateCounter.objects.values_list("key", flat=True))


def test_reset_forgets_the_subject() -> None:
    for _ in range(3):
        rate_hit(rule=RULE, subject="alice")
    rate_reset(rule=RULE, subject="alice")
    assert RateCounter.objects.count() == 0


def test_with_redis_the_counters_live_in_redis_not_the_database(
    redis_url: str,  # noqa: F811  (the fixture imported above)
    settings: Any,
) -> None:
    # Given Redis configured (as with CORTESIA_REDIS_URL)
    settings.REDIS_URL = redis_url
    # When a subject spends its hits
    decisions = [rate_hit(rule=RULE, subject="1.2.3.4") for _ in range(4)]
    # Then the 4th is refused until the window ends, and nothing was written to the database
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 19 <= decisions[3].retry_after <= 20
    assert rate_check(rule=RULE, subject="1.2.3.4").allowed is False
    assert rate_check(rule=RULE, subject="5.6.7.8").allowed is True
    rate_reset(rule=RULE, subject="1.2.3.4")
    assert rate_hit(rule=RULE, subject="1.2.3.4").allowed is True
    assert RateCounter.objects.count() == 0
