"""The contact window: the first instant a customer may be written to unprompted, in
their local hours, on a working day of their country, skipping its public holidays."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.customers.contact_window import (
    ZoneSource,
    _single_zone,
    contact_window_next,
    next_contact_instant,
    placement,
)
from cortesia.customers.models import ContactPolicy, Customer, CustomerPhone
from cortesia.customers.services import CustomerData, customer_create, customer_update
from cortesia.testing.fixtures import bearer

POLICY = ContactPolicy(window_start=time(9, 0), window_end=time(19, 0))


def _local(zone: str, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("country", "zone", "after", "expected"),
    [
        pytest.param(
            "SA",
            "Asia/Riyadh",
            _local("Asia/Riyadh", 2027, 1, 7, 20, 0),  # Thursday evening
            datetime(2027, 1, 10, 6, 0, tzinfo=UTC),  # Sunday 09:00 (Friday–Saturday weekend)
            id="riyadh-thursday-evening-to-sunday-morning",
        ),
        pytest.param(
            "FI",
            "Europe/Helsinki",
            _local("Europe/Helsinki", 2027, 6, 25, 10, 0),  # Midsummer Eve, a Friday
            datetime(2027, 6, 28, 6, 0, tzinfo=UTC),  # Monday 09:00 EEST
            id="helsinki-midsummer-eve-to-monday",
        ),
        pytest.param(
            "IT",
            "Europe/Rome",
            _local("Europe/Rome", 2026, 12, 8, 10, 0),  # Immacolata, a Tuesday
            datetime(2026, 12, 9, 8, 0, tzinfo=UTC),  # Wednesday 09:00 CET
            id="rome-8-december-to-the-9th",
        ),
        pytest.param(
            "US",
            "America/New_York",
            _local("America/New_York", 2026, 10, 30, 19, 30),  # Friday, still EDT (−4)
            datetime(2026, 11, 2, 14, 0, tzinfo=UTC),  # Monday 09:00 EST (−5)
            id="new-york-across-the-november-dst-change",
        ),
        pytest.param(
            "IT",
            "Europe/Rome",
            _local("Europe/Rome", 2026, 12, 9, 12, 15),
            datetime(2026, 12, 9, 11, 15, tzinfo=UTC),  # inside the window: at once
            id="rome-inside-the-window-is-now",
        ),
        pytest.param(
            "IT",
            "Europe/Rome",
            _local("Europe/Rome", 2026, 12, 9, 19, 0),  # the window's end is excluded
            datetime(2026, 12, 10, 8, 0, tzinfo=UTC),
            id="rome-at-19-00-waits-for-the-next-morning",
        ),
    ],
)
def test_the_next_contact_instant(
    country: str, zone: str, after: datetime, expected: datetime
) -> None:
    customer = Customer(country=country, time_zone=zone)
    where = placement(customer, POLICY, phones=[])
    assert next_contact_instant(where, after) == expected


def test_the_customers_own_hours_replace_the_business_window() -> None:
    customer = Customer(country="IT", time_zone="Europe/Rome", contact_hours="10:30-20:00")
    where = placement(customer, POLICY, phones=[])
    assert where.hours == (time(10, 30), time(20, 0))
    # Wednesday 9 December 2026, 09:30 in Rome: the customer's day starts at 10:30
    assert next_contact_instant(where, _local("Europe/Rome", 2026, 12, 9, 9, 30)) == datetime(
        2026, 12, 9, 9, 30, tzinfo=UTC
    )
    # 19:30 is still theirs
    moment = _local("Europe/Rome", 2026, 12, 9, 19, 30)
    assert next_contact_instant(where, moment) == moment.astimezone(UTC)


def test_a_subdivision_holiday_counts() -> None:
    # Monday 2 November 2026 is a holiday in Madrid (All Saints' Day moved from the
    # Sunday); Catalonia works that day.
    madrid = placement(
        Customer(country="ES", subdivision="MD", time_zone="Europe/Madrid"), POLICY, phones=[]
    )
    catalonia = placement(
        Customer(country="ES", subdivision="CT", time_zone="Europe/Madrid"), POLICY, phones=[]
    )
    after = _local("Europe/Madrid", 2026, 11, 2, 10, 0)
    assert next_contact_instant(madrid, after) == datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
    assert next_contact_instant(catalonia, after) == datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("customer", "phones", "zone", "source", "country"),
    [
        pytest.param(
            Customer(country="IT", time_zone="Europe/Rome"),
            [],
            "Europe/Rome",
            ZoneSource.CUSTOMER,
            "IT",
            id="the-profile-zone",
        ),
        pytest.param(
            Customer(country="FI"),
            [],
            "Europe/Helsinki",
            ZoneSource.COUNTRY,
            "FI",
            id="a-country-with-one-zone",
        ),
        pytest.param(
            Customer(country="US"),
            [CustomerPhone(e164="+13125550100", region="US", time_zone="America/Chicago")],
            "America/Chicago",
            ZoneSource.PHONE,
            "US",
            id="a-country-with-many-zones-and-a-phone-that-names-one",
        ),
        pytest.param(
            Customer(),
            [CustomerPhone(e164="+359888123456", region="BG", time_zone="")],
            "Europe/Sofia",
            ZoneSource.PHONE,
            "BG",
            id="no-country-but-the-phone-region-has-one-zone",
        ),
        pytest.param(
            Customer(country="US"),
            [],
            "Europe/Rome",
            ZoneSource.DEFAULT,
            "US",
            id="many-zones-and-nothing-else-takes-the-business-default",
        ),
    ],
)
def test_where_the_zone_comes_from(
    customer: Customer, phones: list[CustomerPhone], zone: str, source: ZoneSource, country: str
) -> None:
    policy = ContactPolicy(default_time_zone="Europe/Rome")
    where = placement(customer, policy, phones=phones)
    assert (where.time_zone, where.zone_source, where.country) == (zone, source, country)


def test_a_countrys_only_zone_is_looked_up_once() -> None:
    _single_zone.cache_clear()
    found = [_single_zone(code) for code in ("FI", "US", "", "FI", "US")]
    assert found == ["Europe/Helsinki", "", "", "Europe/Helsinki", ""]
    info = _single_zone.cache_info()
    assert (info.hits, info.misses) == (2, 3)


def test_without_any_country_the_weekend_is_saturday_and_sunday() -> None:
    where = placement(Customer(), ContactPolicy(default_time_zone="UTC"), phones=[])
    assert (where.zone_source, where.country) == (ZoneSource.DEFAULT, "")
    saturday = datetime(2026, 12, 12, 10, 0, tzinfo=UTC)
    assert next_contact_instant(where, saturday) == datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_business_window_is_a_setting() -> None:
    ContactPolicy.objects.create(window_start=time(8, 0), window_end=time(12, 0))
    customer = customer_create(
        data=CustomerData(given_name="Aino", country="FI", emails=["aino@example.fi"]),
        actor=Actor.system(),
    )
    window = contact_window_next(
        customer=customer, after=_local("Europe/Helsinki", 2026, 12, 9, 13, 0)
    )
    assert window.at == datetime(2026, 12, 10, 6, 0, tzinfo=UTC)
    assert (window.time_zone, window.zone_source) == ("Europe/Helsinki", ZoneSource.CUSTOMER)


@pytest.mark.django_db
def test_contact_hours_are_checked_and_normalised() -> None:
    from cortesia.core.errors import FieldErrors

    customer = customer_create(
        data=CustomerData(given_name="Giulia", country="IT", contact_hours=" 10:00 – 20:00 "),
        actor=Actor.system(),
    )
    assert customer.contact_hours == "10:00-20:00"
    for wrong in ("20:00-10:00", "9-17", "10:00-25:00", "10:00"):
        with pytest.raises(FieldErrors) as refused:
            customer_update(
                customer=customer,
                data=CustomerData(contact_hours=wrong),
                expected_version=None,
                actor=Actor.system(),
            )
        assert list(refused.value.errors) == ["contact_hours"]
    customer.refresh_from_db()
    assert customer.contact_hours == "10:00-20:00"


@pytest.mark.django_db
def test_the_api_says_when_and_which_zone(admin_user: User, admin_write_token: str) -> None:
    customer = customer_create(
        data=CustomerData(given_name="Layla", country="SA", emails=["layla@example.sa"]),
        actor=Actor.system(),
    )
    answer = Client().get(
        f"/api/v1/customers/{customer.uid}/contact-window",
        {"after": "2027-01-07T20:00:00+03:00"},
        headers=bearer(admin_write_token),
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "at": "2027-01-10T06:00:00Z",
        "time_zone": "Asia/Riyadh",
        "zone_source": "customer",
        "window_start": "09:00",
        "window_end": "19:00",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("after", "field"),
    [("2027-01-07T20:00:00", "after"), ("yesterday", "after"), ("1234", "after")],
)
def test_the_api_refuses_an_instant_without_offset_or_not_an_instant(
    admin_user: User, admin_write_token: str, after: str, field: str
) -> None:
    customer = customer_create(data=CustomerData(given_name="Layla"), actor=Actor.system())
    answer = Client().get(
        f"/api/v1/customers/{customer.uid}/contact-window",
        {"after": after},
        headers=bearer(admin_write_token),
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "validation_error"
    assert field in str(answer.json())


@pytest.mark.django_db
def test_an_unknown_customer_is_404(admin_user: User, admin_write_token: str) -> None:
    answer = Client().get(
        "/api/v1/customers/00000000-0000-4000-8000-000000000000/contact-window",
        headers=bearer(admin_write_token),
    )
    assert answer.status_code == 404
