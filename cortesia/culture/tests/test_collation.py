from __future__ import annotations

import pytest

from cortesia.culture.collation import collated, collation_key


@pytest.mark.parametrize(
    ("_case", "language", "expected"),
    [
        (
            "fi_a_ring_and_umlauts_after_z",
            "fi",
            ["Ahonen", "Vainio", "Wahl", "Ziegler", "Åke", "Ärjä", "Öhman"],
        ),
        (
            "en_umlauts_beside_their_letters",
            "en",
            ["Ahonen", "Åke", "Ärjä", "Öhman", "Vainio", "Wahl", "Ziegler"],
        ),
        (
            "ro_breve_circumflex_and_comma_letters",
            "ro-RO",
            ["abac", "ăla", "iarna", "înger", "sac", "șase", "tabel", "țară"],
        ),
        ("es_enye_after_n", "es", ["nube", "nulo", "ñandú", "oro"]),
        ("tr_dotless_i_before_i", "tr", ["cam", "çay", "ılık", "ilk"]),
    ],
)
def test_words_sort_as_the_language_orders_its_alphabet(
    _case: str, language: str, expected: list[str]
) -> None:
    assert collated(list(reversed(expected)), language) == expected
    assert collated(sorted(expected), language) == expected


def test_accents_then_case_break_ties() -> None:
    assert collated(["résumé", "Resume", "resume", "résume"], "en") == [
        "resume",
        "Resume",
        "résume",
        "résumé",
    ]


def test_the_readers_script_comes_first() -> None:
    names = ["Zimbabwe", "България", "Австрия", "Albania"]
    assert collated(names, "bg") == ["Австрия", "България", "Albania", "Zimbabwe"]
    assert collated(names, "en") == ["Albania", "Zimbabwe", "Австрия", "България"]


def test_arabic_hamza_forms_sort_with_alef_and_vowel_marks_are_secondary() -> None:
    assert collated(["بلجيكا", "إيطاليا", "ألمانيا", "اليمن"], "ar") == [
        "ألمانيا",
        "اليمن",
        "إيطاليا",
        "بلجيكا",
    ]
    assert collation_key("مُحَمَّد", "ar")[0] == collation_key("محمد", "ar")[0]


def test_punctuation_and_digits_sort_before_letters() -> None:
    assert collated(["b", "2", "a", " x"], "en") == [" x", "2", "a", "b"]
