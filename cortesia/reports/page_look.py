"""How the report pages write numbers, intervals and column names for the viewer: Babel
in the language of the page ("87,5 %" in Finnish, "2 نوفمبر" in Arabic), CLDR's short
skeletons for intervals ("Mar 5", "Mar 2026", "Q1 2026"), a dash for no value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_percent
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cortesia.culture.local_formats import (
    babel_locale,
    format_day,
    format_money,
    format_number,
    writing_direction,
)
from cortesia.reports.engine import Unit, Value
from cortesia.reports.periods import Interval, ReportPeriod

COLUMN_LABELS: dict[str, str | Promise] = {
    "count": gettext_lazy("Count"),
    "median": gettext_lazy("Median"),
    "p90": gettext_lazy("90th percentile"),
    "mean": gettext_lazy("Mean"),
    "percent": gettext_lazy("Percent"),
    "score": gettext_lazy("Score"),
    "responses": gettext_lazy("Responses"),
    "one_touch": gettext_lazy("One-touch"),
    "solved": gettext_lazy("Solved"),
    "met": gettext_lazy("Met"),
    "missed": gettext_lazy("Missed"),
    "active_breaches": gettext_lazy("Active breaches"),
    "replies": gettext_lazy("Replies"),
    "tickets": gettext_lazy("Tickets"),
    "answered": gettext_lazy("Answered"),
    "sent": gettext_lazy("Sent"),
    "positive": gettext_lazy("Positive"),
    "promoters": gettext_lazy("Promoters"),
    "detractors": gettext_lazy("Detractors"),
    "retained": gettext_lazy("Retained"),
    "at_start": gettext_lazy("At the start"),
    "at_end": gettext_lazy("At the end"),
    "new": gettext_lazy("New"),
    "lost": gettext_lazy("Lost"),
    "amount": gettext_lazy("Amount"),
    "revenue": gettext_lazy("Revenue"),
    "orders": gettext_lazy("Orders"),
    "customers": gettext_lazy("Customers"),
    "repeat": gettext_lazy("Repeat buyers"),
    "average_order_value": gettext_lazy("Average order value"),
    "frequency": gettext_lazy("Purchase frequency"),
    "lifespan": gettext_lazy("Expected lifespan"),
    "margin_percent": gettext_lazy("Margin (%)"),
    "spend": gettext_lazy("Acquisition spend"),
    "ratio": gettext_lazy("Ratio"),
    "cltv": gettext_lazy("CLTV"),
    "cac": gettext_lazy("CAC"),
    "resolved": gettext_lazy("Resolved"),
    "sessions": gettext_lazy("Sessions"),
    "deflected": gettext_lazy("Deflected"),
}
# Columns holding money in the reporting currency ("amount" only in a money metric).
MONEY_COLUMNS = frozenset({"revenue", "average_order_value", "spend", "cltv", "cac"})
SKELETONS = {
    Interval.DAY: "MMMd",
    Interval.WEEK: "MMMd",
    Interval.LOCALE_WEEK: "MMMd",
    Interval.MONTH: "yMMM",
    Interval.QUARTER: "yQQQ",
}
DASH = "–"


@dataclass(frozen=True)
class Look:
    """How the viewer reads numbers and dates: the language of the page, and the
    reporting currency for money ("" leaves amounts as plain numbers)."""

    language: str
    currency: str = ""

    @property
    def rtl(self) -> bool:
        return writing_direction(self.language) == "rtl"

    def number(self, value: Decimal | int) -> str:
        return format_number(value, self.language)

    def value(self, value: Value, unit: Unit, column: str) -> str:
        """``value`` of a metric in ``unit`` ("87.5%", "12.5 min"); a dash for none."""
        if value is None:
            return DASH
        if column == "percent" and unit == Unit.PERCENT:
            return format_percent(
                Decimal(value) / 100, locale=babel_locale(self.language), decimal_quantization=False
            )
        if self.currency and (
            column in MONEY_COLUMNS or (column == "amount" and unit == Unit.MONEY)
        ):
            return format_money(Decimal(value), self.currency, self.language)
        if unit == Unit.MINUTES and column in ("median", "p90", "mean"):
            return _("%(minutes)s min") % {"minutes": self.number(value)}
        return self.number(value)

    def bucket(self, day: date | None, interval: Interval) -> str:
        if day is None:
            return ""
        skeleton = SKELETONS.get(interval)
        if skeleton is None:
            return format_day(day, self.language)
        return str(format_skeleton(skeleton, day, locale=babel_locale(self.language)))

    def period(self, period: ReportPeriod) -> str:
        # Each date is isolated (FSI … PDI), so a right-to-left sentence keeps its order.
        return _("%(first)s to %(last)s") % {
            "first": f"\u2068{format_day(period.first, self.language)}\u2069",
            "last": f"\u2068{format_day(period.last, self.language)}\u2069",
        }
