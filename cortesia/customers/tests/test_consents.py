from __future__ import annotations

import pytest
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.customers.consents import has_consent
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
TEXT = "Sì, voglio ricevere offerte via e-mail."


@pytest.fixture
def customer(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT"), actor=Actor.system()
    )


def _record(token: str, customer: Customer, status: str, **extra: str) -> dict[str, object]:
    body = {
        "purpose": "marketing",
        "channel": "email",
        "status": status,
        "source": "form",
        "text_shown": TEXT,
        **extra,
    }
    response = Client().post(
        f"/api/v1/customers/{customer.uid}/consents",
        body,
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 201, response.content
    result: dict[str, object] = response.json()
    return result


def test_newest_decision_counts_and_history_is_kept(
    alice_write_token: str, customer: Customer
) -> None:
    assert has_consent(customer=customer, purpose="marketing", channel="email") is False
    _record(alice_write_token, customer, "granted")
    assert has_consent(customer=customer, purpose="marketing", channel="email") is True
    _record(alice_write_token, customer, "withdrawn", source="agent")
    assert has_consent(customer=customer, purpose="marketing", channel="email") is False
    response = (
        Client()
        .get(f"/api/v1/customers/{customer.uid}/consents", headers=bearer(alice_write_token))
        .json()
    )
    assert [(c["status"], c["source"]) for c in response["current"]] == [("withdrawn", "agent")]
    assert [(c["status"], c["text_shown"], c["actor"]) for c in response["history"]] == [
        ("granted", TEXT, "alice"),
        ("withdrawn", TEXT, "alice"),
    ]
    assert CustomerEvent.objects.filter(customer=customer, kind="consent").count() == 2


def test_consent_on_any_channel_applies_to_every_channel(customer: Customer) -> None:
    from cortesia.customers.consents import consent_record

    consent_record(
        customer=customer,
        purpose=ConsentRecord.Purpose.SURVEYS,
        channel=ConsentRecord.Channel.ANY,
        status=ConsentRecord.Status.GRANTED,
        source=ConsentRecord.Source.IMPORT,
        text_shown="",
        actor=Actor.system(),
    )
    assert has_consent(customer=customer, purpose="surveys", channel="sms") is True
    assert has_consent(customer=customer, purpose="marketing", channel="sms") is False


def test_unknown_values_are_field_errors(alice_write_token: str, customer: Customer) -> None:
    response = Client().post(
        f"/api/v1/customers/{customer.uid}/consents",
        {"purpose": "spam", "channel": "pigeon", "status": "granted"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "purpose": "spam is not one of: service, marketing, surveys, profiling.",
        "channel": "pigeon is not one of: email, sms, phone, whatsapp, any.",
    }
    assert ConsentRecord.objects.count() == 0
