"""What the 360° page shows about a customer's side of the world, for the staff member."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from cortesia.culture.address_forms import AddressForms, Register
from cortesia.culture.promises import cultural_brief
from cortesia.culture.public_holidays import PublicHoliday
from cortesia.customers.addressing import customer_address_as, customer_register
from cortesia.customers.models import Customer


@dataclass(frozen=True)
class CustomerCard:
    address_as: AddressForms | None
    register: Register
    local_time_text: str | None  # None: the customer's zone or country is unknown
    is_business_hours: bool | None
    next_business_day: date | None
    upcoming_holidays: list[PublicHoliday]


def customer_card(
    customer: Customer,
    *,
    staff_language: str,
    now: datetime,
    business: Mapping[str, Register],
) -> CustomerCard:
    """Return the card: how to address them and their local time, hours and holidays.

    Times and holiday names are in the staff member's language; the clock is theirs.
    """
    register = customer_register(customer, business)
    forms = customer_address_as(customer, business)
    if not (customer.time_zone and customer.country):
        return CustomerCard(forms, register, None, None, None, [])
    try:
        brief = cultural_brief(
            customer.time_zone, customer.country, staff_language, now, customer.subdivision or None
        )
    except ValueError:  # a subdivision or country without holiday data
        brief = cultural_brief(customer.time_zone, customer.country, staff_language, now)
    return CustomerCard(
        forms,
        register,
        brief.local_time_text,
        brief.is_business_hours,
        brief.next_business_day,
        brief.upcoming_holidays,
    )
