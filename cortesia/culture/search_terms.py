"""The words a text is indexed and searched by, per language: one analyser in Python, so
PostgreSQL and SQLite index the same terms and rank alike.

A word goes through:

1. **Tokens**: runs of letters and digits, with the marks inside them (an apostrophe
   splits: "l'ordine" → l, ordine).
2. **Normalisation** of each word: NFC; Arabic diacritics (tashkeel, superscript alef) and tatweel
   removed, alef and hamza forms unified (أ إ آ ٱ → ا, ؤ → و, ئ → ي, ى → ي), Arabic-Indic
   digits read as 0–9; lower case.
3. **Stop words**: a short list per language of words that say nothing of a topic (written
   for this product; a question's other words decide).
4. **Stem**: Snowball (PyStemmer) for English, Italian, Finnish, Romanian and Arabic; our
   light stemmer for Bulgarian (:mod:`.bulgarian_stem`). Finnish: the stem's stem, cut
   to five letters (``FINNISH_CUT``). Before the Arabic stemmer, a
   conjunction or preposition glued to the article goes (والمكتبة → المكتبة), which
   Snowball leaves.
5. **Fold** the stem: accents off ("città" and "citta" meet; Romanian ş and ș meet), so a
   query typed without diacritics finds the text written with them.

Stemming comes before folding: the stemmers know the accented endings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from cortesia.culture.bulgarian_stem import bulgarian_stem

SNOWBALL = {
    "en": "english",
    "it": "italian",
    "fi": "finnish",
    "ro": "romanian",
    "ar": "arabic",
}
LANGUAGES = (*SNOWBALL, "bg")
# Finnish has many case forms that Snowball leaves apart (salasana → salas, salasanan →
# salasan; tilaus, tilauksen, tilausta): its stem of the stem, cut to five letters,
# brings them together; cutting is a known good fit for Finnish retrieval.
FINNISH_CUT = 5

_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640, 0x06D6, 0x06ED])
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
    }
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# letters and digits, with the combining marks inside a word (accents typed decomposed,
# Arabic tashkeel and tatweel, which Python's \w does not count as word characters)
_WORD = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+"
)
_GLUED_TO_ARTICLE = re.compile(r"^[وفبك](?=ال.{2,})")


def normalized(word: str) -> str:
    """A word as the stemmers read it: NFC, Arabic marks and tatweel off and letters
    unified, digits as 0–9, lower case."""
    composed = unicodedata.normalize("NFC", word)
    return composed.translate(_ARABIC_MARKS).translate(_ARABIC_LETTERS).translate(_DIGITS).lower()


def fold(stem: str) -> str:
    """A stem without accents, as both sides of a search compare it."""
    decomposed = unicodedata.normalize("NFKD", stem)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _words(listed: str) -> frozenset[str]:
    return frozenset(fold(normalized(word)) for word in listed.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "a an and are as at be but by can could do does for from had has have how i if in "
        "is it its me my no not of on or our so than that the their them then there these "
        "they this to us was we were what when where which who why will with would you your "
        "please hello hi thanks thank"
    ),
    "it": _words(
        "a ad al alla alle allo ai agli anche che chi ci come con da dal dalla dei del della "
        "delle di e ed gli ha hanno ho i il in io la le lo ma mi mia mio ne nel nella non o "
        "per perché più se si sono su sul sulla ti tu un una uno vi voi è buongiorno salve "
        "ciao grazie cosa quando dove posso può l dell all nell sull dall quell quest"
    ),
    "fi": _words(
        "ja on ei se että kun jos mutta tai kuin mitä mikä miten missä milloin minä minun "
        "sinä sinun me te he hän ole olen oli voi voin voiko onko moi hei kiitos"
    ),
    "bg": _words(
        "а в във да до за и из или как какво като когато къде ли на не ни но от по при с "
        "се си със те то тя той че ще аз ние вие мога може моля здравейте благодаря"
    ),
    "ro": _words(
        "a al ale am ar are au buna ca care ce cu cum de din este eu fi în la le lui mai mi "
        "ne nu o pe pentru poate pot sa sau se si să și un una unde când cand vă va bună "
        "ziua mulțumesc multumesc"
    ),
    "ar": _words(
        "في من على الى إلى عن مع هل ما ماذا كيف متى اين أين هذا هذه ذلك التي الذي او أو و "
        "ثم لا لم لن ان أن إن كان انا أنا نحن انت أنت هو هي مرحبا شكرا السلام عليكم"
    ),
}


@dataclass(frozen=True)
class Token:
    """A word as it stands in the text (``start``/``end`` index the original string)."""

    start: int
    end: int
    term: str  # its search term; "" for a stop word


@lru_cache(maxsize=8)
def _snowball(language: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(SNOWBALL[language])
    stemmer.maxCacheSize = 20000
    return stemmer


def stem(word: str, language: str) -> str:
    """The folded stem of a normalised word in ``language`` (another language: folded)."""
    if language == "bg":
        return fold(bulgarian_stem(word))
    if language == "ar":
        word = _GLUED_TO_ARTICLE.sub("", word)
    if language == "fi":
        stemmer = _snowball(language)
        return fold(stemmer.stemWord(stemmer.stemWord(word)))[:FINNISH_CUT]
    if language in SNOWBALL:
        return fold(_snowball(language).stemWord(word))
    return fold(word)


def term_of(word: str, language: str) -> str:
    """The search term of a normalised word, "" for a stop word or a single letter."""
    if fold(word) in STOP_WORDS.get(language, ()) or (len(word) == 1 and not word.isdigit()):
        return ""
    return stem(word, language)


def tokens(text: str, language: str) -> list[Token]:
    """Every word of ``text`` with its place and term; places index ``text`` in NFC (the
    form articles are stored in)."""
    found = []
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        word = normalized(match.group())
        found.append(Token(match.start(), match.end(), term_of(word, language) if word else ""))
    return found


def terms(text: str, language: str) -> list[str]:
    """The search terms of ``text``, in order, stop words left out."""
    return [token.term for token in tokens(text, language) if token.term]


def prefix_of(partial: str, language: str) -> str:
    """What a word still being typed is matched by: its folded normal form, unstemmed
    (the stem of a half word is not the stem of the word)."""
    words = _WORD.findall(unicodedata.normalize("NFC", partial))
    return fold(normalized(words[-1])) if words else ""
