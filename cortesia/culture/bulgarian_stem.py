"""A light stemmer for Bulgarian, which neither PostgreSQL nor Snowball stems.

It follows the rules Savoy published for Bulgarian retrieval ("Searching strategies for
the Bulgarian language", Information Retrieval 10, 2007): the definite article first,
then the plural, then a final vowel. Written here from the published rule list, with two
changes found on help-desk words: "-ията" goes as one ending (регистрацията and
регистрация meet), the plural "-ища" only after the article is gone, and a stem's final
"ц" is read as the "к" the plural rule "-ци → к" gives (седмица and седмици meet, as do
месец and месеци).

It groups nouns (книга, книгата, книги, книгите; профил, профилът, профила) and leaves
most verb forms apart (променям, промених): a search for a verb finds its own form.
"""

from __future__ import annotations

MIN_LENGTH = 4

# (minimum length of the word, ending); the first that fits is removed
ARTICLES = (
    (7, "ията"),
    (7, "ият"),
    (6, "ия"),
    (6, "ът"),
    (6, "та"),
    (6, "то"),
    (6, "те"),
    (5, "ят"),
)
# (minimum length, ending, replacement)
PLURALS = (
    (7, "ове", ""),
    (7, "еве", "й"),
    (7, "овци", "о"),
    (6, "ища", ""),
    (6, "зи", "г"),
    (6, "ци", "к"),
    (5, "си", "х"),
    (5, "и", ""),
)


def _article_removed(word: str) -> str:
    for minimum, ending in ARTICLES:
        if len(word) >= minimum and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _plural_removed(word: str) -> str:
    for minimum, ending, replacement in PLURALS:
        if len(word) >= minimum and word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word


def bulgarian_stem(word: str) -> str:
    """The stem of a lower-case Bulgarian word (a word of 3 letters or fewer is its own
    stem)."""
    if len(word) < MIN_LENGTH:
        return word
    stem = _plural_removed(_article_removed(word))
    if len(stem) > 3 and stem.endswith("я"):
        stem = stem[:-1]
    if len(stem) > 3 and stem[-1] in "аео":
        stem = stem[:-1]
    if len(stem) > 4 and stem.endswith("ен"):
        stem = stem[:-2] + "н"
    if len(stem) > 5 and stem[-2] == "ъ":
        stem = stem[:-2] + stem[-1]
    if len(stem) > 4 and stem.endswith("ц"):
        stem = stem[:-1] + "к"
    return stem
