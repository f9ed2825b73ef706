"""Conditions over a ticket's facts (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from cortesia.automations.conditions import Facts, condition_error, conditions_met, folded
from cortesia.culture.business_time import BusinessCalendar

FACTS = Facts(
    channel="email",
    language="fi",
    country="FI",
    team="4f1c",
    priority="normal",
    status="new",
    tags=["VIP", "lasku"],
    texts=["Laskussa virhe", "Hyvää päivää, Café Åbo"],
    at=datetime(2026, 12, 5, 10, 0, tzinfo=UTC),  # a Saturday
)


def test_folding_drops_case_and_accents() -> None:
    assert folded("Café ÅBO Ärrä") == "cafe abo arra"


@pytest.mark.parametrize(
    ("_case", "condition", "expected"),
    [
        ("language is", ("language", "is", "fi"), True),
        ("language is, any case", ("language", "is", "FI"), True),
        ("language is not", ("language", "is_not", "fi"), False),
        ("country", ("country", "is", "FI"), True),
        ("channel", ("channel", "is", "chat"), False),
        ("tag, any case", ("tag", "contains", "vip"), True),
        ("tag absent", ("tag", "not_contains", "spam"), True),
        ("text in the message, accents folded", ("text", "contains", "cafe abo"), True),
        ("text in the subject", ("text", "contains", "LASKUSSA"), True),
        ("text absent", ("text", "not_contains", "hyvaa"), False),
        ("no calendar: always open", ("business_hours", "is", "open"), True),
    ],
)
def test_one_condition(_case: str, condition: tuple[str, str, str], expected: bool) -> None:
    field, operator, value = condition
    one = {"field": field, "operator": operator, "value": value}
    assert conditions_met([one], "all", FACTS) is expected


def test_a_closed_calendar_hour_is_not_open() -> None:
    calendar = BusinessCalendar.from_mapping(
        time_zone="Europe/Helsinki", weekly={"mon": [("09:00", "17:00")]}
    )
    facts = replace(FACTS, calendar=calendar)
    closed = {"field": "business_hours", "operator": "is", "value": "closed"}
    assert conditions_met([closed], "all", facts) is True


def test_all_and_any() -> None:
    yes = {"field": "language", "operator": "is", "value": "fi"}
    no = {"field": "priority", "operator": "is", "value": "urgent"}
    assert (conditions_met([yes, no], "all", FACTS), conditions_met([yes, no], "any", FACTS)) == (
        False,
        True,
    )
    assert conditions_met([], "any", FACTS) is True


@pytest.mark.parametrize(
    ("condition", "has_error"),
    [
        ({"field": "planet", "operator": "is", "value": "x"}, True),
        ({"field": "tag", "operator": "is", "value": "x"}, True),
        ({"field": "language", "operator": "contains", "value": "fi"}, True),
        ({"field": "language", "operator": "is", "value": " "}, True),
        ({"field": "business_hours", "operator": "is", "value": "sometimes"}, True),
        ({"field": "text", "operator": "contains", "value": "lasku"}, False),
    ],
)
def test_condition_errors(condition: dict[str, str], has_error: bool) -> None:
    assert (condition_error(condition) is not None) is has_error
