"""Checking and writing a survey's texts, and the texts grid of the settings page.

A text is a key (``texts.text_keys``) with variants per language × register. Written
variants name a key the survey uses, a known language, a register ("" = any) and only the
placeholders the texts know; an empty text removes its variant. The site language is the
chain's last link, so an active survey keeps, for every key, a site-language variant that
every customer reaches: the any-register one, or both the formal and the informal one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from cortesia.culture.local_formats import language_of
from cortesia.customers.validation import ProfileCheck, check_language
from cortesia.feedback.models import Survey, SurveyText
from cortesia.feedback.texts import PLACEHOLDERS, text_keys
from cortesia.localization.fallback import Step, choose

# Anything between double braces is a placeholder, so a misspelt one is refused too.
BRACES = re.compile(r"\{\{\s*(.*?)\s*\}\}")
TEXT_MAX_LENGTH = 5000
REGISTERS = ("formal", "informal", "")


@dataclass(frozen=True)
class TextVariant:
    """One cell of the texts grid: a key in a language and register ("" = any)."""

    key: str
    language: str
    register: str
    text: str


def site_language() -> str:
    return language_of(settings.LANGUAGE_CODE)


def forget_prefetched(survey: Survey) -> None:
    # The services change rows a page may have prefetched; later reads must see them.
    vars(survey).pop("_prefetched_objects_cache", None)


def _cell_name(variant: TextVariant) -> str:
    """Name a row by its key, language and register: "thanks, it, formal"."""
    register = {"formal": _("formal"), "informal": _("informal")}.get(
        variant.register, _("any register")
    )
    return _("%(key)s, %(language)s, %(register)s") % {
        "key": variant.key,
        "language": variant.language,
        "register": register,
    }


def _check_row(
    check: ProfileCheck, index: int, variant: TextVariant, keys: set[str]
) -> tuple[str, str, str] | None:
    row = f"texts.{index}"
    cell = _cell_name(variant)
    if variant.key not in keys:
        check.fail(
            f"{row}.key",
            _("%(cell)s: this survey has no such text.") % {"cell": cell},
        )
    one = ProfileCheck()
    language = check_language(one, variant.language).lower()
    if one.errors or not language:
        check.fail(
            f"{row}.language",
            _("%(cell)s: %(language)s is not a known language code.")
            % {"cell": cell, "language": variant.language},
        )
    if variant.register not in REGISTERS:
        check.fail(
            f"{row}.register",
            _("%(cell)s: use formal, informal or leave the register empty.") % {"cell": cell},
        )
    unknown = sorted(set(BRACES.findall(variant.text)) - PLACEHOLDERS)
    if unknown:
        check.fail(
            f"{row}.text",
            _("%(cell)s: unknown placeholders: %(names)s. Use %(known)s.")
            % {
                "cell": cell,
                "names": ", ".join(unknown),
                "known": ", ".join(sorted(PLACEHOLDERS)),
            },
        )
    if len(variant.text) > TEXT_MAX_LENGTH:
        check.fail(
            f"{row}.text",
            _("%(cell)s: a text has at most %(count)d characters.")
            % {"cell": cell, "count": TEXT_MAX_LENGTH},
        )
    return (variant.key, language, variant.register)


def _checked(survey: Survey, variants: Sequence[TextVariant]) -> list[TextVariant]:
    keys = set(text_keys(survey))
    check = ProfileCheck()
    seen: set[tuple[str, str, str]] = set()
    cleaned = []
    for index, variant in enumerate(variants):
        cell = _check_row(check, index, variant, keys)
        if cell in seen:
            check.fail(
                f"texts.{index}",
                _("%(cell)s: this text, language and register appear twice.")
                % {"cell": _cell_name(variant)},
            )
        if cell is not None:
            seen.add(cell)
            key, language, register = cell
            text = variant.text.strip()
            cleaned.append(TextVariant(key, language, register, text))
    check.raise_if_any()
    return cleaned


def survey_texts_apply(survey: Survey, variants: Sequence[TextVariant]) -> int:
    """Check and write ``variants`` (empty text: remove the variant) inside the caller's
    transaction; return how many rows were added, changed or removed. Raises FieldErrors
    naming the row. The caller checks completeness and writes the audit row."""
    forget_prefetched(survey)
    cleaned = _checked(survey, variants)
    stored = {(row.key, row.language, row.register): row for row in survey.texts.all()}
    removed: list[int] = []
    added: list[SurveyText] = []
    edited: list[SurveyText] = []
    for variant in cleaned:
        row = stored.get((variant.key, variant.language, variant.register))
        if row is None and variant.text:
            added.append(
                SurveyText(
                    survey=survey,
                    key=variant.key,
                    language=variant.language,
                    register=variant.register,
                    text=variant.text,
                )
            )
        elif row is not None and not variant.text:
            removed.append(row.pk)
        elif row is not None and row.text != variant.text:
            row.text = variant.text
            edited.append(row)
    # Three statements whatever the number of rows (a whole grid, or an API client's 2,000).
    SurveyText.objects.filter(pk__in=removed).delete()
    SurveyText.objects.bulk_create(added)
    SurveyText.objects.bulk_update(edited, ["text"])
    changed = len(removed) + len(added) + len(edited)
    forget_prefetched(survey)
    return changed


def site_text_gaps(survey: Survey) -> dict[str, str]:
    """Return ``{"texts.<key>": message}`` for every key without a site-language variant
    every customer reaches (any register, or both formal and informal)."""
    forget_prefetched(survey)
    site = site_language()
    have: dict[str, set[str]] = {}
    for key, language, register in SurveyText.objects.filter(survey=survey).values_list(
        "key", "language", "register"
    ):
        if language_of(language) == site:
            have.setdefault(key, set()).add(register)
    gaps = {}
    for key in text_keys(survey):
        registers = have.get(key, set())
        if "" not in registers and not {"formal", "informal"} <= registers:
            gaps[f"texts.{key}"] = _(
                "The text %(key)s needs a variant in %(language)s, the site language, for "
                "every register (the any-register one, or both formal and informal): "
                "customers without their own variant get it. Write it, or switch the survey "
                "off first; an active survey cannot lack it."
            ) % {"key": key, "language": site}
    return gaps


@dataclass(frozen=True)
class GridCell:
    """One language × register of one key: its stored text, or where the chain goes."""

    key: str
    language: str
    register: str
    text: str  # "" when this variant is not written
    fallback: SurveyText | None  # the variant a customer here gets instead (text == "")
    step: Step | None  # the chain's link that picks it (None: nothing at all)


@dataclass(frozen=True)
class GridRow:
    key: str
    cells: list[GridCell]


def grid_languages(survey: Survey) -> list[str]:
    """The site's languages, then any other language the survey has a text in."""
    site = [code for code, _name in settings.LANGUAGES]
    extra = {row.language for row in survey.texts.all()} - set(site)
    return site + sorted(extra)


def survey_text_grid(survey: Survey, languages: Sequence[str]) -> list[GridRow]:
    """Return the grid: one row per key the survey uses, one cell per language × register
    (formal, informal, any) with the text or the variant the chain falls back to."""
    by_key: dict[str, list[SurveyText]] = {}
    for row in survey.texts.all():
        by_key.setdefault(row.key, []).append(row)
    grid = []
    for key in text_keys(survey):
        rows = by_key.get(key, [])
        stored = {(row.language, row.register): row for row in rows}
        cells = []
        for language in languages:
            for register in REGISTERS:
                own = stored.get((language, register))
                pick = None if own is not None else choose(rows, language, register)
                cells.append(
                    GridCell(
                        key=key,
                        language=language,
                        register=register,
                        text=own.text if own is not None else "",
                        fallback=pick.variant if pick is not None else None,
                        step=pick.step if pick is not None else None,
                    )
                )
        grid.append(GridRow(key, cells))
    return grid
