"""Keep the search index in step with the articles.

A published translation is indexed as one document (title and whole text) and one more
per passage (the article's title, the passage's heading and its text: a passage is
found by the words of its article's title too). Title and heading words count
``TITLE_WEIGHT`` times: a word in the title says more of the topic than one in the text.
A draft, or an article's translations once it is removed, has no documents. Indexing a
translation replaces its documents in one transaction (a few milliseconds), so an edit is
searchable as soon as it is saved.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from cortesia.culture.search_terms import terms
from cortesia.knowledge.models import (
    Article,
    ArticleTranslation,
    SearchDocument,
    SearchPosting,
)
from cortesia.knowledge.rendering import passages, plain_text

TITLE_WEIGHT = 3
Scope = SearchDocument.Scope


def scope_of(article: Article) -> str:
    if article.visibility == Article.Visibility.INTERNAL:
        return Scope.INTERNAL
    return Scope.RESTRICTED if article.segments.exists() else Scope.PUBLIC


def _counted(title: str, text: str, language: str) -> Counter[str]:
    counted = Counter(terms(text, language))
    for term in terms(title, language):
        counted[term] += TITLE_WEIGHT
    return counted


def _document(
    translation: ArticleTranslation,
    number: int,
    scope: str,
    heading: str,
    text: str,
    counted: Counter[str],
) -> tuple[SearchDocument, Counter[str]]:
    document = SearchDocument(
        translation=translation,
        passage=number,
        language=translation.language,
        scope=scope,
        heading=heading[:200],
        text=text,
        length=sum(counted.values()),
    )
    return document, counted


@transaction.atomic
def translation_index(translation: ArticleTranslation) -> int:
    """Replace the translation's documents; return how many it has now (0 for a draft)."""
    SearchDocument.objects.filter(translation=translation).delete()
    if translation.status != ArticleTranslation.Status.PUBLISHED:
        return 0
    language, title = translation.language, translation.title
    scope = scope_of(translation.article)
    documents = [
        _document(
            translation,
            0,
            scope,
            "",
            plain_text(translation.body),
            _counted(title, plain_text(translation.body), language),
        )
    ]
    for number, passage in enumerate(passages(translation.body), start=1):
        counted = _counted(f"{title} {passage.heading}", passage.text, language)
        documents.append(
            _document(translation, number, scope, passage.heading, passage.text, counted)
        )
    SearchDocument.objects.bulk_create([document for document, _counted_terms in documents])
    SearchPosting.objects.bulk_create(
        [
            SearchPosting(
                document=document,
                language=language,
                is_passage=document.passage > 0,
                scope=scope,
                term=term[:64],
                frequency=frequency,
                length=document.length,
            )
            for document, counted in documents
            for term, frequency in counted.items()
        ]
    )
    return len(documents)


def article_index(article: Article) -> int:
    """Index every translation of ``article`` (after its visibility or segments changed)."""
    return sum(translation_index(translation) for translation in article.translations.all())
