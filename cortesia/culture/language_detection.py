"""Detect the language of short customer messages.

lingua is restricted to the languages we serve plus the ones they are most often confused
with (Russian next to Bulgarian, Catalan next to Spanish…): a closed set without
neighbours labels a Russian sentence Bulgarian with full confidence. The detector is built
once per process, on first use, with its models preloaded.

Two modes. The fast one (lingua's low-accuracy mode: trigrams only) loads in a tenth of a
second and keeps the whole process near 60 MB, so web and worker processes can run it; it
labels 233 of the 240 labelled samples right. The accurate one labels 238, but loads in
two seconds and needs about 0.6 GB.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

SERVED = ("ar", "bg", "de", "en", "es", "fi", "fr", "it", "ja", "pt", "ro", "zh")
NEIGHBOURS = (
    "ca",
    "el",
    "et",
    "fa",
    "he",
    "ko",
    "mk",
    "nl",
    "pl",
    "ru",
    "sr",
    "sv",
    "tr",
    "uk",
    "ur",
)
UNKNOWN = "unknown"
MIN_WORDS = 3
MIN_CJK_CHARACTERS = 4
MIN_CONFIDENCE = 0.5
# The opening of a message says its language as well as the whole does; detection time
# grows with the length (about 0.6 ms per 1,000 characters in the fast mode), so long
# mails are judged by their first characters, some 80 words.
SAMPLE_CHARACTERS = 500


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1 code, or "unknown"
    confidence: float


def _language(code: str) -> Language:
    return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))


@lru_cache(maxsize=2)
def detector(*, accurate: bool = False) -> LanguageDetector:
    """Return the process-wide detector of the mode, built on first call (fast: 0.1 s and
    ~40 MB; accurate: a few seconds and ~0.6 GB)."""
    languages = [_language(code) for code in (*SERVED, *NEIGHBOURS)]
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if not accurate:
        builder = builder.with_low_accuracy_mode()
    return builder.with_preloaded_language_models().build()


# Letters that rule languages out, whatever the statistics say: Macedonian and Serbian have
# no щ ъ ю я й; only Russian has ы э ё; only Ukrainian і ї є ґ; only Macedonian and
# Serbian ј љ њ ќ ѓ ѕ џ; only Romanian ă ș ț (and the legacy ţ).
_EXCLUDES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (frozenset("щъюяй"), frozenset({"mk", "sr"})),
    (frozenset("ыэё"), frozenset({"bg", "uk", "mk", "sr"})),
    (frozenset("іїєґ"), frozenset({"bg", "ru", "mk", "sr"})),
    (frozenset("ъ"), frozenset({"uk"})),
    (frozenset("јљњќѓѕџ"), frozenset({"bg", "ru", "uk"})),
)
_ROMANIAN = frozenset("ășțţ")


def _ruled_out(text: str) -> set[str]:
    """Return the languages the letters of ``text`` rule out."""
    letters = set(text.lower())
    ruled_out: set[str] = set()
    for marks, languages in _EXCLUDES:
        if letters & marks:
            ruled_out |= languages
    if letters & _ROMANIAN:
        ruled_out |= {code for code in (*SERVED, *NEIGHBOURS) if code != "ro"}
    return ruled_out


def _cjk_characters(text: str) -> int:
    return sum(
        1
        for char in text
        if unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
    )


def _long_enough(text: str) -> bool:
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    return len(words) >= MIN_WORDS or _cjk_characters(text) >= MIN_CJK_CHARACTERS


def detect_language(text: str, *, accurate: bool = False) -> Detection:
    """Return the language of ``text`` with lingua's confidence, or "unknown".

    Letters no other served language uses rule languages out first (a ``ă`` is Romanian,
    a ``я`` cannot be Macedonian); the confidence is then shared among those left.

    "unknown" (confidence 0) when the text has fewer than three words (four CJK
    characters) or the best language's confidence is below 0.5. Only the first
    ``SAMPLE_CHARACTERS`` (cut at a space) are read.
    """
    if len(text) > SAMPLE_CHARACTERS:
        cut = text.rfind(" ", 0, SAMPLE_CHARACTERS)
        text = text[: cut if cut > SAMPLE_CHARACTERS // 2 else SAMPLE_CHARACTERS]
    if not _long_enough(text):
        return Detection(UNKNOWN, 0.0)
    ruled_out = _ruled_out(text)
    values = [
        (value.language.iso_code_639_1.name.lower(), value.value)
        for value in detector(accurate=accurate).compute_language_confidence_values(text)
    ]
    kept = [(code, value) for code, value in values if code not in ruled_out]
    total = sum(value for _code, value in kept)
    if not kept or total <= 0:
        return Detection(UNKNOWN, 0.0)
    code, value = max(kept, key=lambda pair: pair[1])
    confidence = round(value / total, 3)  # shared among the languages still possible
    if confidence < MIN_CONFIDENCE:
        return Detection(UNKNOWN, confidence)
    return Detection(code, confidence)
