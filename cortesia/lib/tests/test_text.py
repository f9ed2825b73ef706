from __future__ import annotations

import pytest

from cortesia.lib.text import normalize_for_search, without_direction_controls, without_nul


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rossì", "rossi"),
        ("ROSSI", "rossi"),
        ("Ştefan Ţiriac", "stefan tiriac"),  # cedilla forms
        ("Ștefan Țiriac", "stefan tiriac"),  # comma-below forms
        ("Müller  Straße", "muller strasse"),
        ("مُحَمَّد", "محمد"),
        ("أحمد إبراهيم", "احمد ابراهيم"),
        ("فاطمة", "فاطمه"),
        ("ИВАНОВ", "иванов"),
    ],
)
def test_normalize_for_search(text: str, expected: str) -> None:
    assert normalize_for_search(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Invoice \u202efdp.exe", "Invoice fdp.exe"),
        ("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cok", "ok"),
        ("طلب رقم ١٢٣ — Rossì", "طلب رقم ١٢٣ — Rossì"),  # letters of any script stay
        ("a\u200db", "a\u200db"),  # a zero-width joiner shapes emoji and scripts: kept
    ],
)
def test_without_direction_controls(text: str, expected: str) -> None:
    assert without_direction_controls(text) == expected


def test_without_nul() -> None:
    assert without_nul("Ordine\x00 42\x00") == "Ordine 42"
