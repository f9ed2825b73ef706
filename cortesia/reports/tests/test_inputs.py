"""Reading a report query from URL parameters: defaults, the time zone, the locale's
week and every refusal, with the parameter it names."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from babel import Locale

from cortesia.accounts.models import User
from cortesia.reports.engine import TimeBasis
from cortesia.reports.inputs import MAX_DAYS, QueryErrors, params_parse, query_parse
from cortesia.reports.periods import Interval, ReportPeriod, first_weekday

# 20:00 UTC on Monday 30 November: already Tuesday 1 December in Auckland (UTC+13).
NOW = datetime(2026, 11, 30, 20, 0, tzinfo=UTC)
ROME = User(username="rita", time_zone="Europe/Rome")
AUCKLAND = User(username="aroha", time_zone="Pacific/Auckland")
NO_ZONE = User(username="nessuno", time_zone="")


def _errors(data: dict[str, str], *, whole: bool = False) -> dict[str, str]:
    parse = query_parse if whole else params_parse
    with pytest.raises(QueryErrors) as refused:
        parse(data, ROME)
    return refused.value.errors


DATE = "Enter a date as YYYY-MM-DD."
RANGE = "Enter a date between 1900-01-01 and 2999-12-31."
ZONE = "Unknown time zone: use an IANA name such as Europe/Rome."


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param({"from": "2026-02-30"}, {"from": DATE}, id="from-no-such-day"),
        pytest.param({"from": "20261102"}, {"from": DATE}, id="from-basic-format"),
        pytest.param({"to": "2026-W45-1"}, {"to": DATE}, id="to-week-date"),
        pytest.param({"to": "2026-11-02T10:00"}, {"to": DATE}, id="to-instant"),
        pytest.param({"to": "1899-12-31"}, {"to": RANGE}, id="to-before-1900"),
        pytest.param({"from": "3000-01-01"}, {"from": RANGE}, id="from-after-2999"),
        pytest.param(
            {"from": "2026-11-05", "to": "2026-11-04"},
            {"to": "The end date is before the start date."},
            id="to-before-from",
        ),
        pytest.param(
            {"from": "2023-11-01", "to": "2026-11-04"},
            {"from": "A report covers at most three years."},
            id="from-too-long-ago",
        ),
        pytest.param(
            {"interval": "year"},
            {"interval": "Choose day, week, locale_week, month or quarter."},
            id="interval",
        ),
        pytest.param(
            {"time_basis": "lunar"}, {"time_basis": "Choose calendar or business."}, id="basis"
        ),
        pytest.param({"group_by": "mood"}, {"group_by": "Unknown dimension: mood."}, id="group-by"),
        pytest.param({"tz": "Mars/Olympus"}, {"tz": ZONE}, id="tz-unknown"),
        pytest.param({"tz": "europe/rome"}, {"tz": ZONE}, id="tz-lower-case"),
        pytest.param({"tz": "America"}, {"tz": ZONE}, id="tz-a-directory"),
        pytest.param({"tz": "zone.tab"}, {"tz": ZONE}, id="tz-a-data-file"),
        pytest.param({"tz": "../../etc/passwd"}, {"tz": ZONE}, id="tz-a-path"),
        pytest.param({"tz": "x" * 300}, {"tz": ZONE}, id="tz-too-long"),
        pytest.param({"tz": "UTC\x00"}, {"tz": ZONE}, id="tz-nul"),
        pytest.param(
            {"from": "x", "to": "y", "interval": "year", "tz": "Nowhere"},
            {
                "tz": ZONE,
                "to": DATE,
                "from": DATE,
                "interval": "Choose day, week, locale_week, month or quarter.",
            },
            id="every-error-at-once",
        ),
    ],
)
def test_each_bad_parameter_is_refused_by_name(
    data: dict[str, str], errors: dict[str, str]
) -> None:
    assert _errors(data) == errors


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        pytest.param({}, {"metric": "Unknown metric: ."}, id="no-metric"),
        pytest.param({"metric": "nope"}, {"metric": "Unknown metric: nope."}, id="unknown"),
        pytest.param(
            {"metric": "nope", "to": "soon"},
            {"metric": "Unknown metric: nope.", "to": DATE},
            id="metric-and-period",
        ),
        pytest.param(
            {"metric": "tickets_created", "group_by": "survey_kind"},
            {"group_by": "tickets_created cannot be grouped by survey_kind."},
            id="grouping-not-supported",
        ),
        pytest.param(
            {"metric": "csat", "priority": "high", "status": "open"},
            {
                "priority": "csat cannot be filtered by priority.",
                "status": "csat cannot be filtered by status.",
            },
            id="filters-not-supported",
        ),
    ],
)
def test_a_whole_query_names_the_metric_grouping_and_filters(
    data: dict[str, str], errors: dict[str, str]
) -> None:
    assert _errors(data, whole=True) == errors


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("viewer", "zone", "first", "last"),
    [
        pytest.param(ROME, "Europe/Rome", date(2026, 11, 1), date(2026, 11, 30), id="rome"),
        pytest.param(
            AUCKLAND, "Pacific/Auckland", date(2026, 11, 2), date(2026, 12, 1), id="auckland"
        ),
        pytest.param(NO_ZONE, "UTC", date(2026, 11, 1), date(2026, 11, 30), id="site-zone"),
    ],
)
def test_by_default_the_30_days_ending_today_in_the_viewers_zone(
    viewer: User, zone: str, first: date, last: date
) -> None:
    params = params_parse({}, viewer)
    assert (params.period, params.group_by, params.time_basis, params.filters) == (
        ReportPeriod(first, last, ZoneInfo(zone), Interval.NONE, 6),  # "en": Sunday
        "",
        TimeBasis.CALENDAR,
        {},
    )


@time_machine.travel(NOW, tick=False)
def test_the_tz_parameter_sets_today_and_the_day_boundaries() -> None:
    # given a viewer in Rome (Monday 21:00) asking for Auckland (Tuesday 09:00)
    params = params_parse({"tz": "Pacific/Auckland"}, ROME)
    # then the period ends on Auckland's today and its days start at Auckland's midnight
    assert (params.period.first, params.period.last) == (date(2026, 11, 2), date(2026, 12, 1))
    assert params.period.zone == ZoneInfo("Pacific/Auckland")
    assert params.period.start == datetime(2026, 11, 1, 11, 0, tzinfo=UTC)
    assert params.period.end == datetime(2026, 12, 1, 11, 0, tzinfo=UTC)


def test_from_alone_ends_today_and_to_alone_starts_29_days_before() -> None:
    with time_machine.travel(NOW, tick=False):
        given_from = params_parse({"from": "2026-11-20"}, ROME).period
    given_to = params_parse({"to": "2026-03-31"}, ROME).period
    assert (given_from.first, given_from.last) == (date(2026, 11, 20), date(2026, 11, 30))
    assert (given_to.first, given_to.last) == (date(2026, 3, 2), date(2026, 3, 31))


def test_three_years_of_days_at_most() -> None:
    longest = params_parse({"from": "2024-01-01", "to": "2027-01-03"}, ROME).period
    assert longest.days == MAX_DAYS == 1099
    assert _errors({"from": "2023-12-31", "to": "2027-01-03"}) == {
        "from": "A report covers at most three years."
    }


def test_the_calendar_edges_are_accepted() -> None:
    period = params_parse({"from": "2999-12-01", "to": "2999-12-31"}, ROME).period
    assert (period.end, period.previous().first) == (
        datetime(2999, 12, 31, 23, 0, tzinfo=UTC),
        date(2999, 10, 31),
    )


def test_filters_are_the_dimension_parameters_only() -> None:
    data = {"language": "it", "team": "", "country": "it", "page": "2", "metric": "csat"}
    assert params_parse(data, ROME).filters == {"language": "it", "team": "", "country": "IT"}


def test_babel_first_weekdays() -> None:
    # CLDR keeps the first day of the week per territory; without one Babel says Monday.
    assert [
        Locale.parse(code).first_week_day for code in ("en", "en_US", "it_IT", "ar_EG", "ar_SA")
    ] == [0, 6, 0, 5, 6]
    # so a language takes its likely territory: en → US, it → IT, ar → EG
    assert [first_weekday(code) for code in ("en", "it", "ar", "en-GB", "pt-BR", "xx", "")] == [
        6,  # Sunday
        0,  # Monday
        5,  # Saturday
        0,
        6,
        0,  # unknown: ISO's Monday
        0,
    ]


@pytest.mark.parametrize(
    ("language", "week_start", "buckets"),
    [
        ("en", 6, [date(2026, 11, 4), date(2026, 11, 8)]),  # weeks from Sunday
        ("it", 0, [date(2026, 11, 4), date(2026, 11, 9)]),  # from Monday
        ("ar", 5, [date(2026, 11, 4), date(2026, 11, 7)]),  # from Saturday
    ],
)
def test_locale_week_starts_on_the_languages_first_weekday(
    language: str, week_start: int, buckets: list[date]
) -> None:
    data = {"from": "2026-11-04", "to": "2026-11-10", "interval": "locale_week"}
    period = params_parse(data, ROME, language=language).period
    assert (period.week_start, period.buckets()) == (week_start, buckets)


def test_iso_week_ignores_the_language() -> None:
    data = {"from": "2026-11-04", "to": "2026-11-10", "interval": "week"}
    period = params_parse(data, ROME, language="en").period
    assert period.buckets() == [date(2026, 11, 4), date(2026, 11, 9)]
