"""Reads of the knowledge-base editor: the article list with each language's state, one
article with its translations, history and versions, and the choices its forms offer.

Only staff who may read the knowledge base read here (``require_reader``: Forbidden for
anyone else). Editors see drafts; agents see published texts only, staff-only articles
included, and a draft they ask for does not exist for them (NotFound).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from cortesia.accounts.models import User
from cortesia.accounts.selectors import user_list
from cortesia.core.errors import NotFound
from cortesia.customers.models import Segment
from cortesia.customers.segments import segment_list
from cortesia.knowledge.models import (
    Article,
    ArticleEvent,
    ArticleTranslation,
    ArticleVersion,
    Category,
    Section,
)
from cortesia.knowledge.permissions import EDITORS, can_edit_articles
from cortesia.knowledge.selectors import (
    article_list,
    article_search,
    require_reader,
    staff_scopes,
)

MAX_ROWS = 200
MAX_EVENTS = 200
Status = ArticleTranslation.Status


@dataclass(frozen=True)
class LanguageState:
    language: str
    status: str
    version: int
    needs_update: bool


@dataclass(frozen=True)
class ArticleRow:
    article: Article
    title: str
    title_language: str
    languages: list[LanguageState]
    views: int
    helpful_percent: int | None  # None: nobody answered yet


@dataclass(frozen=True)
class ArticleFilter:
    query: str = ""
    category: str = ""  # uid
    section: str = ""  # uid
    language: str = ""
    status: str = ""


def _uid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _visible_translations(viewer: User, article: Article) -> list[ArticleTranslation]:
    """The article's translations the viewer may read (prefetched), by language."""
    found = list(article.translations.all())
    if not can_edit_articles(viewer):
        found = [one for one in found if one.status == Status.PUBLISHED]
    return sorted(found, key=lambda one: one.language)


def language_states(
    article: Article, translations: list[ArticleTranslation]
) -> list[LanguageState]:
    """Each translation's state; ``needs_update`` from the source text's version, with no
    read (the translations are at hand)."""
    source = next(
        (
            one.version
            for one in article.translations.all()
            if one.language == article.source_language
        ),
        0,
    )
    return [
        LanguageState(
            one.language,
            one.status,
            one.version,
            one.language != article.source_language and source > one.source_version,
        )
        for one in translations
    ]


def _row(viewer: User, article: Article, language: str) -> ArticleRow:
    translations = _visible_translations(viewer, article)
    by_language = {one.language: one for one in translations}
    shown = by_language.get(language) or by_language.get(article.source_language)
    shown = shown or (translations[0] if translations else None)
    helpful = sum(one.helpful for one in translations)
    answers = helpful + sum(one.not_helpful for one in translations)
    return ArticleRow(
        article=article,
        title=shown.title if shown is not None else "",
        title_language=shown.language if shown is not None else "",
        languages=language_states(article, translations),
        views=sum(one.views for one in translations),
        helpful_percent=round(100 * helpful / answers) if answers else None,
    )


def article_rows(*, viewer: User, filters: ArticleFilter, language: str) -> list[ArticleRow]:
    """The articles matching ``filters`` (a search ranks them; otherwise oldest first), at
    most ``MAX_ROWS``, titled in ``language`` or their source language. Three reads, four
    with a search. Raises Forbidden."""
    articles = article_list(viewer=viewer, language=filters.language, status=filters.status)
    if (category := _uid(filters.category)) is not None:
        articles = articles.filter(section__category__uid=category)
    if (section := _uid(filters.section)) is not None:
        articles = articles.filter(section__uid=section)
    ranked: list[int] = []
    if filters.query:
        hits = article_search(
            query=filters.query,
            language=filters.language or language,
            scopes=staff_scopes(viewer),
            limit=MAX_ROWS,
        )
        ranked = [hit.translation.article_id for hit in hits]
        articles = articles.filter(pk__in=ranked)
    found = list(articles[:MAX_ROWS])
    if ranked:
        found.sort(key=lambda article: ranked.index(article.pk))
    return [_row(viewer, article, language) for article in found]


def staff_article(*, viewer: User, uid: str) -> Article:
    """One article with its section, segments, reviewer and translations. Raises
    Forbidden, NotFound."""
    key = _uid(uid)
    if key is None:
        raise NotFound("")
    found = (
        article_list(viewer=viewer)
        .filter(uid=key)
        .select_related("reviewer", "author")
        .prefetch_related("segments")
        .first()
    )
    if found is None:
        raise NotFound("")
    return found


def staff_translations(*, viewer: User, article: Article) -> list[ArticleTranslation]:
    return _visible_translations(viewer, article)


def staff_translation(*, viewer: User, article: Article, language: str) -> ArticleTranslation:
    """The article's text in ``language`` the viewer may read; NotFound otherwise."""
    for one in _visible_translations(viewer, article):
        if one.language == language:
            return one
    raise NotFound("")


def staff_source(article: Article) -> ArticleTranslation | None:
    """The source-language text (from the prefetched translations)."""
    return next(
        (one for one in article.translations.all() if one.language == article.source_language),
        None,
    )


def article_events(*, viewer: User, article: Article) -> QuerySet[ArticleEvent]:
    """The article's history, newest first (at most ``MAX_EVENTS``)."""
    require_reader(viewer)
    return (
        ArticleEvent.objects.filter(article=article)
        .select_related("actor")
        .order_by("-created_at", "-pk")[:MAX_EVENTS]
    )


def staff_versions(*, viewer: User, translation: ArticleTranslation) -> list[ArticleVersion]:
    require_reader(viewer)
    return list(
        ArticleVersion.objects.filter(translation=translation)
        .select_related("author")
        .order_by("-number")
    )


def staff_version(*, translation: ArticleTranslation, number: int) -> ArticleVersion:
    found = ArticleVersion.objects.filter(translation=translation, number=number).first()
    if found is None:
        raise NotFound("")
    return found


def category_tree(*, viewer: User) -> list[Category]:
    """Every category with its sections (prefetched), in their order. Raises Forbidden."""
    require_reader(viewer)
    return list(
        Category.objects.prefetch_related(
            Prefetch("sections", queryset=Section.objects.order_by("position", "pk"))
        ).order_by("position", "pk")
    )


def category_get(*, viewer: User, uid: str) -> Category:
    require_reader(viewer)
    key = _uid(uid)
    found = Category.objects.filter(uid=key).first() if key is not None else None
    if found is None:
        raise NotFound("")
    return found


def section_get_for_staff(*, viewer: User, uid: str) -> Section:
    require_reader(viewer)
    key = _uid(uid)
    found = (
        Section.objects.select_related("category").filter(uid=key).first()
        if key is not None
        else None
    )
    if found is None:
        raise NotFound("")
    return found


def section_choices(*, viewer: User) -> QuerySet[Section]:
    require_reader(viewer)
    return Section.objects.select_related("category").order_by(
        "category__position", "category_id", "position", "pk"
    )


def segment_choices(*, viewer: User) -> QuerySet[Segment]:
    return segment_list(viewer=viewer).order_by("name")


def reviewer_choices(*, viewer: User) -> QuerySet[User]:
    """The active administrators and managers (those who may review an article)."""
    return user_list(viewer=viewer).filter(role__in=EDITORS).order_by("pk")
