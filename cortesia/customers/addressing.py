"""How to address a customer, from their profile and the business's defaults."""

from __future__ import annotations

from collections.abc import Mapping

from cortesia.culture.address_forms import (
    AddressForms,
    Register,
    UnsupportedLanguage,
    address_forms,
    resolve_register,
)
from cortesia.culture.names import PersonName, Title
from cortesia.customers.models import Customer

FALLBACK_LANGUAGE = "en"


def customer_register(customer: Customer, business: Mapping[str, Register]) -> Register:
    """Return the register for the customer: their preference, else the defaults."""
    preference = (
        None
        if customer.register_preference == Customer.RegisterPreference.AUTO
        else Register(customer.register_preference)
    )
    return resolve_register(
        customer.language or FALLBACK_LANGUAGE, customer=preference, business=business
    )


def customer_address_as(
    customer: Customer, business: Mapping[str, Register], language: str | None = None
) -> AddressForms | None:
    """Return greeting, closing and name for the customer in their language.

    ``language`` overrides the customer's (a text that falls back to another language
    must greet in that language too). None when the customer has no name yet. A language
    without address forms falls back to English forms of the same name (the fallback is
    explicit, never silent elsewhere).
    """
    if not (customer.given_name or customer.surname):
        return None
    name = PersonName(
        customer.given_name,
        customer.given_name2,
        customer.surname,
        customer.surname2,
        Title(customer.title) if customer.title else None,
    )
    register = customer_register(customer, business)
    origin = customer.language or None  # the name is written as their language writes names
    try:
        return address_forms(
            name, language or customer.language or FALLBACK_LANGUAGE, register, name_language=origin
        )
    except UnsupportedLanguage:
        return address_forms(name, FALLBACK_LANGUAGE, register, name_language=origin)
