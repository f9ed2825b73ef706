"""Reads of the business's localization choices."""

from __future__ import annotations

from django.conf import settings

from cortesia.culture.address_forms import Register
from cortesia.culture.local_formats import language_of
from cortesia.localization.models import RegisterDefault


def business_register_defaults() -> dict[str, Register]:
    """Return the business's register per language (only languages it has overridden)."""
    return {
        language: Register(register)
        for language, register in RegisterDefault.objects.values_list("language", "register")
    }


def interface_languages() -> list[str]:
    """Return the codes of the languages the product's catalogues speak, in settings order."""
    return [code for code, _name in settings.LANGUAGES]


def spoken_base(*candidates: str | None) -> str | None:
    """Return the base language of the first candidate the product speaks, else None.

    ``spoken_base(customer.language, page_language)`` picks the customer's language when
    there is a catalogue for it, else the page's; an empty candidate is skipped.
    """
    spoken = set(interface_languages())
    for candidate in candidates:
        base = language_of(candidate or "")
        if base in spoken:
            return base
    return None
