"""Text normalisation for search: accent-, case- and script-variant-insensitive."""

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
