from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from cortesia.culture.address_forms import Register
from cortesia.culture.promises import (
    PROMISE_LANGUAGES,
    CulturalBrief,
    cultural_brief,
    reply_promise,
)
from cortesia.culture.public_holidays import PublicHoliday

# Tuesday 24 November 2026, 09:00 UTC (no DST anywhere in the northern hemisphere).
DEADLINE = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_reply_promise_italian_in_rome() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Rome", "it")
        == "entro martedì 24 novembre alle 10:00 (ora di Roma)"
    )


def test_reply_promise_english_in_new_york() -> None:
    # 04:00 EST; CLDR puts a narrow no-break space (U+202F) before AM.
    assert (
        reply_promise(DEADLINE, "America/New_York", "en")
        == "by Tuesday, November 24 at 4:00\u202fAM (New York time)"
    )


def test_reply_promise_finnish_in_helsinki() -> None:
    # Essive weekday, partitive month, "klo" and the Finnish "H.mm" clock.
    assert (
        reply_promise(DEADLINE, "Europe/Helsinki", "fi")
        == "viimeistään tiistaina 24. marraskuuta klo 11.00 (aikavyöhyke: Helsinki)"
    )


def test_reply_promise_bulgarian_in_sofia() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Sofia", "bg")
        == "до вторник, 24 ноември, 11:00 ч. (местно време в София)"
    )


def test_reply_promise_romanian_in_bucharest() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Bucharest", "ro")
        == "până marți, 24 noiembrie, la ora 11:00 (ora din București)"
    )


def test_reply_promise_arabic_in_riyadh() -> None:
    # Built from parts: no bidi marks (U+200F, U+061C) in the phrase.
    promise = reply_promise(DEADLINE, "Asia/Riyadh", "ar")
    assert promise == "بحلول يوم الثلاثاء 24 نوفمبر الساعة 12:00 (بتوقيت الرياض)"
    assert "\u200f" not in promise
    assert "\u061c" not in promise


def test_reply_promise_german_in_berlin() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Berlin", "de")
        == "bis Dienstag, 24. November, 10:00 Uhr (Ortszeit Berlin)"
    )


def test_reply_promise_french_in_paris() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Paris", "fr")
        == "au plus tard le mardi 24 novembre à 10:00 (heure de Paris)"
    )


def test_reply_promise_spanish_in_madrid() -> None:
    assert (
        reply_promise(DEADLINE, "Europe/Madrid", "es")
        == "a más tardar el martes 24 de noviembre a las 10:00 (hora de Madrid)"
    )


def test_reply_promise_portuguese_in_sao_paulo() -> None:
    # São Paulo has had no DST since 2019: UTC−3 all year.
    assert (
        reply_promise(DEADLINE, "America/Sao_Paulo", "pt_BR")
        == "até terça-feira, 24 de novembro, às 06:00 (horário de São Paulo)"
    )


def test_reply_promise_japanese_in_tokyo() -> None:
    assert reply_promise(DEADLINE, "Asia/Tokyo", "ja") == "東京時間11月24日（火）18:00までに"


def test_reply_promise_chinese_in_shanghai() -> None:
    assert reply_promise(DEADLINE, "Asia/Shanghai", "zh") == "上海时间11月24日（周二）17:00前"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "by Tuesday, November 24 at 10:00\u202fAM (Rome time)"),
        ("it", "entro martedì 24 novembre alle 10:00 (ora di Roma)"),
        ("fi", "viimeistään tiistaina 24. marraskuuta klo 10.00 (aikavyöhyke: Rooma)"),
        ("bg", "до вторник, 24 ноември, 10:00 ч. (местно време в Рим)"),
        ("ro", "până marți, 24 noiembrie, la ora 10:00 (ora din Roma)"),
        ("ar", "بحلول يوم الثلاثاء 24 نوفمبر الساعة 10:00 (بتوقيت روما)"),
        ("de", "bis Dienstag, 24. November, 10:00 Uhr (Ortszeit Rom)"),
        ("fr", "au plus tard le mardi 24 novembre à 10:00 (heure de Rome)"),
        ("es", "a más tardar el martes 24 de noviembre a las 10:00 (hora de Roma)"),
        ("pt", "até terça-feira, 24 de novembro, às 10:00 (horário de Roma)"),
        ("ja", "ローマ時間11月24日（火）10:00までに"),
        ("zh", "罗马时间11月24日（周二）10:00前"),
    ],
)
def test_reply_promise_every_language_for_a_rome_deadline(language: str, expected: str) -> None:
    assert reply_promise(DEADLINE, "Europe/Rome", language) == expected


def test_every_supported_language_has_a_promise_test() -> None:
    assert PROMISE_LANGUAGES == (
        "ar", "bg", "de", "en", "es", "fi", "fr", "it", "ja", "pt", "ro", "zh",
    )  # fmt: skip


def test_reply_promise_helsinki_summer_and_winter_offsets() -> None:
    # The same 09:00 UTC is 12:00 in summer (EEST, UTC+3) and 11:00 in winter (EET, UTC+2).
    summer = datetime(2026, 7, 15, 9, 0, tzinfo=UTC)
    winter = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    assert (
        reply_promise(summer, "Europe/Helsinki", "fi")
        == "viimeistään keskiviikkona 15. heinäkuuta klo 12.00 (aikavyöhyke: Helsinki)"
    )
    assert (
        reply_promise(winter, "Europe/Helsinki", "fi")
        == "viimeistään torstaina 15. tammikuuta klo 11.00 (aikavyöhyke: Helsinki)"
    )
    assert (
        reply_promise(summer, "Europe/Helsinki", "en")
        == "by Wednesday, July 15 at 12:00\u202fPM (Helsinki time)"
    )
    assert (
        reply_promise(winter, "Europe/Helsinki", "en")
        == "by Thursday, January 15 at 11:00\u202fAM (Helsinki time)"
    )


def test_reply_promise_across_the_helsinki_spring_forward() -> None:
    # Sunday 29 March 2026: clocks jump from 03:00 to 04:00 local (01:00 UTC).
    # Babel 2.17 gives the Finnish Sunday as "sunnuntai"; the phrase needs "sunnuntaina".
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    after = before + timedelta(hours=1)
    assert (
        reply_promise(before, "Europe/Helsinki", "fi")
        == "viimeistään sunnuntaina 29. maaliskuuta klo 2.30 (aikavyöhyke: Helsinki)"
    )
    assert (
        reply_promise(after, "Europe/Helsinki", "fi")
        == "viimeistään sunnuntaina 29. maaliskuuta klo 4.30 (aikavyöhyke: Helsinki)"
    )


def test_reply_promise_reads_the_instant_whatever_its_offset() -> None:
    same = DEADLINE.astimezone(timezone(timedelta(hours=5, minutes=30)))
    assert reply_promise(same, "Europe/Rome", "it") == reply_promise(DEADLINE, "Europe/Rome", "it")


def test_reply_promise_grammar_of_articles_and_one_oclock() -> None:
    # Tuesday 1 December 2026, 00:30 UTC.
    moment = datetime(2026, 12, 1, 0, 30, tzinfo=UTC)
    assert (
        reply_promise(moment, "Africa/Cairo", "it")
        == "entro martedì 1 dicembre alle 02:30 (ora del Cairo)"
    )
    assert (
        reply_promise(moment, "America/Havana", "it")
        == "entro lunedì 30 novembre alle 19:30 (ora dell’Avana)"
    )
    assert (
        reply_promise(moment, "Europe/Vienna", "it")
        == "entro martedì 1 dicembre all’01:30 (ora di Vienna)"
    )
    assert (
        reply_promise(moment, "Africa/Cairo", "fr")
        == "au plus tard le mardi 1er décembre à 02:30 (heure du Caire)"
    )
    assert (
        reply_promise(moment, "Europe/Athens", "fr")
        == "au plus tard le mardi 1er décembre à 02:30 (heure d’Athènes)"
    )
    assert (
        reply_promise(moment, "Europe/Vienna", "bg")
        == "до вторник, 1 декември, 01:30 ч. (местно време във Виена)"
    )
    assert (
        reply_promise(moment, "Europe/Vienna", "es")
        == "a más tardar el martes 1 de diciembre a la 1:30 (hora de Viena)"
    )
    assert (
        reply_promise(moment, "Europe/Vienna", "pt")
        == "até terça-feira, 1º de dezembro, à 01:30 (horário de Viena)"
    )


def test_reply_promise_accepts_region_tags() -> None:
    assert reply_promise(DEADLINE, "Europe/Lisbon", "pt-BR") == (
        "até terça-feira, 24 de novembro, às 09:00 (horário de Lisboa)"
    )
    assert reply_promise(DEADLINE, "Asia/Riyadh", "ar_SA") == reply_promise(
        DEADLINE, "Asia/Riyadh", "ar"
    )


def test_reply_promise_refuses_naive_deadline_and_unknown_language() -> None:
    naive = datetime(2026, 11, 24, 9, 0)  # noqa: DTZ001 - the naive value under test
    with pytest.raises(ValueError, match="deadline_utc must be an aware datetime"):
        reply_promise(naive, "Europe/Rome", "it")
    with pytest.raises(ValueError, match="No reply promise wording for 'sv'"):
        reply_promise(DEADLINE, "Europe/Stockholm", "sv")
    with pytest.raises(ValueError, match="is not an IANA time zone"):
        reply_promise(DEADLINE, "Mars/Olympus_Mons", "it")


def test_brief_riyadh_thursday_evening() -> None:
    # Thursday 12 March 2026, 19:00 in Riyadh (UTC+3): the weekend is Friday–Saturday, and
    # the Eid al-Fitr holiday (estimated) begins the next Thursday.
    brief = cultural_brief("Asia/Riyadh", "SA", "ar", datetime(2026, 3, 12, 16, 0, tzinfo=UTC))
    assert brief == CulturalBrief(
        local_time_text="الخميس 7:00 م",
        is_business_hours=False,
        next_business_day=date(2026, 3, 15),
        upcoming_holidays=[
            PublicHoliday(date(2026, 3, 19), "عطلة عيد الفطر (تقديري)", is_estimated=True)
        ],
        register=Register.FORMAL,
    )


def test_brief_riyadh_thursday_evening_in_english() -> None:
    brief = cultural_brief("Asia/Riyadh", "SA", "en", datetime(2026, 3, 5, 15, 0, tzinfo=UTC))
    assert brief.local_time_text == "Thu 6:00 PM"
    assert brief.is_business_hours is False
    assert brief.next_business_day == date(2026, 3, 8)  # Sunday
    assert brief.upcoming_holidays == []


def test_brief_italy_friday_before_easter_monday() -> None:
    # Friday 3 April 2026, 18:00 in Rome (CEST): Easter Sunday, then Easter Monday off.
    brief = cultural_brief("Europe/Rome", "IT", "it", datetime(2026, 4, 3, 16, 0, tzinfo=UTC))
    assert brief == CulturalBrief(
        local_time_text="ven 18:00",
        is_business_hours=False,
        next_business_day=date(2026, 4, 7),
        upcoming_holidays=[
            PublicHoliday(date(2026, 4, 5), "Pasqua", is_estimated=False),
            PublicHoliday(date(2026, 4, 6), "Lunedì dell'Angelo", is_estimated=False),
        ],
        register=Register.FORMAL,
    )


def test_brief_italy_during_office_hours() -> None:
    brief = cultural_brief("Europe/Rome", "IT", "it", datetime(2026, 4, 2, 8, 0, tzinfo=UTC))
    assert brief.local_time_text == "gio 10:00"
    assert brief.is_business_hours is True
    assert brief.next_business_day == date(2026, 4, 3)  # Good Friday is a working day


def test_brief_helsinki_midsummer_week() -> None:
    # Thursday 18 June 2026, 15:00 in Helsinki (EEST): Midsummer Eve and Day follow.
    brief = cultural_brief("Europe/Helsinki", "FI", "fi", datetime(2026, 6, 18, 12, 0, tzinfo=UTC))
    assert brief == CulturalBrief(
        local_time_text="to 15.00",
        is_business_hours=True,
        next_business_day=date(2026, 6, 22),
        upcoming_holidays=[
            PublicHoliday(date(2026, 6, 19), "Juhannusaatto", is_estimated=False),
            PublicHoliday(date(2026, 6, 20), "Juhannuspäivä", is_estimated=False),
        ],
        register=Register.INFORMAL,
    )


def test_brief_holidays_cross_the_new_year_and_follow_the_subdivision() -> None:
    # Monday 28 December 2026, 09:00 in Milan.
    brief = cultural_brief(
        "Europe/Rome", "IT", "it", datetime(2026, 12, 28, 8, 0, tzinfo=UTC), subdivision="MI"
    )
    assert brief.is_business_hours is True
    assert brief.next_business_day == date(2026, 12, 29)
    assert brief.upcoming_holidays == [PublicHoliday(date(2027, 1, 1), "Capodanno", False)]


def test_brief_window_is_today_to_the_same_weekday_next_week() -> None:
    # Friday 12 June 2026 in Helsinki: Midsummer Eve (19 June) is exactly seven days away.
    on_the_edge = cultural_brief(
        "Europe/Helsinki", "FI", "fi", datetime(2026, 6, 12, 9, 0, tzinfo=UTC)
    )
    assert [holiday.day for holiday in on_the_edge.upcoming_holidays] == [date(2026, 6, 19)]
    a_day_earlier = cultural_brief(
        "Europe/Helsinki", "FI", "fi", datetime(2026, 6, 11, 9, 0, tzinfo=UTC)
    )
    assert a_day_earlier.upcoming_holidays == []


def test_brief_language_without_a_default_register_is_formal() -> None:
    brief = cultural_brief("Europe/Helsinki", "FI", "sv", datetime(2026, 6, 18, 12, 0, tzinfo=UTC))
    assert brief.register is Register.FORMAL
    assert brief.local_time_text == "tors 15:00"
    assert [holiday.name for holiday in brief.upcoming_holidays] == [
        "Midsommarafton",
        "Midsommardagen",
    ]


def test_brief_refuses_a_naive_now() -> None:
    naive = datetime(2026, 6, 18, 12, 0)  # noqa: DTZ001 - the naive value under test
    with pytest.raises(ValueError, match="now must be an aware datetime"):
        cultural_brief("Europe/Helsinki", "FI", "fi", naive)
