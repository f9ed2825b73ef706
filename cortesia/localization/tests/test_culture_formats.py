"""The culture_formats template filters: the viewer's language and zone, exact strings."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

# 14:50 UTC on Wednesday 2 December 2026: 15:50 in Rome, 17:50 in Riyadh.
SHOWN = datetime(2026, 12, 2, 14, 50, tzinfo=UTC)


def render(source: str, language: str, zone: str = "Europe/Rome", **values: object) -> str:
    with translation.override(language), timezone.override(zone):
        return Template("{% load culture_formats %}" + source).render(Context(values))


@pytest.mark.parametrize(
    ("language", "zone", "expected"),
    [
        ("en", "Europe/Rome", "Dec 2, 2026, 3:50\u202fPM|Dec 2, 2026|3:50\u202fPM"),
        ("it", "Europe/Rome", "2 dic 2026, 15:50|2 dic 2026|15:50"),
        ("fi", "Europe/Helsinki", "2.12.2026 16.50|2.12.2026|16.50"),
        ("bg", "Europe/Sofia", "2.12.2026\u202fг., 16:50|2.12.2026\u202fг.|16:50"),
        ("ro", "Europe/Bucharest", "2 dec. 2026, 16:50|2 dec. 2026|16:50"),
        (
            "ar",
            "Asia/Riyadh",
            "02\u200f/12\u200f/2026، 5:50 م|02\u200f/12\u200f/2026|5:50 م",
        ),
    ],
)
def test_dates_and_times_in_the_active_language_and_zone(
    language: str, zone: str, expected: str
) -> None:
    source = "{{ m|local_datetime }}|{{ m|local_date }}|{{ m|local_time }}"
    assert render(source, language, zone, m=SHOWN) == expected


def test_local_date_of_an_instant_is_the_viewers_day() -> None:
    late = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)  # Thursday already in Riyadh
    assert render("{{ m|local_date }}", "en", "Asia/Riyadh", m=late) == "Dec 3, 2026"
    assert render("{{ d|local_date }}", "en", "Asia/Riyadh", d=date(2026, 12, 2)) == "Dec 2, 2026"


@pytest.mark.parametrize(
    ("language", "number", "money"),
    [
        ("en", "1,234,567", "€1,234.50"),
        ("it", "1.234.567", "1.234,50\u00a0€"),
        ("fi", "1\u00a0234\u00a0567", "1\u00a0234,50\u00a0€"),
        ("bg", "1\u00a0234\u00a0567", "1\u00a0234,50\u00a0€"),
        ("ro", "1.234.567", "1.234,50\u00a0EUR"),
        ("ar", "1,234,567", "\u200f1,234.50\u00a0€"),
    ],
)
def test_numbers_and_money(language: str, number: str, money: str) -> None:
    source = '{{ n|number }}|{{ a|money:"EUR" }}'
    assert render(source, language, n=1234567, a=Decimal("1234.50")) == f"{number}|{money}"


def test_money_of_a_whole_amount() -> None:
    assert render('{{ a|money:"EUR" }}', "it", a=12) == "12,00\u00a0€"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Italian|Romanian and English|Italy"),
        ("it", "italiano|rumeno e inglese|Italia"),
        ("fi", "italia|romania ja englanti|Italia"),
        ("bg", "италиански|румънски и английски|Италия"),
        ("ro", "italiană|română și engleză|Italia"),
        ("ar", "الإيطالية|الرومانية والإنجليزية|إيطاليا"),
    ],
)
def test_names_in_the_viewers_language(language: str, expected: str) -> None:
    source = "{{ code|language_name }}|{{ codes|language_name }}|{{ country|country_name }}"
    rendered = render(source, language, code="it", codes=["ro", "en"], country="IT")
    assert rendered == expected


def test_iso_gives_the_instant_in_utc_and_a_date_as_is() -> None:
    source = "{{ m|iso }}|{{ d|iso }}"
    assert render(source, "ar", "Asia/Riyadh", m=SHOWN, d=date(2026, 12, 2)) == (
        "2026-12-02T14:50:00Z|2026-12-02"
    )


@pytest.mark.parametrize(
    "filter_",
    [
        "local_datetime",
        "local_date",
        "local_time",
        "number",
        'money:"EUR"',
        "language_name",
        "country_name",
        "iso",
    ],
)
@pytest.mark.parametrize("empty", [None, ""])
def test_every_filter_shows_nothing_for_no_value(filter_: str, empty: object) -> None:
    assert render(f"[{{{{ v|{filter_} }}}}]", "ar", v=empty) == "[]"


def test_a_missing_variable_shows_nothing() -> None:
    assert render("[{{ missing|local_datetime }}][{{ missing|language_name }}]", "en") == "[][]"


def test_output_is_escaped_like_any_text() -> None:
    # An unknown code comes back unchanged, so it must be escaped by the template.
    assert render("{{ code|language_name }}", "en", code="<b>") == "&lt;b&gt;"
    assert render("{{ code|country_name }}", "en", code="a&b") == "a&amp;b"
