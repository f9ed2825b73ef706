from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def layla(db: None) -> Customer:
    customer = customer_create(
        data=CustomerData(
            given_name="ليلى",
            surname="الحربي",
            title="ms",
            country="SA",
            emails=["layla@example.com"],
            phones=["+966 50 123 4567"],
        ),
        actor=Actor.system(),
    )
    order_record(
        customer=customer,
        actor=Actor.system(),
        data=OrderData(
            number="SA-1",
            currency="SAR",
            total="1250.5",
            placed_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        ),
    )
    return customer


def _client(user: User, language: str) -> Client:
    User.objects.filter(pk=user.pk).update(language=language, time_zone="Europe/Rome")
    client = Client()
    client.force_login(user)
    return client


def test_360_page_shows_the_customers_side_of_the_clock(alice: User, layla: Customer) -> None:
    client = _client(alice, "it")
    # Wednesday 18 March 2026 13:00 in Riyadh; Eid al-Fitr starts the next day.
    with time_machine.travel(datetime(2026, 3, 18, 10, 0, tzinfo=UTC), tick=False):
        page = client.get(f"/customers/{layla.uid}/").content.decode()
    assert 'data-testid="greeting">السيدة ليلى الحربي المحترمة، تحية طيبة وبعد،</strong>' in page
    assert 'data-testid="local-time">mer 13:00</strong> (<bdi>Asia/Riyadh</bdi>)' in page
    assert "nel loro orario lavorativo" in page
    assert "(data stimata)" in page
    assert '<td data-testid="order-total">1.250,50\xa0SAR</td>' in page


def test_arabic_staff_page_is_right_to_left(charlie: User, layla: Customer) -> None:
    client = Client()
    client.force_login(charlie)
    page = client.get(f"/customers/{layla.uid}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_customer_page_query_count_is_fixed(
    alice: User, layla: Customer, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = _client(alice, "en")
    client.get(f"/customers/{layla.uid}/")  # warm the session and caches
    # session, user, 2FA policy, customer, e-mails, phones, registers, custom field
    # definitions, orders, consents, the tickets the viewer may see (for the timeline, then
    # for the list), events, the tickets' messages
    with django_assert_num_queries(15):
        response = client.get(f"/customers/{layla.uid}/")
    assert response.status_code == 200


def test_live_search_returns_only_rows(alice: User, layla: Customer) -> None:
    client = _client(alice, "en")
    response = client.get("/customers/", {"q": "الحربي"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert f'href="/customers/{layla.uid}/"' in body
    empty = client.get("/customers/", {"q": "zzz"}, HTTP_HX_REQUEST="true").content.decode()
    assert "No customers found." in empty


def test_unknown_customer_is_a_localized_404(alice: User) -> None:
    client = _client(alice, "fi")
    response = client.get("/customers/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404
    assert 'lang="fi"' in response.content.decode()
