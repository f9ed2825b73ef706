"""Business calendars and business-time arithmetic. Pure functions, no ORM.

A calendar is an IANA zone, weekly open intervals in local wall time (several per day),
a public-holiday source and date overrides. Every function takes and returns aware
datetimes; results are in UTC.

How DST is handled: each local day's intervals are turned into UTC instants once, from
their wall-clock boundaries (a boundary inside a spring-forward gap is read with the offset
before the change, as PEP 495 prescribes for ``fold=0``), and all arithmetic then happens
on those UTC instants in integer microseconds, so durations are exact and a day of 23 or 25
hours is counted as it really is.

Counting open time over long spans (a clock running for months) is quick: each calendar
keeps, per block of days, the open time before each day of the block (built on first use,
holidays and overrides included), so the days wholly inside a span are summed in constant
time and only the few days at its ends are clipped. A calendar is immutable, so these sums
never go stale; a changed calendar is a new BusinessCalendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cortesia.culture.public_holidays import public_holiday_dates

MINUTES_PER_DAY = 24 * 60
MAX_SEARCH_DAYS = 3 * 366  # a calendar with no open time in three years is a mistake
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_CACHE_LIMIT = 20_000
_BLOCK_DAYS = 256  # days per block of cumulative open time
_EDGE_DAYS = 3  # days clipped at each end; the days between lie wholly inside the span
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _parse_clock(text: str, *, allow_24: bool) -> int:
    try:
        hours_text, minutes_text = text.split(":")
        hours, minutes = int(hours_text), int(minutes_text)
    except ValueError:
        raise ValueError(f"{text!r} is not a time of day in HH:MM form.") from None
    if allow_24 and (hours, minutes) == (24, 0):
        return MINUTES_PER_DAY
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValueError(f"{text!r} is not a time of day in HH:MM form.")
    return hours * 60 + minutes


@dataclass(frozen=True, slots=True)
class OpenInterval:
    """Open from ``start`` to ``end`` minutes after local midnight; ``end`` may be 1440 (24:00)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= MINUTES_PER_DAY:
            raise ValueError(
                f"An open interval must start before it ends, within 00:00–24:00; "
                f"got {self.start_text}–{self.end_text}."
            )

    @classmethod
    def parse(cls, start: str, end: str) -> OpenInterval:
        """Build from "HH:MM" strings; the end may be "24:00"."""
        return cls(_parse_clock(start, allow_24=False), _parse_clock(end, allow_24=True))

    @property
    def start_text(self) -> str:
        return f"{self.start // 60:02d}:{self.start % 60:02d}"

    @property
    def end_text(self) -> str:
        return f"{self.end // 60:02d}:{self.end % 60:02d}"


DayHours = tuple[OpenInterval, ...]


def day_hours(intervals: Iterable[OpenInterval]) -> DayHours:
    """Sort a day's intervals and refuse overlaps."""
    ordered = tuple(sorted(intervals, key=lambda interval: interval.start))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise ValueError(
                f"Open intervals overlap: {before.start_text}–{before.end_text} and "
                f"{after.start_text}–{after.end_text}."
            )
    return ordered


@dataclass(frozen=True)
class BusinessCalendar:
    """When a team (or a person) is open: zone, weekly hours, holidays, date overrides.

    ``weekly`` has seven entries, Monday first. An override replaces the weekly hours of
    its date, holiday or not (an empty tuple closes the day).
    """

    time_zone: str
    weekly: tuple[DayHours, ...]
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    overrides: tuple[tuple[date, DayHours], ...] = ()
    _zone: ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _override_map: dict[int, DayHours] = field(init=False, repr=False, compare=False, hash=False)
    _spans: dict[int, tuple[tuple[int, int], ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _blocks: dict[int, tuple[int, ...]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        try:
            zone = ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{self.time_zone!r} is not an IANA time zone.") from None
        if len(self.weekly) != 7:
            raise ValueError("Weekly hours need seven days, Monday first.")
        object.__setattr__(self, "weekly", tuple(day_hours(day) for day in self.weekly))
        overrides = {day.toordinal(): day_hours(hours) for day, hours in self.overrides}
        if len(overrides) != len(self.overrides):
            raise ValueError("A date appears twice in the overrides.")
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_override_map", overrides)
        object.__setattr__(self, "_spans", {})
        object.__setattr__(self, "_blocks", {})
        if self.holiday_country is not None:
            public_holiday_dates(self.holiday_country, self.holiday_subdivision, 2026)

    @classmethod
    def from_mapping(
        cls,
        *,
        time_zone: str,
        weekly: Mapping[str, Iterable[tuple[str, str]]],
        holiday_country: str | None = None,
        holiday_subdivision: str | None = None,
        overrides: Mapping[date, Iterable[tuple[str, str]]] | None = None,
    ) -> BusinessCalendar:
        """Build from ``{"mon": [("09:00", "17:00")], …}``; missing days are closed."""
        unknown = set(weekly) - set(WEEKDAY_KEYS)
        if unknown:
            raise ValueError(f"Unknown weekday keys: {', '.join(sorted(unknown))}.")
        return cls(
            time_zone=time_zone,
            weekly=tuple(
                tuple(OpenInterval.parse(*pair) for pair in weekly.get(key, ()))
                for key in WEEKDAY_KEYS
            ),
            holiday_country=holiday_country,
            holiday_subdivision=holiday_subdivision,
            overrides=tuple(
                (day, tuple(OpenInterval.parse(*pair) for pair in hours))
                for day, hours in (overrides or {}).items()
            ),
        )

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @property
    def weekend(self) -> frozenset[int]:
        """Weekdays (0 = Monday) without any open interval."""
        return frozenset(index for index, hours in enumerate(self.weekly) if not hours)

    def hours_on(self, day: date) -> DayHours:
        """Return the open intervals of a local date after holidays and overrides."""
        override = self._override_map.get(day.toordinal())
        if override is not None:
            return override
        if self.holiday_country is not None and day in public_holiday_dates(
            self.holiday_country, self.holiday_subdivision, day.year
        ):
            return ()
        return self.weekly[day.weekday()]

    def spans(self, ordinal: int) -> tuple[tuple[int, int], ...]:
        """Return the open spans of local day ``ordinal`` as UTC epoch microseconds."""
        cached = self._spans.get(ordinal)
        if cached is not None:
            return cached
        if len(self._spans) > _CACHE_LIMIT:
            self._spans.clear()
        day = date.fromordinal(ordinal)
        midnight = datetime.combine(day, time(0), tzinfo=self._zone)
        result = []
        for interval in self.hours_on(day):
            start = _to_micros(midnight + timedelta(minutes=interval.start))
            end = _to_micros(midnight + timedelta(minutes=interval.end))
            if start < end:
                result.append((start, end))
        spans = tuple(result)
        self._spans[ordinal] = spans
        return spans

    def _block(self, index: int) -> tuple[int, ...]:
        """Return the open microseconds before each day of block ``index`` (from its first
        day; one more entry than days: the last is the block's total)."""
        cached = self._blocks.get(index)
        if cached is not None:
            return cached
        totals = [0]
        for ordinal in range(index * _BLOCK_DAYS, (index + 1) * _BLOCK_DAYS):
            totals.append(totals[-1] + sum(end - start for start, end in self.spans(ordinal)))
        block = tuple(totals)
        self._blocks[index] = block
        return block

    def open_micros(self, first: int, last: int) -> int:
        """Return the open microseconds of the local days ``first`` to ``last`` (ordinals,
        ``last`` excluded), all of their spans counted whole."""
        if last <= first:
            return 0
        low, low_day = divmod(first, _BLOCK_DAYS)
        high, high_day = divmod(last, _BLOCK_DAYS)
        if low == high:
            block = self._block(low)
            return block[high_day] - block[low_day]
        total = self._block(low)[-1] - self._block(low)[low_day]
        for index in range(low + 1, high):
            total += self._block(index)[-1]
        return total + self._block(high)[high_day]


def _to_micros(moment: datetime) -> int:
    # Wall-clock arithmetic above kept the zone; normalise through UTC to get the real instant.
    return (moment.astimezone(UTC) - _EPOCH) // _MICROSECOND


def _from_micros(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _require_aware(moment: datetime, name: str) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (with a time zone); got {moment!r}.")
    return _to_micros(moment)


def _local_ordinal(calendar: BusinessCalendar, micros: int) -> int:
    return _from_micros(micros).astimezone(calendar.zone).date().toordinal()


def _spans_from(calendar: BusinessCalendar, micros: int) -> Iterator[tuple[int, int]]:
    """Yield the open spans that end after ``micros``, in order, for up to three years."""
    ordinal = _local_ordinal(calendar, micros)
    # The previous local day is included: its 24:00 end can lie after a DST-shifted start.
    for day in range(ordinal - 1, ordinal + MAX_SEARCH_DAYS):
        for start, end in calendar.spans(day):
            if end > micros:
                yield start, end
    raise ValueError("The calendar has no open time in the next three years.")


def is_open(calendar: BusinessCalendar, moment: datetime) -> bool:
    """Return True if ``moment`` lies inside an open interval (start included, end excluded)."""
    micros = _require_aware(moment, "moment")
    ordinal = _local_ordinal(calendar, micros)
    return any(
        start <= micros < end
        for day in (ordinal - 1, ordinal)
        for start, end in calendar.spans(day)
    )


def next_open(calendar: BusinessCalendar, moment: datetime) -> datetime:
    """Return ``moment`` if open, else the start of the next open interval (UTC)."""
    micros = _require_aware(moment, "moment")
    start, _end = next(_spans_from(calendar, micros))
    return _from_micros(max(start, micros))


def add_business_time(calendar: BusinessCalendar, start: datetime, duration: timedelta) -> datetime:
    """Return the UTC instant at which ``duration`` of open time has elapsed after ``start``.

    A zero duration gives the next open instant. When the duration ends exactly at the end
    of an interval, that end is returned (the moment the work is due), not the next opening.
    Raises ValueError for a naive ``start`` or a negative ``duration``.
    """
    cursor = _require_aware(start, "start")
    remaining = duration // _MICROSECOND
    if remaining < 0:
        raise ValueError("The duration must not be negative.")
    for span_start, span_end in _spans_from(calendar, cursor):
        begin = max(span_start, cursor)
        available = span_end - begin
        if remaining <= available:
            return _from_micros(begin + remaining)
        remaining -= available
    raise AssertionError("unreachable")  # pragma: no cover - _spans_from raises first


def business_time_between(calendar: BusinessCalendar, a: datetime, b: datetime) -> timedelta:
    """Return the open time between ``a`` and ``b`` (negative when ``b`` is before ``a``)."""
    first, last = _require_aware(a, "a"), _require_aware(b, "b")
    if last < first:
        return -business_time_between(calendar, b, a)
    low = _local_ordinal(calendar, first) - 1
    high = _local_ordinal(calendar, last) + 1
    if high - low <= 2 * _EDGE_DAYS:
        return timedelta(microseconds=_clipped(calendar, range(low, high), first, last))
    # A day at least two local days after the start's and before the end's lies wholly
    # inside (DST shifts its spans by hours, never by a day).
    inner_low, inner_high = low + _EDGE_DAYS, high - _EDGE_DAYS + 1
    total = (
        _clipped(calendar, range(low, inner_low), first, last)
        + calendar.open_micros(inner_low, inner_high)
        + _clipped(calendar, range(inner_high, high), first, last)
    )
    return timedelta(microseconds=total)


def _clipped(calendar: BusinessCalendar, days: range, first: int, last: int) -> int:
    """Return the open microseconds of ``days`` between ``first`` and ``last``."""
    total = 0
    for ordinal in days:
        for start, end in calendar.spans(ordinal):
            overlap = min(end, last) - max(start, first)
            if overlap > 0:
                total += overlap
    return total


def open_intervals(
    calendar: BusinessCalendar, a: datetime, b: datetime
) -> list[tuple[datetime, datetime]]:
    """Return the open intervals between ``a`` and ``b``, clipped to them, in UTC."""
    first, last = _require_aware(a, "a"), _require_aware(b, "b")
    result = []
    for ordinal in range(_local_ordinal(calendar, first) - 1, _local_ordinal(calendar, last) + 1):
        for start, end in calendar.spans(ordinal):
            begin, finish = max(start, first), min(end, last)
            if begin < finish:
                result.append((_from_micros(begin), _from_micros(finish)))
    return result
