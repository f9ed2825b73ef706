"""Reads of the knowledge base: searches with their snippets, the searches that found
nothing, and the help centre's pages.

The help centre shows published, public articles. An article restricted to segments is
shown only to a customer signed in to the portal who belongs to one of them (their
``segments``, from ``reader_segments``); to everyone else it does not exist."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.errors import DomainError, Forbidden, NotFound
from cortesia.customers.models import Customer, Segment
from cortesia.customers.segment_rules import RuleError, compile_rules
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
from cortesia.knowledge.rendering import linked_articles
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


Segments = frozenset[int]
NO_SEGMENTS: Segments = frozenset()
_Restriction = Article.segments.through


def reader_segments(customer: Customer | None) -> Segments:
    """The segments restricting some article that ``customer`` belongs to (none for
    nobody): one read, then one per such segment. A segment whose rules no longer
    compile admits nobody."""
    if customer is None:
        return NO_SEGMENTS
    restricting = Segment.objects.filter(pk__in=_Restriction.objects.values("segment_id")).only(
        "pk", "rules"
    )
    member_of: set[int] = set()
    for segment in restricting:
        try:
            condition = compile_rules(segment.rules)
        except (DomainError, RuleError):
            continue
        if Customer.objects.filter(pk=customer.pk).filter(condition).exists():
            member_of.add(segment.pk)
    return frozenset(member_of)


def _public(segments: Segments = NO_SEGMENTS) -> QuerySet[ArticleTranslation]:
    published = ArticleTranslation.objects.filter(
        status=ArticleTranslation.Status.PUBLISHED,
        article__visibility=Article.Visibility.PUBLIC,
    )
    if not segments:
        return published.filter(article__segments__isnull=True)
    restricted = _Restriction.objects.filter(article_id=OuterRef("article_id"))
    return published.filter(
        ~Exists(restricted) | Exists(restricted.filter(segment_id__in=segments))
    )


def help_index(language: str, segments: Segments = NO_SEGMENTS) -> list[HelpCategory]:
    """The categories and sections that have articles in ``language`` the reader may
    see, with their titles (two reads)."""
    translations = list(
        _public(segments)
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


def help_article(language: str, slug: str, segments: Segments = NO_SEGMENTS) -> ArticleTranslation:
    """The published translation at ``/help/<language>/<slug>`` the reader may see;
    NotFound otherwise."""
    found = (
        _public(segments)
        .filter(language=language, slug=slug)
        .select_related("article__section__category")
        .first()
    )
    if found is None:
        raise NotFound("")
    return found


def help_alternates(
    translation: ArticleTranslation, segments: Segments = NO_SEGMENTS
) -> list[ArticleTranslation]:
    """The article's published translations in every language, this one included, in the
    order of the site's languages."""
    order = [code for code, _name in settings.LANGUAGES]
    found = list(_public(segments).filter(article_id=translation.article_id))
    return sorted(
        found, key=lambda other: order.index(other.language) if other.language in order else 99
    )


def help_is_restricted(translation: ArticleTranslation) -> bool:
    return translation.article.segments.exists()


def _in_language(
    translations: QuerySet[ArticleTranslation], language: str
) -> dict[uuid.UUID, ArticleTranslation]:
    """Per article: its translation in ``language``, else in its source language."""
    chosen: dict[uuid.UUID, ArticleTranslation] = {}
    for found in translations.select_related("article").order_by("pk"):
        key = found.article.uid
        if found.language == language or (
            key not in chosen and found.language == found.article.source_language
        ):
            chosen[key] = found
    return chosen


def help_article_link(
    language: str, uid: uuid.UUID, segments: Segments = NO_SEGMENTS
) -> ArticleTranslation:
    """The translation an internal link leads to: the article in ``language``, else in
    its source language, when the reader may see it; NotFound otherwise."""
    candidates = _public(segments).filter(article__uid=uid)
    found = _in_language(candidates, language).get(uid)
    if found is None:
        raise NotFound("")
    return found


def help_link_addresses(
    html: str, language: str, segments: Segments = NO_SEGMENTS
) -> dict[uuid.UUID, str]:
    """The help-centre addresses of the articles ``html`` links to (one read, none when it
    links to none): each in ``language``, else in its source language."""
    uids = linked_articles(html)
    if not uids:
        return {}
    chosen = _in_language(_public(segments).filter(article__uid__in=uids), language)
    return {
        key: reverse("help:article", args=[found.language, found.slug])
        for key, found in chosen.items()
    }


def help_search(
    *, query: str, language: str, segments: Segments = NO_SEGMENTS, limit: int = 10
) -> list[Result]:
    """The help centre's search: public articles, and restricted ones of the reader's
    segments; records a search that found nothing. The ranked read asks for as many more
    hits as there are restricted documents the reader may not see, so that filtering them
    out still leaves ``limit``."""
    if not segments:
        return article_search(
            query=query, language=language, scopes=PUBLIC_SCOPES, limit=limit, record_miss=True
        )
    allowed = set(
        _Restriction.objects.filter(segment_id__in=segments).values_list("article_id", flat=True)
    )
    hidden = (
        SearchDocument.objects.filter(
            language=language, passage=0, scope=SearchDocument.Scope.RESTRICTED
        )
        .exclude(translation__article_id__in=allowed)
        .count()
    )
    scopes = (SearchDocument.Scope.PUBLIC, SearchDocument.Scope.RESTRICTED)
    found = article_search(query=query, language=language, scopes=scopes, limit=limit + hidden)
    restricted = set(
        _Restriction.objects.filter(
            article_id__in={result.translation.article_id for result in found}
        ).values_list("article_id", flat=True)
    )
    results = [
        result
        for result in found
        if result.translation.article_id not in restricted
        or result.translation.article_id in allowed
    ][:limit]
    if not results:
        search_miss_record(language=language, query=query)
    return results


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
    # one filter() call: the same translation must match every condition
    conditions: dict[str, str] = {}
    if language:
        conditions["translations__language"] = language
    if status:
        conditions["translations__status"] = status
    if not can_edit_articles(viewer):
        if status and status != ArticleTranslation.Status.PUBLISHED:
            return Article.objects.none()
        conditions["translations__status"] = ArticleTranslation.Status.PUBLISHED
    if conditions:
        articles = articles.filter(**conditions)
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
