"""Write the knowledge base: categories, sections, articles and their translations.

Every saved change of a translation's words is a new version (kept, restorable) and is
indexed in the same transaction, so search shows it as soon as it is saved. A
translation remembers which version of the source-language text it was made from: an
edit of the source makes the older translations "need an update" until they are saved
again.

Every change of an article or of one of its translations writes an ``ArticleEvent`` in
its transaction (``knowledge.history``); saving the same words again, publishing what is
published or setting the same segments changes nothing and records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, NotFound
from cortesia.knowledge.history import JsonValue, article_event_record
from cortesia.knowledge.indexing import article_index, translation_index
from cortesia.knowledge.models import (
    Article,
    ArticleEvent,
    ArticleTranslation,
    ArticleVersion,
    Category,
    Section,
)
from cortesia.knowledge.permissions import can_edit_articles, require_article_editor
from cortesia.knowledge.rendering import rendered

MAX_TITLE = 200
MAX_BODY = 200_000
RESERVED_SLUGS = frozenset({"search", "sitemap-xml"})
MAX_TAGS = 20
Status = ArticleTranslation.Status
Kind = ArticleEvent.Kind


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
    reviewer: User | None = None


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
def category_update(
    *, category: Category, names: dict[str, str], actor: Actor, position: int
) -> Category:
    """Rename the category (its names per language) and move it."""
    require_article_editor(actor)
    category.names, category.position = _names(names), max(position, 0)
    category.save(update_fields=["names", "position", "updated_at"])
    return category


@transaction.atomic
def section_create(
    *, category: Category, names: dict[str, str], actor: Actor, position: int = 0
) -> Section:
    require_article_editor(actor)
    return Section.objects.create(category=category, names=_names(names), position=position)


@transaction.atomic
def section_update(
    *, section: Section, category: Category, names: dict[str, str], actor: Actor, position: int
) -> Section:
    """Rename the section, file it in ``category`` and move it."""
    require_article_editor(actor)
    section.category, section.names = category, _names(names)
    section.position = max(position, 0)
    section.save(update_fields=["category", "names", "position", "updated_at"])
    return section


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


def _tags(tags: list[str]) -> list[str]:
    cleaned = sorted({" ".join(tag.split()).lower()[:50] for tag in tags if tag.strip()})
    if len(cleaned) > MAX_TAGS:
        raise FieldErrors({"tags": _("Give at most %(max)d tags.") % {"max": MAX_TAGS}})
    return cleaned


def _checked_settings(data: ArticleData) -> None:
    if data.visibility not in Article.Visibility.values:
        raise FieldErrors({"visibility": _("Choose who may read the article.")})
    if data.reviewer is not None and not can_edit_articles(data.reviewer):
        raise FieldErrors(
            {"reviewer": _("Choose an administrator or a manager to review the article.")}
        )


def _created_before(actor: Actor, request_token: str) -> Article | None:
    """The article this actor already created with this form (a second click on
    "Create"); the actor's row is locked so two such clicks are served one at a time."""
    if not request_token or actor.user is None:
        return None
    User.objects.select_for_update().filter(pk=actor.user.pk).first()
    event = ArticleEvent.objects.filter(
        kind=Kind.CREATED, actor=actor.user, data__request=request_token
    ).first()
    return event.article if event is not None else None


@transaction.atomic
def article_create(
    *, data: ArticleData, first: TranslationData, actor: Actor, request_token: str = ""
) -> Article:
    """Create an article with its text in its source language, as a draft. A
    ``request_token`` (the form's) makes a repeated submission return the same article."""
    require_article_editor(actor)
    first = _checked(first)
    if first.language != data.source_language:
        raise FieldErrors({"language": _("Write the first text in the article's language.")})
    _checked_settings(data)
    existing = _created_before(actor, request_token[:64])
    if existing is not None:
        return existing
    article = Article.objects.create(
        section=data.section,
        source_language=data.source_language,
        visibility=data.visibility,
        tags=_tags(data.tags),
        author=actor.user,
        reviewer=data.reviewer,
    )
    created: dict[str, JsonValue] = {
        "section": str(data.section.uid),
        "visibility": data.visibility,
    }
    if request_token:
        created["request"] = request_token[:64]
    article_event_record(
        article=article, kind=Kind.CREATED, actor=actor, language=first.language, data=created
    )
    translation_save(article=article, data=first, actor=actor)
    return article


def _settings_of(article: Article) -> dict[str, JsonValue]:
    return {
        "section": str(article.section.uid),
        "visibility": article.visibility,
        "tags": list(article.tags),
        "reviewer": str(article.reviewer.uid) if article.reviewer is not None else None,
    }


@transaction.atomic
def article_update(*, article: Article, data: ArticleData, actor: Actor) -> Article:
    """Change where the article is filed, who may read it, its tags and reviewer (its
    source language stays). Records which settings changed, with their new values."""
    require_article_editor(actor)
    _checked_settings(data)
    before = _settings_of(article)
    article.section, article.visibility = data.section, data.visibility
    article.tags, article.reviewer = _tags(data.tags), data.reviewer
    after = _settings_of(article)
    changed = sorted(name for name in after if after[name] != before[name])
    if not changed:
        return article
    article.save(update_fields=["section", "visibility", "tags", "reviewer", "updated_at"])
    if "visibility" in changed:
        article_index(article)
    article_event_record(
        article=article,
        kind=Kind.CHANGED,
        actor=actor,
        data={"fields": changed, **{name: after[name] for name in changed}},
    )
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
    the translation, as a draft). Saving the same words again changes nothing, whatever
    version it names (a second click on "Save"). Raises Forbidden, FieldErrors, or
    Conflict when ``expected_version`` is not the current one (someone saved meanwhile;
    0 names "no text in this language yet")."""
    return _translation_write(
        article=article, data=data, actor=actor, expected_version=expected_version
    )


def _translation_write(
    *,
    article: Article,
    data: TranslationData,
    actor: Actor,
    expected_version: int | None = None,
    restored_from: int | None = None,
) -> ArticleTranslation:
    require_article_editor(actor)
    data = _checked(data)
    translation = (
        ArticleTranslation.objects.select_for_update()
        .filter(article=article, language=data.language)
        .first()
    )
    if translation is not None and (translation.title, translation.body) == (
        data.title,
        data.body,
    ):
        return translation
    current = translation.version if translation is not None else 0
    if expected_version is not None and expected_version != current:
        raise Conflict(
            _("Someone saved this article meanwhile. Reload it, then make your change again."),
            code="stale",
        )
    now = timezone.now()
    if translation is None:
        translation = ArticleTranslation(article=article, language=data.language, version=1)
    else:
        translation.version += 1
    translation.title, translation.body = data.title, data.body
    translation.slug = _slug(data.title, data.language, translation.pk)
    translation.body_html = rendered(data.body, language=data.language)
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
    _record_write(translation, actor, current, restored_from)
    return translation


def _record_write(
    translation: ArticleTranslation, actor: Actor, previous: int, restored_from: int | None
) -> None:
    event: dict[str, JsonValue] = {
        "version": translation.version,
        "previous": previous or None,
        "source_version": translation.source_version,
    }
    kind = Kind.SAVED
    if restored_from is not None:
        kind, event["restored_from"] = Kind.RESTORED, restored_from
    article_event_record(
        article=translation.article,
        kind=kind,
        actor=actor,
        language=translation.language,
        data=event,
    )


@transaction.atomic
def translation_publish(
    *, translation: ArticleTranslation, actor: Actor, published: bool = True
) -> ArticleTranslation:
    """Publish the translation (or take it back to draft); it is searchable at once.
    Asking for the state it is in changes and records nothing."""
    require_article_editor(actor)
    status = Status.PUBLISHED if published else Status.DRAFT
    now = timezone.now()
    first_published = Coalesce(F("published_at"), Value(now)) if published else F("published_at")
    changed = (
        ArticleTranslation.objects.filter(pk=translation.pk)
        .exclude(status=status)
        .update(status=status, published_at=first_published, updated_at=now)
    )
    translation.refresh_from_db(fields=["status", "published_at", "updated_at"])
    if not changed:
        return translation
    translation_index(translation)
    article_event_record(
        article=translation.article,
        kind=Kind.PUBLISHED if published else Kind.UNPUBLISHED,
        actor=actor,
        language=translation.language,
        data={"version": translation.version},
    )
    return translation


@transaction.atomic
def translation_restore(
    *, translation: ArticleTranslation, number: int, actor: Actor
) -> ArticleTranslation:
    """Save version ``number``'s words again, as the newest version (restoring the words
    the text has now changes nothing). Raises NotFound."""
    require_article_editor(actor)
    version = ArticleVersion.objects.filter(translation=translation, number=number).first()
    if version is None:
        raise NotFound(_("This article has no such version."))
    data = TranslationData(translation.language, version.title, version.body)
    return _translation_write(
        article=translation.article, data=data, actor=actor, restored_from=number
    )


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
    before = set(article.segments.values_list("pk", flat=True))
    wanted = set(segment_ids)
    if wanted == before:
        return article
    article.segments.set(wanted)
    article_index(article)
    article_event_record(
        article=article,
        kind=Kind.CHANGED,
        actor=actor,
        data={
            "fields": ["segments"],
            "segments": sorted(str(uid) for uid in article.segments.values_list("uid", flat=True)),
        },
    )
    return article
