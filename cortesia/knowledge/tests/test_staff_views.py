"""The knowledge-base editor: who may open and change what (default deny), writing with a
conflict on a stale save, preview, publish, versions with their diff and restore, the
history, categories and sections."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, ArticleEvent, ArticleTranslation, Category, Section
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    category_create,
    section_create,
    translation_publish,
    translation_save,
)
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def manager() -> User:
    return make_user("mara", role=Role.MANAGER)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def section(manager: User) -> Section:
    category = category_create(names={"en": "Orders", "it": "Ordini"}, actor=Actor(manager))
    return section_create(
        category=category, names={"en": "Returns", "it": "Resi"}, actor=Actor(manager)
    )


@pytest.fixture
def article(manager: User, section: Section) -> Article:
    created = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Returns", "Within 30 days.\nKeep the receipt."),
        actor=Actor(manager),
    )
    translation_publish(translation=created.translations.get(), actor=Actor(manager))
    return created


@pytest.fixture
def draft(manager: User, section: Section) -> Article:
    return article_create(
        data=ArticleData(section=section, source_language="en", visibility="internal"),
        first=TranslationData("en", "Refund limits", "Up to 200 EUR."),
        actor=Actor(manager),
    )


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        (Role.ADMIN, 200, 200),
        (Role.MANAGER, 200, 200),
        (Role.AGENT, 200, 403),
        (Role.MARKETER, 403, 403),
    ],
)
def test_each_role_reads_and_writes_what_it_may(
    role: Role, read: int, write: int, article: Article
) -> None:
    client = _client(make_user(f"user-{role}", role=role))
    assert client.get("/knowledge/").status_code == read
    assert client.get(f"/knowledge/{article.uid}/").status_code == read
    assert client.get(f"/knowledge/{article.uid}/en/").status_code == read
    assert client.get(f"/knowledge/{article.uid}/en/versions/").status_code == read
    assert client.get(f"/knowledge/{article.uid}/history/").status_code == read
    assert client.get("/knowledge/categories/").status_code == read
    assert client.get("/knowledge/new/").status_code == write
    assert client.get("/knowledge/categories/new/").status_code == write
    posted = client.post(f"/knowledge/{article.uid}/en/publish/", {"published": "no"})
    assert posted.status_code == (302 if write == 200 else 403)


def test_a_visitor_not_signed_in_is_sent_to_sign_in(article: Article) -> None:
    response = Client().get("/knowledge/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_an_agent_reads_published_texts_only_and_saves_nothing(
    alice: User, article: Article, draft: Article
) -> None:
    client = _client(alice)
    page = client.get("/knowledge/").content.decode()
    assert "Returns" in page
    assert "Refund limits" not in page  # a draft
    assert client.get(f"/knowledge/{draft.uid}/").status_code == 404
    assert client.get(f"/knowledge/{article.uid}/it/").status_code == 404  # no such text
    read = client.get(f"/knowledge/{article.uid}/en/").content.decode()
    assert 'data-testid="kb-read"' in read
    assert 'data-testid="kb-save"' not in read
    saved = client.post(
        f"/knowledge/{article.uid}/en/",
        {"title": "Hacked", "body": "x", "expected_version": 1, "action": "save"},
    )
    assert saved.status_code == 403
    assert ArticleTranslation.objects.get(article=article).title == "Returns"


def test_the_list_shows_titles_states_and_needs_update(
    manager: User, article: Article, django_assert_num_queries: Any
) -> None:
    # given an Italian translation made from version 1, then the source edited
    actor = Actor(manager)
    translation_save(
        article=article, data=TranslationData("it", "Resi", "Entro 30 giorni."), actor=actor
    )
    translation_save(article=article, data=TranslationData("en", "Returns", "60."), actor=actor)
    client = _client(manager)
    client.get("/knowledge/")  # warm the session and the user
    # session, user, security policy; articles, their translations, categories, sections
    with django_assert_num_queries(7):
        response = client.get("/knowledge/", HTTP_ACCEPT_LANGUAGE="it")
    page = response.content.decode()
    assert 'lang="it" dir="auto">Resi</a>' in page
    assert page.count('data-testid="kb-needs-update"') == 1
    assert 'data-testid="kb-language-en"' in page
    filtered = client.get("/knowledge/", {"status": "draft", "language": "it"}).content.decode()
    assert filtered.count('data-testid="kb-article-row"') == 1
    none = client.get("/knowledge/", {"status": "published", "language": "it"}).content.decode()
    assert 'data-testid="kb-empty"' in none


def test_the_search_box_finds_published_articles(manager: User, article: Article) -> None:
    client = _client(manager)
    found = client.get("/knowledge/", {"q": "receipt"}).content.decode()
    assert found.count('data-testid="kb-article-row"') == 1
    missing = client.get("/knowledge/", {"q": "warranty"}).content.decode()
    assert 'data-testid="kb-empty"' in missing


def test_creating_an_article_twice_with_one_form_makes_one(manager: User, section: Section) -> None:
    client = _client(manager)
    form = {
        "section": str(section.uid),
        "visibility": "public",
        "tags": "returns, Refund",
        "reviewer": str(manager.uid),
        "language": "it",
        "title": "Come restituire",
        "body": "Entro **30** giorni.",
        "request_token": "token-123",
    }
    first = client.post("/knowledge/new/", form)
    second = client.post("/knowledge/new/", form)
    article = Article.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/knowledge/{article.uid}/it/"
    assert (article.source_language, article.tags, article.reviewer_id) == (
        "it",
        ["refund", "returns"],
        manager.pk,
    )


def test_a_create_form_with_errors_names_each_field(manager: User, section: Section) -> None:
    response = _client(manager).post(
        "/knowledge/new/",
        {"section": "nope", "visibility": "public", "language": "it", "title": "", "body": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-testid="field-error-section"' in page
    assert 'data-testid="field-error-title"' in page
    assert 'data-testid="field-error-body"' in page
    assert Article.objects.count() == 0


def test_a_stale_save_shows_the_conflict_and_keeps_the_typed_text(
    manager: User, article: Article
) -> None:
    # given someone saved version 2 after the page was loaded at version 1
    translation_save(
        article=article,
        data=TranslationData("en", "Returns", "Within 45 days."),
        actor=Actor(make_user("other", role=Role.ADMIN)),
    )
    # when the page's form is sent with version 1
    response = _client(manager).post(
        f"/knowledge/{article.uid}/en/",
        {"title": "Returns", "body": "Within 90 days.", "expected_version": 1, "action": "save"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    with translation.override("en"):
        assert (
            "Someone saved this article meanwhile. Reload it, then make your change again." in page
        )
    assert "Within 90 days.</textarea>" in page  # what was typed stays
    assert 'data-testid="kb-current"' in page
    assert "Within 45 days." in page
    assert ArticleTranslation.objects.get(article=article).version == 2


def test_saving_twice_with_the_same_version_stores_one_version(
    manager: User, article: Article
) -> None:
    client = _client(manager)
    form = {"title": "Returns", "body": "Within 60 days.", "expected_version": 1, "action": "save"}
    assert client.post(f"/knowledge/{article.uid}/en/", form).status_code == 302
    assert client.post(f"/knowledge/{article.uid}/en/", form).status_code == 302
    assert ArticleTranslation.objects.get(article=article).versions.count() == 2


def test_the_preview_is_rendered_here_and_saves_nothing(manager: User, article: Article) -> None:
    response = _client(manager).post(
        f"/knowledge/{article.uid}/en/",
        {
            "title": "Returns",
            "body": "**Bold** <script>alert(1)</script>",
            "expected_version": 1,
            "action": "preview",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<p><strong>Bold</strong> &lt;script&gt;alert(1)&lt;/script&gt;</p>" in page
    assert ArticleTranslation.objects.get(article=article).version == 1


def test_a_new_translation_shows_the_source_beside_it(manager: User, article: Article) -> None:
    client = _client(manager)
    page = client.get(f"/knowledge/{article.uid}/ar/").content.decode()
    assert 'data-testid="kb-source"' in page
    assert "Keep the receipt." in page
    assert 'name="expected_version" value="0"' in page
    saved = client.post(
        f"/knowledge/{article.uid}/ar/",
        {"title": "الإرجاع", "body": "خلال 30 يومًا.", "expected_version": 0, "action": "save"},
    )
    assert saved.status_code == 302
    created = ArticleTranslation.objects.get(article=article, language="ar")
    assert (created.version, created.source_version, created.status) == (1, 1, "draft")
    assert client.get("/knowledge/x/ar/").status_code == 404
    assert client.get(f"/knowledge/{article.uid}/xx/").status_code == 404


def test_the_versions_page_shows_an_escaped_diff_and_restores(
    manager: User, article: Article
) -> None:
    translation_save(
        article=article,
        data=TranslationData("en", "Returns", "Within 30 days.\n<b>Keep</b> the box."),
        actor=Actor(manager),
    )
    client = _client(manager)
    page = client.get(f"/knowledge/{article.uid}/en/versions/").content.decode()
    assert '<tr class="kb-diff-same" data-kind="same">' in page
    assert "<del>Keep the receipt.</del>" in page
    assert "<ins>&lt;b&gt;Keep&lt;/b&gt; the box.</ins>" in page
    restored = client.post(f"/knowledge/{article.uid}/en/versions/1/restore/")
    assert restored.status_code == 302
    current = ArticleTranslation.objects.get(article=article)
    assert (current.version, current.body) == (3, "Within 30 days.\nKeep the receipt.")
    assert client.get(f"/knowledge/{article.uid}/en/versions/?to=9").status_code == 404


def test_publish_and_unpublish_from_the_editor(manager: User, draft: Article) -> None:
    client = _client(manager)
    client.post(f"/knowledge/{draft.uid}/en/publish/", {"published": "yes"})
    assert ArticleTranslation.objects.get(article=draft).status == "published"
    client.post(f"/knowledge/{draft.uid}/en/publish/", {"published": "no"})
    assert ArticleTranslation.objects.get(article=draft).status == "draft"
    kinds = list(ArticleEvent.objects.filter(article=draft).values_list("kind", flat=True))
    assert kinds == ["created", "saved", "published", "unpublished"]


def test_the_history_page_lists_the_events(manager: User, article: Article) -> None:
    page = _client(manager).get(f"/knowledge/{article.uid}/history/").content.decode()
    assert page.count('data-testid="kb-event"') == 3
    assert 'data-kind="published"' in page


def test_settings_change_visibility_and_segments(manager: User, article: Article) -> None:
    from cortesia.customers.models import Segment

    gold = Segment.objects.create(name="Gold", rules={"all": []})
    response = _client(manager).post(
        f"/knowledge/{article.uid}/",
        {
            "section": str(article.section.uid),
            "visibility": "public",
            "segments": [str(gold.uid)],
            "tags": "",
            "reviewer": "",
        },
    )
    assert response.status_code == 302
    assert list(article.segments.values_list("name", flat=True)) == ["Gold"]


def test_categories_and_sections_are_named_per_language(manager: User, section: Section) -> None:
    client = _client(manager)
    created = client.post(
        "/knowledge/categories/new/", {"name_en": "Account", "name_ar": "الحساب", "position": 2}
    )
    assert created.status_code == 302
    category = Category.objects.get(position=2)
    assert category.names == {"en": "Account", "ar": "الحساب"}
    empty = client.post("/knowledge/categories/new/", {"position": 0})
    assert empty.status_code == 400
    with translation.override("en"):
        assert "Give a name in at least one of the site" in empty.content.decode()
    moved = client.post(
        f"/knowledge/sections/{section.uid}/",
        {"category": str(category.uid), "name_en": "Sign-in", "position": 0},
    )
    assert moved.status_code == 302
    section.refresh_from_db()
    assert (section.category_id, section.names) == (category.pk, {"en": "Sign-in"})
