"""``/api/v1/articles``: the knowledge base for staff integrations (read: administrators,
managers and agents; write: administrators and managers)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.schemas import (
    ArticleCreateIn,
    ArticleOut,
    ArticlePageOut,
    ArticlePublishIn,
    ArticleSaveIn,
    ArticleSearchHitOut,
    ArticleSearchOut,
    ArticleSearchQuery,
    ArticleTranslationOut,
    ArticleVersionOut,
    TranslationStatus,
)
from cortesia.knowledge.selectors import (
    article_get,
    article_list,
    article_search,
    require_reader,
    section_get,
    staff_scopes,
    translation_get,
    translation_versions,
)
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    needs_update,
    translation_publish,
    translation_restore,
    translation_save,
)

router = Router(tags=["knowledge base"])


def _url(translation: ArticleTranslation) -> str | None:
    article = translation.article
    public = (
        translation.status == ArticleTranslation.Status.PUBLISHED
        and article.visibility == Article.Visibility.PUBLIC
    )
    return (
        reverse("help:article", args=[translation.language, translation.slug]) if public else None
    )


def _translation_out(translation: ArticleTranslation) -> ArticleTranslationOut:
    return ArticleTranslationOut(
        language=translation.language,
        title=translation.title,
        slug=translation.slug,
        status=translation.status,  # type: ignore[arg-type]  # a Status value
        version=translation.version,
        needs_update=needs_update(translation),
        body=translation.body,
        body_html=translation.body_html,
        url=_url(translation),
        views=translation.views,
        helpful=translation.helpful,
        not_helpful=translation.not_helpful,
        updated_at=translation.updated_at,
    )


def _out(article: Article) -> ArticleOut:
    return ArticleOut(
        uid=article.uid,
        section=article.section.uid,
        source_language=article.source_language,
        visibility=article.visibility,  # type: ignore[arg-type]  # a Visibility value
        tags=list(article.tags),
        translations=[_translation_out(t) for t in article.translations.order_by("pk")],
        created_at=article.created_at,
    )


@router.get("/articles", response=ArticlePageOut, summary="List articles")
def articles_list(
    request: HttpRequest,
    language: str = "",
    status: Query[TranslationStatus | None] = None,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
) -> ArticlePageOut:
    articles = article_list(viewer=api_user(request), language=language, status=status or "")
    page = paginate(articles, cursor=cursor, limit=limit, serialize=_out)
    return ArticlePageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.get(
    "/articles/search",
    response=ArticleSearchOut,
    summary="Search published articles in a language, best first, with snippets",
)
def articles_search(request: HttpRequest, params: Query[ArticleSearchQuery]) -> ArticleSearchOut:
    viewer = api_user(request)
    require_reader(viewer)
    results = article_search(
        query=params.q, language=params.language, scopes=staff_scopes(viewer), limit=params.limit
    )
    return ArticleSearchOut(
        items=[
            ArticleSearchHitOut(
                article=result.translation.article.uid,
                language=result.translation.language,
                title=result.translation.title,
                snippet=result.snippet,
                score=round(result.score, 6),
                url=_url(result.translation),
            )
            for result in results
        ]
    )


@router.post("/articles", response={201: ArticleOut}, summary="Create an article (a draft)")
def articles_create(request: HttpRequest, payload: ArticleCreateIn) -> Status[ArticleOut]:
    section = section_get(str(payload.section))
    article = article_create(
        data=ArticleData(
            section=section,
            source_language=payload.language,
            visibility=payload.visibility,
            tags=payload.tags,
        ),
        first=TranslationData(payload.language, payload.title, payload.body),
        actor=Actor.from_request(request),
    )
    return Status(201, _out(article))


@router.get("/articles/{uid}", response=ArticleOut, summary="One article with its translations")
def articles_get(request: HttpRequest, uid: str) -> ArticleOut:
    return _out(article_get(viewer=api_user(request), uid=uid))


@router.put(
    "/articles/{uid}/translations/{language}",
    response=ArticleOut,
    summary="Save the text in a language (a new version; the first makes a draft)",
)
def articles_translation_save(
    request: HttpRequest, uid: str, language: str, payload: ArticleSaveIn
) -> ArticleOut:
    article = article_get(viewer=api_user(request), uid=uid)
    translation_save(
        article=article,
        data=TranslationData(language, payload.title, payload.body),
        actor=Actor.from_request(request),
        expected_version=payload.expected_version,
    )
    return _out(article)


@router.post(
    "/articles/{uid}/translations/{language}/publish",
    response=ArticleOut,
    summary="Publish a translation, or take it back to draft",
)
def articles_publish(
    request: HttpRequest, uid: str, language: str, payload: ArticlePublishIn
) -> ArticleOut:
    article = article_get(viewer=api_user(request), uid=uid)
    translation_publish(
        translation=translation_get(article=article, language=language),
        actor=Actor.from_request(request),
        published=payload.published,
    )
    return _out(article)


@router.get(
    "/articles/{uid}/translations/{language}/versions",
    response=list[ArticleVersionOut],
    summary="A translation's versions, newest first",
)
def articles_versions(request: HttpRequest, uid: str, language: str) -> list[ArticleVersionOut]:
    article = article_get(viewer=api_user(request), uid=uid)
    translation = translation_get(article=article, language=language)
    versions = translation_versions(translation)
    return [
        ArticleVersionOut(
            number=version.number,
            title=version.title,
            body=version.body,
            author=version.author.display_name if version.author else None,
            created_at=version.created_at,
        )
        for version in versions
    ]


@router.post(
    "/articles/{uid}/translations/{language}/versions/{number}/restore",
    response=ArticleOut,
    summary="Save an earlier version's words again, as the newest version",
)
def articles_restore(request: HttpRequest, uid: str, language: str, number: int) -> ArticleOut:
    article = article_get(viewer=api_user(request), uid=uid)
    translation_restore(
        translation=translation_get(article=article, language=language),
        number=number,
        actor=Actor.from_request(request),
    )
    return _out(article)
