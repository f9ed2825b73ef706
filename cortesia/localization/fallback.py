"""The one fallback chain every customer-facing text with language × register variants
follows (canned responses, survey texts, later campaigns and the answer bot).

From the first link to the last: the customer's language tag and register → the base
language ("pt" for "pt-br") in that register → the customer's language, any register →
the base language, any register → the site language in the customer's register → the
site language, any register. "Any register" is the variant stored with register "".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from django.conf import settings

from cortesia.culture.local_formats import language_of


class Step(StrEnum):
    """Which link of the fallback chain picked the variant, first to last."""

    EXACT = "exact"  # the customer's language tag and register
    BASE_REGISTER = "base_register"  # the base language ("pt" for "pt-br"), same register
    LANGUAGE_DEFAULT = "language_default"  # the customer's language, any register
    BASE_DEFAULT = "base_default"  # the base language, any register
    SITE_REGISTER = "site_register"  # the site language, the customer's register
    SITE_DEFAULT = "site_default"  # the site language, any register


class Variant(Protocol):
    @property
    def language(self) -> str: ...

    @property
    def register(self) -> str: ...


V = TypeVar("V", bound=Variant)


@dataclass(frozen=True)
class Chosen(Generic[V]):
    variant: V
    step: Step


def fallback_chain(language: str, register: str) -> list[tuple[Step, tuple[str, str]]]:
    """The (language, register) keys to try for ``language`` and ``register``, in order."""
    base = language_of(language)
    site = language_of(settings.LANGUAGE_CODE)
    return [
        (Step.EXACT, (language, register)),
        (Step.BASE_REGISTER, (base, register)),
        (Step.LANGUAGE_DEFAULT, (language, "")),
        (Step.BASE_DEFAULT, (base, "")),
        (Step.SITE_REGISTER, (site, register)),
        (Step.SITE_DEFAULT, (site, "")),
    ]


def choose(variants: Iterable[V], language: str, register: str) -> Chosen[V] | None:
    """Return the variant the chain picks and the link that picked it; None when there is
    none in the customer's language nor in the site's."""
    by_key = {(variant.language, variant.register): variant for variant in variants}
    for step, key in fallback_chain(language.lower(), register):
        if key in by_key:
            return Chosen(by_key[key], step)
    return None
