"""The API takes public ids in paths and JSON objects as bodies, and says so in its
OpenAPI description together with every refusal."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from cortesia.api import api
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
ERRORS = [400, 401, 403, 404, 409, 413, 422, 429]


@pytest.mark.parametrize("body", [2024, [1], "closed", None, {"message": 5}])
def test_a_body_that_is_not_an_object_is_422_and_changes_nothing(
    body: object, ticket: Ticket, alice_write_token: str
) -> None:
    events = TicketEvent.objects.count()
    response = Client().patch(
        f"/api/v1/tickets/{ticket.uid}",
        json.dumps(body) if not isinstance(body, dict) else json.dumps({"tags": body}),
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    ticket.refresh_from_db()
    assert (response.status_code, response.json()["error"]["code"]) == (422, "validation_error")
    assert (ticket.version, TicketEvent.objects.count()) == (1, events)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/customers/not-a-uuid"),
        ("patch", "/api/v1/custom-fields/not-a-uuid"),
        ("get", "/api/v1/tickets/123/messages"),
        ("get", "/api/v1/tickets/00000000-0000-0000-0000-000000000000/attachments/x"),
    ],
)
def test_an_id_that_is_not_a_uuid_is_not_there(
    method: str, path: str, admin_write_token: str
) -> None:
    response = Client().generic(
        method.upper(),
        path,
        "{}",
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")


def test_an_upper_case_uuid_is_the_same_id(ticket: Ticket, alice_write_token: str) -> None:
    response = Client().get(
        f"/api/v1/tickets/{str(ticket.uid).upper()}", headers=bearer(alice_write_token)
    )
    assert (response.status_code, response.json()["uid"]) == (200, str(ticket.uid))


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def test_every_operation_declares_every_refusal_with_the_error_shape() -> None:
    error = api.get_openapi_schema()["components"]["schemas"]["Error"]
    missing = [
        (method, path, status)
        for method, path, operation in _operations()
        for status in ERRORS
        if operation["responses"].get(status, {}).get("content", {}).get("application/json")
        != {"schema": {"$ref": "#/components/schemas/Error"}}
    ]
    assert missing == []
    assert error["properties"]["error"]["required"] == ["code", "message"]


def test_limits_and_ids_carry_their_bounds_and_format() -> None:
    limits = {
        (parameter["schema"].get("minimum"), parameter["schema"].get("maximum"))
        for _method, _path, operation in _operations()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "query" and parameter["name"] == "limit"
    }
    ids = {
        parameter["schema"].get("format")
        for _method, _path, operation in _operations()
        for parameter in operation.get("parameters", [])
        if parameter["in"] == "path" and parameter["name"].endswith("uid")
    }
    assert (limits, ids) == ({(1, 100)}, {"uuid"})


@pytest.mark.parametrize("status", ["bogus", ""])
def test_an_unknown_status_is_a_field_error_and_changes_nothing(
    status: str, ticket: Ticket, alice_write_token: str
) -> None:
    events = TicketEvent.objects.count()
    response = Client().patch(
        f"/api/v1/tickets/{ticket.uid}",
        {"status": status},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    ticket.refresh_from_db()
    assert (response.status_code, response.json()["error"]["details"]) == (
        400,
        {"status": f"{status} is not one of: new, open, pending, on_hold, solved, closed."},
    )
    assert (ticket.status, ticket.version, TicketEvent.objects.count()) == ("new", 1, events)


@pytest.mark.parametrize(
    ("method", "path", "body", "location"),
    [
        (
            "post",
            "/api/v1/orders",
            {"lines": [{"name": "Giacca", "quantity": 3_000_000_000, "unit_price": "1"}]},
            ["body", "payload", "lines", "0", "quantity"],
        ),
        (
            "post",
            "/api/v1/orders",
            {"lines": [{"name": "Giacca", "quantity": 10**23, "unit_price": "1"}]},
            ["body", "payload", "lines", "0", "quantity"],
        ),
        ("post", "/api/v1/orders", {"placed_at": "0001-01-01T00:00:00Z"}, None),
        (
            "post",
            "/api/v1/custom-fields",
            {"key": "tier", "label": "Tier", "field_type": "text", "position": 10**23},
            ["body", "payload", "position"],
        ),
        ("post", "/api/v1/routing-rules", {"name": "Big", "position": 2**31}, None),
        ("post", "/api/v1/sla-policies", {"name": "Big", "resolution_minutes": 2**40}, None),
        (
            "post",
            "/api/v1/tickets",
            {"created_at": "9999-12-31T23:59:59Z"},
            ["body", "payload", "created_at"],
        ),
    ],
)
def test_numbers_and_dates_out_of_range_are_422(
    method: str,
    path: str,
    body: dict[str, Any],
    location: list[str] | None,
    ticket: Ticket,
    admin_write_token: str,
) -> None:
    defaults: dict[str, Any] = {
        "/api/v1/orders": {
            "customer": str(ticket.customer.uid),
            "number": "A-1",
            "placed_at": "2026-01-01T10:00:00Z",
            "currency": "EUR",
            "total": "1.00",
        },
        "/api/v1/tickets": {
            "subject": "Pacco",
            "customer": str(ticket.customer.uid),
            "message": {"body_text": "Dov'è?"},
        },
    }
    response = Client().generic(
        method.upper(),
        path,
        json.dumps({**defaults.get(path, {}), **body}),
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (422, "validation_error")
    if location is not None:
        assert [detail["location"] for detail in error["details"]] == [location]
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("0001-01-01T00:00:00Z", "0001-06-01T00:00:00Z"),
        ("9999-12-01T00:00:00Z", "9999-12-31T23:00:00Z"),
    ],
)
def test_calendar_intervals_near_year_1_or_9999_are_422(
    start: str, end: str, admin_write_token: str
) -> None:
    response = Client().get(
        f"/api/v1/calendars/{uuid.uuid4()}/open-intervals",
        {"start": start, "end": end},
        headers=bearer(admin_write_token),
    )
    assert (response.status_code, response.json()["error"]["code"]) == (422, "validation_error")


@pytest.mark.parametrize(
    ("method", "field", "message"),
    [
        ("post", "register_preference", " is not one of: auto, formal, informal."),
        ("patch", "register_preference", " is not one of: auto, formal, informal."),
    ],
)
def test_an_empty_choice_is_a_field_error(
    method: str, field: str, message: str, ticket: Ticket, admin_write_token: str
) -> None:
    customer = ticket.customer
    path = "/api/v1/customers" + (f"/{customer.uid}" if method == "patch" else "")
    response = Client().generic(
        method.upper(),
        path,
        json.dumps({"given_name": "Ana", field: ""}),
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    customer.refresh_from_db()
    assert (response.status_code, response.json()["error"]["details"]) == (400, {field: message})
    assert (customer.register_preference, customer.version) == ("auto", 1)


@pytest.mark.parametrize(
    ("path", "body", "location"),
    [
        (
            "/users/{alice}/shifts",
            [{"weekday": 0, "starts": "00:00:00Z", "ends": "05:00:00"}],
            ["body", "payload", "0", "starts"],
        ),
        (
            "/calendars",
            {"name": "Roma", "time_zone": "Europe/Rome", "overrides": [{"date": 0}]},
            ["body", "payload", "overrides", "0", "date"],
        ),
        (
            "/calendars",
            {"name": "Roma", "time_zone": "Europe/Rome", "overrides": [{"date": "0001-01-01"}]},
            ["body", "payload", "overrides", "0", "date"],
        ),
        (
            "/orders",
            {"placed_at": 0},
            ["body", "payload", "placed_at"],
        ),
    ],
)
def test_times_and_dates_must_be_local_text_in_range(
    path: str, body: object, location: list[str], alice: Any, admin_write_token: str
) -> None:
    method = "PUT" if path.endswith("shifts") else "POST"
    if isinstance(body, dict) and path == "/orders":
        body = {
            "customer": str(uuid.uuid4()),
            "number": "1",
            "currency": "EUR",
            "total": "1",
            **body,
        }
    response = Client().generic(
        method,
        "/api/v1" + path.format(alice=alice.uid),
        json.dumps(body),
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    error = response.json()["error"]
    assert (response.status_code, error["code"]) == (422, "validation_error")
    assert [detail["location"] for detail in error["details"]] == [location]
