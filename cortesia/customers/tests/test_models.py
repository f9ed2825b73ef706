from __future__ import annotations

import pytest

from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "data", "expected"),
    [
        ("ko_hangul", CustomerData(given_name="민준", surname="김", language="ko"), "김민준"),
        ("ja_kanji", CustomerData(given_name="太郎", surname="山田", language="ja"), "山田太郎"),
        (
            "vi_family_middle_given",
            CustomerData(given_name="An", given_name2="Văn", surname="Nguyễn", language="vi"),
            "Nguyễn Văn An",
        ),
        (
            "it_second_given_name",
            CustomerData(given_name="Giulia", given_name2="Maria", surname="Rossi", language="it"),
            "Giulia Maria Rossi",
        ),
        ("no_language", CustomerData(given_name="Ana", surname="Pop"), "Ana Pop"),
    ],
)
def test_a_customer_is_named_as_their_language_writes_names(
    _case: str, data: CustomerData, expected: str
) -> None:
    assert str(customer_create(data=data, actor=Actor.system())) == expected


def test_a_customer_without_a_name_is_named_by_public_id() -> None:
    customer = customer_create(data=CustomerData(emails=["x@example.com"]), actor=Actor.system())
    assert str(customer) == str(customer.uid)
