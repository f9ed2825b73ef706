"""Segment rules: a JSON tree of AND/OR groups checked field by field and compiled to one
SQL condition (a ``Q``), so a segment is counted and listed by the database, never by
looping over customers in Python.

A group is ``{"op": "and" | "or", "rules": [...]}``; a rule is
``{"field": ..., "operator": ..., "value": ...}`` with, for order rules, an optional period
(``"days": 365``) and for amounts a ``"currency"``. Errors name the rule's path, e.g.
``rules.1.rules.0.value``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import is_currency
from django.db.models import Count, Exists, FloatField, OuterRef, Q, QuerySet, Sum, TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.core.choices import choice_error
from cortesia.core.errors import FieldErrors
from cortesia.customers.custom_fields import check_custom_value
from cortesia.customers.models import (
    Customer,
    CustomerOrderStats,
    CustomerTag,
    CustomField,
    Order,
)
from cortesia.customers.order_stats import (
    COUNTED_STATUSES,
    WINDOWS,
    order_stats_roll,
    utc_today,
    window_start,
)

MAX_DEPTH = 4
MAX_RULES = 50
COMPARISONS = ("eq", "ne", "gt", "gte", "lt", "lte")


class RuleError(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass(frozen=True)
class _Rule:
    path: str
    spec: Mapping[str, Any]

    @property
    def operator(self) -> str:
        return str(self.spec.get("operator", ""))

    @property
    def value(self) -> Any:
        return self.spec.get("value")

    def fail(self, message: str, part: str = "value") -> RuleError:
        return RuleError(f"{self.path}.{part}", message)


def _operator_error(rule: _Rule, allowed: tuple[str, ...]) -> RuleError:
    return rule.fail(choice_error(rule.operator, allowed) or "", "operator")


def _strings(rule: _Rule) -> list[str]:
    value = rule.value
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise rule.fail(_("Give a non-empty list of values."))
    return [v.strip() for v in value]


def _int(rule: _Rule, key: str = "value", minimum: int = 0) -> int:
    value = rule.spec.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise rule.fail(
            _("Give a whole number of at least %(minimum)d.") % {"minimum": minimum}, key
        )
    return value


def _date(rule: _Rule) -> datetime:
    try:
        day = date.fromisoformat(str(rule.value))
    except ValueError:
        raise rule.fail(_("Give a date in the form YYYY-MM-DD.")) from None
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


def _compare(lookup_base: str, operator: str, value: object) -> Q:
    if operator == "ne":
        return ~Q(**{lookup_base: value})
    suffix = "" if operator == "eq" else f"__{operator}"
    return Q(**{f"{lookup_base}{suffix}": value})


def _holds(operator: str, left: Decimal, right: Decimal) -> bool:
    return {
        "eq": left == right,
        "ne": left != right,
        "gt": left > right,
        "gte": left >= right,
        "lt": left < right,
        "lte": left <= right,
    }[operator]


def _in_list(field: str) -> Callable[[_Rule], Q]:
    def compile_rule(rule: _Rule) -> Q:
        if rule.operator not in ("in", "not_in"):
            raise _operator_error(rule, ("in", "not_in"))
        values = _strings(rule)
        if field == "country":
            values = [v.upper() for v in values]
        condition = Q(**{f"{field}__in": values})
        if field == "language":  # "pt" also matches "pt-BR"
            for value in values:
                condition |= Q(language__startswith=f"{value}-")
        return condition if rule.operator == "in" else ~condition

    return compile_rule


def _tags(rule: _Rule) -> Q:
    allowed = ("has_any", "has_all", "has_none")
    if rule.operator not in allowed:
        raise _operator_error(rule, allowed)
    tags = [" ".join(tag.split()).lower() for tag in _strings(rule)]

    def having(tag_list: list[str]) -> Exists:
        return Exists(CustomerTag.objects.filter(customer=OuterRef("pk"), tag__in=tag_list))

    if rule.operator == "has_all":
        condition = Q()
        for tag in tags:
            condition &= Q(having([tag]))
        return condition
    return Q(having(tags)) if rule.operator == "has_any" else ~Q(having(tags))


def _moment(rule: _Rule, field: str) -> Q:
    allowed = ("before", "after", "within_days")
    if rule.operator not in allowed:
        raise _operator_error(rule, allowed)
    if rule.operator == "within_days":
        return Q(**{f"{field}__gte": timezone.now() - timedelta(days=_int(rule, minimum=1))})
    lookup = "lt" if rule.operator == "before" else "gte"
    return Q(**{f"{field}__{lookup}": _date(rule)})


def _last_order(rule: _Rule) -> Q:
    allowed = ("before", "after", "within_days", "none")
    if rule.operator not in allowed:
        raise _operator_error(rule, allowed)
    orders = Order.objects.filter(customer=OuterRef("pk"), status__in=COUNTED_STATUSES)
    if rule.operator == "none":
        return ~Q(Exists(orders))
    if rule.operator == "before":  # has ordered, but nothing since that day
        return Q(Exists(orders)) & ~Q(Exists(orders.filter(placed_at__gte=_date(rule))))
    since = (
        timezone.now() - timedelta(days=_int(rule, minimum=1))
        if rule.operator == "within_days"
        else _date(rule)
    )
    return Q(Exists(orders.filter(placed_at__gte=since)))


def _threshold(rule: _Rule, amount: bool) -> tuple[Decimal, str]:
    if not amount:
        return Decimal(_int(rule)), ""
    currency = str(rule.spec.get("currency", "")).upper()
    if not is_currency(currency):
        raise rule.fail(_("Give the ISO 4217 currency of the amounts."), "currency")
    try:
        threshold = Decimal(str(rule.value))
    except InvalidOperation:
        raise rule.fail(_("%(value)s is not a number.") % {"value": rule.value}) from None
    if not threshold.is_finite():
        raise rule.fail(_("%(value)s is not a number.") % {"value": rule.value})
    return threshold, currency


def _totals(rule: _Rule, amount: bool, currency: str) -> tuple[QuerySet[Any], str]:
    """Return per-customer totals and the name of the total to compare.

    Windows of 30, 90, 180 and 365 days and all time come from CustomerOrderStats; any
    other period groups the orders themselves (exact, but slower on millions of orders)."""
    days = _int(rule, "days", 1) if "days" in rule.spec else None
    if days is None or days in WINDOWS:
        name = f"{'amount' if amount else 'count'}_{days or 'all'}"
        return CustomerOrderStats.objects.filter(currency=currency).values("customer"), name
    orders = Order.objects.filter(
        status__in=COUNTED_STATUSES, placed_at__gte=window_start(utc_today(), days)
    )
    if amount:
        return orders.filter(currency=currency).values("customer").annotate(n=Sum("total")), "n"
    # count(customer_id), not count(id): the period index covers customer_id, not id
    return orders.values("customer").annotate(n=Count("customer")), "n"


def _aggregate_rule(rule: _Rule, amount: bool) -> Q:
    if rule.operator not in COMPARISONS:
        raise _operator_error(rule, COMPARISONS)
    threshold, currency = _threshold(rule, amount)
    totals, name = _totals(rule, amount, currency)
    # Customers without orders in the period have 0: when 0 satisfies the comparison, keep
    # everyone except those whose total fails it; otherwise only those whose total passes.
    if _holds(rule.operator, Decimal(0), threshold):
        failing = totals.exclude(_compare(name, rule.operator, threshold))
        return ~Q(pk__in=failing.values("customer"))
    return Q(pk__in=totals.filter(_compare(name, rule.operator, threshold)).values("customer"))


def _custom(rule: _Rule, key: str, definitions: Mapping[str, CustomField]) -> Q:
    definition = definitions.get(key)
    if definition is None:
        raise rule.fail(_("There is no custom field %(key)s.") % {"key": key}, "field")
    lookup = f"custom_fields__{key}"
    if rule.operator in ("is_set", "is_not_set"):
        condition = Q(**{f"{lookup}__isnull": False})
        return condition if rule.operator == "is_set" else ~condition
    ordered = definition.field_type in (CustomField.FieldType.NUMBER, CustomField.FieldType.DATE)
    allowed = (
        (*COMPARISONS, "is_set", "is_not_set") if ordered else ("eq", "ne", "is_set", "is_not_set")
    )
    if rule.operator not in allowed:
        raise _operator_error(rule, allowed)
    try:
        value = check_custom_value(definition, rule.value)
    except ValueError as error:
        raise rule.fail(str(error)) from None
    return _compare_custom(lookup, key, definition, rule.operator, value)


def _compare_custom(
    lookup: str, key: str, definition: CustomField, operator: str, value: object
) -> Q:
    # Numbers compare as numbers on every database (as text "10" < "9"); text, choices and
    # ISO dates compare as text (ISO dates sort correctly as text).
    numeric = definition.field_type == CustomField.FieldType.NUMBER
    field = Cast(KT(lookup), FloatField() if numeric else TextField())
    return Q(
        pk__in=Customer.objects.filter(**{f"{lookup}__isnull": False})
        .annotate(custom_value=field)
        .filter(_compare("custom_value", operator, value))
        .values("pk")
    )


FIELDS: dict[str, Callable[[_Rule], Q]] = {
    "country": _in_list("country"),
    "language": _in_list("language"),
    "subdivision": _in_list("subdivision"),
    "register": _in_list("register_preference"),
    "tags": _tags,
    "created_at": lambda rule: _moment(rule, "created_at"),
    "last_order_at": _last_order,
    "order_count": lambda rule: _aggregate_rule(rule, amount=False),
    "order_amount": lambda rule: _aggregate_rule(rule, amount=True),
}


def _compile(node: object, path: str, depth: int, fields: Mapping[str, CustomField]) -> Q:
    if not isinstance(node, Mapping):
        raise RuleError(path, _("Each rule must be an object."))
    if "op" in node:
        return _compile_group(node, path, depth, fields)
    rule = _Rule(path, node)
    name = str(node.get("field", ""))
    if name.startswith("custom."):
        return _custom(rule, name.removeprefix("custom."), fields)
    if name not in FIELDS:
        raise rule.fail(choice_error(name, [*FIELDS, "custom.<key>"]) or "", "field")
    return FIELDS[name](rule)


def _compile_group(
    node: Mapping[str, Any], path: str, depth: int, fields: Mapping[str, CustomField]
) -> Q:
    op, rules = node.get("op"), node.get("rules")
    if op not in ("and", "or"):
        raise RuleError(f"{path}.op", _("A group's op is and or or."))
    if depth > MAX_DEPTH:
        raise RuleError(path, _("Groups nest at most %(count)d deep.") % {"count": MAX_DEPTH})
    if not isinstance(rules, list) or not 1 <= len(rules) <= MAX_RULES:
        raise RuleError(
            f"{path}.rules",
            _("A group has between 1 and %(count)d rules.") % {"count": MAX_RULES},
        )
    condition = Q()
    for index, child in enumerate(rules):
        compiled = _compile(child, f"{path}.rules.{index}", depth + 1, fields)
        condition = (condition & compiled) if op == "and" else (condition | compiled)
    return condition


def compile_rules(rules: object) -> Q:
    """Return the SQL condition of a rule tree, or raise FieldErrors naming the bad rule.

    Order statistics are first moved to today's windows when the day has changed."""
    order_stats_roll()
    fields = {field.key: field for field in CustomField.objects.all()}
    try:
        return _compile(rules, "rules", 1, fields)
    except RuleError as error:
        raise FieldErrors({error.path: error.message}) from None
