from __future__ import annotations

import pytest

from cortesia.customers.profile_choices import (
    country_choices,
    currency_choices,
    language_choices,
    time_zone_choices,
    with_current,
)


@pytest.mark.parametrize(
    ("language", "germany", "first"),
    [
        ("en", "Germany", "Afghanistan"),
        ("it", "Germania", "Afghanistan"),
        ("ar", "ألمانيا", "إثيوبيا"),
    ],
)
def test_countries_are_named_and_sorted_for_the_reader(
    language: str, germany: str, first: str
) -> None:
    choices = country_choices(language)
    assert dict(choices)["DE"] == germany
    assert choices[0][1] == first
    assert len(choices) == 249


def test_english_readers_find_aland_beside_a() -> None:
    labels = [label for _code, label in country_choices("en")]
    assert labels[:3] == ["Afghanistan", "Åland Islands", "Albania"]


def test_languages_time_zones_and_currencies_are_named_for_the_reader() -> None:
    assert dict(language_choices("en"))["de"] == "German"
    assert dict(language_choices("ar"))["it"] == "الإيطالية"
    assert time_zone_choices("en")[:3] == (
        ("UTC", "UTC"),
        ("Asia/Kabul", "Afghanistan — Kabul"),
        ("Europe/Mariehamn", "Åland Islands — Mariehamn"),
    )
    assert dict(time_zone_choices("it"))["America/New_York"] == "Stati Uniti — New York"
    assert dict(currency_choices("en"))["EUR"] == "Euro (EUR)"


def test_a_stored_value_the_list_lacks_is_kept() -> None:
    choices = (("DE", "Germany"),)
    assert with_current(choices, "US/Pacific", "US/Pacific") == (
        ("", "—"),
        ("US/Pacific", "US/Pacific"),
        ("DE", "Germany"),
    )
    assert with_current(choices, "DE", "Germany") == (("", "—"), ("DE", "Germany"))
