from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from babel.dates import format_timedelta
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from cortesia.culture.local_formats import babel_locale
from cortesia.tickets.templatetags.ticket_format import _duration, due_phrase

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

# Ahead and overdue in one width: the same unit words in both directions.
CASES = [
    ("it, 18 hours ahead", "it", timedelta(hours=18), "tra 18 ore"),
    ("it, 2 days ahead", "it", timedelta(days=2), "tra 2 giorni"),
    ("it, 1 week ahead", "it", timedelta(weeks=1), "tra 1 settimana"),
    ("it, 2 days overdue", "it", -timedelta(days=2), "in ritardo di 2 giorni"),
    ("it, 1 week overdue", "it", -timedelta(weeks=1), "in ritardo di 1 settimana"),
    ("en, 3 hours ahead", "en", timedelta(hours=3), "in 3 hours"),
    ("en, 2 hours overdue", "en", -timedelta(hours=2), "overdue by 2 hours"),
    ("ar, 2 days ahead", "ar", timedelta(days=2), "خلال يومين"),
    # The duration is the sentence's subject, so CLDR's nominative dual reads right.
    ("ar, 2 days overdue", "ar", -timedelta(days=2), "مضى على الموعد يومان"),
    ("fi, 3 hours overdue", "fi", -timedelta(hours=3), "3 tuntia myöhässä"),
]


@pytest.mark.parametrize(
    ("_case", "language", "offset", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_due_phrases_use_one_width_ahead_and_overdue(
    _case: str, language: str, offset: timedelta, expected: str
) -> None:
    with translation.override(language):
        assert due_phrase(NOW + offset, NOW, language) == expected


# Deltas at the edges of format_timedelta's units: 0.85 of the next unit, rounding halves.
EDGES = [0, 1, 29, 30, 31, 59, 60, 89, 90, 3059, 3060, 3061, 73440, 73439, 75600, 514080]


@pytest.mark.parametrize("language", ["en", "it", "ar", "fi"])
@pytest.mark.parametrize("ahead", [True, False])
@given(seconds=st.one_of(st.sampled_from(EDGES), st.integers(0, 4 * 366 * 86400)))
@settings(max_examples=300, deadline=None)
def test_durations_found_once_are_the_words_babel_gives(
    language: str, ahead: bool, seconds: int
) -> None:
    delta = timedelta(seconds=seconds, microseconds=seconds % 1000)
    locale = babel_locale(language)
    expected = format_timedelta(
        delta, granularity="minute", add_direction=ahead, format="long", locale=locale
    )
    assert _duration(delta, locale, ahead=ahead) == expected
    assert _duration(delta, locale, ahead=ahead) == expected  # found again, the same
