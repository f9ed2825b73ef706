"""``/api/v1/acquisition-spend``: economics readers list and read, administrators and
managers write; the project's error shape; cursor pages; no double row on a replay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.reports.models import AcquisitionSpend
from cortesia.testing.fixtures import bearer, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/api/v1/acquisition-spend"
BODY: dict[str, Any] = {
    "starts_on": "2026-11-01",
    "ends_on": "2026-11-30",
    "channel": "search ads",
    "country": "it",
    "currency": "EUR",
    "amount": "3000.50",
}
RATE_AND_TOKEN = 1 if connection.vendor == "postgresql" else 2


def _token(role: Role, scope: TokenScope = TokenScope.WRITE) -> str:
    user = make_user(f"user-{role}-{scope}", role)
    return token_create(user=user, scope=scope, actor=Actor.system()).raw


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(URL, body, content_type="application/json", headers=bearer(token))


def _patch(token: str, uid: str, body: dict[str, Any]) -> Any:
    return Client().patch(
        f"{URL}/{uid}", body, content_type="application/json", headers=bearer(token)
    )


@pytest.fixture
def manager_token(db: None) -> str:
    return _token(Role.MANAGER)


def test_a_manager_records_spend_and_reads_it_back(manager_token: str) -> None:
    response = _post(manager_token, {**BODY, "note": "Q4 campaign"})

    assert response.status_code == 201, response.content
    out = response.json()
    assert {k: v for k, v in out.items() if k not in ("uid", "created_at", "updated_at")} == {
        "starts_on": "2026-11-01",
        "ends_on": "2026-11-30",
        "channel": "search ads",
        "country": "IT",
        "currency": "EUR",
        "amount": "3000.50",
        "note": "Q4 campaign",
    }
    again = Client().get(f"{URL}/{out['uid']}", headers=bearer(manager_token))
    assert again.json() == out
    assert AuditEvent.objects.filter(object_type="acquisition_spend").count() == 1


def test_a_replayed_request_records_one_row(manager_token: str) -> None:
    assert _post(manager_token, BODY).status_code == 201

    response = _post(manager_token, BODY)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert response.json()["error"]["message"].startswith("This spend is already recorded")
    assert AcquisitionSpend.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "scope", "read", "write"),
    [
        pytest.param(Role.AGENT, TokenScope.WRITE, 403, 403, id="agent"),
        pytest.param(Role.MARKETER, TokenScope.WRITE, 200, 403, id="marketer"),
        pytest.param(Role.MANAGER, TokenScope.READ, 200, 403, id="manager-read-token"),
        pytest.param(Role.MANAGER, TokenScope.WRITE, 200, 201, id="manager"),
        pytest.param(Role.ADMIN, TokenScope.WRITE, 200, 201, id="admin"),
    ],
)
def test_who_may_read_and_write(role: Role, scope: TokenScope, read: int, write: int) -> None:
    token = _token(role, scope)

    assert Client().get(URL, headers=bearer(token)).status_code == read
    assert _post(token, BODY).status_code == write
    assert AcquisitionSpend.objects.count() == (1 if write == 201 else 0)


def test_anonymous_is_unauthorized() -> None:
    assert Client().get(URL).status_code == 401
    assert Client().post(URL, BODY, content_type="application/json").status_code == 401


def test_service_checks_answer_400_with_the_fields(manager_token: str) -> None:
    response = _post(manager_token, {**BODY, "ends_on": "2026-10-01", "country": "XX"})

    assert response.status_code == 400
    assert response.json() == {
        "error": {
            "code": "validation_error",
            "message": "Some fields are not valid.",
            "details": {
                "ends_on": "The last day is on or after the first day.",
                "country": "XX is not an ISO 3166 country code.",
            },
        }
    }
    assert AcquisitionSpend.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"amount": "-5"}, id="negative"),
        pytest.param({"amount": "1.005"}, id="three-decimals"),
        pytest.param({"starts_on": 20261101}, id="date-as-number"),
        pytest.param({"channel": ""}, id="empty-channel"),
        pytest.param({"currency": "EURO"}, id="long-currency"),
    ],
)
def test_schema_errors_answer_422(manager_token: str, change: dict[str, Any]) -> None:
    assert _post(manager_token, {**BODY, **change}).status_code == 422
    assert AcquisitionSpend.objects.count() == 0


def test_patch_changes_only_the_fields_given(manager_token: str) -> None:
    uid = _post(manager_token, BODY).json()["uid"]

    response = _patch(manager_token, uid, {"amount": "2500", "note": "cut"})

    assert response.status_code == 200, response.content
    row = AcquisitionSpend.objects.get()
    assert (row.amount, row.note, row.channel, row.country) == (
        Decimal("2500.00"),
        "cut",
        "search ads",
        "IT",
    )
    changes = AuditEvent.objects.filter(object_type="acquisition_spend").order_by("id")
    assert [a.data["change"] for a in changes] == ["created", "changed"]


def test_delete_then_everything_is_404(manager_token: str) -> None:
    uid = _post(manager_token, BODY).json()["uid"]

    response = Client().delete(f"{URL}/{uid}", headers=bearer(manager_token))

    assert response.status_code == 204
    assert AcquisitionSpend.objects.count() == 0
    assert Client().get(f"{URL}/{uid}", headers=bearer(manager_token)).status_code == 404
    assert _patch(manager_token, uid, {"note": "x"}).status_code == 404
    assert Client().get(f"{URL}/not-a-uid", headers=bearer(manager_token)).status_code == 404


def test_an_agent_may_not_delete(manager_token: str, alice: User) -> None:
    uid = _post(manager_token, BODY).json()["uid"]
    token = token_create(user=alice, scope=TokenScope.WRITE, actor=Actor.system()).raw

    assert Client().delete(f"{URL}/{uid}", headers=bearer(token)).status_code == 403
    assert AcquisitionSpend.objects.count() == 1


def test_pages_follow_the_cursor_in_a_fixed_number_of_queries(
    manager_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for day in range(1, 6):
        assert _post(manager_token, {**BODY, "starts_on": f"2026-11-0{day}"}).status_code == 201

    # the token with its rate counter and the page (the token's last use was written by
    # the requests just before, so it is not written again)
    with django_assert_num_queries(RATE_AND_TOKEN + 1):
        first = Client().get(f"{URL}?limit=3", headers=bearer(manager_token)).json()
    second = (
        Client()
        .get(URL, {"limit": 3, "cursor": first["next_cursor"]}, headers=bearer(manager_token))
        .json()
    )

    assert [row["starts_on"] for row in first["items"] + second["items"]] == [
        f"2026-11-0{day}" for day in range(1, 6)
    ]
    assert second["next_cursor"] is None
