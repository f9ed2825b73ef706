"""Search the knowledge base: BM25 over our own postings, in SQL, the same on PostgreSQL
and SQLite.

For a query q in language L, over the documents a reader may see (their scopes):

    idf(t)      = ln(1 + (N − df(t) + 0.5) / (df(t) + 0.5))
    score(d, q) = Σ_{t ∈ q} idf(t) · f(t, d) · (k1 + 1) / (f(t, d) + k1 · (1 − b + b · |d| / avgdl))

with k1 = 1.2 and b = 0.75; N is the number of documents, df(t) those holding t, f(t, d)
the term's weighted frequency (title words count thrice) and |d| the document's length
in terms. A query keeps its first ``MAX_TERMS`` distinct terms.

The bound of a score for q, reached by a document made of q's terms only in its title
and infinitely long, is Σ idf(t) · (k1 + 1): ``Found.best_possible``. The answer bot
divides by it to judge how well the best passage answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import Avg, Count

from cortesia.culture.search_terms import terms
from cortesia.knowledge.models import SearchDocument, SearchPosting

K1 = 1.2
B = 0.75
MAX_TERMS = 8


@dataclass(frozen=True)
class Scored:
    document_id: int
    score: float


@dataclass(frozen=True)
class Found:
    terms: tuple[str, ...]  # the query's terms, as matched
    scored: list[Scored]  # best first
    best_possible: float  # the bound of any score for this query (0: no term)


def query_terms(query: str, language: str) -> tuple[str, ...]:
    """The distinct terms of a query, in order, at most ``MAX_TERMS``."""
    return tuple(dict.fromkeys(terms(query, language)))[:MAX_TERMS]


def _idf(documents: int, holding: int) -> float:
    return math.log(1 + (documents - holding + 0.5) / (holding + 0.5))


def search(
    *,
    query: str,
    language: str,
    scopes: tuple[str, ...],
    passages: bool = False,
    limit: int = 10,
) -> Found:
    """The documents (whole translations, or passages) best matching ``query`` among
    those of ``language`` in ``scopes``; three reads whatever the number of terms."""
    wanted = query_terms(query, language)
    if not wanted or not scopes:
        return Found(wanted, [], 0.0)
    in_scope = {"language": language, "scope__in": scopes}
    documents = SearchDocument.objects.filter(**in_scope)
    documents = documents.filter(passage__gt=0) if passages else documents.filter(passage=0)
    totals = documents.aggregate(count=Count("pk"), average=Avg("length"))
    total, average = int(totals["count"] or 0), float(totals["average"] or 0.0)
    holding = dict(
        SearchPosting.objects.filter(**in_scope, is_passage=passages, term__in=wanted)
        .values_list("term")
        .annotate(n=Count("pk"))
        .values_list("term", "n")
        .order_by()
    )
    idf = {term: _idf(total, holding.get(term, 0)) for term in wanted}
    best_possible = sum(idf.values()) * (K1 + 1)
    if not holding:
        return Found(wanted, [], best_possible)
    return Found(wanted, _scored(language, passages, scopes, idf, average, limit), best_possible)


def _scored(
    language: str,
    passages: bool,
    scopes: tuple[str, ...],
    idf: dict[str, float],
    average: float,
    limit: int,
) -> list[Scored]:
    """One grouped read of the query's postings. The weights are numbers we computed,
    written into the statement as literals (a parameter's type in a CASE is not always
    known to PostgreSQL); the terms and everything else are parameters."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    cases = " ".join(f"WHEN %s THEN {weight:.12f}" for weight in idf.values())
    norm = f"{K1:.3f} * ({1 - B:.3f} + {B:.3f} * length / {max(average, 1.0):.6f})"
    terms_in = ", ".join(["%s"] * len(idf))
    scopes_in = ", ".join(["%s"] * len(scopes))
    sql = (
        f"SELECT document_id, SUM((CASE term {cases} ELSE 0 END) * frequency * {K1 + 1:.3f} "  # noqa: S608 - numbers we computed; values are parameters
        f"/ (frequency + {norm})) AS score FROM {table} "
        f"WHERE language = %s AND is_passage = %s AND term IN ({terms_in}) "
        f"AND scope IN ({scopes_in}) "
        "GROUP BY document_id ORDER BY score DESC, document_id LIMIT %s"
    )
    params: list[str | bool | int] = [*idf, language, passages, *idf, *scopes, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Scored(int(row[0]), float(row[1])) for row in cursor.fetchall()]
