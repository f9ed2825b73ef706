"""Detect the language of short customer messages.

lingua is restricted to the languages we serve plus the ones they are most often confused
with (Russian next to Bulgarian, Catalan next to Spanish…): a closed set without
neighbours labels a Russian sentence Bulgarian with full confidence. The detector is built
once per process, on first use, with its models preloaded.
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


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1 code, or "unknown"
    confidence: float


def _language(code: str) -> Language:
    return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Return the process-wide detector (built on first call: a few seconds, ~0.6 GB)."""
    languages = [_language(code) for code in (*SERVED, *NEIGHBOURS)]
    return (
        LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    )


def _cjk_characters(text: str) -> int:
    return sum(
        1
        for char in text
        if unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
    )


def _long_enough(text: str) -> bool:
    words = [word for word in text.split() if any(char.isalpha() for char in word)]
    return len(words) >= MIN_WORDS or _cjk_characters(text) >= MIN_CJK_CHARACTERS


def detect_language(text: str) -> Detection:
    """Return the language of ``text`` with lingua's confidence, or "unknown".

    "unknown" (confidence 0) when the text has fewer than three words (four CJK
    characters) or the best language's confidence is below 0.5.
    """
    if not _long_enough(text):
        return Detection(UNKNOWN, 0.0)
    values = detector().compute_language_confidence_values(text)
    if not values:
        return Detection(UNKNOWN, 0.0)
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return Detection(UNKNOWN, round(best.value, 3))
    return Detection(best.language.iso_code_639_1.name.lower(), round(best.value, 3))
