"""The customer-service lexicon: customers' words read as the articles' words, in the
index and in the query alike, phrases matched across stop words."""

from __future__ import annotations

import pytest

from cortesia.culture.search_synonyms import SYNONYMS
from cortesia.culture.search_terms import LANGUAGES, Token, lexicon, terms, tokens


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "I want my money back for the package", ["refund", "parcel"]),
        ("en", "please close my account", ["delet", "account"]),
        ("en", "do you fit snow tires", ["fit", "tyre"]),
        (
            "it",
            "rivoglio i soldi indietro, il pacchetto era rotto",
            ["rivogl", "rimbors", "pacc", "dannegg"],
        ),
        ("it", "posso pagare in contanti alla consegna?", ["pag", "contrassegn"]),
        ("fi", "rahat takaisin, paketti oli rikki", ["hyvit", "pake", "vauri"]),
        ("bg", "искам парите обратно, колетът е счупен", ["възстановяван", "пратк", "повредн"]),
        ("ro", "vreau banii inapoi, pachetul e spart", ["inapo", "colet", "deterior"]),
        ("ro", "cum inchid contul", ["sterg", "cont"]),
        ("ar", "ابي فلوسي، البضاعة وصلت مكسورة", ["مبلغ", "طرد", "وصل", "تالف"]),
        ("ar", "تقبلون فيزا وماستركارد؟", ["تقبل", "visa", "mastercard"]),
    ],
)
def test_customers_words_read_as_the_articles_words(
    language: str, text: str, expected: list[str]
) -> None:
    assert terms(text, language) == expected


def test_the_articles_word_keeps_its_own_term() -> None:
    assert terms("refund parcel", "en") == ["refund", "parcel"]
    assert terms("rimborso pacco", "it") == ["rimbors", "pacc"]


def test_a_phrase_puts_its_term_on_its_first_word_and_keeps_every_place() -> None:
    assert tokens("send it back", "en") == [
        Token(0, 4, "return"),
        Token(5, 7, ""),
        Token(8, 12, ""),
    ]


def test_a_phrase_needs_its_words_in_a_row() -> None:
    assert terms("money for the parcel came back", "en") == ["money", "parcel", "came", "back"]


def test_every_language_has_a_moderate_lexicon() -> None:
    assert set(SYNONYMS) == set(LANGUAGES)
    for language, rows in SYNONYMS.items():
        variants = sum(len(row) for row in rows.values())
        assert 15 <= len(rows) <= 40, language
        assert variants <= 120, language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_variant_reads_as_terms_and_stands_in_one_row(language: str) -> None:
    table = lexicon(language)
    written = [variant for row in SYNONYMS[language].values() for variant in row]
    assert len(written) == len(set(written))
    assert len(table) >= len(SYNONYMS[language])
    canonical_terms = {term for canonical in table.values() for term in canonical}
    for key, canonical in table.items():
        assert key
        assert canonical
        assert len(canonical) <= len(key)
        assert key not in {(term,) for term in canonical_terms}, (language, key)
