"""Corrections for a mistyped search term, from the vocabulary of the indexed texts.

The rule: a term already in the vocabulary is never corrected. Another term of 4 to 7
letters is corrected to the vocabulary terms at Damerau-Levenshtein distance 1 (one
letter added, dropped, changed, or two neighbours swapped), one of 8 or more to those
at distance 2; shorter terms, and terms with a digit (an order number, a size), are
left alone.
Candidates come nearest first, then most frequent, then in alphabetical order.

The vocabulary is a mapping of terms to their frequency (how many documents hold
them). Candidates are found through deletions (the "symmetric delete" method): two
words within distance k share a form with at most k letters deleted from each, so
only the vocabulary terms sharing such a form are compared letter by letter.
``Speller`` builds that index once for a vocabulary; ``corrections`` builds it for
one call (the vocabulary of a knowledge base is small).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

MIN_LENGTH = 4
LONG = 8  # from this length, distance 2 is allowed
MAX_CANDIDATES = 3


def max_distance(term: str) -> int:
    """The edits a term of this length may be corrected by (0: none)."""
    if len(term) < MIN_LENGTH:
        return 0
    return 1 if len(term) < LONG else 2


def distance(first: str, second: str) -> int:
    """The Damerau-Levenshtein distance (optimal string alignment) of two words."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            current[j] = min(
                previous[j] + 1,
                current[j - 1] + 1,
                previous[j - 1] + (a != b),
            )
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {
            shorter[:at] + shorter[at + 1 :] for shorter in frontier for at in range(len(shorter))
        }
        found |= frontier
    return found


class Speller:
    """The deletion index of a vocabulary, for many corrections."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.vocabulary = vocabulary
        self._index: dict[str, set[str]] = defaultdict(set)
        for term in vocabulary:
            depth = 2 if len(term) >= LONG - 1 else 1
            for form in _deletions(term, depth):
                self._index[form].add(term)

    def _near(self, term: str, depth: int) -> Iterable[str]:
        for form in _deletions(term, depth):
            yield from self._index.get(form, ())

    def corrections(self, term: str) -> list[str]:
        """The vocabulary terms ``term`` was probably meant as, best first."""
        allowed = max_distance(term)
        if not allowed or term in self.vocabulary or any(char.isdigit() for char in term):
            return []
        found: dict[str, int] = {}
        for candidate in set(self._near(term, allowed)):
            edits = distance(term, candidate)
            if 0 < edits <= allowed:
                found[candidate] = edits
        ranked = sorted(found, key=lambda word: (found[word], -self.vocabulary[word], word))
        return ranked[:MAX_CANDIDATES]


def corrections(term: str, vocabulary: Mapping[str, int], language: str) -> list[str]:
    """The vocabulary terms a mistyped ``term`` (a search term, as the analyser of
    ``language`` makes it) was probably meant as, best first; [] for a known term, a
    short one, or one with nothing near. ``language`` is for the caller's clarity: the
    rule is the same in every language."""
    del language
    return Speller(vocabulary).corrections(term)
