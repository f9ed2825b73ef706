"""Typo tolerance in search: a mistyped word finds the article written right; a word of
staff-only articles is never a correction target; a known word is left alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge import spelling_index
from cortesia.knowledge.models import ArticleTranslation
from cortesia.knowledge.search import search
from cortesia.knowledge.selectors import PUBLIC_SCOPES, STAFF_SCOPES, article_search
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
)
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def fresh_spellers() -> Iterator[None]:
    spelling_index.forget()
    yield
    spelling_index.forget()


def write(title: str, body: str, visibility: str = "public") -> ArticleTranslation:
    editor = Actor(make_user(f"ed{ArticleTranslation.objects.count()}", role=Role.MANAGER))
    section = section_create(
        category=category_create(names={"en": "Help"}, actor=editor),
        names={"en": "Account"},
        actor=editor,
    )
    article = article_create(
        data=ArticleData(section=section, source_language="en", visibility=visibility),
        first=TranslationData("en", title, body),
        actor=editor,
    )
    return translation_publish(
        translation=ArticleTranslation.objects.get(article=article), actor=editor
    )


def test_a_mistyped_word_finds_the_article_written_right() -> None:
    write("Resetting your password", "Choose Forgot password on the sign-in page.")
    write("Guarantee on appliances", "Every appliance has a two-year guarantee.")
    titles = [
        result.translation.title
        for result in article_search(query="forgot my pasword", language="en", scopes=PUBLIC_SCOPES)
    ]
    assert titles == ["Resetting your password"]
    found = search(query="warrenty", language="en", scopes=PUBLIC_SCOPES)
    assert found.terms == ("warranti",)
    assert len(found.scored) == 1


def test_words_of_staff_only_articles_are_never_correction_targets() -> None:
    write("Refund approvals", "Escalate to the chargebacks desk.", visibility="internal")
    found = search(query="chargebackz", language="en", scopes=STAFF_SCOPES)
    assert found.terms == ("chargebackz",)
    assert found.scored == []


def test_a_query_with_a_known_word_is_not_corrected() -> None:
    write("Parcel tracking", "Follow the parcel with its tracking link.")
    found = search(query="parcel trakcing", language="en", scopes=PUBLIC_SCOPES)
    assert found.terms == ("parcel", "trakc")
    assert len(found.scored) == 1


def test_the_answer_bot_does_not_correct() -> None:
    write("Resetting your password", "Choose Forgot password on the sign-in page.")
    found = search(query="pasword", language="en", scopes=PUBLIC_SCOPES, correct=False)
    assert (found.terms, found.scored) == (("pasword",), [])
