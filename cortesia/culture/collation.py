"""Sort words the way readers of a language expect: a small tailored Unicode collation.

Comparison is in three levels, as in the Unicode Collation Algorithm: first the letters
without accents or case (Ärjä next to Arjen in English), then the accents, then the case.
Some alphabets give letters places of their own (CLDR tailorings): Finnish and Swedish put
Å, Ä, Ö after Z; Romanian puts Ă and Â after A, Î after I, Ș after S and Ț after T; Spanish
Ñ after N. Scripts come in the order Latin, Greek, Cyrillic, Arabic, others, except that a
language's own script comes first (Cyrillic in Bulgarian, Arabic in Arabic), as CLDR
reorders them. Spaces and punctuation sort before digits, digits before letters.

This covers the languages the product speaks and common tailorings; it is not a complete
CLDR collation (no contractions such as Czech "ch"), and needs no ICU.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from cortesia.culture.local_formats import language_of

# A tailored letter sorts as (anchor letter, rank): rank 0 is the anchor's own primary
# weight (ü = y in Finnish), rank n > 0 places it n steps after the anchor and a negative
# rank before it (Turkish ı before i).
_NORDIC_AFTER_Z = {"å": ("z", 1), "ä": ("z", 2), "æ": ("z", 2), "ö": ("z", 3), "ø": ("z", 3)}
TAILORINGS: dict[str, dict[str, tuple[str, int]]] = {
    "fi": {**_NORDIC_AFTER_Z, "ü": ("y", 0)},
    "sv": {**_NORDIC_AFTER_Z, "ü": ("y", 0)},
    "da": {"æ": ("z", 1), "ä": ("z", 1), "ø": ("z", 2), "ö": ("z", 2), "å": ("z", 3)},
    "nb": {"æ": ("z", 1), "ä": ("z", 1), "ø": ("z", 2), "ö": ("z", 2), "å": ("z", 3)},
    "ro": {
        "ă": ("a", 1),
        "â": ("a", 2),
        "î": ("i", 1),
        "ș": ("s", 1),
        "ş": ("s", 1),
        "ț": ("t", 1),
        "ţ": ("t", 1),
    },
    "es": {"ñ": ("n", 1)},
    "tr": {
        "ç": ("c", 1),
        "ğ": ("g", 1),
        "ı": ("i", -1),
        "ö": ("o", 1),
        "ş": ("s", 1),
        "ü": ("u", 1),
    },
    "pl": {
        "ą": ("a", 1),
        "ć": ("c", 1),
        "ę": ("e", 1),
        "ł": ("l", 1),
        "ń": ("n", 1),
        "ó": ("o", 1),
        "ś": ("s", 1),
        "ź": ("z", 1),
        "ż": ("z", 2),
    },
    # Hamza forms sort with their carrier letter; alef maksura with ya, ta marbuta with ta.
    "ar": {
        "آ": ("ا", 0),
        "أ": ("ا", 0),
        "إ": ("ا", 0),
        "ٱ": ("ا", 0),
        "ؤ": ("و", 0),
        "ئ": ("ي", 0),
        "ى": ("ي", 0),
        "ة": ("ت", 0),
    },
}
SCRIPT_ORDER = ("LATIN", "GREEK", "CYRILLIC", "ARABIC")
OWN_SCRIPT = {"bg": "CYRILLIC", "ru": "CYRILLIC", "uk": "CYRILLIC", "sr": "CYRILLIC"}
OWN_SCRIPT |= {"ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC", "el": "GREEK"}

Weight = tuple[int, int, int]


def _script_rank(char: str, own_script: str | None) -> int:
    """Return 0 for spaces and punctuation, 1 for digits, then letters by script."""
    category = unicodedata.category(char)
    if category[0] == "N":
        return 1
    if category[0] != "L":
        return 0
    script = unicodedata.name(char, "").split(" ")[0]
    order = [own_script, *(s for s in SCRIPT_ORDER if s != own_script)] if own_script else None
    scripts = order or list(SCRIPT_ORDER)
    return 2 + (scripts.index(script) if script in scripts else len(scripts))


def _without_marks(char: str) -> tuple[str, str]:
    """Return the base letters of ``char`` and its combining marks (é → "e", "\u0301")."""
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    marks = "".join(c for c in decomposed if unicodedata.combining(c))
    return base, marks


@lru_cache(maxsize=32)
def _tailoring(language: str) -> tuple[dict[str, tuple[str, int]], str | None]:
    base = language_of(language)
    return TAILORINGS.get(base, {}), OWN_SCRIPT.get(base)


def collation_key(text: str, language: str) -> tuple[tuple[Weight, ...], str, str, str]:
    """Return a sort key for ``text`` as readers of ``language`` ("fi", "ro-RO") order it.

    ``sorted(names, key=lambda n: collation_key(n, "fi"))`` puts Åke after Ziegler. Texts
    equal at every level compare by their code points last, so the order is total.
    """
    tailoring, own_script = _tailoring(language)
    primary: list[Weight] = []
    accents: list[str] = []
    folded = unicodedata.normalize("NFC", text.casefold())
    for char in folded:
        if char in tailoring:
            anchor, rank = tailoring[char]
            primary.append((_script_rank(anchor, own_script), ord(anchor), rank))
            accents.append("")
            continue
        base, marks = _without_marks(char)
        if unicodedata.combining(char):  # a mark written alone (Arabic vowel signs)
            base, marks = "", char
        for letter in base:
            primary.append((_script_rank(letter, own_script), ord(letter), 0))
        accents.append(marks)
    case = "".join("1" if char.isupper() else "0" for char in text)
    return tuple(primary), "\x00".join(accents), case, text


def collated(texts: list[str], language: str) -> list[str]:
    """Return ``texts`` sorted for readers of ``language``."""
    return sorted(texts, key=lambda text: collation_key(text, language))
