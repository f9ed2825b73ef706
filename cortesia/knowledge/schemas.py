"""Request and answer shapes of ``/api/v1/articles``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

TranslationStatus = Literal["draft", "published"]


class ArticleTranslationOut(Schema):
    language: str
    title: str
    slug: str
    status: TranslationStatus
    version: int
    needs_update: bool = Field(
        description="The source-language text changed since this translation was made."
    )
    body: str = Field(description="Markdown, as written.")
    body_html: str = Field(description="Rendered and sanitised.")
    url: str | None = Field(description="The help centre's page, when published for everyone.")
    views: int
    helpful: int
    not_helpful: int
    updated_at: datetime


class ArticleOut(Schema):
    uid: UUID
    section: UUID
    source_language: str
    visibility: Literal["public", "internal"]
    tags: list[str]
    translations: list[ArticleTranslationOut]
    created_at: datetime


class ArticlePageOut(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class ArticleTextIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=200_000, description="Markdown.")


class ArticleCreateIn(ArticleTextIn):
    section: UUID
    language: str = Field(description="The language the article is written in first.")
    visibility: Literal["public", "internal"] = "public"
    tags: list[str] = Field(default_factory=list)


class ArticleSaveIn(ArticleTextIn):
    expected_version: int | None = Field(
        default=None, description="The version you edited: 409 when someone saved since."
    )


class ArticlePublishIn(Schema):
    published: bool = True


class ArticleVersionOut(Schema):
    number: int
    title: str
    body: str
    author: str | None
    created_at: datetime


class ArticleSearchHitOut(Schema):
    article: UUID
    language: str
    title: str
    snippet: str = Field(description="Escaped HTML; the matched words in <mark>.")
    score: float
    url: str | None


class ArticleSearchOut(Schema):
    items: list[ArticleSearchHitOut]


class ArticleSearchQuery(Schema):
    q: str = Field(min_length=1, max_length=200, description="What to look for, as typed.")
    language: str = Field(min_length=2, max_length=16, pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
    limit: int = Field(default=10, ge=1, le=50)
