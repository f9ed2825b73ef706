"""Keep the search index, and its statistics, in step with the articles.

A published translation is indexed as one document (title and whole text) and one more
per passage (the article's title, the passage's heading and its text: a passage is
found by the words of its article's title too). Title and heading words count
``TITLE_WEIGHT`` times: a word in the title says more of the topic than one in the text.
A draft, or an article's translations once it is removed, has no documents. Indexing a
translation replaces its documents in one transaction (a few milliseconds), so an edit is
searchable as soon as it is saved.

The rule this module keeps: ``SearchTerm`` and ``SearchTotal`` always equal a count of
the postings and documents. Every change of the documents happens here, and in the same
transaction the counters move by the difference (the replaced documents taken off, the
new ones added), with upserts that add to the stored value, never overwrite it, so
concurrent saves of other translations stay exact. The translations being indexed are
locked first (on PostgreSQL) so two indexings of one translation cannot both take its
old documents off; the counters are written last, in one order, so two transactions
never wait on each other's counters crosswise. ``statistics_recount`` rebuilds them from
the index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count

from cortesia.culture.search_terms import terms
from cortesia.knowledge.models import (
    Article,
    ArticleTranslation,
    SearchDocument,
    SearchPosting,
    SearchTerm,
    SearchTotal,
)
from cortesia.knowledge.rendering import passages, plain_text

TITLE_WEIGHT = 3
UPSERT_ROWS = 500  # counters a statement
POSTING_ROWS = 4000  # postings a statement on SQLite (7 values each: under its 32,766)
Scope = SearchDocument.Scope
Kind = tuple[str, bool, str]  # language, is_passage, scope


@dataclass
class Delta:
    """How the statistics move: documents a term, and documents and length a kind."""

    terms: Counter[tuple[str, bool, str, str]] = field(default_factory=Counter)
    documents: Counter[Kind] = field(default_factory=Counter)
    length: Counter[Kind] = field(default_factory=Counter)


@dataclass
class Built:
    document: SearchDocument
    counted: Counter[str]


def scope_of(article: Article) -> str:
    if article.visibility == Article.Visibility.INTERNAL:
        return Scope.INTERNAL
    return Scope.RESTRICTED if article.segments.exists() else Scope.PUBLIC


def _counted(title: str, text: str, language: str) -> Counter[str]:
    counted = Counter(term[:64] for term in terms(text, language))
    for term in terms(title, language):
        counted[term[:64]] += TITLE_WEIGHT
    return counted


def _built(translation: ArticleTranslation, scope: str) -> list[Built]:
    """The documents of a published translation, unsaved, with their terms."""
    language, title = translation.language, translation.title
    whole = plain_text(translation.body)
    parts = [("", whole, _counted(title, whole, language))]
    for passage in passages(translation.body):
        counted = _counted(f"{title} {passage.heading}", passage.text, language)
        parts.append((passage.heading, passage.text, counted))
    return [
        Built(
            SearchDocument(
                translation=translation,
                passage=number,
                language=language,
                scope=scope,
                heading=heading[:200],
                text=text,
                length=sum(counted.values()),
            ),
            counted,
        )
        for number, (heading, text, counted) in enumerate(parts)
    ]


def _removed(translation_ids: Sequence[int], delta: Delta) -> None:
    """Delete the translations' documents; take them off ``delta``."""
    if not translation_ids:
        return
    # the documents' ids first: a delete joined to the documents can get a plan that
    # compares every posting with every document (seen on PostgreSQL in a test, minutes)
    documents = SearchDocument.objects.filter(translation_id__in=translation_ids)
    document_ids = list(documents.values_list("pk", flat=True))
    if not document_ids:
        return
    postings = SearchPosting.objects.filter(document_id__in=document_ids)
    held = (
        postings.values_list("language", "is_passage", "scope", "term")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for language, is_passage, scope, term, count in held:
        delta.terms[(language, bool(is_passage), scope, term)] -= count
    documents = SearchDocument.objects.filter(pk__in=document_ids)
    for language, passage, scope, length in documents.values_list(
        "language", "passage", "scope", "length"
    ):
        delta.documents[(language, passage > 0, scope)] -= 1
        delta.length[(language, passage > 0, scope)] -= length
    postings.delete()
    documents.delete()


def _added(built: list[Built], delta: Delta) -> None:
    """Insert the documents and their postings; add them to ``delta``."""
    if not built:
        return
    SearchDocument.objects.bulk_create([item.document for item in built], batch_size=1000)
    rows = []
    for item in built:
        document = item.document
        kind = (document.language, document.passage > 0, document.scope)
        delta.documents[kind] += 1
        delta.length[kind] += document.length
        for term, frequency in item.counted.items():
            delta.terms[(*kind, term)] += 1
            rows.append((document.pk, *kind, term, frequency, document.length))
    _postings_insert(rows)


def _postings_insert(rows: list[tuple[int, str, bool, str, str, int, int]]) -> None:
    """Many postings at once: COPY on PostgreSQL, multi-row INSERTs on SQLite."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    columns = "document_id, language, is_passage, scope, term, frequency, length"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for start in range(0, len(rows), POSTING_ROWS):
            chunk = rows[start : start + POSTING_ROWS]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608 - placeholders only
                [value for row in chunk for value in row],
            )


def _upsert(
    model: type[SearchTerm | SearchTotal],
    keys: list[str],
    rows: Sequence[tuple[str | bool | int, ...]],
) -> None:
    """Add each row's counts to its counter, creating it at 0 first: one statement a
    ``UPSERT_ROWS``, rows in key order (the order locks are taken in)."""
    table = connection.ops.quote_name(model._meta.db_table)
    counts = ["documents"] if model is SearchTerm else ["documents", "length"]
    columns = [*keys, *counts]
    added = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in counts)
    conflict = "language, is_passage, term, scope" if model is SearchTerm else ", ".join(keys)
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - names we wrote
                f"VALUES {', '.join([row_sql] * len(chunk))} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET {added}",
                [value for row in chunk for value in row],
            )


def _statistics_apply(delta: Delta) -> None:
    term_rows = sorted(
        (language, is_passage, scope, term, count)
        for (language, is_passage, scope, term), count in delta.terms.items()
        if count
    )
    total_rows = sorted(
        (*kind, delta.documents[kind], delta.length[kind])
        for kind in delta.documents.keys() | delta.length.keys()
        if delta.documents[kind] or delta.length[kind]
    )
    _upsert(SearchTerm, ["language", "is_passage", "scope", "term"], term_rows)
    _upsert(SearchTotal, ["language", "is_passage", "scope"], total_rows)


def _locked(translation_ids: Sequence[int]) -> None:
    """Lock the translations' rows (PostgreSQL; SQLite's writers run one at a time)."""
    list(
        ArticleTranslation.objects.select_for_update()
        .filter(pk__in=translation_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _scopes(translations: Sequence[ArticleTranslation]) -> dict[int, str]:
    """Each article's scope, by article id, in two reads."""
    articles = {translation.article_id: translation.article for translation in translations}
    restricted = set(
        Article.segments.through.objects.filter(article_id__in=list(articles))
        .values_list("article_id", flat=True)
        .distinct()
    )
    return {
        pk: Scope.INTERNAL
        if article.visibility == Article.Visibility.INTERNAL
        else Scope.RESTRICTED
        if pk in restricted
        else Scope.PUBLIC
        for pk, article in articles.items()
    }


@transaction.atomic
def translations_index(translations: Iterable[ArticleTranslation]) -> int:
    """Replace the documents of many translations at once (their articles' visibility
    and segments as stored); return how many documents they have now. The statistics
    move once for all of them."""
    chosen = list(translations)
    ids = sorted({translation.pk for translation in chosen})
    _locked(ids)
    delta = Delta()
    _removed(ids, delta)
    published = [item for item in chosen if item.status == ArticleTranslation.Status.PUBLISHED]
    scopes = _scopes(published)
    built = [
        item
        for translation in published
        for item in _built(translation, scopes[translation.article_id])
    ]
    _added(built, delta)
    _statistics_apply(delta)
    return len(built)


@transaction.atomic
def translation_index(translation: ArticleTranslation) -> int:
    """Replace the translation's documents; return how many it has now (0 for a draft)."""
    _locked([translation.pk])
    delta = Delta()
    _removed([translation.pk], delta)
    built: list[Built] = []
    if translation.status == ArticleTranslation.Status.PUBLISHED:
        built = _built(translation, scope_of(translation.article))
    _added(built, delta)
    _statistics_apply(delta)
    return len(built)


def article_index(article: Article) -> int:
    """Index every translation of ``article`` (after its visibility or segments changed)."""
    return translations_index(article.translations.select_related("article"))


@transaction.atomic
def article_unindex(article: Article) -> None:
    """Take every translation of ``article`` out of the index and the statistics: what
    removing the article must call before deleting its rows."""
    ids = sorted(article.translations.values_list("pk", flat=True))
    _locked(ids)
    delta = Delta()
    _removed(ids, delta)
    _statistics_apply(delta)


@transaction.atomic
def statistics_recount() -> None:
    """Count the statistics again from the whole index (after a full reindex). On
    PostgreSQL the counters are locked first: an indexing meanwhile waits, then adds its
    difference to the new counts (its postings were not in them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            tables = [
                connection.ops.quote_name(m._meta.db_table) for m in (SearchTerm, SearchTotal)
            ]
            cursor.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
    SearchTerm.objects.all().delete()
    SearchTotal.objects.all().delete()
    SearchTerm.objects.bulk_create(
        SearchTerm(language=language, is_passage=is_passage, scope=scope, term=term, documents=n)
        for language, is_passage, scope, term, n in SearchPosting.objects.values_list(
            "language", "is_passage", "scope", "term"
        )
        .annotate(n=Count("pk"))
        .order_by()
        .iterator(chunk_size=5000)
    )
    delta = Delta()
    for language, passage, scope, length in SearchDocument.objects.values_list(
        "language", "passage", "scope", "length"
    ).iterator(chunk_size=5000):
        delta.documents[(language, passage > 0, scope)] += 1
        delta.length[(language, passage > 0, scope)] += length
    SearchTotal.objects.bulk_create(
        SearchTotal(
            language=language,
            is_passage=is_passage,
            scope=scope,
            documents=delta.documents[(language, is_passage, scope)],
            length=delta.length[(language, is_passage, scope)],
        )
        for language, is_passage, scope in sorted(delta.documents)
    )
