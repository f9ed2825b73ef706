"""Text normalisation: folding for search, and removing characters that must never be
stored (NUL) or that disguise text (Unicode direction controls)."""

from __future__ import annotations

import unicodedata

# Arabic letters written in several ways by different keyboards and habits.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef with hamza/madda/wasla → bare alef
        "ى": "ي",  # alef maqsura → ya
        "ة": "ه",  # ta marbuta → ha
        "ؤ": "و",
        "ئ": "ي",
        "ـ": None,  # tatweel (kashida) is decoration
    }
)


def normalize_for_search(text: str) -> str:
    """Return ``text`` folded for matching: no accents or Arabic diacritics, case-folded,
    Arabic letter variants unified, whitespace collapsed.

    "Rossì" and "ROSSI" give "rossi"; "Ştefan" (cedilla) and "Ștefan" (comma) give "stefan";
    "مُحَمَّد" gives "محمد".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = stripped.translate(_ARABIC_FOLD).casefold()
    return " ".join(folded.split())


# Characters that reorder the text around them when shown: the embeddings and overrides
# (U+202A–U+202E), the isolates (U+2066–U+2069) and the bare marks (LRM, RLM, ALM). In a
# subject they make "Invoice \u202efdp.exe" read as "Invoice exe.pdf". Our pages isolate
# user text with <bdi> and dir="auto", so no legitimate subject needs them.
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_WITHOUT_DIRECTION_CONTROLS = {ord(char): None for char in DIRECTION_CONTROLS}


def without_direction_controls(text: str) -> str:
    """Return ``text`` without Unicode direction embeddings, overrides, isolates and marks.

    "Invoice \u202efdp.exe" gives "Invoice fdp.exe"; every other character is kept.
    """
    return text.translate(_WITHOUT_DIRECTION_CONTROLS)


def without_nul(text: str) -> str:
    """Return ``text`` without NUL characters, which PostgreSQL cannot store in text.

    For text that arrives from outside without a person to tell (a mail's headers and
    bodies); input typed through a form or the API is refused instead.
    """
    return text.replace("\x00", "")
