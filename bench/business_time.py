"""Throughput of business-time arithmetic on realistic calendars.

Adds 8 hours of business time to random starts (seeded) over 2025–2027 on several team
calendars (split shifts, holidays, DST zones, odd offsets) and prints one JSON object.

    .venv/bin/python bench/business_time.py [--count 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import UTC, datetime, timedelta

from cortesia.culture.business_time import add_business_time, business_time_between
from cortesia.culture.local_windows import next_local_window
from cortesia.culture.tests.calendars import ALL

EIGHT_HOURS = timedelta(hours=8)


def _starts(count: int, seed: int) -> list[datetime]:
    rng = random.Random(seed)
    base = datetime(2025, 1, 1, tzinfo=UTC)
    span = int(timedelta(days=3 * 365).total_seconds())
    return [base + timedelta(seconds=rng.randrange(span)) for _ in range(count)]


def _rate(label: str, count: int, action: object) -> dict[str, float]:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    elapsed = time.perf_counter() - began
    return {f"{label}_per_s": round(count / elapsed), f"{label}_seconds": round(elapsed, 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200_000)
    args = parser.parse_args()
    starts = _starts(args.count, seed=20261124)
    results: dict[str, object] = {
        "scenario": "business_time",
        "count": args.count,
        "calendars": len(ALL),
        "duration": "8h",
    }
    # Warm the per-calendar day cache once, as a long-running worker would be.
    for calendar in ALL:
        for start in starts[:2000]:
            add_business_time(calendar, start, EIGHT_HOURS)
    per_calendar = args.count // len(ALL)

    def adds() -> None:
        for index, calendar in enumerate(ALL):
            for start in starts[index * per_calendar : (index + 1) * per_calendar]:
                add_business_time(calendar, start, EIGHT_HOURS)

    def betweens() -> None:
        for index, calendar in enumerate(ALL):
            for start in starts[index * per_calendar : (index + 1) * per_calendar]:
                business_time_between(calendar, start, start + timedelta(days=2))

    def windows() -> None:
        for start in starts[: args.count // 4]:
            next_local_window("Asia/Riyadh", "SA", start)

    results.update(_rate("add_business_time", per_calendar * len(ALL), adds))
    results.update(_rate("business_time_between_2d", per_calendar * len(ALL), betweens))
    results.update(_rate("next_local_window", args.count // 4, windows))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
