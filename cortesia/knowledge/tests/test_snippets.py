"""The snippet's window: the densest stretch of matches, found in one pass, is the one
the plain count over every start finds (the first of equals)."""

from __future__ import annotations

import random

from cortesia.knowledge.snippets import WINDOW, _densest


def _counted(hits: list[int]) -> int:
    return max(hits, key=lambda first: sum(1 for hit in hits if first <= hit < first + WINDOW))


def test_the_densest_window_is_the_counted_one() -> None:
    rng = random.Random(18)
    for _ in range(500):
        hits = sorted(rng.sample(range(400), rng.randint(1, 40)))
        assert _densest(hits) == _counted(hits), hits


def test_worked_examples() -> None:
    assert _densest([5]) == 5
    assert _densest([0, 100, 101, 102]) == 100
    assert _densest([0, 1, 100, 101]) == 0  # equal counts: the first
