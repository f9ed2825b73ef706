"""Every change of an article writes one ArticleEvent in its transaction, with exact kind,
language and data (numbers and ids, never the text); a change that changes nothing, or a
refused one, writes none."""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, Forbidden
from cortesia.customers.models import Segment
from cortesia.knowledge.history import article_events_recorded
from cortesia.knowledge.models import Article, ArticleEvent, Section
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    article_segments_set,
    article_update,
    category_create,
    section_create,
    translation_publish,
    translation_restore,
    translation_save,
)
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def editor() -> User:
    return make_user("ed", role=Role.MANAGER)


@pytest.fixture
def section(editor: User) -> Section:
    category = category_create(names={"en": "Orders"}, actor=Actor(editor))
    return section_create(category=category, names={"en": "Returns"}, actor=Actor(editor))


@pytest.fixture
def article(editor: User, section: Section) -> Article:
    return article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Returns", "Within 30 days."),
        actor=Actor(editor),
    )


def _events(article: Article) -> list[tuple[str, str, dict[str, object]]]:
    return [
        (event.kind, event.language, event.data)
        for event in ArticleEvent.objects.filter(article=article).order_by("pk")
    ]


def test_creating_an_article_records_created_then_saved(
    editor: User, section: Section, article: Article
) -> None:
    assert _events(article) == [
        ("created", "en", {"section": str(section.uid), "visibility": "public"}),
        ("saved", "en", {"version": 1, "previous": None, "source_version": 1}),
    ]
    assert set(ArticleEvent.objects.values_list("actor_id", flat=True)) == {editor.pk}


def test_a_save_records_the_versions_and_a_same_save_records_nothing(
    editor: User, article: Article
) -> None:
    # given the source text at version 1 and an Italian translation made from it
    actor = Actor(editor)
    translation_save(article=article, data=TranslationData("it", "Resi", "Entro 30."), actor=actor)
    # when the source is edited twice, the second time with the same words
    data = TranslationData("en", "Returns", "Within 60 days.")
    translation_save(article=article, data=data, actor=actor, expected_version=1)
    translation_save(article=article, data=data, actor=actor, expected_version=1)
    # then one event each for the two real saves, none for the repeat
    assert _events(article)[2:] == [
        ("saved", "it", {"version": 1, "previous": None, "source_version": 1}),
        ("saved", "en", {"version": 2, "previous": 1, "source_version": 2}),
    ]
    assert "Within" not in str(_events(article))  # never the text


def test_a_stale_save_is_refused_without_an_event(editor: User, article: Article) -> None:
    actor = Actor(editor)
    translation_save(article=article, data=TranslationData("en", "Returns", "Two."), actor=actor)
    with pytest.raises(Conflict):
        translation_save(
            article=article,
            data=TranslationData("en", "Returns", "Three."),
            actor=actor,
            expected_version=1,
        )
    assert [kind for kind, _language, _data in _events(article)] == ["created", "saved", "saved"]


def test_publishing_records_once_per_change(editor: User, article: Article) -> None:
    translation = article.translations.get()
    actor = Actor(editor)
    translation_publish(translation=translation, actor=actor)
    translation_publish(translation=translation, actor=actor)  # already published
    translation_publish(translation=translation, actor=actor, published=False)
    assert _events(article)[2:] == [
        ("published", "en", {"version": 1}),
        ("unpublished", "en", {"version": 1}),
    ]
    translation.refresh_from_db()
    assert translation.status == "draft"
    assert translation.published_at is not None  # first publication is kept


def test_restoring_records_restored_with_the_version_it_came_from(
    editor: User, article: Article
) -> None:
    actor = Actor(editor)
    translation_save(article=article, data=TranslationData("en", "Returns", "Two."), actor=actor)
    translation = article.translations.get()
    restored = translation_restore(translation=translation, number=1, actor=actor)
    translation_restore(translation=restored, number=1, actor=actor)  # same words: nothing
    assert restored.version == 3
    assert _events(article)[3:] == [
        ("restored", "en", {"version": 3, "previous": 2, "source_version": 3, "restored_from": 1}),
    ]


def test_settings_and_segments_record_what_changed(
    editor: User, section: Section, article: Article
) -> None:
    actor = Actor(editor)
    reviewer = make_user("rev", role=Role.ADMIN)
    article_update(
        article=article,
        data=ArticleData(
            section=section,
            source_language="en",
            visibility="internal",
            tags=["Refund", "refund ", "returns"],
            reviewer=reviewer,
        ),
        actor=actor,
    )
    gold = Segment.objects.create(name="Gold", rules={"all": []})
    article_segments_set(article=article, segment_ids=[gold.pk], actor=actor)
    article_segments_set(article=article, segment_ids=[gold.pk], actor=actor)  # same: nothing
    assert _events(article)[2:] == [
        (
            "changed",
            "",
            {
                "fields": ["reviewer", "tags", "visibility"],
                "reviewer": str(reviewer.uid),
                "tags": ["refund", "returns"],
                "visibility": "internal",
            },
        ),
        ("changed", "", {"fields": ["segments"], "segments": [str(gold.uid)]}),
    ]


def test_an_agent_changes_nothing_and_records_nothing(
    editor: User, article: Article, alice: User
) -> None:
    with pytest.raises(Forbidden):
        translation_publish(translation=article.translations.get(), actor=Actor(alice))
    assert len(_events(article)) == 2


def test_the_events_of_one_change_are_announced(editor: User, section: Section) -> None:
    heard: list[list[str]] = []

    def hear(sender: object, *, events: list[ArticleEvent], **kwargs: object) -> None:
        heard.append([event.kind for event in events])

    article_events_recorded.connect(hear, dispatch_uid="test-hear")
    try:
        article_create(
            data=ArticleData(section=section, source_language="it"),
            first=TranslationData("it", "Resi", "Entro 30 giorni."),
            actor=Actor(editor),
        )
    finally:
        article_events_recorded.disconnect(dispatch_uid="test-hear")
    assert heard == [["created"], ["saved"]]


def test_a_repeated_create_with_the_same_token_returns_the_same_article(
    editor: User, section: Section
) -> None:
    arguments = {
        "data": ArticleData(section=section, source_language="en"),
        "first": TranslationData("en", "Delivery", "Two days."),
        "actor": Actor(editor),
        "request_token": "form-1",
    }
    first = article_create(**arguments)  # type: ignore[arg-type]
    second = article_create(**arguments)  # type: ignore[arg-type]
    assert first.pk == second.pk
    assert Article.objects.count() == 1
    assert ArticleEvent.objects.filter(kind="created").count() == 1
