from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import holidays
import pytest

from cortesia.culture.public_holidays import (
    PublicHoliday,
    holiday_subdivisions,
    public_holiday_dates,
    public_holidays,
)
from cortesia.culture.weeks import first_week_day, weekend_days


@pytest.mark.parametrize(
    ("country", "weekend", "first_day"),
    [
        ("SA", {4, 5}, 6),  # Friday–Saturday, week starts Sunday
        ("AE", {5, 6}, 0),  # moved to Saturday–Sunday in 2022
        ("EG", {4, 5}, 5),  # week starts Saturday
        ("IN", {6}, 6),  # Sunday only
        ("IR", {4}, 5),  # Friday only
        ("IT", {5, 6}, 0),
        ("FI", {5, 6}, 0),
        ("US", {5, 6}, 6),
    ],
)
def test_cldr_weekends_and_first_day(country: str, weekend: set[int], first_day: int) -> None:
    assert weekend_days(country) == weekend
    assert first_week_day(country) == first_day


@pytest.mark.parametrize("code", ["ZZ", "XX", "150", "italy", ""])
def test_unknown_country_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="Unknown country code"):
        weekend_days(code)


def test_bg_orthodox_easter_2026() -> None:
    days = public_holiday_dates("BG", None, 2026)
    assert {date(2026, 4, 10), date(2026, 4, 11), date(2026, 4, 12), date(2026, 4, 13)} <= days
    assert date(2026, 4, 5) not in days  # western Easter is not a holiday in Bulgaria


def test_it_holiday_names_in_italian_and_english() -> None:
    italian = public_holidays("IT", None, 2026, "it")
    english = public_holidays("IT", None, 2026, "en")
    assert italian[0] == PublicHoliday(date(2026, 1, 1), "Capodanno", is_estimated=False)
    assert english[0] == PublicHoliday(date(2026, 1, 1), "New Year's Day", is_estimated=False)


def test_fi_midsummer_names_in_finnish() -> None:
    names = {h.day: h.name for h in public_holidays("FI", None, 2026, "fi")}
    assert names[date(2026, 6, 19)] == "Juhannusaatto"
    assert names[date(2026, 6, 20)] == "Juhannuspäivä"


def test_sa_eid_is_flagged_estimated_with_arabic_name() -> None:
    by_day = {h.day: h for h in public_holidays("SA", None, 2026, "ar")}
    assert by_day[date(2026, 2, 22)] == PublicHoliday(date(2026, 2, 22), "يوم التأسيس", False)
    eid = by_day[date(2026, 3, 19)]
    assert eid.is_estimated is True
    assert eid.name == "عطلة عيد الفطر (تقديري)"


def test_subdivision_holidays_apply_only_there() -> None:
    # Saint Ambrose, patron of Milan, 7 December: a holiday in Milan only.
    assert date(2026, 12, 7) in public_holiday_dates("IT", "MI", 2026)
    assert date(2026, 12, 7) not in public_holiday_dates("IT", None, 2026)


def test_unknown_subdivision_is_refused() -> None:
    with pytest.raises(ValueError, match="IT has no subdivision 'ZZ'"):
        public_holiday_dates("IT", "ZZ", 2026)


@pytest.mark.parametrize(
    ("country", "reader", "first", "language"),
    [
        ("FI", "fi", "Uudenvuodenpäivä", "fi"),
        ("SA", "ar", "يوم التأسيس", "ar"),
        ("BG", "bg", "Нова година", "bg"),
        ("RO", "ro", "Anul Nou", "ro"),
        ("IT", "it", "Capodanno", "it"),
        # No Arabic or Finnish names for Italy or Bulgaria: English, said explicitly.
        ("IT", "ar", "New Year's Day", "en"),
        ("BG", "fi", "New Year's Day", "en"),
        ("SA", "fi", "Founding Day Holiday", "en"),
    ],
)
def test_holiday_names_in_the_readers_language_else_english(
    monkeypatch: pytest.MonkeyPatch, country: str, reader: str, first: str, language: str
) -> None:
    # The server's own locale settings must not choose the language.
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(variable, "it_IT.UTF-8")
    public_holidays.cache_clear()
    holiday = public_holidays(country, None, 2026, reader)[0]
    assert (holiday.name, holiday.language) == (first, language)


def _fresh_python(script: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    ).stdout


def test_holiday_subdivisions_agree_with_the_packages_full_list() -> None:
    supported = holidays.list_supported_countries()
    assert {code: holiday_subdivisions(code) for code in supported} == {
        code: tuple(subdivisions) for code, subdivisions in supported.items()
    }
    assert holiday_subdivisions("XX") is None


def test_one_countrys_holidays_load_only_that_countrys_module() -> None:
    loaded = _fresh_python(
        "import sys, datetime;"
        "from cortesia.culture.public_holidays import public_holiday_dates;"
        "assert datetime.date(2026, 6, 2) in public_holiday_dates('IT', None, 2026);"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries.')))"
    )
    assert loaded.strip() == "['holidays.countries.italy']"


def test_countries_loaded_one_at_a_time_give_the_packages_own_holidays() -> None:
    # Every country, 2025 and 2026, in English: once through the package as it ships
    # (all countries imported together), once through ours (each on its own).
    every_country = (
        "import json, holidays;"
        "codes = sorted(holidays.list_supported_countries(include_aliases=False));"
        "english = lambda c: 'en_US' if 'en_US' in holidays.country_holidays(c)"
        ".supported_languages else None;"
        "print(json.dumps({c: sorted((d.isoformat(), n) for d, n in holidays.country_holidays("
        "c, years=[2025, 2026], language=english(c)).items()) for c in codes}))"
    )
    shipped = json.loads(_fresh_python(every_country))
    ours = json.loads(_fresh_python("import cortesia.culture.public_holidays;" + every_country))
    assert len(shipped) >= 240
    assert ours == shipped
