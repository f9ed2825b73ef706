from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction
from pytest_django import DjangoAssertNumQueries

from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import Customer, CustomerEmail, CustomerEvent
from cortesia.customers.services import (
    CustomerData,
    customer_create,
    customer_for_email,
    customer_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NAME_REFUSED = (
    "A name may not contain < or >, line breaks, tabs or other control characters, "
    "or invisible direction marks."
)
UNREACHABLE = "Give at least one of: a given name, a surname, an e-mail address or a phone number."


def _mario() -> Customer:
    return customer_create(
        data=CustomerData(given_name="Mario", surname="Rossi", emails=["mario@example.com"]),
        actor=Actor.system(),
    )


@pytest.mark.parametrize(
    ("_case", "field", "value"),
    [
        ("img_tag", "given_name", "<img src=x onerror=alert(1)>Mario"),
        ("closing_bracket", "surname", "Rossi>"),
        ("right_to_left_override", "surname", "Rossi\u202e"),
        ("left_to_right_isolate", "given_name2", "\u2066Maria"),
        ("right_to_left_mark", "surname2", "Bianchi\u200f"),
        ("arabic_letter_mark", "given_name", "\u061cليلى"),
        ("line_break", "given_name", "Mario\nRossi"),
        ("nul", "credentials", "PhD\x00"),
    ],
)
def test_markup_and_control_characters_in_names_are_refused(
    _case: str, field: str, value: str
) -> None:
    data = CustomerData(given_name="Mario", emails=["mario@example.com"])
    setattr(data, field, value)
    with pytest.raises(FieldErrors) as refused:
        customer_create(data=data, actor=Actor.system())
    assert refused.value.errors == {field: NAME_REFUSED}
    assert not Customer.objects.exists()
    assert not CustomerEvent.objects.exists()


def test_joiners_and_accents_are_kept_in_names() -> None:
    # Persian writes some names with a zero-width non-joiner; it is not a direction mark.
    customer = customer_create(
        data=CustomerData(given_name="مهرنوش\u200cسادات", surname="Zoë O’Brien-Núñez"),
        actor=Actor.system(),
    )
    assert (customer.given_name, customer.surname) == ("مهرنوش\u200cسادات", "Zoë O’Brien-Núñez")


def test_an_update_with_markup_changes_nothing() -> None:
    mario = _mario()
    with pytest.raises(FieldErrors) as refused:
        customer_update(
            customer=mario,
            data=CustomerData(given_name="<b>Mario</b>"),
            expected_version=1,
            actor=Actor.system(),
        )
    assert refused.value.errors == {"given_name": NAME_REFUSED}
    mario.refresh_from_db()
    assert (mario.given_name, mario.version) == ("Mario", 1)
    assert list(CustomerEvent.objects.values_list("kind", flat=True)) == ["created"]


def test_a_value_longer_than_its_column_is_refused_not_cut() -> None:
    mario = _mario()
    with pytest.raises(FieldErrors) as refused:
        customer_update(
            customer=mario,
            data=CustomerData(surname="R" * 151, subdivision="IT-ROMA-CAPITALE"),
            expected_version=1,
            actor=Actor.system(),
        )
    assert refused.value.errors == {
        "surname": "This value has 151 characters; at most 150 are allowed.",
        "subdivision": "This value has 16 characters; at most 10 are allowed.",
    }
    mario.refresh_from_db()
    assert (mario.surname, mario.subdivision, mario.version) == ("Rossi", "", 1)


def test_a_customer_nobody_can_address_or_reach_is_refused() -> None:
    # given
    mario = _mario()
    # when: every name and the only address are removed
    with pytest.raises(FieldErrors) as refused:
        customer_update(
            customer=mario,
            data=CustomerData(given_name="", surname="", emails=[], phones=[]),
            expected_version=1,
            actor=Actor.system(),
        )
    # then
    assert refused.value.errors == {"given_name": UNREACHABLE}
    mario.refresh_from_db()
    assert (mario.given_name, mario.version) == ("Mario", 1)
    assert list(mario.emails.values_list("address", flat=True)) == ["mario@example.com"]
    assert list(CustomerEvent.objects.values_list("kind", flat=True)) == ["created"]
    with pytest.raises(FieldErrors) as empty:
        customer_create(data=CustomerData(country="IT"), actor=Actor.system())
    assert empty.value.errors == {"given_name": UNREACHABLE}


@pytest.mark.parametrize(
    ("_case", "data"),
    [
        ("only_an_address", CustomerData(given_name="", surname="")),
        ("only_a_surname", CustomerData(given_name="", emails=[])),
        (
            "only_a_phone",
            CustomerData(given_name="", surname="", emails=[], phones=["+39 06 1234 5678"]),
        ),
    ],
)
def test_one_way_to_address_or_reach_is_enough(_case: str, data: CustomerData) -> None:
    mario = _mario()
    updated = customer_update(customer=mario, data=data, expected_version=1, actor=Actor.system())
    assert updated.version == 2


def test_names_from_a_mail_are_cleaned_not_refused() -> None:
    customer = customer_for_email(
        address="mario@example.com",
        data=CustomerData(given_name="<img src=x onerror=alert(1)>Mario\u202e", surname="R" * 200),
        actor=Actor.system(),
        names_from_mail=True,
    )
    assert (customer.given_name, customer.surname) == ("Mario", "R" * 150)
    assert list(customer.emails.values_list("address", flat=True)) == ["mario@example.com"]


def test_names_typed_on_the_portal_are_refused() -> None:
    with pytest.raises(FieldErrors) as refused:
        customer_for_email(
            address="mario@example.com",
            data=CustomerData(given_name="<img src=x>Mario"),
            actor=Actor.system(),
        )
    assert refused.value.errors == {"given_name": NAME_REFUSED}
    assert not Customer.objects.exists()


def test_a_new_address_costs_a_lookup_three_inserts_and_one_savepoint(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # Inside a transaction (the test's): the lookup, SAVEPOINT, the customer, its address,
    # its timeline entry, RELEASE. No custom-field list and no second lookup.
    with django_assert_num_queries(6):
        customer = customer_for_email(
            address="mario@example.com",
            data=CustomerData(given_name="Mario", surname="Rossi"),
            actor=Actor.system(),
            names_from_mail=True,
        )
    assert list(CustomerEmail.objects.values_list("customer_id", "address", "is_primary")) == [
        (customer.pk, "mario@example.com", True)
    ]
    assert list(CustomerEvent.objects.values_list("customer_id", "kind", "data")) == [
        (customer.pk, CustomerEvent.Kind.CREATED, {"fields": ["given_name", "surname"]})
    ]
    assert Customer.objects.get().search_text == "mario rossi mario@example.com"


def test_a_known_address_costs_one_lookup_and_writes_nothing(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    mario = _mario()
    with django_assert_num_queries(1):
        found = customer_for_email(
            address="mario@example.com", data=CustomerData(given_name="Other"), actor=Actor.system()
        )
    assert found.pk == mario.pk
    assert (Customer.objects.count(), CustomerEvent.objects.count()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_an_address_taken_meanwhile_returns_its_owner_and_keeps_the_callers_work() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes its write lock for the whole transaction when it begins")
    inserted = threading.Event()
    owner: list[Customer] = []

    def other_session() -> None:
        try:
            with transaction.atomic():
                owner.append(_mario())
                inserted.set()
                time.sleep(0.5)  # this session's insert waits on the address until then
        finally:
            connection.close()

    # Given: another session inserted the address and has not committed yet.
    thread = threading.Thread(target=other_session)
    thread.start()
    assert inserted.wait(10)
    # When: this session misses it in the lookup, and its insert waits and then fails.
    with transaction.atomic():
        before = customer_create(
            data=CustomerData(given_name="Laura", emails=["laura@example.com"]),
            actor=Actor.system(),
        )
        found = customer_for_email(
            address="mario@example.com", data=CustomerData(given_name="M"), actor=Actor.system()
        )
        after = customer_create(
            data=CustomerData(given_name="Anna", emails=["anna@example.com"]),
            actor=Actor.system(),
        )
    thread.join()
    # Then: the other session's customer, and no second one; this transaction went on.
    assert found.pk == owner[0].pk
    assert sorted(Customer.objects.values_list("given_name", flat=True)) == [
        "Anna",
        "Laura",
        "Mario",
    ]
    assert sorted(CustomerEvent.objects.values_list("customer_id", flat=True)) == sorted(
        [before.pk, owner[0].pk, after.pk]
    )
