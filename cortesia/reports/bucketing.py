"""A report period's intervals as database expressions, so rows are grouped by interval
in the database instead of being read one by one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    Case,
    DateField,
    DateTimeField,
    Expression,
    ExpressionWrapper,
    F,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from cortesia.reports.periods import Interval, ReportPeriod, local_midnight


def interval_of(period: ReportPeriod, shift: timedelta, at: str = "placed_at") -> Expression:
    """The interval (its first day) the instant ``at + shift`` falls in, computed in the
    database: the local day for daily intervals, else a CASE over the intervals' first
    instants (a locale's week or a clipped first interval need no special case; NULL
    after the period). Without an interval: the period's first day."""
    moment: Any = F(at)
    if period.interval == Interval.DAY:
        if shift:
            moment = ExpressionWrapper(moment + shift, output_field=DateTimeField())
        return TruncDate(moment, tzinfo=period.zone)
    firsts = [period.first] if period.interval == Interval.NONE else period.buckets()
    nexts = [*firsts[1:], period.last + timedelta(days=1)]
    whens = [
        When(**{f"{at}__lt": local_midnight(following, period.zone) - shift}, then=Value(first))
        for first, following in zip(firsts, nexts, strict=True)
        if first is not None and following is not None
    ]
    return Case(*whens, output_field=DateField())
