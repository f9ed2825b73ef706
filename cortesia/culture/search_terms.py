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
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from cortesia.culture.bulgarian_stem import bulgarian_stem
from cortesia.culture.search_synonyms import SYNONYMS

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
# "for the" (لل + noun) is the article after the preposition ل, its alef dropped
_LI_ARTICLE = re.compile(r"^لل(?=.{3,})")
# a possessive after the feminine ending: بطاقتي, فاتورتنا (ة written ت before it)
_POSSESSIVE_AFTER_TA = re.compile(r"(?<=..[^ا])ت(?:ي|ك|ه|ها|نا|كم|هم)$")
# Romanian typed without diacritics: the endings the Romanian stemmer needs them on,
# restored on a word that has none (plătiți and platiti, returnează and returneaza meet)
_ROMANIAN_ENDINGS = tuple(
    (plain, marked)
    for marked in [
        *("ească", "ează", "ește", "ești", "ați", "iți", "eți", "uți", "ând"),
        *("țiunilor", "țiunea", "țiunile", "țiune", "țiuni", "țiilor", "țiile", "ției"),
        *("ția", "ție", "ții"),
    ]
    if (plain := marked.translate(str.maketrans("ăâîșț", "aaist")))
)
_ROMANIAN_ENDINGS = tuple(sorted(_ROMANIAN_ENDINGS, key=lambda pair: -len(pair[0])))


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
    # pronouns, articles, auxiliaries, question words and greetings, as customers type
    # them (the Snowball lists for en, it and fi, shortened, with chat forms added)
    "en": _words(
        "a about above after again all already also am an and any anything are as at be "
        "because been before being both but by can could did do does doing done each even "
        "ever for from get gets got had has have having he her here hers him his how i if "
        "im in into is it its itself just let like many me might more most much must my "
        "myself need no nor not now of off on once one only or other our ours out over own "
        "same she should so some someone something still such than that the their theirs "
        "them then there these they this those through to too under until up us very want "
        "was we were what whats when where which while who whom why will with would yet "
        "you your yours yourself please hello hi hey thanks thank ok okay dear bye long"
    ),
    "it": _words(
        "a ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl "
        "dalla dalle di del dello dei degli dell degl della delle in nel nello nei negli nell "
        "negl nella nelle su sul sullo sui sugli sull sugl sulla sulle per tra fra io tu lui "
        "lei noi voi loro mio mia miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra "
        "nostri nostre vostro vostra vostri vostre mi ti ci vi si lo la li le gli ne il un "
        "uno una l c ma ed e o se perché anche come dov dove che chi cui non più quale quali "
        "quanto quanti quanta quante quello quelli quella quelle quell questo questi questa "
        "queste quest cosa ho hai ha abbiamo avete hanno sono sei è siamo siete era sto sta "
        "fa faccio fai fate fanno vorrei voglio vuole vuol devo deve posso puoi può potete "
        "possono già ancora poi ora adesso qui qua là allora ecco quando mai tutto tutti "
        "buongiorno buonasera salve ciao grazie prego ok"
    ),
    "fi": _words(
        "ja on ei se että kun jos mutta tai kuin vai vaan sekä koska niin nyt jo vielä "
        "vieläkään sitten sit myös kanssa olla olen olet ole oli olin olisi ollut ovat oon "
        "oot oo ollu en et emme ette eivät eikä eikö minä minun minut minua minulla minulle "
        "minulta mä mää mun mulla mulle multa sinä sinun sinua sinulla sinulle sä sun sulla "
        "sulle me meidän meillä meille te teidän teillä teille he hän hänen heidän tämä "
        "tämän tätä tässä tästä tähän nämä se sen sitä siinä siitä siihen ne niitä niiden "
        "mikä mitä mitkä missä mistä mihin millä miten milloin miksi kuka ketä kenen kauanko "
        "paljonko montako kuinka voi voin voit voiko voiks onko onks saako moi hei terve "
        "kiitos kiitti"
    ),
    "bg": _words(
        "а в във да до за и из или как какво какви какъв каква като когато кога къде ли на "
        "не ни но от по при с се си със те то тя той че ще аз ти ние вие ме го я ви ги ми му "
        "им мен теб нас вас тях мой моя моят моята моето моите твой твоя наш нашия нашата "
        "съм е сме сте са бях беше бяха бил била било били има имам няма нямам искам искаме "
        "мога може можете можем трябва колко кой коя кое кои който която което които този "
        "тази това тези там тук сега вече още само ако също един една едно едни нещо става "
        "моля здравейте здрасти благодаря мерси"
    ),
    "ro": _words(
        "a al ale am ar are as aș au ai avem aveți avea buna bună ca că care ce cel cea cei "
        "cele cine cu cum cât câte câți cati cate cat când cand da dacă daca dar de deja "
        "din după dupa e ea ei el ele este eu fi fie fost iar în in încă inca la le li lor "
        "lui mai mea mei meu mele mi mie ne nici noi nostru nu o ori pe pentru poate pot "
        "poți poti prin sa să sau se si și sunt suntem sunteți te tu un una unde unei unui "
        "va vă voi vom vor vreau vrea vrem vreți fac face facem ziua mulțumesc multumesc "
        "salut mersi"
    ),
    "ar": _words(
        "في من على الى إلى عن مع هل ما ماذا كيف متى اين أين هذا هذه ذلك تلك التي الذي "
        "الذين او أو و ثم لا لم لن ان أن إن كان كانت انا أنا نحن انت أنت انتم هو هي هم "
        "له لها لهم لي لك لنا بي بك به بها عند عندي كل كم اذا إذا لو قد لقد بعد قبل حتى "
        "ليش ليه وين فين شو ايش وش شلون ابي ابغى ابغي ودي حقي حق فيه فيها اقدر يقدر "
        "عشان بس الحين للحين صار مو مب يا مرحبا شكرا السلام عليكم"
    ),
}
# Arabic glues "and" (و) and "so" (ف) to any word: "وما", "فهل" are stop words too
_ARABIC_CONJUNCTIONS = ("و", "ف")


class Token(NamedTuple):
    """A word as it stands in the text (``start``/``end`` index the original string). A
    named tuple: a search cuts the snippets of ten texts from their tokens, and a tuple
    is made three times faster than a frozen dataclass."""

    start: int
    end: int
    term: str  # its search term; "" for a stop word


@lru_cache(maxsize=8)
def _snowball(language: str) -> Stemmer.Stemmer:
    stemmer = Stemmer.Stemmer(SNOWBALL[language])
    stemmer.maxCacheSize = 20000
    return stemmer


def _arabic_stem(word: str) -> str:
    """Snowball's Arabic stem, the prefixes handled first. A conjunction or preposition
    glued to the article goes (والمكتبة → المكتبة, للرياض → الرياض). Snowball takes a
    word's first ب, ف, ك or ل for a preposition (بطاقة → طاق, بريد → ريد, فلوس → لوس):
    when it did, the word is stemmed again behind an article, which Snowball removes
    and then stops. A possessive after the feminine ending goes (بطاقتي → بطاقة)."""
    word = _LI_ARTICLE.sub("ال", _GLUED_TO_ARTICLE.sub("", word))
    word = _POSSESSIVE_AFTER_TA.sub("ة", word)
    stemmed = str(_snowball("ar").stemWord(word))
    if word[:1] in "بفكل" and not word.startswith("ال") and stemmed[:1] != word[:1]:
        return str(_snowball("ar").stemWord("ال" + word))
    return stemmed


def _romanian_marked(word: str) -> str:
    """A Romanian word typed without diacritics, its ending marked as the stemmer knows
    it (platiti → plătiți); a word with diacritics, with its own."""
    plain = fold(word)
    for ending, marked in _ROMANIAN_ENDINGS:
        if plain.endswith(ending) and len(plain) > len(ending) + 2:
            return plain[: -len(ending)] + marked
    return plain


def stem(word: str, language: str) -> str:
    """The folded stem of a normalised word in ``language`` (another language: folded)."""
    if language == "bg":
        return fold(bulgarian_stem(word))
    if language == "ar":
        return fold(_arabic_stem(word))
    if language == "ro":
        return fold(_snowball(language).stemWord(_romanian_marked(word)))
    if language == "fi":
        stemmer = _snowball(language)
        return fold(stemmer.stemWord(stemmer.stemWord(word)))[:FINNISH_CUT]
    if language in SNOWBALL:
        return fold(_snowball(language).stemWord(word))
    return fold(word)


def is_stop_word(word: str, language: str) -> bool:
    """Whether a normalised word says nothing of a topic in ``language``."""
    stop = STOP_WORDS.get(language, frozenset())
    folded = fold(word)
    if folded in stop:
        return True
    return language == "ar" and folded[:1] in _ARABIC_CONJUNCTIONS and folded[1:] in stop


def term_of(word: str, language: str) -> str:
    """The search term of a normalised word, "" for a stop word or a single letter."""
    if (len(word) == 1 and not word.isdigit()) or is_stop_word(word, language):
        return ""
    return stem(word, language)


@lru_cache(maxsize=200_000)
def _term_of_written(written: str, language: str) -> str:
    """The term of a word as written in a text. Kept: a text repeats its words, and the
    snippets of a search analyse ten texts again (a third of the time, measured)."""
    word = normalized(written)
    return term_of(word, language) if word else ""


def _stemmed(text: str, language: str) -> list[Token]:
    return [
        Token(match.start(), match.end(), _term_of_written(match.group(), language))
        for match in _WORD.finditer(unicodedata.normalize("NFC", text))
    ]


@lru_cache(maxsize=len(LANGUAGES))
def lexicon(language: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The language's synonyms as terms: the terms of what customers write (a word or a
    phrase) → the terms of the articles' word or phrase, never more (:mod:`.search_synonyms`)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words, variants in SYNONYMS.get(language, {}).items():
        canonical = tuple(token.term for token in _stemmed(words, language) if token.term)
        for variant in variants:
            key = tuple(token.term for token in _stemmed(variant, language) if token.term)
            if canonical and key != canonical and len(canonical) <= len(key):
                table[key] = canonical
    return table


def _canonical(found: list[Token], language: str) -> list[Token]:
    """The tokens with each synonym's terms read as the articles' terms, in order on the
    phrase's first words; its other words have none."""
    table = lexicon(language)
    longest = max((len(key) for key in table), default=0)
    places = [index for index, token in enumerate(found) if token.term]
    at = 0
    while at < len(places):
        for size in range(min(longest, len(places) - at), 0, -1):
            run = places[at : at + size]
            canonical = table.get(tuple(found[index].term for index in run))
            if canonical is not None:
                for number, index in enumerate(run):
                    term = canonical[number] if number < len(canonical) else ""
                    found[index] = Token(found[index].start, found[index].end, term)
                at += size
                break
        else:
            at += 1
    return found


def tokens(text: str, language: str) -> list[Token]:
    """Every word of ``text`` with its place and term; places index ``text`` in NFC (the
    form articles are stored in)."""
    return _canonical(_stemmed(text, language), language)


def terms(text: str, language: str) -> list[str]:
    """The search terms of ``text``, in order, stop words left out."""
    return [token.term for token in tokens(text, language) if token.term]


def prefix_of(partial: str, language: str) -> str:
    """What a word still being typed is matched by: its folded normal form, unstemmed
    (the stem of a half word is not the stem of the word)."""
    words = _WORD.findall(unicodedata.normalize("NFC", partial))
    return fold(normalized(words[-1])) if words else ""
