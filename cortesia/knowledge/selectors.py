"""Reads of the knowledge base: searches with their snippets, and the searches that found
nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cortesia.knowledge.models import ArticleTranslation, SearchDocument, SearchMiss
from cortesia.knowledge.search import search
from cortesia.knowledge.snippets import snippet

MAX_MISS = 200
PUBLIC_SCOPES = (SearchDocument.Scope.PUBLIC,)
STAFF_SCOPES = (
    SearchDocument.Scope.PUBLIC,
    SearchDocument.Scope.RESTRICTED,
    SearchDocument.Scope.INTERNAL,
)


@dataclass(frozen=True)
class Result:
    translation: ArticleTranslation
    score: float
    snippet: str  # escaped HTML, matched words in <mark>


def article_search(
    *,
    query: str,
    language: str,
    scopes: tuple[str, ...],
    limit: int = 10,
    record_miss: bool = False,
) -> list[Result]:
    """Published translations in ``language`` best matching ``query``, best first, with
    snippets. ``record_miss``: count the query among the searches that found nothing
    (the help centre's, not the staff's)."""
    found = search(query=query, language=language, scopes=scopes, limit=limit)
    documents = SearchDocument.objects.select_related("translation__article").in_bulk(
        [hit.document_id for hit in found.scored]
    )
    results = [
        Result(
            translation=documents[hit.document_id].translation,
            score=hit.score,
            snippet=snippet(documents[hit.document_id].text, language, found.terms),
        )
        for hit in found.scored
        if hit.document_id in documents
    ]
    if record_miss and not results:
        search_miss_record(language=language, query=query)
    return results


def search_miss_record(*, language: str, query: str) -> None:
    """Count a search that found nothing (its words as typed, lower case)."""
    wording = " ".join(query.casefold().split())[:MAX_MISS]
    if not wording:
        return
    now = timezone.now()
    counted = SearchMiss.objects.filter(language=language, query=wording).update(
        count=F("count") + 1, last_at=now
    )
    if counted:
        return
    try:
        with transaction.atomic():
            SearchMiss.objects.create(language=language, query=wording, last_at=now)
    except IntegrityError:  # counted first by a concurrent search
        SearchMiss.objects.filter(language=language, query=wording).update(
            count=F("count") + 1, last_at=now
        )
