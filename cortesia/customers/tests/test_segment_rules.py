from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.models import Customer, CustomField, Order
from cortesia.customers.orders import OrderData, order_record, order_set_status
from cortesia.customers.segment_rules import compile_rules
from cortesia.customers.segments import segment_count
from cortesia.customers.services import CustomerData, customer_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


def _customer(name: str, **fields: Any) -> Customer:
    return customer_create(data=CustomerData(given_name=name, **fields), actor=Actor.system())


def _order(customer: Customer, number: str, total: str, currency: str, days_ago: int) -> Order:
    order, _created = order_record(
        customer=customer,
        actor=Actor.system(),
        data=OrderData(
            number=number,
            currency=currency,
            total=total,
            placed_at=NOW - timedelta(days=days_ago),
        ),
    )
    return order


@pytest.fixture
def people(admin_user: Any) -> dict[str, Customer]:
    """Five customers: names say who matches what."""
    admin = Actor(user=admin_user)
    for key, kind, choices in (
        ("tier", "choice", ["gold", "silver"]),
        ("shoe_size", "number", []),
        ("birthday", "date", []),
    ):
        custom_field_create(
            data=CustomFieldData(key=key, label=key, field_type=kind, choices=choices), actor=admin
        )
    with time_machine.travel(NOW - timedelta(days=400), tick=False):
        old = _customer("Old", country="FI", tags=["VIP"])
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        people = {
            "old": old,
            "giulia": _customer(
                "Giulia",
                country="IT",
                tags=["vip", "newsletter"],
                custom_fields={"tier": "gold", "shoe_size": 38, "birthday": "1990-04-02"},
            ),
            "ivan": _customer(
                "Ivan",
                country="BG",
                register_preference="informal",
                custom_fields={"tier": "silver", "shoe_size": "9"},
            ),
            "sara": _customer("Sara", country="SA", language="ar", tags=["newsletter"]),
            "pedro": _customer("Pedro", country="BR", language="pt-BR"),
        }
    _order(people["giulia"], "G-1", "80.00", "EUR", 5)
    _order(people["giulia"], "G-2", "30.00", "EUR", 40)
    _order(people["giulia"], "G-3", "5000", "JPY", 2)
    _order(people["ivan"], "I-1", "150.00", "EUR", 200)
    cancelled = _order(people["sara"], "S-1", "999.00", "EUR", 3)
    order_set_status(order=cancelled, status=Order.Status.CANCELLED, actor=Actor.system())
    _order(people["old"], "O-1", "20.00", "EUR", 390)
    return people


def _names(rules: dict[str, Any]) -> list[str]:
    with time_machine.travel(NOW, tick=False):
        matched = Customer.objects.filter(compile_rules(rules)).order_by("given_name")
        names = [c.given_name for c in matched]
        assert segment_count(rules) == len(names)
    return names


def _rule(field: str, operator: str, value: Any = None, **extra: Any) -> dict[str, Any]:
    return {"field": field, "operator": operator, "value": value, **extra}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (_rule("country", "in", ["it", "BG"]), ["Giulia", "Ivan"]),
        (_rule("country", "not_in", ["IT", "BG"]), ["Old", "Pedro", "Sara"]),
        (_rule("language", "in", ["pt"]), ["Pedro"]),
        (_rule("language", "in", ["ar", "fi"]), ["Old", "Sara"]),
        (_rule("register", "in", ["informal"]), ["Ivan"]),
        (_rule("tags", "has_any", ["vip"]), ["Giulia", "Old"]),
        (_rule("tags", "has_all", ["VIP", "newsletter"]), ["Giulia"]),
        (_rule("tags", "has_none", ["newsletter"]), ["Ivan", "Old", "Pedro"]),
        (_rule("created_at", "within_days", 30), ["Giulia", "Ivan", "Pedro", "Sara"]),
        (_rule("created_at", "before", "2025-06-01"), ["Old"]),
        (_rule("last_order_at", "within_days", 30), ["Giulia"]),
        (_rule("last_order_at", "before", "2026-01-01"), ["Ivan", "Old"]),
        (_rule("last_order_at", "none"), ["Pedro", "Sara"]),
        (_rule("order_count", "gte", 2), ["Giulia"]),
        (_rule("order_count", "gte", 1, days=30), ["Giulia"]),
        (_rule("order_count", "eq", 0), ["Pedro", "Sara"]),
        (_rule("order_count", "lt", 1, days=365), ["Old", "Pedro", "Sara"]),
        (_rule("order_amount", "gte", "100", currency="EUR"), ["Giulia", "Ivan"]),
        (_rule("order_amount", "gte", "100", currency="EUR", days=60), ["Giulia"]),
        (_rule("order_amount", "lt", "50", currency="eur"), ["Old", "Pedro", "Sara"]),
        (_rule("order_amount", "gt", "1000", currency="JPY"), ["Giulia"]),
        (_rule("custom.tier", "eq", "gold"), ["Giulia"]),
        (_rule("custom.tier", "ne", "gold"), ["Ivan"]),
        (_rule("custom.shoe_size", "gt", "10"), ["Giulia"]),
        (_rule("custom.shoe_size", "lte", 9), ["Ivan"]),
        (_rule("custom.birthday", "lt", "2000-01-01"), ["Giulia"]),
        (_rule("custom.tier", "is_set"), ["Giulia", "Ivan"]),
        (_rule("custom.birthday", "is_not_set"), ["Ivan", "Old", "Pedro", "Sara"]),
    ],
)
def test_each_field_and_operator(
    people: dict[str, Customer], rule: dict[str, Any], expected: list[str]
) -> None:
    assert _names({"op": "and", "rules": [rule]}) == expected


def test_and_or_groups_nest(people: dict[str, Customer]) -> None:
    rules = {
        "op": "or",
        "rules": [
            {
                "op": "and",
                "rules": [
                    _rule("country", "in", ["IT", "FI"]),
                    _rule("order_count", "gte", 1, days=30),
                ],
            },
            _rule("tags", "has_any", ["newsletter"]),
        ],
    }
    assert _names(rules) == ["Giulia", "Sara"]


def test_counting_is_one_query_whatever_the_customer_count(people: dict[str, Customer]) -> None:
    rules = {
        "op": "and",
        "rules": [
            _rule("tags", "has_any", ["vip"]),
            _rule("order_amount", "gte", "10", currency="EUR", days=365),
            _rule("custom.shoe_size", "gte", 1),
        ],
    }
    with time_machine.travel(NOW, tick=False):
        segment_count(rules)  # the custom field definitions are read once per compile
        with CaptureQueriesContext(connection) as queries:
            assert segment_count(rules) == 1
    selects = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    # the statistics' day, the custom field definitions, then one COUNT
    assert len(selects) == 3
    assert selects[2].startswith("SELECT COUNT(*)")


def test_merged_away_customers_are_not_counted(people: dict[str, Customer]) -> None:
    people["ivan"].merged_into = people["giulia"]
    people["ivan"].save(update_fields=["merged_into"])
    assert segment_count({"op": "and", "rules": [_rule("country", "in", ["IT"])]}) == 1
    assert segment_count({"op": "and", "rules": [_rule("country", "in", ["BG"])]}) == 0


@pytest.mark.parametrize(
    ("rules", "path", "message"),
    [
        ([], "rules", "Each rule must be an object."),
        ({"op": "xor", "rules": []}, "rules.op", "A group's op is and or or."),
        ({"op": "and", "rules": []}, "rules.rules", "A group has between 1 and 50 rules."),
        (
            {"op": "and", "rules": [_rule("shoe", "in", ["x"])]},
            "rules.rules.0.field",
            "shoe is not one of: country, language, subdivision, register, tags, created_at, "
            "last_order_at, order_count, order_amount, custom.<key>.",
        ),
        (
            {"op": "and", "rules": [_rule("country", "has_any", ["IT"])]},
            "rules.rules.0.operator",
            "has_any is not one of: in, not_in.",
        ),
        (
            {"op": "and", "rules": [{"op": "or", "rules": [_rule("country", "in", [])]}]},
            "rules.rules.0.rules.0.value",
            "Give a non-empty list of values.",
        ),
        (
            {"op": "and", "rules": [_rule("order_amount", "gte", "10")]},
            "rules.rules.0.currency",
            "Give the ISO 4217 currency of the amounts.",
        ),
        (
            {"op": "and", "rules": [_rule("order_amount", "gte", "lots", currency="EUR")]},
            "rules.rules.0.value",
            "lots is not a number.",
        ),
        (
            {"op": "and", "rules": [_rule("order_count", "gte", -1)]},
            "rules.rules.0.value",
            "Give a whole number of at least 0.",
        ),
        (
            {"op": "and", "rules": [_rule("order_count", "gte", 1, days=0)]},
            "rules.rules.0.days",
            "Give a whole number of at least 1.",
        ),
        (
            {"op": "and", "rules": [_rule("created_at", "before", "yesterday")]},
            "rules.rules.0.value",
            "Give a date in the form YYYY-MM-DD.",
        ),
        (
            {"op": "and", "rules": [_rule("custom.tier", "gt", "gold")]},
            "rules.rules.0.operator",
            "gt is not one of: eq, ne, is_set, is_not_set.",
        ),
        (
            {"op": "and", "rules": [_rule("custom.tier", "eq", "bronze")]},
            "rules.rules.0.value",
            "bronze is not one of: gold, silver.",
        ),
        (
            {"op": "and", "rules": [_rule("custom.nope", "eq", "x")]},
            "rules.rules.0.field",
            "There is no custom field nope.",
        ),
    ],
)
def test_bad_rules_name_the_path(
    people: dict[str, Customer], rules: Any, path: str, message: str
) -> None:
    with pytest.raises(FieldErrors) as raised:
        segment_count(rules)
    assert raised.value.errors == {path: message}


def test_groups_nest_at_most_four_deep(people: dict[str, Customer]) -> None:
    rules: dict[str, Any] = {"op": "and", "rules": [_rule("country", "in", ["IT"])]}
    for _level in range(4):
        rules = {"op": "and", "rules": [rules]}
    with pytest.raises(FieldErrors) as raised:
        segment_count(rules)
    assert raised.value.errors == {
        "rules.rules.0.rules.0.rules.0.rules.0": "Groups nest at most 4 deep."
    }
    assert CustomField.objects.count() == 3
