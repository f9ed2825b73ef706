"""Reads of the business's localization choices."""

from __future__ import annotations

from cortesia.culture.address_forms import Register
from cortesia.localization.models import RegisterDefault


def business_register_defaults() -> dict[str, Register]:
    """Return the business's register per language (only languages it has overridden)."""
    return {
        language: Register(register)
        for language, register in RegisterDefault.objects.values_list("language", "register")
    }
