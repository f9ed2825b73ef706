"""The demo's knowledge base: twenty articles in six languages, published and searchable
in each, two for staff only, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Count

from cortesia.demo.dataset import load_demo
from cortesia.demo.knowledge import load_demo_knowledge
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.selectors import PUBLIC_SCOPES, article_search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_knowledge_base_is_loaded_once_and_searchable_in_every_language(
    data_dir: Path,
) -> None:
    load_demo(password="demo-password-123")

    assert Article.objects.count() == 20
    assert Article.objects.filter(visibility="internal").count() == 2
    counts = dict(
        ArticleTranslation.objects.filter(status="published")
        .values_list("language")
        .annotate(n=Count("pk"))
    )
    assert counts == {language: 20 for language in ("en", "it", "fi", "bg", "ro", "ar")}
    questions = {
        "en": "how do I reset my password",
        "it": "come reimpostare la password",
        "fi": "salasanan vaihtaminen",
        "bg": "забравена парола",
        "ro": "cum resetez parola",
        "ar": "نسيت كلمة المرور",
    }
    for language, question in questions.items():
        [best, *_rest] = article_search(query=question, language=language, scopes=PUBLIC_SCOPES)
        assert best.translation.article.translations.get(language="en").title == (
            "How do I reset my password?"
        ), language
    author = Article.objects.select_related("author").first()
    assert author is not None
    assert author.author is not None
    assert load_demo_knowledge(author.author) == 0
