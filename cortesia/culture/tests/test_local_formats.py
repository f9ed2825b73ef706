from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.dates import get_timezone_name

from cortesia.culture.local_formats import (
    country_currency,
    country_name,
    format_clock,
    format_day,
    format_local_date,
    format_local_datetime,
    format_local_time,
    format_moment,
    format_money,
    format_number,
    format_relative_day,
    language_name,
    language_names,
    moment_phrase,
    writing_direction,
    zone_display_name,
)

# Tuesday 24 November 2026, 09:00 UTC: 10:00 in Rome (CET, UTC+1).
DEADLINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
NAIVE = datetime(2026, 11, 24, 9, 0)  # noqa: DTZ001 - the naive value under test


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [
        ("it", "EUR", "1.234,50\u00a0€"),
        ("it_IT", "EUR", "1.234,50\u00a0€"),
        ("de", "EUR", "1.234,50\u00a0€"),
        ("fr", "EUR", "1\u202f234,50\u00a0€"),  # narrow no-break space groups thousands
        ("fi", "EUR", "1\u00a0234,50\u00a0€"),
        ("bg", "EUR", "1\u00a0234,50\u00a0€"),
        ("ro", "EUR", "1.234,50\u00a0EUR"),  # CLDR's Romanian symbol for the euro is "EUR"
        ("es", "EUR", "1.234,50\u00a0€"),
        ("pt_BR", "BRL", "R$\u00a01.234,50"),
        ("en", "USD", "$1,234.50"),
        ("zh", "CNY", "¥1,234.50"),
        # Arabic: right-to-left marks (U+200F) before the number and after the symbol.
        ("ar_SA", "SAR", "\u200f1,234.50\u00a0ر.س.\u200f"),
    ],
)
def test_format_money_per_locale(locale: str, currency: str, expected: str) -> None:
    assert format_money(Decimal("1234.50"), currency, locale) == expected


def test_format_money_rounds_to_the_currency_digits_half_to_even() -> None:
    # JPY has no minor unit; Babel rounds half to even (banker's rounding).
    assert format_money(Decimal("1234.5"), "JPY", "ja") == "￥1,234"
    assert format_money(Decimal("1235.5"), "JPY", "ja") == "￥1,236"


def test_format_money_refuses_floats_and_unknown_currencies() -> None:
    with pytest.raises(TypeError, match="amount must be a Decimal"):
        format_money(1234.5, "EUR", "it")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'XYZ' is not an ISO 4217 currency code"):
        format_money(Decimal("1"), "XYZ", "it")
    with pytest.raises(ValueError, match="'xx_YY' is not a locale CLDR knows"):
        format_money(Decimal("1"), "EUR", "xx_YY")


@pytest.mark.parametrize(
    ("locale", "width", "expected"),
    [
        ("it", "short", "24/11/26, 10:00"),
        ("it", "medium", "24 nov 2026, 10:00:00"),
        ("it", "long", "24 novembre 2026 10:00:00 CET"),
        ("it", "full", "martedì 24 novembre 2026 10:00:00 Ora standard dell’Europa centrale"),
        ("de", "medium", "24.11.2026, 10:00:00"),
        ("fi", "short", "24.11.2026 10.00"),
        ("ja", "full", "2026年11月24日火曜日 10時00分00秒 中央ヨーロッパ標準時"),
        ("en", "short", "11/24/26, 10:00\u202fAM"),
        # Arabic numeric dates carry a right-to-left mark after each day and month.
        ("ar_SA", "short", "24\u200f/11\u200f/2026، 10:00 ص"),
    ],
)
def test_format_local_datetime_in_rome(locale: str, width: str, expected: str) -> None:
    assert format_local_datetime(DEADLINE, "Europe/Rome", locale, width) == expected  # type: ignore[arg-type]


def test_format_local_datetime_defaults_to_medium() -> None:
    assert format_local_datetime(DEADLINE, "Europe/Rome", "fr") == "24 nov. 2026, 10:00:00"


def test_local_date_and_time_are_read_in_the_zone_not_in_utc() -> None:
    late = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)  # already Wednesday in Helsinki
    assert format_local_date(late, "Europe/Helsinki", "fi", "long") == "25. marraskuuta 2026"
    assert format_local_time(late, "Europe/Helsinki", "fi", "short") == "1.30"
    assert format_local_date(late, "America/New_York", "en", "full") == "Tuesday, November 24, 2026"
    assert format_local_time(late, "America/New_York", "en") == "6:30:00\u202fPM"
    assert format_local_date(late, "Asia/Tokyo", "ja", "long") == "2026年11月25日"
    assert format_local_date(late, "Europe/Sofia", "bg", "long") == "25 ноември 2026\u202fг."


def test_an_offset_datetime_is_the_same_instant() -> None:
    same = DEADLINE.astimezone(timezone(timedelta(hours=-5)))
    assert format_local_time(same, "Europe/Rome", "it", "short") == "10:00"


@pytest.mark.parametrize(
    "call",
    [
        lambda: format_local_datetime(NAIVE, "Europe/Rome", "it"),
        lambda: format_local_date(NAIVE, "Europe/Rome", "it"),
        lambda: format_local_time(NAIVE, "Europe/Rome", "it"),
        lambda: zone_display_name("Europe/Rome", "it", NAIVE),
    ],
)
def test_naive_moment_is_refused(call: object) -> None:
    with pytest.raises(ValueError, match="moment must be an aware datetime"):
        call()  # type: ignore[operator]


def test_naive_now_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="now must be an aware datetime"):
        format_relative_day(DEADLINE, "Europe/Rome", "it", NAIVE)


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="'Europe/Atlantis' is not an IANA time zone"):
        format_local_datetime(DEADLINE, "Europe/Atlantis", "it")


# Monday 23 November 2026, 21:00 in Rome.
NOW = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("locale", "today", "tomorrow", "wednesday"),
    [
        ("en", "today", "tomorrow", "Wednesday"),
        ("it", "oggi", "domani", "mercoledì"),
        ("fi", "tänään", "huomenna", "keskiviikko"),
        ("bg", "днес", "утре", "сряда"),
        ("ro", "azi", "mâine", "miercuri"),
        ("ar_SA", "اليوم", "غدًا", "الأربعاء"),
        ("de", "heute", "morgen", "Mittwoch"),
        ("fr", "aujourd’hui", "demain", "mercredi"),
        ("es", "hoy", "mañana", "miércoles"),
        ("pt_BR", "hoje", "amanhã", "quarta-feira"),
        ("ja", "今日", "明日", "水曜日"),
        ("zh", "今天", "明天", "星期三"),
    ],
)
def test_relative_day_words(locale: str, today: str, tomorrow: str, wednesday: str) -> None:
    zone = "Europe/Rome"
    assert format_relative_day(datetime(2026, 11, 23, 6, tzinfo=UTC), zone, locale, NOW) == today
    assert format_relative_day(DEADLINE, zone, locale, NOW) == tomorrow
    assert format_relative_day(DEADLINE + timedelta(days=1), zone, locale, NOW) == wednesday


def test_relative_day_uses_the_customers_midnight() -> None:
    # 23:30 UTC on Monday is already Tuesday 01:30 in Helsinki: "tomorrow" seen from Monday.
    moment = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert format_relative_day(moment, "Europe/Helsinki", "en", NOW) == "tomorrow"
    assert format_relative_day(moment, "America/New_York", "en", NOW) == "today"


def test_relative_day_beyond_the_week_or_in_the_past_is_a_date() -> None:
    zone = "Europe/Rome"
    assert format_relative_day(NOW + timedelta(days=6), zone, "en", NOW) == "Sunday"
    assert format_relative_day(NOW + timedelta(days=7), zone, "en", NOW) == "Nov 30"
    assert format_relative_day(NOW + timedelta(days=7), zone, "it", NOW) == "30 nov"
    assert format_relative_day(NOW - timedelta(days=1), zone, "fi", NOW) == "22.11."
    assert format_relative_day(NOW + timedelta(days=40), zone, "de", NOW) == "2. Jan. 2027"
    assert format_relative_day(NOW + timedelta(days=40), zone, "ja", NOW) == "2027年1月2日"


def test_relative_day_needs_a_supported_language() -> None:
    with pytest.raises(ValueError, match="No relative day words for 'sv'"):
        format_relative_day(DEADLINE, "Europe/Rome", "sv", NOW)


@pytest.mark.parametrize(
    ("zone", "locale", "expected"),
    [
        ("Europe/Rome", "it", "Roma"),
        ("Europe/Rome", "en", "Rome"),
        ("Europe/Rome", "fi", "Rooma"),
        ("Europe/Rome", "de", "Rom"),
        ("Europe/Rome", "bg", "Рим"),
        ("Europe/Rome", "ar", "روما"),
        ("Europe/Rome", "ja", "ローマ"),
        ("Europe/Rome", "zh", "罗马"),
        ("Asia/Riyadh", "ar_SA", "الرياض"),
        ("Asia/Kolkata", "en", "Kolkata"),
        ("Asia/Calcutta", "en", "Kolkata"),  # the old name is an alias
        ("Africa/Cairo", "it", "Il Cairo"),
        ("America/Sao_Paulo", "pt_BR", "São Paulo"),
        ("UTC", "it", "UTC"),
        # No city: the offset, with its real sign (Etc/GMT-3 is three hours east of UTC).
        ("Etc/GMT-3", "en", "GMT+03:00"),
        ("Etc/GMT-3", "fr", "UTC+03:00"),
    ],
)
def test_zone_display_name(zone: str, locale: str, expected: str) -> None:
    assert zone_display_name(zone, locale, DEADLINE) == expected


def test_babel_names_india_standard_time() -> None:
    # Guards the Babel pin: 2.18.0 shows "GMT+05:30" here.
    moment = datetime(2026, 1, 15, 11, 30, tzinfo=ZoneInfo("Asia/Kolkata"))
    assert get_timezone_name(moment, locale="en") == "India Standard Time"
    assert (
        format_local_datetime(moment, "Asia/Kolkata", "en", "full")
        == "Thursday, January 15, 2026, 11:30:00\u202fAM India Standard Time"
    )


@pytest.mark.parametrize(
    ("country", "on", "expected"),
    [
        ("BG", date(2025, 12, 31), "BGN"),
        ("BG", date(2026, 1, 1), "EUR"),
        ("bg", date(2027, 6, 1), "EUR"),
        ("IT", date(2026, 1, 1), "EUR"),
        ("IT", date(1998, 12, 31), "ITL"),
        ("HR", date(2023, 1, 1), "EUR"),
        ("SA", date(2026, 1, 1), "SAR"),
        ("US", date(2026, 1, 1), "USD"),
        ("JP", date(2026, 1, 1), "JPY"),
    ],
)
def test_country_currency(country: str, on: date, expected: str) -> None:
    assert country_currency(country, on) == expected


@pytest.mark.parametrize("country", ["ZZ", "AQ", "italy", ""])
def test_country_currency_refuses_unknown_countries(country: str) -> None:
    with pytest.raises(ValueError, match="country code|No currency"):
        country_currency(country, date(2026, 1, 1))


@pytest.mark.parametrize(
    ("language", "zone", "phrase"),
    [
        ("it", "Europe/Rome", "lunedì 30 novembre 2026 09:00 (Roma)"),
        ("fi", "Europe/Helsinki", "maanantai 30. marraskuuta 2026 10.00 (Helsinki)"),
        ("bg", "Europe/Sofia", "понеделник, 30 ноември 2026\u202fг., 10:00 ч. (София)"),
        ("ro", "Europe/Bucharest", "luni, 30 noiembrie 2026, 10:00 (București)"),
        ("ar", "Asia/Riyadh", "الاثنين، 30 نوفمبر 2026، 11:00 ص (الرياض)"),
        ("en", "America/New_York", "Monday, November 30, 2026, 3:00 AM (New York)"),
    ],
)
def test_moment_phrase_is_the_customers_day_time_and_city(
    language: str, zone: str, phrase: str
) -> None:
    assert moment_phrase(datetime(2026, 11, 30, 8, 0, tzinfo=UTC), zone, language) == phrase


# The product's display styles, for 14:50 UTC on Wednesday 2 December 2026 (15:50 in Rome).
SHOWN = datetime(2026, 12, 2, 14, 50, tzinfo=UTC)


@pytest.mark.parametrize(
    ("locale", "moment", "day", "clock"),
    [
        ("en", "Dec 2, 2026, 3:50\u202fPM", "Dec 2, 2026", "3:50\u202fPM"),
        ("it", "2 dic 2026, 15:50", "2 dic 2026", "15:50"),
        ("fi", "2.12.2026 15.50", "2.12.2026", "15.50"),
        ("bg", "2.12.2026\u202fг., 15:50", "2.12.2026\u202fг.", "15:50"),
        ("ro", "2 dec. 2026, 15:50", "2 dec. 2026", "15:50"),
        # Day before month, a right-to-left mark after each, the Arabic comma as the glue.
        ("ar", "02\u200f/12\u200f/2026، 3:50 م", "02\u200f/12\u200f/2026", "3:50 م"),
    ],
)
def test_product_date_time_styles(locale: str, moment: str, day: str, clock: str) -> None:
    assert format_moment(SHOWN, "Europe/Rome", locale) == moment
    assert format_day(date(2026, 12, 2), locale) == day
    assert format_clock(SHOWN, "Europe/Rome", locale) == clock


def test_format_moment_reads_the_instant_in_the_zone() -> None:
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)  # already Thursday in Helsinki
    assert format_moment(late, "Europe/Helsinki", "fi") == "3.12.2026 1.30"
    assert format_moment(late, "America/New_York", "en") == "Dec 2, 2026, 6:30\u202fPM"


def test_format_moment_refuses_a_naive_moment_and_format_day_a_datetime() -> None:
    with pytest.raises(ValueError, match="moment must be an aware datetime"):
        format_moment(NAIVE, "Europe/Rome", "it")
    with pytest.raises(TypeError, match="format_day takes a date"):
        format_day(SHOWN, "it")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "1,234,567.25"),
        ("it", "1.234.567,25"),
        ("fi", "1\u00a0234\u00a0567,25"),
        ("bg", "1\u00a0234\u00a0567,25"),
        ("ro", "1.234.567,25"),
        ("ar", "1,234,567.25"),  # Latin digits, like the dates on the same page
    ],
)
def test_format_number(locale: str, expected: str) -> None:
    assert format_number(Decimal("1234567.25"), locale) == expected


def test_format_number_keeps_integers_whole_and_refuses_non_numbers() -> None:
    assert format_number(1234, "fi") == "1\u00a0234"
    assert format_number(Decimal("0.125"), "en") == "0.125"
    assert format_number(Decimal("1.23456"), "it") == "1,23456"
    assert format_number(0.1 + 0.2, "it") == "0,3"
    with pytest.raises(TypeError, match="value must be a number; got str"):
        format_number("12", "en")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got bool"):
        format_number(True, "en")


@pytest.mark.parametrize(
    ("viewer", "italian", "brazilian", "list_of_two", "italy"),
    [
        ("en", "Italian", "Brazilian Portuguese", "Romanian and English", "Italy"),
        ("it", "italiano", "portoghese brasiliano", "rumeno e inglese", "Italia"),
        ("fi", "italia", "brasilianportugali", "romania ja englanti", "Italia"),
        ("bg", "италиански", "португалски", "румънски и английски", "Италия"),
        ("ro", "italiană", "portugheză", "română și engleză", "Italia"),
        ("ar", "الإيطالية", "البرتغالية البرازيلية", "الرومانية والإنجليزية", "إيطاليا"),
    ],
)
def test_names_are_in_the_viewers_language(
    viewer: str, italian: str, brazilian: str, list_of_two: str, italy: str
) -> None:
    assert language_name("it", viewer) == italian
    assert language_name("pt-BR", viewer) == brazilian
    assert language_names(["ro", "en"], viewer) == list_of_two
    assert country_name("it", viewer) == italy


def test_unknown_names_fall_back_to_the_language_or_the_code() -> None:
    assert language_name("it-CH", "en") == "Italian"  # CLDR has no name for this region
    assert language_name("fi-XX", "en") == "Finnish"
    assert language_name("zz", "en") == "zz"
    assert language_names([], "en") == ""
    assert country_name("XX", "en") == "XX"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ar", "rtl"),
        ("ar-SA", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("it", "ltr"),
        ("bg", "ltr"),
        ("en-US", "ltr"),
        ("xx-unknown", "ltr"),
    ],
)
def test_writing_direction(locale: str, expected: str) -> None:
    assert writing_direction(locale) == expected
