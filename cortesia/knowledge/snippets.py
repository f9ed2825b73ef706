"""A result's snippet: the stretch of its text where the query's terms stand closest
together, with the words that matched marked.

The text is cut into words by the same analyser as the index (``culture.search_terms``),
so "consegne" marks "consegna" and "ارجاع" marks "إرجاع". The snippet is escaped HTML
with ``<mark>`` around the matched words, as written in the article.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from django.utils.html import escape

from cortesia.culture.search_terms import tokens

WINDOW = 30  # words


def snippet(text: str, language: str, query_terms: Collection[str]) -> str:
    """The best window of ``WINDOW`` words of ``text``, escaped, matches in ``<mark>``;
    the text's start when nothing matches."""
    text = unicodedata.normalize("NFC", text)
    words = tokens(text, language)
    if not words:
        return ""
    hits = [index for index, word in enumerate(words) if word.term and word.term in query_terms]
    start = 0
    if hits:
        start = max(0, min(_densest(hits) - 3, len(words) - WINDOW))
    chosen = words[start : start + WINDOW]
    marked = set(hits)
    parts = ["… " if start > 0 else ""]
    position = chosen[0].start
    for offset, word in enumerate(chosen, start=start):
        parts.append(escape(text[position : word.start]))
        piece = escape(text[word.start : word.end])
        parts.append(f"<mark>{piece}</mark>" if offset in marked else piece)
        position = word.end
    end = chosen[-1].end
    parts.append(escape(text[end : end + 1]) if end < len(text) and not text[end].isspace() else "")
    if start + WINDOW < len(words):
        parts.append(" …")
    return "".join(parts).strip()


def _densest(hits: list[int]) -> int:
    """The match that starts the window of ``WINDOW`` words holding the most matches (the
    first such): one pass, the window's end moving along the sorted matches."""
    best, best_count, end = hits[0], 0, 0
    for first_index, first in enumerate(hits):
        end = max(end, first_index)
        while end < len(hits) and hits[end] < first + WINDOW:
            end += 1
        if end - first_index > best_count:
            best, best_count = first, end - first_index
    return best
