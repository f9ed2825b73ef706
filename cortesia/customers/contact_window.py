"""When a customer may be written to unprompted: the first instant, at or after a given
one, inside their local contact hours on a working day of their country.

The hours are the customer's own (``Customer.contact_hours``) or the business's
(``ContactPolicy``, 09:00–19:00 by default). Weekends are the country's (CLDR: Friday and
Saturday in Saudi Arabia) and the country's and subdivision's public holidays are skipped
(``culture.local_windows``). The zone is the first of: the zone on the customer's profile,
the country's when it has exactly one, the zone of their phone number's region, the
business default; the answer says which (``zone_source``). Surveys use it today;
campaigns and proactive messages will.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from django.conf import settings

from cortesia.culture.countries import country_profile
from cortesia.culture.local_windows import next_local_window
from cortesia.customers.models import ContactPolicy, Customer, CustomerPhone
from cortesia.customers.validation import contact_hours_parse


class ZoneSource(StrEnum):
    CUSTOMER = "customer"
    COUNTRY = "country"
    PHONE = "phone"
    DEFAULT = "default"


@dataclass(frozen=True)
class Placement:
    """Where the customer lives for timing purposes."""

    time_zone: str
    zone_source: ZoneSource
    country: str  # whose weekends and holidays apply ("" for none known)
    subdivision: str
    hours: tuple[time, time]


@dataclass(frozen=True)
class ContactWindow:
    at: datetime  # UTC
    time_zone: str
    zone_source: ZoneSource
    hours: tuple[time, time]


def contact_policy() -> ContactPolicy:
    """The business's contact window (created with its defaults on first use)."""
    policy = ContactPolicy.objects.order_by("pk").first()
    return policy if policy is not None else ContactPolicy.objects.create()


@functools.lru_cache(maxsize=512)
def _single_zone(country: str) -> str:
    """The country's only time zone ("" when it has several or none is known); cached,
    as CLDR's data does not change while the process runs."""
    if not country:
        return ""
    zones = country_profile(country).time_zones
    return zones[0] if len(zones) == 1 else ""


def placement(
    customer: Customer, policy: ContactPolicy, phones: list[CustomerPhone] | None = None
) -> Placement:
    """Return the customer's zone (and where it came from), country and hours. ``phones``
    are the customer's phone rows when the caller has them (else read here)."""
    if phones is None:  # the prefetched phones when the caller has them
        phones = sorted(customer.phones.all(), key=lambda phone: (not phone.is_primary, phone.pk))
    phone_region = next((phone.region for phone in phones if phone.region), "")
    country = (customer.country or phone_region or policy.default_country).upper()
    hours = contact_hours_parse(customer.contact_hours) or (policy.window_start, policy.window_end)
    subdivision = customer.subdivision if customer.country else ""
    if customer.time_zone:
        return Placement(customer.time_zone, ZoneSource.CUSTOMER, country, subdivision, hours)
    if zone := _single_zone(customer.country.upper()):
        return Placement(zone, ZoneSource.COUNTRY, country, subdivision, hours)
    phone_zone = next((phone.time_zone for phone in phones if phone.time_zone), "")
    if phone_zone or (phone_zone := _single_zone(phone_region)):
        return Placement(phone_zone, ZoneSource.PHONE, country, subdivision, hours)
    zone = policy.default_time_zone or settings.TIME_ZONE
    return Placement(zone, ZoneSource.DEFAULT, country, subdivision, hours)


def next_contact_instant(where: Placement, after: datetime) -> datetime:
    """The first instant at or after ``after`` inside ``where``'s window (UTC)."""
    return next_local_window(
        where.time_zone, where.country, after, where.hours, where.subdivision or None
    )


def contact_window_next(
    *, customer: Customer, after: datetime, policy: ContactPolicy | None = None
) -> ContactWindow:
    """Return the first instant at or after ``after`` the customer may be written to."""
    where = placement(customer, policy or contact_policy())
    return ContactWindow(
        at=next_contact_instant(where, after),
        time_zone=where.time_zone,
        zone_source=where.zone_source,
        hours=where.hours,
    )
