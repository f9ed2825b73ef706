from __future__ import annotations

import pytest

from cortesia.lib.text import normalize_for_search


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
