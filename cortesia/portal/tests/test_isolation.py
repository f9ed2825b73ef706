"""Customer isolation: a customer reaches nothing of another customer's, and a link or a
session is bound to one customer."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.portal.links import link_issue
from cortesia.portal.selectors import portal_ticket
from cortesia.portal.tests.conftest import open_ticket, page_bytes, signed_in
from cortesia.tickets.attachments import attachment_store
from cortesia.tickets.models import TicketAttachment, TicketMessage


@pytest.fixture
def omars_file(omar: Customer) -> TicketAttachment:
    ticket = open_ticket(omar, "فاتورة")
    return attachment_store(
        message=ticket.messages.get(),
        upload=SimpleUploadedFile("فاتورة.pdf", b"%PDF-1.7 omar's invoice"),
        actor=Actor.system(),
    )


def test_another_customers_request_is_not_found_for_reading_answering_or_files(
    giulia: Customer, omars_file: TicketAttachment
) -> None:
    ticket = omars_file.ticket
    client = signed_in(giulia)
    base = f"/portal/requests/{ticket.uid}/"
    responses = [
        client.get(base),
        client.post(base, {"body": "Hijack"}),
        client.get(f"{base}files/{omars_file.uid}/"),
    ]
    other = uuid.uuid4()
    missing = client.get(f"/portal/requests/{other}/")
    expected = page_bytes(missing.content).replace(str(other).encode(), str(ticket.uid).encode())
    assert [response.status_code for response in responses] == [404, 404, 404]
    assert [page_bytes(r.content) for r in responses[:2]] == [expected, expected]
    assert b"omar's invoice" not in responses[2].content
    assert TicketMessage.objects.filter(ticket=ticket).count() == 1


def test_a_file_link_without_a_session_gives_no_bytes(omars_file: TicketAttachment) -> None:
    response = Client().get(f"/portal/requests/{omars_file.ticket.uid}/files/{omars_file.uid}/")
    assert (response.status_code, response["Location"]) == (302, "/portal/sign-in/")


def test_a_files_uid_under_the_customers_own_request_is_not_found(
    giulia: Customer, omars_file: TicketAttachment
) -> None:
    own = open_ticket(giulia, "Pacco")
    response = signed_in(giulia).get(f"/portal/requests/{own.uid}/files/{omars_file.uid}/")
    assert response.status_code == 404


def _enumerate_ids(giulia: Customer, omar: Customer, probes: int) -> None:
    for number in range(40):
        open_ticket(omar, f"طلب {number}")
    found = 0
    for number in range(probes):
        try:
            portal_ticket(customer=giulia, uid=str(uuid.UUID(int=number)))
            found += 1
        except NotFound:
            pass
    for ticket in omar.tickets.all():
        try:
            portal_ticket(customer=giulia, uid=str(ticket.uid))
            found += 1
        except NotFound:
            pass
    client = signed_in(giulia)
    statuses = {
        client.get(f"/portal/requests/{reference}/").status_code
        for reference in [*range(1001, 1101), *(t.uid for t in omar.tickets.all())]
    }
    assert (found, statuses) == (0, {404})


def test_enumerating_ids_finds_nothing_of_another_customer(
    giulia: Customer, omar: Customer
) -> None:
    _enumerate_ids(giulia, omar, probes=300)


@pytest.mark.slow
def test_enumerating_ten_thousand_ids_finds_nothing_of_another_customer(
    giulia: Customer, omar: Customer
) -> None:
    _enumerate_ids(giulia, omar, probes=10_000)


def test_a_used_link_cannot_be_replayed(giulia: Customer) -> None:
    token = link_issue(customer=giulia, address="giulia@example.it").token
    assert Client().post(f"/portal/sign-in/{token}/").status_code == 302
    replay = Client()
    assert replay.post(f"/portal/sign-in/{token}/").status_code == 404
    assert replay.get("/portal/").status_code == 302


def test_a_session_cannot_be_pointed_at_another_customer(giulia: Customer, omar: Customer) -> None:
    client = signed_in(giulia)
    session = client.session
    session["portal"] = {"customer": str(omar.uid), "address": "giulia@example.it"}
    session.save()
    assert client.get("/portal/").status_code == 302
