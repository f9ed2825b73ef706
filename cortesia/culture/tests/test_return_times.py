"""When a closed team is back, in the visitor's own zone and language: exact phrases for
the six shipped languages, the day boundaries read in the visitor's zone, and DST."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cortesia.culture.return_times import back_phrase

# Friday 4 December 2026, 17:30 UTC: 18:30 in Rome, 12:30 in New York.
FRIDAY_EVENING = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)
MONDAY_08_UTC = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
THURSDAY_AFTER_HOLIDAYS = datetime(2027, 1, 7, 8, 0, tzinfo=UTC)

CASES = [
    ("it_monday", "it", "Europe/Rome", MONDAY_08_UTC, "lunedì alle 09:00"),
    ("fi_monday_essive", "fi", "Europe/Helsinki", MONDAY_08_UTC, "maanantaina klo 10.00"),
    ("bg_monday", "bg", "Europe/Sofia", MONDAY_08_UTC, "в понеделник в 10:00 ч."),
    (
        "bg_tuesday_vav",
        "bg",
        "Europe/Sofia",
        datetime(2026, 12, 8, 8, 0, tzinfo=UTC),
        "във вторник в 10:00 ч.",
    ),
    ("ro_monday", "ro", "Europe/Bucharest", MONDAY_08_UTC, "luni la ora 10:00"),
    ("ar_monday", "ar", "Asia/Riyadh", MONDAY_08_UTC, "يوم الاثنين الساعة 11:00 ص"),
    ("en_monday_west", "en", "America/New_York", MONDAY_08_UTC, "on Monday at 3:00 AM"),
    ("it_today", "it", "Europe/Rome", datetime(2026, 12, 4, 20, 0, tzinfo=UTC), "oggi alle 21:00"),
    (
        "it_tomorrow_one_o_clock",
        "it",
        "Europe/Rome",
        datetime(2026, 12, 5, 0, 0, tzinfo=UTC),
        "domani all’01:00",
    ),
    (
        "it_after_holidays",
        "it",
        "Europe/Rome",
        THURSDAY_AFTER_HOLIDAYS,
        "giovedì 7 gennaio alle 09:00",
    ),
    (
        "fi_after_holidays",
        "fi",
        "Europe/Helsinki",
        THURSDAY_AFTER_HOLIDAYS,
        "torstaina 7. tammikuuta klo 10.00",
    ),
    (
        "bg_after_holidays",
        "bg",
        "Europe/Sofia",
        THURSDAY_AFTER_HOLIDAYS,
        "в четвъртък, 7 януари, в 10:00 ч.",
    ),
    (
        "ro_after_holidays",
        "ro",
        "Europe/Bucharest",
        THURSDAY_AFTER_HOLIDAYS,
        "joi, 7 ianuarie, la ora 10:00",
    ),
    (
        "ar_after_holidays",
        "ar",
        "Asia/Riyadh",
        THURSDAY_AFTER_HOLIDAYS,
        "يوم الخميس 7 يناير الساعة 11:00 ص",
    ),
    (
        "en_after_holidays",
        "en",
        "America/New_York",
        datetime(2027, 1, 7, 14, 0, tzinfo=UTC),
        "on Thursday, January 7 at 9:00 AM",
    ),
]


@pytest.mark.parametrize(("_case", "language", "zone", "back", "expected"), CASES)
def test_the_return_reads_in_the_visitors_zone_and_language(
    _case: str, language: str, zone: str, back: datetime, expected: str
) -> None:
    assert back_phrase(back, zone, language, FRIDAY_EVENING) == expected


def test_today_is_the_visitors_today_not_utcs() -> None:
    # 23:30 UTC on Friday is 18:30 on Friday in New York and 00:30 on Saturday in Rome;
    # 04:00 UTC on Saturday is 23:00 on Friday in New York and 05:00 on Saturday in Rome.
    now = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)
    back = datetime(2026, 12, 5, 4, 0, tzinfo=UTC)
    assert back_phrase(back, "America/New_York", "en", now) == "today at 11:00 PM"
    assert back_phrase(back, "Europe/Rome", "it", now) == "oggi alle 05:00"
    assert back_phrase(back, "Europe/Rome", "it", datetime(2026, 12, 4, 22, 0, tzinfo=UTC)) == (
        "domani alle 05:00"
    )


def test_the_clock_after_spring_forward_is_the_summer_one() -> None:
    # Rome moves to UTC+2 on Sunday 28 March 2027: 07:00 UTC on Monday is 09:00 there.
    friday = datetime(2027, 3, 26, 18, 0, tzinfo=UTC)
    back = datetime(2027, 3, 29, 7, 0, tzinfo=UTC)
    assert back_phrase(back, "Europe/Rome", "it", friday) == "lunedì alle 09:00"


def test_an_unshipped_language_is_refused() -> None:
    with pytest.raises(ValueError, match="No return phrase"):
        back_phrase(MONDAY_08_UTC, "Europe/Berlin", "de", FRIDAY_EVENING)
