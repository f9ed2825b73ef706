"""The twelve-month preview: which days differ from the usual week, and why."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cortesia.calendars.preview import DayKind, calendar_preview
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.culture.business_time import OpenInterval

pytestmark = pytest.mark.django_db


def test_holidays_overrides_half_days_and_extra_openings_are_told_apart() -> None:
    # Given Rome hours with Italian holidays, and three special days
    rome = calendar_create(
        name="Roma",
        time_zone="Europe/Rome",
        country="IT",
        weekly={day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        overrides=[
            {"date": "2026-12-08", "intervals": []},  # Immacolata, closed by hand as well
            {"date": "2026-12-24", "intervals": [["09:00", "13:00"]]},  # Christmas Eve
            {"date": "2026-12-19", "intervals": [["10:00", "14:00"]]},  # a Saturday opening
        ],
        actor=Actor.system(),
    )
    # When the preview is asked at 23:30 UTC on 30 November (1 December in Rome)
    preview = calendar_preview(rome, language="it", now=datetime(2026, 11, 30, 23, 30, tzinfo=UTC))
    # Then it starts on Rome's date and December lists each day with its reason
    assert (preview.start, preview.end, preview.closed_weekdays) == (
        date(2026, 12, 1),
        date(2027, 12, 1),
        frozenset({5, 6}),
    )
    assert len(preview.months) == 12
    december = preview.months[0]
    assert [
        (entry.day, entry.kind, entry.hours, entry.holiday.name if entry.holiday else None)
        for entry in december.days
    ] == [
        (date(2026, 12, 8), DayKind.CLOSED, (), "Immacolata Concezione"),
        (date(2026, 12, 19), DayKind.CHANGED, (OpenInterval(600, 840),), None),
        (date(2026, 12, 24), DayKind.HALF_DAY, (OpenInterval(540, 780),), None),
        (date(2026, 12, 25), DayKind.HOLIDAY, (), "Natale"),
    ]
