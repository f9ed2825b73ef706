"""Write the knowledge base: categories, sections, articles and their translations.

Every saved change of a translation's words is a new version (kept, restorable) and is
indexed in the same transaction, so search shows it as soon as it is saved. A
translation remembers which version of the source-language text it was made from: an
edit of the source makes the older translations "need an update" until they are saved
again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, NotFound
from cortesia.knowledge.indexing import article_index, translation_index
from cortesia.knowledge.models import (
    Article,
    ArticleTranslation,
    ArticleVersion,
    Category,
    Section,
)
from cortesia.knowledge.permissions import require_article_editor
from cortesia.knowledge.rendering import rendered

MAX_TITLE = 200
MAX_BODY = 200_000
RESERVED_SLUGS = frozenset({"search", "sitemap-xml"})
Status = ArticleTranslation.Status


@dataclass
class TranslationData:
    language: str
    title: str
    body: str


@dataclass
class ArticleData:
    section: Section
    source_language: str
    visibility: str = Article.Visibility.PUBLIC
    tags: list[str] = field(default_factory=list)


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _checked(data: TranslationData) -> TranslationData:
    errors: dict[str, str] = {}
    title, body = " ".join(data.title.split()), data.body.strip()
    if data.language not in _languages():
        errors["language"] = _("Choose one of the site's languages.")
    if not title or len(title) > MAX_TITLE:
        errors["title"] = _("Give a title of 1 to %(max)d characters.") % {"max": MAX_TITLE}
    if not body:
        errors["body"] = _("Write the article's text.")
    elif len(body) > MAX_BODY:
        errors["body"] = _("Write at most %(max)d characters.") % {"max": MAX_BODY}
    if "\x00" in title + body:
        errors["body"] = _("A NUL character (U+0000) is not allowed here.")
    if errors:
        raise FieldErrors(errors)
    return TranslationData(data.language, title, body)


def _names(names: dict[str, str]) -> dict[str, str]:
    cleaned = {
        language: " ".join(str(name).split())[:MAX_TITLE]
        for language, name in names.items()
        if language in _languages() and str(name).strip()
    }
    if not cleaned:
        raise FieldErrors({"names": _("Give a name in at least one of the site's languages.")})
    return cleaned


@transaction.atomic
def category_create(*, names: dict[str, str], actor: Actor, position: int = 0) -> Category:
    require_article_editor(actor)
    return Category.objects.create(names=_names(names), position=position)


@transaction.atomic
def section_create(
    *, category: Category, names: dict[str, str], actor: Actor, position: int = 0
) -> Section:
    require_article_editor(actor)
    return Section.objects.create(category=category, names=_names(names), position=position)


def _slug(title: str, language: str, exclude: int | None) -> str:
    base = slugify(title, allow_unicode=True)[:100] or "article"
    if base in RESERVED_SLUGS:  # the help centre's own addresses
        base = f"{base}-article"
    taken = set(
        ArticleTranslation.objects.filter(language=language, slug__startswith=base)
        .exclude(pk=exclude or 0)
        .values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _source_version(article: Article, language: str) -> int:
    """The version of the source-language text a translation is made from now."""
    if language == article.source_language:
        return 0  # set to the translation's own version when saved
    source = ArticleTranslation.objects.filter(
        article=article, language=article.source_language
    ).first()
    return source.version if source is not None else 0


@transaction.atomic
def article_create(*, data: ArticleData, first: TranslationData, actor: Actor) -> Article:
    """Create an article with its text in its source language, as a draft."""
    require_article_editor(actor)
    first = _checked(first)
    if first.language != data.source_language:
        raise FieldErrors({"language": _("Write the first text in the article's language.")})
    if data.visibility not in Article.Visibility.values:
        raise FieldErrors({"visibility": _("Choose who may read the article.")})
    article = Article.objects.create(
        section=data.section,
        source_language=data.source_language,
        visibility=data.visibility,
        tags=sorted({tag.strip().lower() for tag in data.tags if tag.strip()}),
        author=actor.user,
    )
    translation_save(article=article, data=first, actor=actor)
    return article


@transaction.atomic
def translation_save(
    *,
    article: Article,
    data: TranslationData,
    actor: Actor,
    expected_version: int | None = None,
) -> ArticleTranslation:
    """Save the article's text in ``data.language`` as a new version (the first one makes
    the translation, as a draft). Saving the same words again changes nothing. Raises
    Forbidden, FieldErrors, or Conflict when ``expected_version`` is not the current one
    (someone saved meanwhile)."""
    require_article_editor(actor)
    data = _checked(data)
    translation = (
        ArticleTranslation.objects.select_for_update()
        .filter(article=article, language=data.language)
        .first()
    )
    if translation is not None and expected_version not in (None, translation.version):
        raise Conflict(
            _("Someone saved this article meanwhile. Reload it, then make your change again."),
            code="stale",
        )
    if translation is not None and (translation.title, translation.body) == (
        data.title,
        data.body,
    ):
        return translation
    now = timezone.now()
    if translation is None:
        translation = ArticleTranslation(article=article, language=data.language, version=1)
    else:
        translation.version += 1
    translation.title, translation.body = data.title, data.body
    translation.slug = _slug(data.title, data.language, translation.pk)
    translation.body_html = rendered(data.body)
    source = _source_version(article, data.language)
    translation.source_version = source or translation.version
    translation.save()
    ArticleVersion.objects.create(
        translation=translation,
        number=translation.version,
        title=data.title,
        body=data.body,
        author=actor.user,
        created_at=now,
    )
    translation_index(translation)
    return translation


@transaction.atomic
def translation_publish(
    *, translation: ArticleTranslation, actor: Actor, published: bool = True
) -> ArticleTranslation:
    """Publish the translation (or take it back to draft); it is searchable at once."""
    require_article_editor(actor)
    status = Status.PUBLISHED if published else Status.DRAFT
    if translation.status != status:
        translation.status = status
        if published and translation.published_at is None:
            translation.published_at = timezone.now()
        translation.save(update_fields=["status", "published_at", "updated_at"])
        translation_index(translation)
    return translation


@transaction.atomic
def translation_restore(
    *, translation: ArticleTranslation, number: int, actor: Actor
) -> ArticleTranslation:
    """Save version ``number``'s words again, as the newest version. Raises NotFound."""
    version = ArticleVersion.objects.filter(translation=translation, number=number).first()
    if version is None:
        raise NotFound(_("This article has no such version."))
    data = TranslationData(translation.language, version.title, version.body)
    return translation_save(article=translation.article, data=data, actor=actor)


def needs_update(translation: ArticleTranslation) -> bool:
    """Whether the source-language text changed since this translation was made."""
    article = translation.article
    if translation.language == article.source_language:
        return False
    return _source_version(article, translation.language) > translation.source_version


@transaction.atomic
def article_segments_set(*, article: Article, segment_ids: list[int], actor: Actor) -> Article:
    """Restrict the article to customers of these segments (none: no restriction)."""
    require_article_editor(actor)
    article.segments.set(segment_ids)
    article_index(article)
    return article
