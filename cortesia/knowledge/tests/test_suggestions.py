"""Suggestions as a customer types: published public articles in their language, the
last unfinished word read as a beginning, nothing under three characters."""

from __future__ import annotations

import pytest

from cortesia.knowledge.selectors import STAFF_SCOPES
from cortesia.knowledge.suggestions import article_suggestions, last_word_prefix
from cortesia.knowledge.tests.corpus import Corpus, corpus_build

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def corpus(db: None) -> Corpus:
    return corpus_build()


def titles(typed: str, language: str, scopes: tuple[str, ...] | None = None) -> list[str]:
    found = (
        article_suggestions(typed=typed, language=language, scopes=scopes)
        if scopes is not None
        else article_suggestions(typed=typed, language=language)
    )
    return [suggestion.translation.title for suggestion in found]


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("restituire", "it", ["Come restituire un articolo"]),
        ("return an item", "en", ["How to return an item"]),
        ("Il pacco: spedizione ", "it", ["Spedizione e tempi di consegna"]),
        ("consegna ", "it", ["Spedizione e tempi di consegna"]),
        ("giorni ", "it", ["Come restituire un articolo", "Spedizione e tempi di consegna"]),
        ("shipping ", "en", ["Shipping and delivery times"]),
        # a word of another language's article finds nothing here
        ("restituire ", "en", []),
        ("return ", "it", []),
    ],
    ids=["it-title", "en", "it-words", "it-body", "it-two", "en-title", "en-none", "it-none"],
)
def test_suggestions_are_the_articles_of_the_customers_language(
    corpus: Corpus, typed: str, language: str, expected: list[str]
) -> None:
    assert titles(typed, language) == expected


def test_a_word_being_typed_is_read_as_a_beginning(corpus: Corpus) -> None:
    # "pagam" is no word of the index: its beginning finds "pagamento" of a title
    assert titles("pagam", "it") == ["Pagamento con carta"]
    # the same text with a space after it is a finished word that matches nothing
    assert titles("pagam ", "it") == []
    # among the articles found by the finished words, those holding the beginning first
    assert titles("giorni spe", "it") == [
        "Spedizione e tempi di consegna",
        "Come restituire un articolo",
    ]
    assert titles("giorni ", "it") == [
        "Come restituire un articolo",
        "Spedizione e tempi di consegna",
    ]
    # then articles whose title begins so, after those the finished words found
    assert titles("reso spediz", "it") == [
        "Come restituire un articolo",
        "Spedizione e tempi di consegna",
    ]


def test_under_three_characters_there_are_no_suggestions(corpus: Corpus) -> None:
    assert titles("sp", "it") == []
    assert titles("  ab  ", "it") == []
    assert titles("spe", "it") == ["Spedizione e tempi di consegna"]


def test_customers_see_no_staff_only_article_nor_draft(corpus: Corpus) -> None:
    assert titles("rimborso oltre 200 euro", "it") == []
    assert titles("rimborso oltre 200 euro", "it", STAFF_SCOPES) == ["Rimborsi oltre 200 euro"]
    assert titles("confezione regalo", "it") == []  # a draft
    assert titles("gift wrapping", "en") == ["Gift wrapping"]
    assert titles("gift wrapping", "xx") == []  # no help centre in that language


def test_suggestions_take_a_few_reads(corpus: Corpus, django_assert_num_queries: object) -> None:
    with django_assert_num_queries(4):  # type: ignore[operator]
        article_suggestions(typed="spedizione ", language="it")
    with django_assert_num_queries(6):  # type: ignore[operator]
        article_suggestions(typed="reso spediz", language="it")
    with django_assert_num_queries(0):  # type: ignore[operator]
        article_suggestions(typed="sp", language="it")


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("Come resti", "it", "resti"),
        ("Come resti ", "it", ""),
        ("Pacco?", "it", ""),
        ("il pa", "it", ""),
        ("Città", "it", "citta"),
        ("salasanan", "fi", "salas"),
        ("الشحنة", "ar", "شحنة"),
        ("Поръчка", "bg", "поръчка"),
    ],
    ids=["it", "finished", "punctuation", "short", "folded", "fi-cut", "ar-article", "bg"],
)
def test_the_beginning_of_the_last_word(typed: str, language: str, expected: str) -> None:
    assert last_word_prefix(typed, language) == expected
