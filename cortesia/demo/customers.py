"""Demo customers: eight languages, orders in four currencies, consents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.consents import consent_record
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.models import ConsentRecord, CustomerEmail, CustomField, Segment
from cortesia.customers.orders import LineData, OrderData, order_record
from cortesia.customers.segments import SegmentData, segment_create
from cortesia.customers.services import CustomerData, customer_create


@dataclass(frozen=True)
class DemoCustomer:
    email: str
    data: CustomerData
    orders: tuple[tuple[str, str, str, str], ...] = ()  # number, currency, total, status
    marketing: bool | None = None


CUSTOMERS = (
    DemoCustomer(
        "giulia.bianchi@example.com",
        CustomerData(
            given_name="Giulia",
            surname="Bianchi",
            title="ms",
            country="IT",
            phones=["+39 06 1234 5678"],
        ),
        (("IT-1001", "EUR", "149.90", "delivered"), ("IT-1044", "EUR", "59.00", "shipped")),
        True,
    ),
    DemoCustomer(
        "matti.virtanen@example.com",
        CustomerData(
            given_name="Matti", surname="Virtanen", country="FI", phones=["+358 40 123 4567"]
        ),
        (("FI-2001", "EUR", "89.00", "paid"),),
        False,
    ),
    DemoCustomer(
        "maria.ivanova@example.com",
        CustomerData(
            given_name="Мария",
            surname="Иванова",
            title="ms",
            country="BG",
            phones=["+359 88 123 4567"],
        ),
        (("BG-3001", "EUR", "42.50", "placed"),),
        True,
    ),
    DemoCustomer(
        "ion.popescu@example.com",
        CustomerData(given_name="Ion", surname="Popescu", title="mr", country="RO"),
        (("RO-4001", "EUR", "310.00", "returned"),),
    ),
    DemoCustomer(
        "mohammed.alotaibi@example.com",
        CustomerData(
            given_name="محمد",
            surname="العتيبي",
            title="mr",
            country="SA",
            phones=["+966 50 123 4567"],
        ),
        (("SA-5001", "SAR", "1250.00", "delivered"), ("SA-5002", "SAR", "380.00", "placed")),
        True,
    ),
    DemoCustomer(
        "emily.carter@example.com",
        CustomerData(
            given_name="Emily",
            surname="Carter",
            country="US",
            phones=["+1 212 555 0123"],
            register_preference="informal",
        ),
        (("US-6001", "USD", "74.99", "shipped"),),
        True,
    ),
    DemoCustomer(
        "hans.mueller@example.com",
        CustomerData(given_name="Hans", surname="Müller", title="mr", country="DE"),
        (("DE-7001", "EUR", "219.00", "paid"),),
        False,
    ),
    DemoCustomer(
        "taro.yamada@example.com",
        CustomerData(given_name="太郎", surname="山田", country="JP", phones=["+81 3 1234 5678"]),
        (("JP-8001", "JPY", "15800", "delivered"),),
        True,
    ),
)


def load_demo_customers() -> int:
    """Create the missing demo customers with their orders and consents; return how many."""
    actor = Actor.system()
    existing = set(CustomerEmail.objects.values_list("address", flat=True))
    created = 0
    for index, spec in enumerate(CUSTOMERS):
        if spec.email in existing:
            continue
        customer = customer_create(
            data=CustomerData(**{**spec.data.__dict__, "emails": [spec.email]}), actor=actor
        )
        for number, currency, total, status in spec.orders:
            order_record(
                customer=customer,
                actor=actor,
                data=OrderData(
                    number=number,
                    source="demo-shop",
                    currency=currency,
                    total=total,
                    status=status,
                    placed_at=datetime(2026, 10, 1 + index, 12, 0, tzinfo=UTC),
                    lines=(LineData(name="Demo item", quantity=1, unit_price=total),),
                ),
            )
        if spec.marketing is not None:
            consent_record(
                customer=customer,
                purpose=ConsentRecord.Purpose.MARKETING,
                channel=ConsentRecord.Channel.EMAIL,
                status=ConsentRecord.Status.GRANTED
                if spec.marketing
                else ConsentRecord.Status.WITHDRAWN,
                source=ConsentRecord.Source.FORM,
                text_shown="Newsletter sign-up form",
                actor=actor,
            )
        created += 1
    return created


DEMO_FIELD = CustomFieldData(
    key="loyalty_tier",
    label="Loyalty tier",
    field_type="choice",
    choices=["gold", "silver", "bronze"],
)
DEMO_SEGMENTS: tuple[tuple[str, str, dict[str, object]], ...] = (
    (
        "Euro customers who spent 100 or more this year",
        "Orders in EUR over the last 365 days, cancelled and returned ones left out.",
        {
            "op": "and",
            "rules": [
                {
                    "field": "order_amount",
                    "operator": "gte",
                    "value": "100",
                    "currency": "EUR",
                    "days": 365,
                }
            ],
        },
    ),
    (
        "Arabic or Bulgarian speakers",
        "Customers whose language is Arabic or Bulgarian.",
        {"op": "or", "rules": [{"field": "language", "operator": "in", "value": ["ar", "bg"]}]},
    ),
    (
        "No order yet",
        "Customers who never placed an order that counts.",
        {"op": "and", "rules": [{"field": "last_order_at", "operator": "none"}]},
    ),
)


def load_demo_segments(admin: User) -> int:
    """Create the demo custom field and segments that are missing; return how many."""
    actor = Actor(user=admin)
    created = 0
    if not CustomField.objects.filter(key=DEMO_FIELD.key).exists():
        custom_field_create(data=DEMO_FIELD, actor=actor)
        created += 1
    existing = set(Segment.objects.values_list("name", flat=True))
    for name, description, rules in DEMO_SEGMENTS:
        if name not in existing:
            segment_create(
                data=SegmentData(name=name, description=description, rules=rules), actor=actor
            )
            created += 1
    return created
