"""Django's own formatting (numbers without a filter, form fields, the admin) agrees with CLDR."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from babel.dates import format_skeleton, format_time
from babel.numbers import format_decimal
from django import forms
from django.utils import formats, translation

from cortesia.localization.formats import django_format, strptime_format

LANGUAGES = ("en", "it", "fi", "bg", "ro", "ar")
MOMENT = datetime(2026, 3, 2, 15, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime", "number"),
    [
        ("en", "3/2/2026", "3/2/2026, 3:05\u202fPM", "1,234,567.5"),
        ("it", "02/03/2026", "02/03/2026, 15:05", "1.234.567,5"),
        ("fi", "2.3.2026", "2.3.2026 15.05", "1\u00a0234\u00a0567,5"),
        ("bg", "2.03.2026\u202fг.", "2.03.2026\u202fг., 15:05", "1\u00a0234\u00a0567,5"),
        ("ro", "02.03.2026", "02.03.2026, 15:05", "1.234.567,5"),
        # Day before month, as CLDR writes it; not Django's US fallback "03/02/2026".
        ("ar", "2\u200f/3\u200f/2026", "2\u200f/3\u200f/2026، 3:05 م", "1,234,567.5"),
    ],
)
def test_django_formats_are_cldrs(
    language: str, short_date: str, short_datetime: str, number: str
) -> None:
    with translation.override(language):
        assert formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == short_date
        assert formats.date_format(MOMENT.date(), "DATE_FORMAT") == short_date
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short_datetime
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == short_datetime
        assert formats.number_format(Decimal("1234567.5"), force_grouping=True) == number


@pytest.mark.parametrize("language", LANGUAGES)
def test_django_formats_match_babel_for_every_language(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == format_skeleton(
            "yMd", MOMENT, locale=language
        )
        assert formats.time_format(MOMENT, "TIME_FORMAT") == format_time(
            MOMENT, "short", tzinfo=UTC, locale=language
        )
        assert formats.number_format(Decimal("1234567.5"), force_grouping=True) == (
            format_decimal(Decimal("1234567.5"), locale=language)
        )


class DayForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "3/2/2026"),
        ("it", "02/03/2026"),
        ("fi", "2.3.2026"),
        ("bg", "2.03.2026"),
        ("ro", "02.03.2026"),
        ("ar", "2/3/2026"),
    ],
)
def test_date_fields_take_iso_and_the_languages_order(language: str, typed: str) -> None:
    with translation.override(language):
        for value in ("2026-03-02", typed):
            form = DayForm({"day": value})
            assert form.is_valid(), form.errors
            assert form.cleaned_data["day"] == date(2026, 3, 2)
        # <input type="date"> shows only ISO values.
        assert 'value="2026-03-02"' in str(DayForm(initial={"day": date(2026, 3, 2)})["day"])


def test_pattern_conversion() -> None:
    assert django_format("d.MM.y 'г'.") == "j.m.Y \\г."
    assert django_format("h:mm a") == "g:i A"
    assert django_format("HH 'h' mm") == "H \\h i"
    assert strptime_format("d.MM.y 'г'.") == "%d.%m.%Y"
    assert strptime_format("d\u200f/M\u200f/y") == "%d/%m/%Y"
    with pytest.raises(ValueError, match="No Django equivalent for the CLDR field 'MMM'"):
        django_format("d MMM y")
