"""A chart with more groups than colours draws the largest ones and says so."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from cortesia.reports.engine import MetricQuery, Result, Row, metric_get
from cortesia.reports.page_data import _series
from cortesia.reports.periods import Interval, ReportPeriod

WEEK = ReportPeriod(date(2026, 11, 2), date(2026, 11, 3), ZoneInfo("UTC"), Interval.DAY)
DAYS = [date(2026, 11, 2), date(2026, 11, 3)]


def test_the_chart_keeps_the_six_largest_groups_in_the_tables_order() -> None:
    sizes = {"ar": 1, "bg": 9, "de": 0, "en": 7, "fi": 5, "it": 8, "ja": 2, "ro": 6}
    rows = [
        Row(day, code, {"count": size + (1 if day == DAYS[1] else 0)})
        for day in DAYS
        for code, size in sizes.items()
    ]
    query = MetricQuery("tickets_created", WEEK, group_by="language")
    result = Result(query=query, metric=metric_get("tickets_created"), rows=rows)

    series, groups = _series(result, "count", DAYS)

    assert groups == 8
    assert [line.label for line in series] == ["bg", "en", "fi", "it", "ja", "ro"]
    assert series[0].values == [9, 10]
