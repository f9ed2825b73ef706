"""Search the knowledge base: BM25 over our own postings, in SQL, the same on PostgreSQL
and SQLite.

For a query q in language L, over the documents a reader may see (their scopes):

    idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
    score(d, q) = Σ_{t ∈ q} idf(t) · f(t, d) · (k1 + 1) / (f(t, d) + k1 · (1 − b + b · |d| / avgdl))

with k1 = 1.2 and b = 0.75; N is the number of documents, df(t) those holding t, f(t, d)
the term's weighted frequency (title words count thrice) and |d| the document's length
in terms. A query keeps its first ``MAX_TERMS`` distinct terms. When no document holds
any of them, each is replaced by the public texts' term it was most probably meant as
(``spelling_index``: one or two edits), and the query is read again. (Correcting a query
that finds something made the labelled questions' ranking worse: a word the articles do
not use is more often right than mistyped.) N, avgdl and df(t) are
read from the statistics ``indexing`` keeps (``SearchTotal``, ``SearchTerm``): two reads
of a few rows, never a count of the index.

The bound of a score for q, reached by a document made of q's terms only in its title
and infinitely long, is Σ idf(t) · (k1 + 1): ``Found.best_possible``. The answer bot
divides by it to judge how well the best passage answers. Each term's part of a score is
below its own bound, idf(t) · (k1 + 1), since f / (f + k1 · (…)) < 1.

Speed. Scoring reads only the index ``knowledge_posting_scoring`` (language, kind, term,
scope, document, frequency, length: every column a key, so SQLite, which has no INCLUDE,
also never reads the table), and computes in double precision on both databases.
Reading every posting of a common term (one document in two holds it) is still what
makes a query slow, so rare terms are scored first and common ones added only for the
documents that can still make the results (MaxScore), when the query's terms hold
``SKIP_FROM`` postings or more:

1. R, the rarest terms (``PROBE_POSTINGS`` postings at most, never every term); C, the
   others; reach = Σ_{t ∈ C} idf(t) · (k1 + 1), the most C adds to any score.
2. Score the documents holding a term of R by R's terms only, best first, and take the
   ``limit``-th of these partial scores, θ. A full score is never below a partial one,
   so at least ``limit`` documents score θ or more: the ``limit``-th best full score is
   θ or more.
3. If reach ≥ θ, give up (below). Otherwise a document holding no term of R scores less
   than reach < θ, and one whose partial score is below θ − reach scores less than θ:
   neither can be a result. The candidates are the others, read from the partial scores
   in order until the first below θ − reach (``MAX_CANDIDATES`` at most, else give up).
4. Score the candidates in full (every term; the same statement and arithmetic as
   without skipping, the candidates' ids added to its WHERE).

The results, their order (score, then document id) and their scores are those of scoring
every document; a small margin (1e-9) covers the databases' rounding. Giving up, or
without a rare enough term, every document holding a query term is scored in one
statement. Skipping pays when a query has a rare word (a product name, a number, an
error code) beside common ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection

from cortesia.culture.search_terms import terms
from cortesia.knowledge import spelling_index
from cortesia.knowledge.models import SearchPosting, SearchTerm, SearchTotal

K1 = 1.2
B = 0.75
MAX_TERMS = 8
PROBE_POSTINGS = 4000  # the rare terms' postings scored to find θ, at most
SKIP_FROM = 6000  # the query's postings from which skipping is tried
MAX_CANDIDATES = 400  # documents looked up one by one, at most
# θ seldom exceeds this share of the rare terms' bounds (a title word in a document of
# average length reaches 3 · 2.2 / (3 + 1.2) / 2.2 ≈ 0.71 of its bound): a probe is
# only tried when the common terms' bounds stay below it (a saving, not a condition)
LIKELY_THETA = 0.7
Param = str | bool | int


@dataclass(frozen=True)
class Scored:
    document_id: int
    score: float


@dataclass(frozen=True)
class Found:
    terms: tuple[str, ...]  # the query's terms, as matched
    scored: list[Scored]  # best first
    best_possible: float  # the bound of any score for this query (0: no term)


@dataclass(frozen=True)
class Where:
    """Which postings a search reads: its language, kind and the reader's scopes."""

    language: str
    passages: bool
    scopes: tuple[str, ...]

    def sql(self, terms_in: Sequence[str]) -> tuple[str, list[Param]]:
        """The WHERE clause for the postings of ``terms_in``, and its values."""
        scopes_in = ", ".join(["%s"] * len(self.scopes))
        placeholders = ", ".join(["%s"] * len(terms_in))
        return (
            f"language = %s AND is_passage = %s AND term IN ({placeholders}) "
            f"AND scope IN ({scopes_in})",
            [self.language, self.passages, *terms_in, *self.scopes],
        )


def query_terms(query: str, language: str) -> tuple[str, ...]:
    """The distinct terms of a query, in order, at most ``MAX_TERMS``."""
    return tuple(dict.fromkeys(terms(query, language)))[:MAX_TERMS]


def _idf(documents: int, holding: int) -> float:
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


def _statistics(where: Where, wanted: tuple[str, ...]) -> tuple[int, float, dict[str, int]]:
    """N, avgdl and df of each term held, in the reader's scopes: two reads by key."""
    scopes_in = ", ".join(["%s"] * len(where.scopes))
    terms_in = ", ".join(["%s"] * len(wanted))
    key: list[Param] = [where.language, where.passages, *where.scopes]
    totals = connection.ops.quote_name(SearchTotal._meta.db_table)
    counters = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT SUM(documents), SUM(length) FROM {totals} "  # noqa: S608 - placeholders
            f"WHERE language = %s AND is_passage = %s AND scope IN ({scopes_in})",
            key,
        )
        documents, length = cursor.fetchone()
        cursor.execute(
            f"SELECT term, SUM(documents) FROM {counters} "  # noqa: S608 - placeholders
            f"WHERE language = %s AND is_passage = %s AND scope IN ({scopes_in}) "
            f"AND term IN ({terms_in}) GROUP BY term",
            [*key, *wanted],
        )
        holding = {term: int(n) for term, n in cursor.fetchall() if n}
    total = int(documents or 0)
    return total, (int(length or 0) / total if total else 0.0), holding


def search(
    *,
    query: str,
    language: str,
    scopes: tuple[str, ...],
    passages: bool = False,
    limit: int = 10,
    correct: bool = True,
) -> Found:
    """The documents (whole translations, or passages) best matching ``query`` among
    those of ``language`` in ``scopes``: the statistics (two reads), then one scoring
    statement, or three when common terms can be skipped. ``correct``: try corrections
    when no word is known (the answer bot does not: it hands such a question over)."""
    wanted = query_terms(query, language)
    if not wanted or not scopes:
        return Found(wanted, [], 0.0)
    where = Where(language, passages, tuple(scopes))
    total, average, holding = _statistics(where, wanted)
    if correct and not holding:  # no document holds any of the words: typos?
        corrected = spelling_index.corrected(wanted, language, holding)
        if corrected != wanted:
            wanted = corrected
            total, average, holding = _statistics(where, wanted)
    idf = {term: _idf(total, holding.get(term, 0)) for term in wanted}
    best_possible = sum(idf.values()) * (K1 + 1)
    if not holding:
        return Found(wanted, [], best_possible)
    held = {term: weight for term, weight in idf.items() if term in holding}
    candidates = _candidates(where, held, holding, average, limit)
    if candidates is None:
        scored = _scored(where, held, average, limit)
    else:
        scored = _scored(where, held, average, limit, documents=candidates)
    return Found(wanted, scored, best_possible)


def _score_sql(idf: dict[str, float], average: float) -> tuple[str, list[Param]]:
    """BM25's sum over a document's postings. The weights are numbers we computed,
    written into the statement as literals (a parameter's type in a CASE is not always
    known to PostgreSQL); the terms are parameters. The columns are read as floating
    point numbers, so PostgreSQL computes in double precision as SQLite does, instead of
    in (much slower) exact decimals."""
    frequency, length = (f"CAST({name} AS DOUBLE PRECISION)" for name in ("frequency", "length"))
    cases = " ".join(f"WHEN %s THEN {weight:.12f}" for weight in idf.values())
    norm = f"{K1:.3f} * ({1 - B:.3f} + {B:.3f} * {length} / {max(average, 1.0):.6f})"
    return (
        f"SUM((CASE term {cases} ELSE 0 END) * {frequency} * {K1 + 1:.3f} "
        f"/ ({frequency} + {norm}))",
        list(idf),
    )


def _candidates(
    where: Where, idf: dict[str, float], holding: dict[str, int], average: float, limit: int
) -> list[int] | None:
    """The only documents that can be among the results (steps 1 to 3 above), or None
    when every document holding a term must be scored: too few postings to bother, no
    rare enough term, the common terms' reach not below θ (or not likely to be: then
    no probe), or too many candidates."""
    if len(idf) < 2 or sum(holding.values()) < SKIP_FROM:
        return None
    rare: dict[str, float] = {}
    for term in sorted(idf, key=lambda term: (holding[term], term))[:-1]:
        if sum(holding[held] for held in rare) + holding[term] > PROBE_POSTINGS:
            break
        rare[term] = idf[term]
    reach = sum(weight for term, weight in idf.items() if term not in rare) * (K1 + 1)
    reach = reach * (1 + 1e-9) + 1e-9  # a margin for the databases' rounding
    if not rare or reach >= sum(rare.values()) * (K1 + 1) * LIKELY_THETA:
        return None  # θ would not exceed reach (or not likely: not worth a probe)
    found: list[int] = []
    with _ranked(where, rare, average) as cursor:
        theta = None
        while rows := cursor.fetchmany(limit):
            for document_id, partial in rows:
                if theta is not None and float(partial) < theta - reach:
                    return found
                found.append(int(document_id))
                if len(found) > MAX_CANDIDATES:
                    return None
            if theta is None and len(found) >= limit:
                theta = float(rows[-1][1]) * (1 - 1e-9)
                if reach >= theta:
                    return None
    return found if theta is not None else None


@contextmanager
def _ranked(where: Where, idf: dict[str, float], average: float) -> Iterator[Any]:
    """A cursor on the documents holding one of ``idf``'s terms, best first by them."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    score, score_params = _score_sql(idf, average)
    condition, params = where.sql(list(idf))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT document_id, {score} AS score FROM {table} WHERE {condition} "  # noqa: S608 - numbers we computed; values are parameters
            "GROUP BY document_id ORDER BY score DESC, document_id",
            [*score_params, *params],
        )
        yield cursor


def _scored(
    where: Where,
    idf: dict[str, float],
    average: float,
    limit: int,
    documents: Sequence[int] | None = None,
) -> list[Scored]:
    """The best documents by BM25 over ``idf``'s terms; ``documents``: among these only."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    score, score_params = _score_sql(idf, average)
    condition, params = where.sql(list(idf))
    sql = f"SELECT document_id, {score} AS score FROM {table} WHERE {condition}"  # noqa: S608 - numbers we computed; values are parameters
    params = [*score_params, *params]
    if documents is not None:
        if not documents:
            return []
        sql += f" AND document_id IN ({', '.join(['%s'] * len(documents))})"
        params += list(documents)
    sql += " GROUP BY document_id ORDER BY score DESC, document_id LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [Scored(int(row[0]), float(row[1])) for row in cursor.fetchall()]
