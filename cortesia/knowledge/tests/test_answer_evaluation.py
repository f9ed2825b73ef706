"""The answer bot against the labelled questions of ``evaluation_set`` (44 per language,
as customers write them) on the demo's knowledge base: how often it offers the right
article, how often it offers a wrong one or answers a question the articles do not
answer (a false answer), and how often it says it has no sure answer and hands over.

The thresholds (``answering.THRESHOLDS``) were chosen on these same questions, so the
figures are not a held-out measurement: they show the rule keeps to them. Goal: at most
5 % false answers in every language. Measured with the thresholds of today (right /
false / handed over, of 44): en 25/1/18, it 21/2/21, fi 22/2/20, bg 10/2/32, ro 29/2/13,
ar 27/2/15.
"""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Role
from cortesia.demo.knowledge import load_demo_knowledge
from cortesia.demo.knowledge_articles import ARTICLES
from cortesia.knowledge.answering import passages_for
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.selectors import PUBLIC_SCOPES
from cortesia.knowledge.tests.evaluation_set import QUESTIONS
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]

MAX_FALSE = 0.05
# right answers each language keeps at least (of 44 questions)
RIGHT_FLOORS = {"en": 25, "it": 21, "fi": 22, "bg": 10, "ro": 29, "ar": 27}


def test_the_bot_answers_right_often_and_falsely_at_most_five_percent() -> None:
    load_demo_knowledge(make_user("author", Role.ADMIN))
    english_titles = {spec.texts["en"][0]: spec.key for spec in ARTICLES}
    key_of = {
        translation.article_id: english_titles[translation.title]
        for translation in ArticleTranslation.objects.filter(language="en")
    }
    reached: dict[str, tuple[int, int, int]] = {}
    for language, questions in QUESTIONS.items():
        right = false = handed_over = 0
        for question, label in questions:
            judged = passages_for(question, language, PUBLIC_SCOPES)
            if not judged.confident or judged.best is None:
                handed_over += 1
            elif key_of[judged.best.translation.article_id] == label:
                right += 1
            else:
                false += 1
        reached[language] = (right, false, handed_over)
    print("answer bot (right, false, handed over):", reached)  # noqa: T201 - the report
    for language, (right, false, _handed) in reached.items():
        total = len(QUESTIONS[language])
        assert false / total <= MAX_FALSE, (language, reached)
        assert right >= RIGHT_FLOORS[language], (language, reached)
