"""Median, 90th percentile and mean of durations, exact.

Percentiles interpolate linearly between the two nearest ranks (the definition of
PostgreSQL's ``percentile_cont`` and of Excel's ``PERCENTILE.INC``): for n sorted values
the p-th percentile sits at rank p × (n − 1). Durations come in seconds and leave in
minutes, one decimal, rounded half up.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

ONE = Decimal("0.1")
SIXTY = Decimal(60)


def percentile(ordered: Sequence[int], fraction: Decimal) -> Decimal:
    """The ``fraction`` percentile (0–1) of ``ordered`` (sorted, not empty), exact."""
    rank = fraction * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    weight = rank - low
    return Decimal(ordered[low]) + (Decimal(ordered[high]) - Decimal(ordered[low])) * weight


def minutes(seconds: Decimal) -> Decimal:
    return (seconds / SIXTY).quantize(ONE, ROUND_HALF_UP)


def duration_stats(values: Sequence[int]) -> dict[str, Decimal | int | None]:
    """Median, p90 and mean (minutes) and the count of ``values`` (seconds)."""
    if not values:
        return {"median": None, "p90": None, "mean": None, "count": 0}
    ordered = sorted(values)
    mean = Decimal(sum(ordered)) / Decimal(len(ordered))
    return {
        "median": minutes(percentile(ordered, Decimal("0.5"))),
        "p90": minutes(percentile(ordered, Decimal("0.9"))),
        "mean": minutes(mean),
        "count": len(ordered),
    }
