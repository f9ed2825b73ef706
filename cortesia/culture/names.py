"""Person names: the parts a customer gave us, in the order their language puts them.

Names are stored as parts (given, given2, surname, surname2), never as one string, and
titles are only those the person chose. Nothing here guesses a gender from a name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# Languages that write the family name first (CLDR personNames nameOrderLocales).
SURNAME_FIRST = frozenset({"ja", "zh", "ko", "hu", "vi", "km", "mn"})
# Languages whose native names are written without spaces (山田太郎, 王伟, 김민준).
UNSPACED = frozenset({"ja", "zh", "ko"})
# Languages whose full name ends with the given name: the middle name stands between the
# family name and it (vi: Nguyễn Văn An, addressed as An).
GIVEN_NAME_LAST = frozenset({"vi"})
# Languages whose people are addressed by the given name even formally ("Mr An").
GIVEN_NAME_ADDRESS = frozenset({"vi", "is"})
# Languages with two surnames, and which of them is used to address the person.
PRIMARY_SURNAME_LAST = frozenset({"pt"})


# Characters a person's name never holds: markup brackets, and the invisible controls that
# reorder or hide text around them (bidi embeddings, overrides and isolates, direction
# marks, the Arabic letter mark). Zero-width joiners stay: Persian and Indic names use them.
MARKUP_CHARACTERS = frozenset("<>")
DIRECTION_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_TAG = re.compile(r"<[^<>]*>")


def _is_forbidden_in_name(char: str) -> bool:
    return (
        char in MARKUP_CHARACTERS
        or char in DIRECTION_CONTROLS
        or unicodedata.category(char) in ("Cc", "Zl", "Zp")
    )


def has_forbidden_name_characters(text: str) -> bool:
    """Return True when ``text`` holds markup brackets, control characters (tabs and line
    breaks included) or bidirectional controls, none of which belong in a person's name."""
    return any(_is_forbidden_in_name(char) for char in text)


def strip_forbidden_name_characters(text: str) -> str:
    """Return ``text`` without markup tags, control characters and bidirectional controls,
    with runs of spaces made one: for names read from elsewhere (a mail's display name),
    where refusing is not an option. ``<img src=x>Mario`` becomes ``Mario``."""
    without_tags = _TAG.sub(" ", text)
    kept = "".join(" " if _is_forbidden_in_name(char) else char for char in without_tags)
    return " ".join(kept.split())


class Title(StrEnum):
    MR = "mr"
    MS = "ms"
    MRS = "mrs"
    MISS = "miss"
    MX = "mx"
    DR = "dr"
    PROF = "prof"


@dataclass(frozen=True)
class PersonName:
    given: str = ""
    given2: str = ""
    surname: str = ""
    surname2: str = ""
    title: Title | None = None

    def __post_init__(self) -> None:
        for part in ("given", "given2", "surname", "surname2"):
            object.__setattr__(self, part, " ".join(str(getattr(self, part)).split()))
        if not (self.given or self.surname):
            raise ValueError("A name needs at least a given name or a surname.")


def _is_cjk(text: str) -> bool:
    return any(
        unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
        for char in text
    )


def _join(parts: list[str], language: str) -> str:
    parts = [part for part in parts if part]
    # Japanese, Chinese and Korean native names are written without spaces (山田太郎,
    # 김민준); the same names in Latin letters keep theirs (Kim Min-jun).
    if language in UNSPACED and all(_is_cjk(part) for part in parts):
        return "".join(parts)
    return " ".join(parts)


# Names of these languages keep their family-name-first order in a text of another
# language (CLDR en personNames: surnameFirst "ko vi yue zh"); Hungarian and Japanese
# names in Latin letters take the order of the text's language.
SURNAME_FIRST_IN_ANY_TEXT = frozenset({"ko", "vi", "yue", "zh"})


def name_order_language(name: PersonName, *, name_language: str, text_language: str) -> str:
    """Return the language whose conventions write ``name`` inside a ``text_language`` text.

    A name in a Chinese, Japanese or Korean script keeps its own language's form (김민준 in
    an English greeting); so do names of SURNAME_FIRST_IN_ANY_TEXT languages in any script.
    Otherwise the text's language decides. Both languages are base codes ("ko", "en").
    """
    if not name_language or name_language == text_language:
        return text_language
    parts = [name.given, name.given2, name.surname, name.surname2]
    if name_language in SURNAME_FIRST_IN_ANY_TEXT or any(_is_cjk(part) for part in parts):
        return name_language
    return text_language


def family_names(name: PersonName) -> str:
    """Return all surnames in their written order (García López; Souza Silva)."""
    return " ".join(part for part in (name.surname, name.surname2) if part)


def addressing_surname(name: PersonName, language: str) -> str:
    """Return the surname a title goes with: Spanish the first, Portuguese the last."""
    if language in PRIMARY_SURNAME_LAST and name.surname2:
        return name.surname2
    return name.surname or name.given


def full_name(name: PersonName, language: str) -> str:
    """Return the whole name in the language's order (Kovács Ádám in hu, Ádám Kovács in en).

    Vietnamese puts the middle name (``given2``) before the given name: Nguyễn Văn An.
    Japanese, Chinese and Korean names in their own script have no spaces: 김민준.
    """
    if language in GIVEN_NAME_LAST:
        return _join([name.surname, name.surname2, name.given2, name.given], language)
    given = _join([name.given, name.given2], language)
    surnames = _join([name.surname, name.surname2], language)
    if language in SURNAME_FIRST:
        return _join([surnames, given], language)
    return _join([given, surnames], language)


def familiar_name(name: PersonName, language: str) -> str:
    """Return the name used informally: the given name (the surname when that is all we have)."""
    return name.given or name.surname
