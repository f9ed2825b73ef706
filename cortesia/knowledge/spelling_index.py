"""Typo tolerance for search: a query term no document holds is replaced by the term of
the published public texts it was most probably meant as (``culture.spelling``: one
edit for 4–7 letters, two from 8, the more frequent first; never a term with a digit).

The vocabulary is the public scope's (``SearchTerm``), so a correction can never point
at words only staff-only or restricted articles use. Each process keeps one speller per
language and builds it again at most every ``TTL`` seconds: a word new in the texts
becomes a correction target within a minute (it is searchable at once when typed
right).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from django.db.models import Sum

from cortesia.culture.spelling import Speller
from cortesia.knowledge.models import SearchDocument, SearchTerm

TTL = 60.0

_lock = threading.Lock()
_spellers: dict[str, tuple[float, Speller]] = {}


def speller(language: str) -> Speller:
    """The language's speller, built from the public vocabulary at most ``TTL`` ago."""
    now = time.monotonic()
    cached = _spellers.get(language)
    if cached is not None and now - cached[0] < TTL:
        return cached[1]
    rows = (
        SearchTerm.objects.filter(
            language=language,
            is_passage=False,
            scope=SearchDocument.Scope.PUBLIC,
            documents__gt=0,
        )
        .values("term")
        .annotate(held=Sum("documents"))
        .values_list("term", "held")
    )
    built = Speller({term: int(held) for term, held in rows})
    with _lock:
        _spellers[language] = (now, built)
    return built


def forget() -> None:
    """Drop every kept speller (tests; a reindex in this process)."""
    with _lock:
        _spellers.clear()


def corrected(
    wanted: tuple[str, ...], language: str, holding: Mapping[str, int]
) -> tuple[str, ...]:
    """``wanted`` with each term no document holds replaced by its best correction (kept
    when there is none); the order is kept and a term already wanted is not repeated."""
    if all(holding.get(term, 0) for term in wanted):
        return wanted
    spell = speller(language)
    out: list[str] = []
    for term in wanted:
        if not holding.get(term, 0):
            found = spell.corrections(term)
            term = found[0] if found else term
        if term not in out:
            out.append(term)
    return tuple(out)
