from __future__ import annotations

from datetime import date

import pytest

from cortesia.culture.countries import country_codes, country_profile, default_weekly


def test_every_iso_3166_country_has_a_profile() -> None:
    codes = country_codes()
    assert len(codes) == 249
    assert {"IT", "FI", "BG", "RO", "SA", "US", "AQ", "VA"} <= set(codes)
    assert not {"EU", "UN", "XK", "ZZ", "AC", "IC"} & set(codes)
    profiles = [country_profile(code, on=date(2026, 6, 1)) for code in codes]
    assert all(profile.weekend for profile in profiles)
    assert [p.code for p in profiles if p.currency is None] == ["AQ"]


def test_bg_uses_the_euro_from_2026() -> None:
    assert country_profile("BG", on=date(2025, 12, 31)).currency == "BGN"
    profile = country_profile("BG", "bg", on=date(2026, 1, 1))
    assert (profile.currency, profile.name, profile.languages) == ("EUR", "България", ("bg",))
    assert profile.time_zones == ("Europe/Sofia",)


def test_sa_profile_in_italian() -> None:
    profile = country_profile("sa", "it", on=date(2026, 6, 1))
    assert profile.name == "Arabia Saudita"
    assert (profile.currency, profile.weekend, profile.first_week_day) == (
        "SAR",
        frozenset({4, 5}),
        6,
    )
    assert profile.text_direction == "rtl"
    assert profile.default_weekly == {
        day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "sun")
    }


def test_fi_has_two_official_languages_and_holiday_subdivisions() -> None:
    profile = country_profile("FI", on=date(2026, 6, 1))
    assert profile.languages == ("fi", "sv")
    assert profile.has_holidays
    assert "01" in profile.holiday_subdivisions  # Åland


def test_default_weekly_without_country_is_monday_to_friday() -> None:
    assert sorted(default_weekly(None)) == ["fri", "mon", "thu", "tue", "wed"]


def test_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown country code 'XX'."):
        country_profile("XX")
