from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.customers.models import Customer, CustomerEvent, Order
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ORDER: dict[str, Any] = {
    "number": "R-1001",
    "source": "shop",
    "placed_at": "2026-03-02T10:00:00+03:00",
    "currency": "sar",
    "total": "1234.50",
    "lines": [
        {"sku": "TEA-1", "name": "Tea", "category": "food", "quantity": 3, "unit_price": "411.50"}
    ],
}


@pytest.fixture
def customer_uid(alice_write_token: str) -> str:
    response = Client().post(
        "/api/v1/customers",
        {"given_name": "Layla", "country": "SA"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    uid: str = response.json()["uid"]
    return uid


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(
        "/api/v1/orders", body, content_type="application/json", headers=bearer(token)
    )


def test_order_is_recorded_once_per_source_and_number(
    alice_write_token: str, customer_uid: str
) -> None:
    first = _post(alice_write_token, {**ORDER, "customer": customer_uid})
    assert first.status_code == 201
    body = first.json()
    assert (body["currency"], body["total"], body["status"]) == ("SAR", "1234.5000", "placed")
    assert body["placed_at"] == "2026-03-02T07:00:00Z"
    assert body["lines"] == [
        {"sku": "TEA-1", "name": "Tea", "category": "food", "quantity": 3, "unit_price": "411.5000"}
    ]
    again = _post(alice_write_token, {**ORDER, "customer": customer_uid, "total": "1"})
    assert again.status_code == 200
    assert again.json()["uid"] == body["uid"]
    assert again.json()["total"] == "1234.5000"
    assert Order.objects.count() == 1
    assert CustomerEvent.objects.filter(kind="order_placed").count() == 1


def test_status_change_is_a_timeline_event(alice_write_token: str, customer_uid: str) -> None:
    uid = _post(alice_write_token, {**ORDER, "customer": customer_uid}).json()["uid"]
    response = Client().patch(
        f"/api/v1/orders/{uid}",
        {"status": "shipped"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.json()["status"] == "shipped"
    event = CustomerEvent.objects.get(kind="order_status")
    assert (event.data["from"], event.data["to"], event.data["number"]) == (
        "placed",
        "shipped",
        "R-1001",
    )
    bad = Client().patch(
        f"/api/v1/orders/{uid}",
        {"status": "lost"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {
        "status": "lost is not one of: placed, paid, shipped, delivered, returned, cancelled."
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"currency": "XYZ"}, "currency", "XYZ is not an ISO 4217 currency code."),
        ({"total": "-5"}, "total", "-5 is not an amount."),
        ({"total": "1.00001"}, "total", "1.00001 is not an amount."),
        (
            {"placed_at": "2026-03-02T10:00:00"},
            "placed_at",
            "The time must include a time zone offset.",
        ),
        (
            {"lines": [{"name": "x", "quantity": 0, "unit_price": "1"}]},
            "lines.0.quantity",
            "The quantity must be at least 1.",
        ),
    ],
)
def test_invalid_orders_are_field_errors(
    alice_write_token: str, customer_uid: str, change: dict[str, Any], field: str, message: str
) -> None:
    response = _post(alice_write_token, {**ORDER, "customer": customer_uid, **change})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {field: message}
    assert Order.objects.count() == 0


def test_orders_of_one_customer(alice_write_token: str, customer_uid: str) -> None:
    other = Customer.objects.create(given_name="Other")
    _post(alice_write_token, {**ORDER, "customer": customer_uid})
    _post(alice_write_token, {**ORDER, "customer": str(other.uid), "number": "R-2"})
    response = Client().get(
        "/api/v1/orders", {"customer": customer_uid}, headers=bearer(alice_write_token)
    )
    assert [item["number"] for item in response.json()["items"]] == ["R-1001"]
