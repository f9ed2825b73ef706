"""Reads of the knowledge base: searches with their snippets, and the searches that found
nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.errors import Forbidden, NotFound
from cortesia.knowledge.models import (
    Article,
    ArticleTranslation,
    ArticleVersion,
    Category,
    SearchDocument,
    SearchMiss,
    Section,
)
from cortesia.knowledge.permissions import can_edit_articles, can_read_internal_articles
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


# The help centre: published translations of articles for everyone.


@dataclass(frozen=True)
class HelpSection:
    name: str
    articles: list[ArticleTranslation]


@dataclass(frozen=True)
class HelpCategory:
    name: str
    sections: list[HelpSection]


def _name(names: dict[str, str], language: str) -> str:
    return names.get(language) or names.get("en") or next(iter(names.values()), "")


def _public() -> QuerySet[ArticleTranslation]:
    return ArticleTranslation.objects.filter(
        status=ArticleTranslation.Status.PUBLISHED,
        article__visibility=Article.Visibility.PUBLIC,
        article__segments__isnull=True,
    )


def help_index(language: str) -> list[HelpCategory]:
    """The categories and sections that have articles in ``language``, with their titles
    (two reads)."""
    translations = list(
        _public()
        .filter(language=language)
        .select_related("article__section__category")
        .order_by(
            "article__section__category__position",
            "article__section__category_id",
            "article__section__position",
            "article__section_id",
            "article__position",
            "article_id",
        )
    )
    categories: dict[int, tuple[Category, dict[int, tuple[Section, list[ArticleTranslation]]]]]
    categories = {}
    for translation in translations:
        section = translation.article.section
        category = section.category
        sections = categories.setdefault(category.pk, (category, {}))[1]
        sections.setdefault(section.pk, (section, []))[1].append(translation)
    return [
        HelpCategory(
            _name(category.names, language),
            [
                HelpSection(_name(section.names, language), articles)
                for section, articles in sections.values()
            ],
        )
        for category, sections in categories.values()
    ]


def help_article(language: str, slug: str) -> ArticleTranslation:
    """The published translation at ``/help/<language>/<slug>``; NotFound otherwise."""
    found = (
        _public()
        .filter(language=language, slug=slug)
        .select_related("article__section__category")
        .first()
    )
    if found is None:
        raise NotFound("")
    return found


def help_alternates(translation: ArticleTranslation) -> list[ArticleTranslation]:
    """The article's published translations in every language, this one included, in the
    order of the site's languages."""
    order = [code for code, _name in settings.LANGUAGES]
    found = list(_public().filter(article_id=translation.article_id))
    return sorted(
        found, key=lambda other: order.index(other.language) if other.language in order else 99
    )


def help_sitemap() -> QuerySet[ArticleTranslation]:
    return _public().order_by("language", "pk").only("language", "slug", "updated_at")


# Staff: every article for those who may read the knowledge base.


def require_reader(viewer: User) -> None:
    if not can_read_internal_articles(viewer):
        raise Forbidden(_("The knowledge base is for administrators, managers and agents."))


def article_list(*, viewer: User, language: str = "", status: str = "") -> QuerySet[Article]:
    """Articles for staff, oldest first; drafts only for editors. Raises Forbidden."""
    require_reader(viewer)
    articles = Article.objects.select_related("section__category").prefetch_related("translations")
    if language:
        articles = articles.filter(translations__language=language)
    if status:
        articles = articles.filter(translations__status=status)
    if not can_edit_articles(viewer):
        articles = articles.filter(translations__status=ArticleTranslation.Status.PUBLISHED)
    return articles.distinct().order_by("pk")


def article_get(*, viewer: User, uid: str) -> Article:
    """One article for staff; NotFound for a missing one (or, for a non-editor, one with
    nothing published). Raises Forbidden."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise NotFound("") from None
    found = article_list(viewer=viewer).filter(uid=key).first()
    if found is None:
        raise NotFound("")
    return found


def translation_get(*, article: Article, language: str) -> ArticleTranslation:
    found = ArticleTranslation.objects.filter(article=article, language=language).first()
    if found is None:
        raise NotFound(_("This article has no text in that language."))
    return found


def staff_scopes(viewer: User) -> tuple[str, ...]:
    return STAFF_SCOPES if can_read_internal_articles(viewer) else ()


def section_get(uid: str) -> Section:
    """A section by its public id; NotFound otherwise."""
    try:
        key = uuid.UUID(uid)
    except ValueError:
        raise NotFound("") from None
    found = Section.objects.filter(uid=key).first()
    if found is None:
        raise NotFound("")
    return found


def translation_versions(translation: ArticleTranslation) -> QuerySet[ArticleVersion]:
    """A translation's versions, newest first."""
    return (
        ArticleVersion.objects.filter(translation=translation)
        .select_related("author")
        .order_by("-number")
    )
