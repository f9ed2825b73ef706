from __future__ import annotations

import pytest

from cortesia.core.actor import Actor
from cortesia.culture.address_forms import AddressForms
from cortesia.customers.addressing import customer_address_as
from cortesia.customers.services import CustomerData, customer_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "data", "expected"),
    [
        (
            "ko_hangul_name_in_the_english_fallback",
            CustomerData(given_name="민준", surname="김", language="ko"),
            AddressForms("Dear 김민준,", "Kind regards,", "김민준"),
        ),
        (
            "vi_middle_name_and_title_by_given_name",
            CustomerData(given_name="An", given_name2="Văn", surname="Nguyễn", language="vi"),
            AddressForms("Dear Nguyễn Văn An,", "Kind regards,", "Nguyễn Văn An"),
        ),
        (
            "vi_titled",
            CustomerData(given_name="An", surname="Nguyễn", title="mr", language="vi"),
            AddressForms("Dear Mr An,", "Kind regards,", "Mr An"),
        ),
    ],
)
def test_greeting_keeps_the_order_of_the_customers_names(
    _case: str, data: CustomerData, expected: AddressForms
) -> None:
    customer = customer_create(data=data, actor=Actor.system())
    assert customer_address_as(customer, {}) == expected
