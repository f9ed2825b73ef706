"""Load the demo's knowledge base: four categories, their sections and twenty articles
in six languages (two for staff only), all published and indexed, written by the
demo's administrator."""

from __future__ import annotations

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.demo.knowledge_articles import ARTICLES, CATEGORIES, SECTIONS
from cortesia.knowledge.models import Category
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
    translation_save,
)

SOURCE_LANGUAGE = "en"


def load_demo_knowledge(admin: User) -> int:
    """Create the demo's knowledge base once; return the number of categories, sections
    and articles made (0 when it exists)."""
    if Category.objects.exists():
        return 0
    actor = Actor(admin)
    categories = {
        key: category_create(names=names, actor=actor, position=position)
        for position, (key, names) in enumerate(CATEGORIES.items())
    }
    sections = {
        key: section_create(
            category=categories[category], names=names, actor=actor, position=position
        )
        for position, (key, (category, names)) in enumerate(SECTIONS.items())
    }
    for spec in ARTICLES:
        title, body = spec.texts[SOURCE_LANGUAGE]
        article = article_create(
            data=ArticleData(
                section=sections[spec.section],
                source_language=SOURCE_LANGUAGE,
                visibility=spec.visibility,
                tags=list(spec.tags),
            ),
            first=TranslationData(SOURCE_LANGUAGE, title, body),
            actor=actor,
        )
        for language, (title, body) in spec.texts.items():
            if language != SOURCE_LANGUAGE:
                translation_save(
                    article=article, data=TranslationData(language, title, body), actor=actor
                )
        for translation in article.translations.all():
            translation_publish(translation=translation, actor=actor)
    return len(categories) + len(sections) + len(ARTICLES)
