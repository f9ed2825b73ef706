"""Read a report query from URL parameters (pages, CSV links and the API share them).

Parameters: ``metric``, ``from`` and ``to`` (local dates, ISO ``YYYY-MM-DD``, both
included), ``interval`` (``day``, ``week``, ``locale_week``, ``month``, ``quarter`` or
empty), ``group_by`` (a dimension), ``time_basis`` (``calendar`` or ``business``), ``tz``
(an IANA zone; the viewer's by default) and one parameter per filtered dimension
(``language=it``, ``team=<uid>``). Without ``to`` the period ends today; without ``from``
it is the 30 days ending on ``to``. Every refusal is a :class:`QueryErrors` whose messages
name the parameter.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.reports.dimensions import ALL as DIMENSIONS
from cortesia.reports.engine import METRICS, MetricQuery, TimeBasis, ensure_loaded
from cortesia.reports.periods import Interval, ReportPeriod, first_weekday

DEFAULT_DAYS = 30
MAX_DAYS = 3 * 366 + 1  # three years of days at most per report
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
DAY_FORMAT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
RESERVED = frozenset({"metric", "from", "to", "interval", "group_by", "time_basis", "tz"})


class QueryErrors(ValueError):
    """Bad parameters: ``errors`` maps each parameter to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{name}: {text}" for name, text in errors.items()))


@dataclass(frozen=True)
class Params:
    """The shared part of a report's parameters (everything but the metric)."""

    period: ReportPeriod
    group_by: str
    time_basis: TimeBasis
    filters: dict[str, str]

    def query(self, metric: str, *, group_by: str | None = None) -> MetricQuery:
        return MetricQuery(
            metric=metric,
            period=self.period,
            group_by=self.group_by if group_by is None else group_by,
            time_basis=self.time_basis,
            filters=self.filters,
        )


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone ``name``, or None. Only names of the zone database are looked up:
    ZoneInfo would also open a directory ("America"), a data file ("zone.tab") or a
    too long path, and fail with errors of the file system."""
    return ZoneInfo(name) if name in _zone_names() else None


def viewer_zone(viewer: User) -> ZoneInfo:
    """The viewer's time zone, else the site's."""
    name = getattr(viewer, "time_zone", "") or settings.TIME_ZONE
    return zone_named(name) or ZoneInfo("UTC")


def _date(raw: str, name: str, errors: dict[str, str]) -> date | None:
    """The day ``raw`` (exactly YYYY-MM-DD: Python would also read "20261102" or
    "2026-W45-1"), between FIRST_DAY and LAST_DAY so that a period, its previous one and
    the day after it stay within the calendar."""
    try:
        day = date.fromisoformat(raw) if DAY_FORMAT.fullmatch(raw) else None
    except ValueError:
        day = None
    if day is None:
        errors[name] = _("Enter a date as YYYY-MM-DD.")
    elif not FIRST_DAY <= day <= LAST_DAY:
        errors[name] = _("Enter a date between %(first)s and %(last)s.") % {
            "first": FIRST_DAY.isoformat(),
            "last": LAST_DAY.isoformat(),
        }
        day = None
    return day


def params_parse(data: Mapping[str, str], viewer: User, *, language: str = "en") -> Params:
    """Read the period, grouping, time basis and filters; raise QueryErrors."""
    ensure_loaded()
    errors: dict[str, str] = {}
    zone = viewer_zone(viewer)
    if data.get("tz"):
        chosen = zone_named(data["tz"])
        if chosen is None:
            errors["tz"] = _("Unknown time zone: use an IANA name such as Europe/Rome.")
        zone = chosen or zone
    today = datetime.now(zone).date()
    last = _date(data["to"], "to", errors) if data.get("to") else today
    first = _date(data["from"], "from", errors) if data.get("from") else None
    if last is not None and first is None and "from" not in errors:
        first = last - timedelta(days=DEFAULT_DAYS - 1)
    if first is not None and last is not None:
        if last < first:
            errors["to"] = _("The end date is before the start date.")
        elif (last - first).days + 1 > MAX_DAYS:
            errors["from"] = _("A report covers at most three years.")
    interval = data.get("interval", "")
    if interval not in {choice.value for choice in Interval}:
        errors["interval"] = _("Choose day, week, locale_week, month or quarter.")
    basis = data.get("time_basis", "") or TimeBasis.CALENDAR
    if basis not in {choice.value for choice in TimeBasis}:
        errors["time_basis"] = _("Choose calendar or business.")
    group_by = data.get("group_by", "")
    if group_by and group_by not in DIMENSIONS:
        errors["group_by"] = _("Unknown dimension: %(name)s.") % {"name": group_by}
    filters = {
        # Countries are stored as upper-case ISO codes; "it" in a typed link means "IT".
        name: value.upper() if name == "country" else value
        for name, value in data.items()
        if name not in RESERVED and name in DIMENSIONS and isinstance(value, str)
    }
    if errors or first is None or last is None:
        raise QueryErrors(errors)
    period = ReportPeriod(first, last, zone, Interval(interval), first_weekday(language))
    return Params(period, group_by, TimeBasis(basis), filters)


def query_parse(data: Mapping[str, str], viewer: User, *, language: str = "en") -> MetricQuery:
    """Read a whole query (``metric`` included); raise QueryErrors."""
    ensure_loaded()
    metric = data.get("metric", "")
    errors: dict[str, str] = {}
    if metric not in METRICS:
        errors["metric"] = _("Unknown metric: %(name)s.") % {"name": metric}
    try:
        params = params_parse(data, viewer, language=language)
    except QueryErrors as refused:
        errors.update(refused.errors)
        raise QueryErrors(errors) from None
    if errors:
        raise QueryErrors(errors)
    definition = METRICS[metric]
    if params.group_by and params.group_by not in definition.dimensions:
        errors["group_by"] = _("%(metric)s cannot be grouped by %(name)s.") % {
            "metric": metric,
            "name": params.group_by,
        }
    for name in params.filters:
        if name not in definition.dimensions:
            errors[name] = _("%(metric)s cannot be filtered by %(name)s.") % {
                "metric": metric,
                "name": name,
            }
    if errors:
        raise QueryErrors(errors)
    return params.query(metric)
