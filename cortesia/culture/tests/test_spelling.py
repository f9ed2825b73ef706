"""Corrections of mistyped search terms: distance 1 for terms of 4 to 7 letters, 2 from 8,
none for known, short or numeric terms, nearest then most frequent first."""

from __future__ import annotations

import time

import pytest

from cortesia.culture.search_terms import terms
from cortesia.culture.spelling import Speller, corrections, distance, max_distance

VOCABULARY = {
    "password": 40,
    "parcel": 25,
    "refund": 30,
    "return": 50,
    "retur": 2,
    "warranti": 12,
    "invoic": 18,
    "card": 20,
    "cart": 3,
    "address": 22,
    "deliveri": 35,
}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("parcel", "parcel", 0),
        ("parcle", "parcel", 1),  # two neighbours swapped
        ("parel", "parcel", 1),
        ("parcell", "parcel", 1),
        ("pxrcel", "parcel", 1),
        ("pasword", "password", 1),
        ("pasowrd", "password", 2),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_distance(first: str, second: str, expected: int) -> None:
    assert distance(first, second) == expected
    assert distance(second, first) == expected


def test_the_allowed_distance_grows_with_the_length() -> None:
    assert [max_distance(word) for word in ("car", "card", "parcels", "password")] == [0, 1, 1, 2]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("parcle", ["parcel"]),
        ("refnd", ["refund"]),
        ("pasword", ["password"]),  # 7 letters: one edit
        ("passwrod", ["password"]),
        ("pssword", ["password"]),
        ("delivrei", ["deliveri"]),  # 8 letters: two edits
        ("adress", ["address"]),
        ("waranti", ["warranti"]),
        ("reurn", ["return"]),
        ("returm", ["return", "retur"]),  # both one edit away: the more frequent first
        ("cars", ["card", "cart"]),  # frequent first
    ],
)
def test_a_mistyped_term_is_corrected_to_the_nearest_frequent_terms(
    term: str, expected: list[str]
) -> None:
    assert corrections(term, VOCABULARY, "en") == expected


@pytest.mark.parametrize(
    "term",
    [
        "parcel",  # known
        "retur",  # known, though one letter from return
        "crd",  # short
        "zzzzzz",  # nothing near
        "pasowrd",  # 7 letters, two edits away
        "card2",  # a digit: a code or a size
    ],
)
def test_known_short_numeric_and_far_terms_are_not_corrected(term: str) -> None:
    assert corrections(term, VOCABULARY, "en") == []


def test_at_most_three_candidates() -> None:
    vocabulary = {"bask": 1, "bast": 2, "basr": 3, "basq": 4, "basx": 5}
    assert corrections("basz", vocabulary, "en") == ["basx", "basq", "basr"]


def test_terms_of_every_language_are_corrected_the_same_way() -> None:
    vocabulary = {term: 1 for term in terms("رمز التحقق بطاقة الهدايا", "ar")}
    assert vocabulary == {"رمز": 1, "تحقق": 1, "بطاق": 1, "هدايا": 1}
    assert corrections("بطاك", vocabulary, "ar") == ["بطاق"]
    assert corrections("сменн", {"смен": 3, "парол": 5}, "bg") == ["смен"]
    assert corrections("salasnaa", {"salas": 9}, "fi") == []  # three edits


def test_a_speller_over_a_large_vocabulary_is_fast() -> None:
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = {
        f"{letters[i % 26]}{letters[(i // 26) % 26]}{letters[(i // 676) % 26]}ing{i % 7}x": i
        for i in range(5000)
    }
    speller = Speller(vocabulary)
    started = time.perf_counter()
    for _ in range(200):
        speller.corrections("abcingx")
        speller.corrections("mispelled")
    assert time.perf_counter() - started < 4.0  # under 10 ms a correction, on a busy machine
