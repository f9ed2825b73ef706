"""The frustration signal of a review or social post: a rule-based score, not sentiment
analysis.

The signal says how strongly a text shows the marks of a frustrated customer — words of
anger and complaint, waiting without an answer, asking for money back, threatening to
leave — so that staff look at those first. It does not judge opinions and it never
decides anything by itself. Every point it gives is explained by a named signal.

**Folding.** Text and lexicon are compared after the same folding: typographic
apostrophes become ``'``; Arabic letters are unified (أ إ آ ٱ → ا, ى → ي, ة → ه, the
hamza seats ؤ ئ → ء) and the tatweel ـ removed; then everything is lower-cased and every
combining mark is removed (Latin and Cyrillic accents, Arabic short vowels and shadda).
So "rușine", "ruşine" and "rusine" are one word, and "ärsyttää" matches "arsyttaa".
Words are runs of letters and digits, joined across ``'`` and ``-`` ("doesn't",
"n-am", "най-лошото"); clauses end at . ! ? ; : , ، ؛ ؟ and line breaks.

**Matching** (:mod:`cortesia.feedback.frustration_lexicon`, one lexicon per language):
a word matches ``word``, or ``stem*`` when it starts with the stem (inflections: Finnish
"palautuksen", Italian "rimborsi", Bulgarian "ужасното"). A word also matches through its
part after an apostrophe (Italian "l'avvocato") and, for Arabic, without the proclitics
و ف ب ل ك ال وال فال بال كال لل ("والاسترداد" → "استرداد"). A phrase's words must follow
each other within one clause, with at most one other word between two of them. Phrases
are matched first; a word used by a phrase is not matched again.

**Negation.** An entry preceded, within the three words before it in its clause, by a
negator of its language ("not", "non", "ei", "не", "nu", "لا"…) is cancelled ("not bad",
"non male", "ei huono"), unless the entry itself starts with a negator ("doesn't work",
"ei toimi", "mai più"). A *satisfaction* word counts only when so negated, and then as a
complaint ("not happy", "non sono soddisfatto", "en ole tyytyväinen", "غير راض").

**Score.** Each distinct entry counted adds its category's weight: anger 25, complaint 20,
waiting for an answer 25, refund or cancellation 20, threat to leave 30; a negated
satisfaction word adds 20. A rating at or below 40 % of its scale (2 of 5, 4 of 10; 5 when
no maximum is given) adds 30. When any of these fired, four amplifiers may add: an
intensifier within three words before or two after a counted entry, +10 ("very",
"molto", "todella", "много", "foarte", "جدا"); words in capitals, +15 (at least two words
of three or more letters in upper case, and at least half of such words in the text);
a run of two or more "!" (with or without "?"), +10; a run of two or more "?" or "؟",
+10. Amplifiers alone count for nothing ("GREAT!!!" is not frustration). The score is
capped at 100. Levels: none below 20, some from 20, high from 50.

**Language.** The lexicon of the given language is used (its base: "it-CH" → "it"). For
any other or an unknown language (short posts often are), every lexicon is tried.

Signals, in this order: ``lexicon:<language>:<entry>`` and ``negated:<language>:<entry>``
as they occur in the text, then ``intensifier``, ``caps``, ``exclamations``,
``questions``, ``rating``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from cortesia.feedback.frustration_lexicon import (
    LEXICONS,
    WEIGHTS,
    Category,
    Entry,
    LexiconSource,
)

LEVEL_SOME = 20
LEVEL_HIGH = 50
NEGATION_WINDOW = 3
INTENSIFIER_BEFORE = 3
INTENSIFIER_AFTER = 2
INTENSIFIER_POINTS = 10
CAPS_POINTS = 15
EXCLAMATION_POINTS = 10
QUESTION_POINTS = 10
RATING_POINTS = 30
LOW_RATING_SHARE = Decimal("0.4")
DEFAULT_RATING_MAX = 5
CAPS_MIN_LETTERS = 3
CAPS_MIN_WORDS = 2

_ARABIC = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء", "ـ": None}
)
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_CLAUSE_END = re.compile(r"[.!?;:,\n\r\u060c\u061b\u061f]+")
_PUNCTUATION_RUN = re.compile(r"[!?\u061f\uff01\uff1f]{2,}")
_CASED_WORD = re.compile(r"[^\W\d_]+")
# Longest first: "وال" before "و".
_PROCLITICS = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


class Level:
    NONE = "none"
    SOME = "some"
    HIGH = "high"


@dataclass(frozen=True)
class Frustration:
    """The signal of one text: 0–100, its level and the rules that fired."""

    score: int
    level: str  # Level.NONE, Level.SOME or Level.HIGH
    signals: tuple[str, ...]


def fold(text: str) -> str:
    """Return ``text`` as the lexicon is compared with it (see the module's docstring)."""
    text = text.translate(_APOSTROPHES).translate(_ARABIC).casefold()
    stripped = "".join(
        char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char)
    )
    return unicodedata.normalize("NFC", stripped)


# -- Patterns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    kind: str  # "exact", "prefix" or "suffix"

    def matches(self, candidates: tuple[str, ...]) -> bool:
        if self.kind == "prefix":
            return any(word.startswith(self.text) for word in candidates)
        if self.kind == "suffix":
            return any(word.endswith(self.text) for word in candidates)
        return self.text in candidates


def _word(pattern: str) -> _Word:
    folded = fold(pattern)
    if folded.endswith("*"):
        return _Word(folded[:-1], "prefix")
    if folded.startswith("*"):
        return _Word(folded[1:], "suffix")
    return _Word(folded, "exact")


@dataclass(frozen=True)
class _Pattern:
    entry: Entry
    words: tuple[_Word, ...]
    is_satisfaction: bool


@dataclass(frozen=True)
class _Lexicon:
    language: str
    patterns: tuple[_Pattern, ...]  # phrases first, longest first
    negators: tuple[_Word, ...]
    intensifiers: tuple[_Word, ...]


def _compile(source: LexiconSource) -> _Lexicon:
    patterns = [
        _Pattern(entry, tuple(_word(part) for part in pattern.split()), is_satisfaction)
        for entries, is_satisfaction in ((source.entries, False), (source.satisfaction, True))
        for entry in entries
        for pattern in entry.patterns
    ]
    patterns.sort(key=lambda pattern: -len(pattern.words))  # stable: lexicon order kept
    return _Lexicon(
        source.language,
        tuple(patterns),
        tuple(_word(word) for word in source.negators),
        tuple(_word(word) for word in source.intensifiers),
    )


@cache
def _lexicons() -> dict[str, _Lexicon]:
    return {source.language: _compile(source) for source in LEXICONS}


# -- Text ----------------------------------------------------------------------------------


def _candidates(word: str) -> tuple[str, ...]:
    """The forms a word may match by: itself, its part after an apostrophe, and (Arabic)
    itself without a proclitic."""
    forms = [word]
    if "'" in word:
        forms.append(word.rsplit("'", 1)[1])
    for prefix in _PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            forms.append(word[len(prefix) :])
    return tuple(forms)


def _clauses(folded: str) -> list[list[tuple[str, ...]]]:
    """Each clause's words, each word as its candidate forms."""
    return [
        [_candidates(word) for word in _WORD.findall(clause)]
        for clause in _CLAUSE_END.split(folded)
    ]


@dataclass(frozen=True)
class _Match:
    clause: int
    start: int
    end: int
    pattern: _Pattern


def _phrase_at(words: list[tuple[str, ...]], start: int, pattern: _Pattern) -> list[int] | None:
    """The positions of ``pattern``'s words from ``start`` (at most one word between two
    of them), or None."""
    if not pattern.words[0].matches(words[start]):
        return None
    positions = [start]
    for part in pattern.words[1:]:
        after = positions[-1]
        found = next(
            (i for i in (after + 1, after + 2) if i < len(words) and part.matches(words[i])),
            None,
        )
        if found is None:
            return None
        positions.append(found)
    return positions


def _matches(
    clause: int, words: list[tuple[str, ...]], lexicon: _Lexicon
) -> tuple[list[_Match], set[int]]:
    """The entries found in a clause's words, and the positions they use."""
    used: set[int] = set()
    found: list[_Match] = []
    for pattern in lexicon.patterns:
        for start in range(len(words)):
            positions = _phrase_at(words, start, pattern)
            if positions is None or used.intersection(positions):
                continue
            used.update(positions)
            found.append(_Match(clause, positions[0], positions[-1], pattern))
    return found, used


def _any_near(
    words: list[tuple[str, ...]],
    positions: range,
    kinds: tuple[_Word, ...],
    skipped: AbstractSet[int] = frozenset(),
) -> bool:
    return any(
        0 <= i < len(words) and i not in skipped and any(kind.matches(words[i]) for kind in kinds)
        for i in positions
    )


def _is_negated(
    words: list[tuple[str, ...]], match: _Match, lexicon: _Lexicon, used: set[int]
) -> bool:
    """Whether a negator stands in the three words before the match, other than one an
    entry uses ("doesn't work"), and the match does not itself start with one."""
    if any(negator.matches(words[match.start]) for negator in lexicon.negators):
        return False  # the entry says the negation itself: "doesn't work", "ei toimi"
    window = range(match.start - NEGATION_WINDOW, match.start)
    return _any_near(words, window, lexicon.negators, used)


def _is_intensified(words: list[tuple[str, ...]], match: _Match, lexicon: _Lexicon) -> bool:
    before = range(match.start - INTENSIFIER_BEFORE, match.start)
    after = range(match.end + 1, match.end + 1 + INTENSIFIER_AFTER)
    return _any_near(words, before, lexicon.intensifiers) or _any_near(
        words, after, lexicon.intensifiers
    )


@dataclass(frozen=True)
class _Counted:
    position: tuple[int, int, int]  # clause, word, lexicon order
    signal: str
    points: int
    is_intensified: bool


def _lexicon_signals(folded: str, lexicons: list[_Lexicon]) -> list[_Counted]:
    counted: list[_Counted] = []
    for clause, words in enumerate(_clauses(folded)):
        for order, lexicon in enumerate(lexicons):
            matches, used = _matches(clause, words, lexicon)
            for match in matches:
                negated = _is_negated(words, match, lexicon, used)
                if negated != match.pattern.is_satisfaction:
                    continue  # a cancelled entry, or satisfaction said plainly
                prefix = "negated" if negated else "lexicon"
                category = Category.COMPLAINT if negated else match.pattern.entry.category
                counted.append(
                    _Counted(
                        (clause, match.start, order),
                        f"{prefix}:{lexicon.language}:{match.pattern.entry.key}",
                        WEIGHTS[category],
                        _is_intensified(words, match, lexicon),
                    )
                )
    return sorted(counted, key=lambda item: item.position)


# -- Amplifiers and rating -----------------------------------------------------------------


def _has_caps(text: str) -> bool:
    words = [word for word in _CASED_WORD.findall(text) if len(word) >= CAPS_MIN_LETTERS]
    cased = [word for word in words if word.lower() != word.upper()]
    shouted = [word for word in cased if word.isupper()]
    return len(shouted) >= CAPS_MIN_WORDS and 2 * len(shouted) >= len(cased)


def _punctuation(text: str) -> tuple[bool, bool]:
    """Whether the text has a run of "!" (maybe mixed with "?"), and a run of "?" only."""
    runs = _PUNCTUATION_RUN.findall(text)
    exclaims = any("!" in run or "\uff01" in run for run in runs)
    asks = any("!" not in run and "\uff01" not in run for run in runs)
    return exclaims, asks


def is_low_rating(rating: Decimal | int | None, rating_max: int | None) -> bool:
    """Whether ``rating`` is at or below 40 % of its scale (5 when not given)."""
    if rating is None:
        return False
    maximum = rating_max or DEFAULT_RATING_MAX
    if maximum <= 0:
        return False
    return Decimal(rating) <= LOW_RATING_SHARE * maximum


def _lexicons_for(language: str) -> list[_Lexicon]:
    lexicons = _lexicons()
    base = language.lower().split("-")[0].split("_")[0]
    return [lexicons[base]] if base in lexicons else list(lexicons.values())


def _level(score: int) -> str:
    if score >= LEVEL_HIGH:
        return Level.HIGH
    if score >= LEVEL_SOME:
        return Level.SOME
    return Level.NONE


def frustration_of(
    text: str,
    *,
    language: str = "",
    rating: Decimal | int | None = None,
    rating_max: int | None = None,
) -> Frustration:
    """Return the frustration signal of ``text`` (see the module's docstring for every
    rule). ``language`` is an ISO 639-1 code, or "" / "unknown" to try every lexicon."""
    text = unicodedata.normalize("NFC", text)
    counted = _lexicon_signals(fold(text), _lexicons_for(language))
    signals: list[str] = []
    score = 0
    for item in counted:
        if item.signal not in signals:
            signals.append(item.signal)
            score += item.points
    low_rating = is_low_rating(rating, rating_max)
    if counted or low_rating:
        exclaims, asks = _punctuation(text)
        amplifiers = (
            ("intensifier", any(item.is_intensified for item in counted), INTENSIFIER_POINTS),
            ("caps", _has_caps(text), CAPS_POINTS),
            ("exclamations", exclaims, EXCLAMATION_POINTS),
            ("questions", asks, QUESTION_POINTS),
            ("rating", low_rating, RATING_POINTS),
        )
        for name, fired, points in amplifiers:
            if fired:
                signals.append(name)
                score += points
    score = min(score, 100)
    return Frustration(score=score, level=_level(score), signals=tuple(signals))
