"""Convert amounts into the reporting currency at the rate of their day.

Rates are the euro reference rates (units of a currency per euro, ``ExchangeRate``); a
rate between two other currencies is crossed through the euro: amount ÷ rate(from) ×
rate(to). A day without a rate (a weekend, a TARGET holiday, a day not yet published)
takes the most recent earlier rate. A currency with no rate on or before the day raises
:class:`MissingRate` ("no rate for SEK before 2024-01-02"): a report shows that instead
of a wrong number.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from cortesia.reports.models import ExchangeRate, ReportSettings

EURO = "EUR"
CENT = Decimal("0.01")


class MissingRate(LookupError):
    """No rate of ``currency`` on or before ``day``."""

    def __init__(self, currency: str, day: date, first: date | None) -> None:
        self.currency = currency
        self.day = day
        self.first = first
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.first is None:
            return _("No exchange rate for %(currency)s is stored.") % {"currency": self.currency}
        return _(
            "No exchange rate for %(currency)s before %(day)s (the first is of %(first)s)."
        ) % {
            "currency": self.currency,
            "day": self.day.isoformat(),
            "first": self.first.isoformat(),
        }


def reporting_currency() -> str:
    row = ReportSettings.objects.only("reporting_currency").first()
    return row.reporting_currency if row else EURO


class RateTable:
    """The rates of some currencies up to a day, read in one query."""

    def __init__(self, rates: dict[str, list[tuple[date, Decimal]]]) -> None:
        self._days = {code: [day for day, _rate in rows] for code, rows in rates.items()}
        self._rates = {code: [rate for _day, rate in rows] for code, rows in rates.items()}

    @classmethod
    def load(cls, currencies: Iterable[str], last: date) -> RateTable:
        """Read every rate of ``currencies`` (other than the euro) up to ``last``."""
        wanted = sorted({code.upper() for code in currencies} - {EURO})
        rates: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
        rows = ExchangeRate.objects.filter(currency__in=wanted, day__lte=last).order_by(
            "currency", "day"
        )
        for code, day, rate in rows.values_list("currency", "day", "per_euro"):
            rates[code].append((day, rate))
        return cls(dict(rates))

    def per_euro(self, currency: str, day: date) -> Decimal:
        """Units of ``currency`` per euro on ``day`` (or the latest day before)."""
        code = currency.upper()
        if code == EURO:
            return Decimal(1)
        days = self._days.get(code, [])
        index = bisect.bisect_right(days, day) - 1
        if index < 0:
            raise MissingRate(code, day, days[0] if days else None)
        return self._rates[code][index]

    def convert(self, amount: Decimal, currency: str, to: str, day: date) -> Decimal:
        """``amount`` of ``currency`` in ``to`` at ``day``'s rate (not rounded)."""
        if currency.upper() == to.upper():
            return Decimal(amount)
        return Decimal(amount) / self.per_euro(currency, day) * self.per_euro(to, day)


def money(amount: Decimal) -> Decimal:
    """Round an amount to cents for showing, half up (0.125 → 0.13), as people round money;
    Decimal's own default would round half to even (0.125 → 0.12)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
