from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import FIRST_MESSAGES, bearer
from cortesia.tickets.models import CannedResponse, Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

VARIANTS = [
    {
        "language": "it",
        "formality": "formal",
        "body": "{{ customer.greeting }}\n\nabbiamo preso in carico la richiesta "
        "{{ ticket.number }} e le risponderemo {{ reply_by }}."
        "\n\n{{ customer.closing }}\n{{ agent.first_name }}",
    },
    {
        "language": "it",
        "formality": "informal",
        "body": "{{ customer.greeting }}\n\nci pensiamo noi!\n\n{{ customer.closing }}",
    },
    {
        "language": "en",
        "formality": "",
        "body": "{{ customer.greeting }}\n\nWe're on it ({{ ticket.number }}).",
    },
]


def _call(method: str, token: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
    )


def _ticket(customer: Customer, team: Team) -> Ticket:
    with time_machine.travel(
        datetime(2026, 11, 23, 8, 0, tzinfo=UTC), tick=False
    ):  # Mon 09:00 Rome
        return ticket_create(
            data=TicketData(
                subject="Pacco",
                customer=customer,
                team=team,
                message=MessageData(
                    body_text=FIRST_MESSAGES[customer.language], author_kind="customer"
                ),
            ),
            actor=Actor.system(),
        )


def test_variants_follow_language_and_register_with_a_visible_fallback(
    admin_write_token: str, alice_write_token: str, alice: User, team_rome: Team
) -> None:
    SlaPolicy.objects.create(name="Day", first_response_minutes=120, business_hours=False)
    created = _call(
        "post",
        admin_write_token,
        "/canned-responses",
        {"name": "Presa in carico", "variants": VARIANTS},
    )
    assert created.status_code == 201
    canned = created.json()["uid"]
    formal = customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", title="ms", country="IT"),
        actor=Actor.system(),
    )
    informal = customer_create(
        data=CustomerData(
            given_name="Luca", surname="Neri", country="IT", register_preference="informal"
        ),
        actor=Actor.system(),
    )
    finn = customer_create(
        data=CustomerData(given_name="Aino", surname="Virtanen", country="FI"), actor=Actor.system()
    )

    def render(customer: Customer) -> dict[str, Any]:
        ticket = _ticket(customer, team_rome)
        response = _call(
            "post", alice_write_token, f"/tickets/{ticket.uid}/canned-responses/{canned}/render"
        )
        assert response.status_code == 200
        return dict(response.json())

    assert render(formal) == {
        "text": "Gentile Signora Rossi,\n\nabbiamo preso in carico la richiesta #1001 e le "
        "risponderemo entro lunedì 23 novembre alle 11:00 (ora di Roma)."
        "\n\nCordiali saluti,\nAlice",
        "language": "it",
        "formality": "formal",
        "is_fallback": False,
    }
    assert render(informal) == {
        "text": "Ciao Luca,\n\nci pensiamo noi!\n\nA presto,",
        "language": "it",
        "formality": "informal",
        "is_fallback": False,
    }
    assert render(finn) == {
        # English text, so an English greeting, in the register Finnish customers get
        "text": "Hi Aino,\n\nWe're on it (#1003).",
        "language": "en",
        "formality": "",
        "is_fallback": True,
    }


def test_bad_variants_and_roles(admin_write_token: str, alice_write_token: str) -> None:
    assert (
        _call(
            "post", alice_write_token, "/canned-responses", {"name": "X", "variants": VARIANTS}
        ).status_code
        == 403
    )
    bad = _call(
        "post",
        admin_write_token,
        "/canned-responses",
        {
            "name": "X",
            "variants": [
                {"language": "it", "formality": "polite", "body": "{{ customer.password }}"},
                {"language": "xx-yy-zz", "body": " "},
            ],
        },
    )
    assert bad.json()["error"]["details"] == {
        "language": "xx-yy-zz is not a known language code.",
        "variants.0.formality": "Use formal, informal or leave it empty.",
        "variants.0.body": "Unknown placeholders: customer.password.",
        "variants.1.body": "Write the text of this variant.",
    }
    assert not CannedResponse.objects.exists()


def test_the_composer_inserts_the_rendered_variant(
    admin_write_token: str, alice_client: Client, team_rome: Team
) -> None:
    SlaPolicy.objects.create(name="Day", first_response_minutes=120, business_hours=False)
    canned = _call(
        "post", admin_write_token, "/canned-responses", {"name": "Presa", "variants": VARIANTS}
    ).json()["uid"]
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", title="ms", country="IT"),
        actor=Actor.system(),
    )
    ticket = _ticket(giulia, team_rome)
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert f'<option value="{canned}">Presa</option>' in page
    with time_machine.travel(datetime(2026, 11, 23, 8, 5, tzinfo=UTC), tick=False):
        partial = alice_client.post(
            f"/tickets/{ticket.uid}/canned/", {"canned": canned}, headers={"HX-Request": "true"}
        )
    assert partial.status_code == 200
    assert partial.context["form"]["body"].value() == (
        "Gentile Signora Rossi,\n\nabbiamo preso in carico la richiesta #1001 e le "
        "risponderemo entro lunedì 23 novembre alle 11:00 (ora di Roma)."
        "\n\nCordiali saluti,\nAlice"
    )
    assert partial.content.decode().startswith("<textarea")
    assert ticket.messages.count() == 1  # inserting sends nothing
    missing = alice_client.post(f"/tickets/{ticket.uid}/canned/", {"canned": "nope"})
    assert missing.status_code == 404


def test_the_composers_picker_reads_the_names_without_the_variants(
    admin_write_token: str, alice: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cortesia.tickets.canned import canned_list

    _call("post", admin_write_token, "/canned-responses", {"name": "Presa", "variants": VARIANTS})
    with CaptureQueriesContext(connection) as names_only:
        names = [response.name for response in canned_list(viewer=alice, with_variants=False)]
    with CaptureQueriesContext(connection) as with_variants:
        variants = [
            sorted(v.language for v in response.variants.all())
            for response in canned_list(viewer=alice)
        ]
    assert (names, len(names_only)) == (["Presa"], 1)
    assert (variants, len(with_variants)) == ([["en", "it", "it"]], 2)
