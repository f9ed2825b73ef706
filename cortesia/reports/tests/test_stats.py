"""Exact median, p90 and mean of durations."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cortesia.reports.stats import duration_stats, percentile


@pytest.mark.parametrize(
    ("_case", "values", "fraction", "expected"),
    [
        ("one value", [7], "0.9", "7"),
        ("median of an even count: halfway", [10, 20, 30, 40], "0.5", "25"),
        ("p90 of five: rank 3.6", [10, 30, 120, 1050, 1380], "0.9", "1248.0"),
        ("p90 of ten: rank 8.1", list(range(0, 100, 10)), "0.9", "81.0"),
        ("the top", [1, 2], "1", "2"),
        ("the bottom", [1, 2], "0", "1"),
    ],
)
def test_percentiles_interpolate_between_ranks(
    _case: str, values: list[int], fraction: str, expected: str
) -> None:
    assert percentile(values, Decimal(fraction)) == Decimal(expected)


def test_stats_are_minutes_rounded_half_up() -> None:
    # 90 s, 150 s, 3 s: median 90 s = 1.5 min; p90 at rank 1.8 = 90 + 0.8 × 60 = 138 s =
    # 2.3 min; mean 81 s = 1.35 min → 1.4 (half up, not to even).
    assert duration_stats([150, 3, 90]) == {
        "median": Decimal("1.5"),
        "p90": Decimal("2.3"),
        "mean": Decimal("1.4"),
        "count": 3,
    }


def test_no_values_give_no_figures() -> None:
    assert duration_stats([]) == {"median": None, "p90": None, "mean": None, "count": 0}
