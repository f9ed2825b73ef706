"""Forms of the canned-response settings pages: the name and the variants grid, and the
customer search of the preview.

The grid has one optional text per language × register: the site's languages, and any
other language a response already has a variant in (so saving never drops it). The
service checks the texts; its field errors (``variants.3.body``) come back here on the
textarea they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cortesia.core.errors import DomainError, FieldErrors
from cortesia.core.refusals import refusal_on_form
from cortesia.tickets.canned import VariantData
from cortesia.tickets.models import CannedResponse, CannedVariant

# The columns of the grid: the stored register and the key used in field names.
REGISTERS: tuple[tuple[str, str], ...] = (
    ("formal", "formal"),
    ("informal", "informal"),
    ("", "any"),
)
VARIANT_MAX_LENGTH = 20_000


def variant_field_name(language: str, register: str) -> str:
    column = dict(REGISTERS)[register]
    return f"variant_{language.replace('-', '_')}_{column}"


@dataclass(frozen=True)
class LanguageRow:
    """One language of the grid and its bound textareas, formal → informal → any."""

    language: str
    fields: list[forms.BoundField]


class CannedForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=200)

    def __init__(self, *args: Any, response: CannedResponse | None = None, **kwargs: Any) -> None:
        stored = (
            {(v.language, v.register): v.body for v in response.variants.all()} if response else {}
        )
        site = [code for code, _name in settings.LANGUAGES]
        self.languages = site + sorted({language for language, _r in stored} - set(site))
        initial = dict(kwargs.pop("initial", None) or {})
        if response is not None:
            initial.setdefault("name", response.name)
        labels = dict(CannedVariant.Register.choices)
        for language in self.languages:
            for register, _column in REGISTERS:
                if (language, register) in stored:
                    initial[variant_field_name(language, register)] = stored[(language, register)]
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        for language in self.languages:
            for register, _column in REGISTERS:
                self.fields[variant_field_name(language, register)] = forms.CharField(
                    label=labels[register],
                    required=False,
                    max_length=VARIANT_MAX_LENGTH,
                    strip=False,
                    widget=forms.Textarea(attrs={"rows": 5, "dir": "auto", "lang": language}),
                )

    def rows(self) -> list[LanguageRow]:
        return [
            LanguageRow(
                language,
                [self[variant_field_name(language, register)] for register, _c in REGISTERS],
            )
            for language in self.languages
        ]

    def _filled(self) -> list[tuple[str, VariantData]]:
        filled = []
        for language in self.languages:
            for register, _column in REGISTERS:
                name = variant_field_name(language, register)
                body = self.cleaned_data.get(name) or ""
                if body.strip():
                    filled.append((name, VariantData(language, body, register)))
        return filled

    def variants(self) -> list[VariantData]:
        """The filled-in texts, in the grid's order (the order of the service's indexes)."""
        return [variant for _name, variant in self._filled()]

    def refuse(self, error: DomainError) -> int:
        """Put the service's refusal on the textarea it concerns; return the status."""
        if not isinstance(error, FieldErrors):
            return refusal_on_form(self, error)
        names = [name for name, _variant in self._filled()]
        for key, text in error.errors.items():
            parts = key.split(".")
            target: str | None = key if key in self.fields else None
            if parts[0] == "variants" and len(parts) > 1 and parts[1].isdigit():
                index = int(parts[1])
                target = names[index] if index < len(names) else None
            self.add_error(target, text)
        return error.status


class PreviewForm(forms.Form):
    """The customer search of the preview: a query, then one of the customers found."""

    q = forms.CharField(label=_("Find a customer"), required=False, max_length=200)
    customer = forms.UUIDField(required=False, widget=forms.HiddenInput)
