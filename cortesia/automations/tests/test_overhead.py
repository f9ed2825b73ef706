"""The cost of triggers on opening a ticket: ten active triggers that do not match
against none, measured interleaved so drift of the machine hits both alike (slow marker:
run with -m slow; the ratio is printed)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

from cortesia.automations.models import Trigger
from cortesia.automations.services import RuleData, trigger_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
ROUNDS = 15
PER_ROUND = 8


def _timed(customer: Customer, committed: Callable[[], AbstractContextManager[Any]]) -> float:
    started = time.perf_counter()
    for _ in range(PER_ROUND):
        with committed():
            open_ticket(customer, language="fi")
    return (time.perf_counter() - started) / PER_ROUND


def test_ten_triggers_that_do_not_match_cost_little(
    aino: Customer, committed: Callable[[], AbstractContextManager[Any]]
) -> None:
    for number in range(10):
        trigger_save(
            trigger=None,
            data=RuleData(
                name=f"Rule {number}",
                when=["created", "customer_message"],
                conditions=[
                    {"field": "text", "operator": "contains", "value": f"never {number}"},
                    {"field": "language", "operator": "is", "value": "xx"},
                ],
                match="any",
                actions=[{"kind": "add_tags", "value": "x"}],
            ),
            actor=Actor.system(),
        )
    _timed(aino, committed)  # warm up
    without, with_ten = [], []
    for _ in range(ROUNDS):
        Trigger.objects.update(is_active=False)
        without.append(_timed(aino, committed))
        Trigger.objects.update(is_active=True)
        with_ten.append(_timed(aino, committed))

    ratio = statistics.median(with_ten) / statistics.median(without)
    print(
        f"\nticket_create: {statistics.median(without) * 1000:.2f} ms without triggers, "
        f"{statistics.median(with_ten) * 1000:.2f} ms with 10 non-matching ones: x{ratio:.2f}"
    )
    assert ratio < 1.5
