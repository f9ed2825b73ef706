from __future__ import annotations

import pytest
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict
from cortesia.customers.consents import consent_record
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import ConsentRecord, Customer, CustomerEvent, Order
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _customer(**fields: object) -> Customer:
    return customer_create(data=CustomerData(**fields), actor=Actor.system())  # type: ignore[arg-type]


def test_merge_moves_everything_and_keeps_a_pointer(alice_write_token: str) -> None:
    target = _customer(given_name="Ana", surname="Popescu", emails=["ana@example.com"])
    duplicate = _customer(
        given_name="Ana P.", country="RO", emails=["ana.p@example.com"], phones=["+40 721 234 567"]
    )
    order_record(
        customer=duplicate,
        actor=Actor.system(),
        data=OrderData(number="RO-1", currency="RON", total="10", placed_at=target.created_at),
    )
    consent_record(
        customer=duplicate,
        purpose=ConsentRecord.Purpose.MARKETING,
        channel=ConsentRecord.Channel.EMAIL,
        status=ConsentRecord.Status.GRANTED,
        source=ConsentRecord.Source.FORM,
        text_shown="",
        actor=Actor.system(),
    )
    response = Client().post(
        f"/api/v1/customers/{target.uid}/merge",
        {"duplicate": str(duplicate.uid)},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["emails"] == ["ana@example.com", "ana.p@example.com"]
    assert [p["e164"] for p in body["phones"]] == ["+40721234567"]
    assert (body["country"], body["given_name"]) == ("RO", "Ana")  # filled, not overwritten
    assert Order.objects.get().customer_id == target.pk
    assert ConsentRecord.objects.get().customer_id == target.pk
    kinds = list(
        CustomerEvent.objects.filter(customer=target).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["created", "created", "order_placed", "consent", "merged"]
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == target.pk
    gone = Client().get(f"/api/v1/customers/{duplicate.uid}", headers=bearer(alice_write_token))
    assert gone.status_code == 404
    found = (
        Client()
        .get("/api/v1/customers", {"q": "+40 721 234 567"}, headers=bearer(alice_write_token))
        .json()["items"]
    )
    assert [item["uid"] for item in found] == [str(target.uid)]


def test_a_customer_cannot_be_merged_into_itself(alice_write_token: str) -> None:
    target = _customer(given_name="Solo")
    response = Client().post(
        f"/api/v1/customers/{target.uid}/merge",
        {"duplicate": str(target.uid)},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_merge"
    assert CustomerEvent.objects.filter(kind="merged").count() == 0


def test_every_refused_merge_says_why() -> None:
    # given: one customer, and one already merged into another
    solo, kept, gone = (_customer(given_name=name) for name in ("Solo", "Kept", "Gone"))
    Customer.objects.filter(pk=gone.pk).update(merged_into=kept)
    gone.refresh_from_db()
    cases = [
        (solo, solo, "A customer cannot be merged into itself: name a different customer."),
        (
            gone,
            solo,
            "This customer was itself merged into another one: merge into that one instead.",
        ),
        (solo, gone, "Gone was already merged into another customer."),
    ]
    for target, duplicate, reason in cases:
        # when
        with pytest.raises(Conflict) as refused:
            customer_merge(target=target, duplicate=duplicate, actor=Actor.system())
        # then
        assert (refused.value.code, refused.value.message) == ("invalid_merge", reason)
    assert CustomerEvent.objects.filter(kind="merged").count() == 0
    assert list(
        Customer.objects.filter(merged_into__isnull=False).values_list("pk", flat=True)
    ) == [gone.pk]
