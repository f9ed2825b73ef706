"""Search against the labelled questions of ``evaluation_set`` (44 per language, written as
customers type them) on the demo's knowledge base: how often the article that answers a
question is first, or among the first three.

The goal is top-3 ≥ 0.90 in every language; ``FLOORS`` are the levels reached today, so
a change that makes search worse fails here. Measured (top-1 / top-3 over the 36
answerable questions), before the analyser's stop words, Romanian, Arabic and Bulgarian
rules and the customer-service lexicon: en 0.75 / 0.83, it 0.69 / 0.89, fi 0.81 / 0.81,
bg 0.61 / 0.83, ro 0.81 / 0.94, ar 0.69 / 0.83; after: en 0.86 / 0.92, it 0.81 / 0.97,
fi 0.86 / 0.92, bg 0.67 / 0.92, ro 0.89 / 0.97, ar 0.89 / 0.97. The lexicon was written
for the domain, not from these questions, but these questions showed where the analyser
fell short: read the numbers as measured on a set the work has seen.
"""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Role
from cortesia.demo.knowledge import load_demo_knowledge
from cortesia.demo.knowledge_articles import ARTICLES
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.selectors import PUBLIC_SCOPES, article_search
from cortesia.knowledge.tests.evaluation_set import QUESTIONS
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]

# (top-1, top-3) each language keeps at least
FLOORS = {
    "en": (0.86, 0.91),
    "it": (0.80, 0.97),
    "fi": (0.86, 0.91),
    "bg": (0.66, 0.91),
    "ro": (0.88, 0.97),
    "ar": (0.88, 0.97),
}


def test_search_finds_the_answering_article_as_often_as_today() -> None:
    load_demo_knowledge(make_user("author", Role.ADMIN))
    english_titles = {spec.texts["en"][0]: spec.key for spec in ARTICLES}
    key_of = {
        translation.article_id: english_titles[translation.title]
        for translation in ArticleTranslation.objects.filter(language="en")
    }
    reached: dict[str, tuple[float, float]] = {}
    for language, questions in QUESTIONS.items():
        answerable = [(question, label) for question, label in questions if label is not None]
        first = top3 = 0
        for question, label in answerable:
            results = article_search(
                query=question, language=language, scopes=PUBLIC_SCOPES, limit=3
            )
            keys = [key_of[result.translation.article_id] for result in results]
            first += keys[:1] == [label]
            top3 += label in keys
        reached[language] = (
            round(first / len(answerable), 2),
            round(top3 / len(answerable), 2),
        )
    print("\nsearch evaluation (top-1, top-3):", reached)  # shown with pytest -s
    assert len(QUESTIONS) == 6
    assert all(len(questions) >= 40 for questions in QUESTIONS.values())
    for language, (first_rate, top3_rate) in reached.items():
        assert first_rate >= FLOORS[language][0], (language, reached)
        assert top3_rate >= FLOORS[language][1], (language, reached)
