"""Input no view can take is refused before any view runs, the same on every database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket, TicketEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NUL_MESSAGE = "A NUL character (U+0000) is not allowed here."


def _nul_error(*location: str) -> dict[str, Any]:
    return {
        "error": {
            "code": "validation_error",
            "message": "Some fields are missing or not valid.",
            "details": [{"location": list(location), "message": NUL_MESSAGE}],
        }
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "location"),
    [
        ("get", "/api/v1/tickets?status=open&q=a%00b", None, ("query", "q")),
        ("get", "/api/v1/customers?q%00=x", None, ("query", "q")),
        ("post", "/api/v1/customers", {"given_name": "Gi\x00ulia"}, ("body", "given_name")),
        ("post", "/api/v1/customers", {"tags": ["ok", "b\x00"]}, ("body", "tags", "1")),
        (
            "post",
            "/api/v1/customers",
            {"external_ids": {"shop\x00": "1"}},
            ("body", "external_ids", "shop\x00"),
        ),
    ],
)
def test_the_api_refuses_a_nul_character_naming_the_field(
    method: str,
    path: str,
    body: dict[str, object] | None,
    location: tuple[str, ...],
    alice: User,
    alice_write_token: str,
) -> None:
    payload = json.dumps(body) if body is not None else None
    response = getattr(Client(), method)(
        path, payload, content_type="application/json", headers=bearer(alice_write_token)
    )
    assert (response.status_code, response.json()) == (422, _nul_error(*location))
    assert Customer.objects.count() == CustomerEvent.objects.count() == 0


def test_a_nul_character_in_a_patch_changes_nothing(ticket: Ticket, alice_write_token: str) -> None:
    events = TicketEvent.objects.count()
    response = Client().patch(
        f"/api/v1/tickets/{ticket.uid}",
        json.dumps({"subject": "Pacco\x00 perso"}),
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    ticket.refresh_from_db()
    assert (response.status_code, response.json()) == (422, _nul_error("body", "subject"))
    assert (ticket.subject, ticket.version, TicketEvent.objects.count()) == ("Pacco", 1, events)


def test_a_nul_character_in_an_api_path_is_refused(alice_write_token: str) -> None:
    response = Client().get("/api/v1/tickets/ab%00cd", headers=bearer(alice_write_token))
    assert (response.status_code, response.json()) == (422, _nul_error("path"))


def test_a_page_refuses_a_nul_character_in_a_form_or_the_query(alice_client: Client) -> None:
    web_form = {
        "given_name": "Ana",
        "surname": "Popescu",
        "email": "ana@example.ro",
        "subject": "Comandă\x00",
        "body": "Bună ziua, comanda mea nu a sosit încă.",
        "time_zone": "Europe/Bucharest",
        "website": "",
    }
    posted = Client().post("/portal/requests/new/", web_form)
    searched = alice_client.get("/tickets/?q=a%00b")
    assert (posted.status_code, searched.status_code) == (400, 400)
    assert b'data-testid="error-title">Bad request<' in posted.content
    assert Ticket.objects.count() == Customer.objects.count() == 0


def test_a_json_body_over_the_upload_limit_is_413(alice_write_token: str, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"given_name": "G" * 2000})
    response = Client().post(
        "/api/v1/customers",
        body,
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert (response.status_code, response.json()) == (
        413,
        {"error": {"code": "too_large", "message": "The request body is too large."}},
    )
    assert Customer.objects.count() == 0


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", f"multipart/form-data; boundary={'b' * 300}"],
    ids=["no boundary", "absurd boundary"],
)
def test_a_multipart_body_that_cannot_be_split_is_400(
    content_type: str, ticket: Ticket, alice_write_token: str
) -> None:
    response = Client().generic(
        "POST",
        f"/api/v1/tickets/{ticket.uid}/attachments",
        b"--x\r\nnot really\r\n",
        content_type=content_type,
        headers=bearer(alice_write_token),
    )
    assert (response.status_code, response.json()) == (
        400,
        {"error": {"code": "bad_request", "message": "The request body could not be read."}},
    )
