"""CSV cells that spreadsheets will not run as formulas (no formula injection in exports)."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralize_cell(value: object) -> str:
    """Return ``value`` as text, prefixed with ``'`` when it starts like a formula.

    ``'=1+1`` shows as the text "=1+1" in Excel and LibreOffice; reading the file back,
    dropping one leading quote from prefixed cells restores the original value.
    """
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
