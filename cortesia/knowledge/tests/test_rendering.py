"""Rendering an article: Markdown without raw HTML, sanitised; internal links
``article:<uid>`` lead to the linked article in the reader's language, else in its source
language, and nothing but safe addresses survive."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, ArticleTranslation
from cortesia.knowledge.rendering import linked_articles, links_resolved, rendered
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

UID = uuid.UUID("7d5e5f3a-0b8e-4a4c-9a57-4c1f0c3c9b11")


def test_an_article_link_becomes_its_stable_address_in_the_texts_language() -> None:
    html = rendered(f"See [returns](article:{UID}).", language="it")
    assert (
        html
        == f'<p>See <a href="/help/it/article/{UID}" rel="noopener noreferrer">returns</a>.</p>\n'
    )
    assert linked_articles(html) == {UID}


@pytest.mark.parametrize(
    "body",
    [
        "See [returns](article:not-a-uid).",
        f"See [returns](ARTICLE:{UID}x).",
    ],
)
def test_an_article_link_naming_no_article_keeps_only_its_text(body: str) -> None:
    assert rendered(body, language="en") == "<p>See returns.</p>\n"


def test_without_a_language_an_article_link_is_dropped() -> None:
    assert rendered(f"[returns](article:{UID})") == "<p>returns</p>\n"


@pytest.mark.parametrize(
    "body",
    [
        "[x](javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "<a href='javascript:alert(1)'>x</a>",
        "<script>alert(1)</script>",
        "![x](javascript:alert(1))",
    ],
)
def test_unsafe_addresses_never_survive(body: str) -> None:
    html = rendered(body, language="en")
    assert "<a" not in html  # left as text: no link, no image, no script element
    assert "<img" not in html
    assert "<script" not in html


def test_a_link_is_resolved_to_the_articles_own_address_and_escaped() -> None:
    html = rendered(f"[a](article:{UID}) [b](https://example.com/)", language="en")
    resolved = links_resolved(html, {UID: '/help/en/a"b'})
    assert 'href="/help/en/a&quot;b"' in resolved
    assert 'href="https://example.com/"' in resolved
    assert links_resolved(html, {}) == html


@pytest.fixture
def linked(db: None) -> tuple[Article, Article]:
    """A guide linking to a returns article written in English and translated to Italian
    (the Finnish guide links to it too, with no Finnish returns text)."""
    editor = Actor(make_user("ed", role=Role.MANAGER))
    category = category_create(names={"en": "Orders"}, actor=editor)
    section = section_create(category=category, names={"en": "Returns"}, actor=editor)
    target = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Returns", "Within 30 days."),
        actor=editor,
    )
    translation_save(
        article=target, data=TranslationData("it", "Resi", "Entro 30 giorni."), actor=editor
    )
    guide = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Guide", f"Read [returns](article:{target.uid})."),
        actor=editor,
    )
    for language, title, words in (("it", "Guida", "Leggi"), ("fi", "Opas", "Lue")):
        body = f"{words} [resi](article:{target.uid})."
        translation_save(article=guide, data=TranslationData(language, title, body), actor=editor)
    for translation in ArticleTranslation.objects.all():
        translation_publish(translation=translation, actor=editor)
    return guide, target


@pytest.mark.parametrize(
    ("page", "address"),
    [
        ("/help/it/guida", "/help/it/resi"),
        ("/help/en/guide", "/help/en/returns"),
        ("/help/fi/opas", "/help/en/returns"),  # no Finnish text: the source language
    ],
)
def test_the_help_centre_links_the_readers_language_version(
    client: Client, linked: tuple[Article, Article], page: str, address: str
) -> None:
    html = client.get(page).content.decode()
    assert f'href="{address}" rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    ("language", "address"),
    [("it", "/help/it/resi"), ("fi", "/help/en/returns"), ("en", "/help/en/returns")],
)
def test_the_stable_address_redirects_to_the_readers_language_version(
    client: Client, linked: tuple[Article, Article], language: str, address: str
) -> None:
    target = linked[1]
    response = client.get(f"/help/{language}/article/{target.uid}")
    assert (response.status_code, response["Location"]) == (302, address)


def test_a_link_to_an_unpublished_article_leads_nowhere(
    client: Client, linked: tuple[Article, Article]
) -> None:
    target = linked[1]
    editor = Actor(make_user("ed2", role=Role.MANAGER))
    for translation in target.translations.all():
        translation_publish(translation=translation, actor=editor, published=False)
    html = client.get("/help/it/guida").content.decode()
    assert f'href="/help/it/article/{target.uid}"' in html  # the stable address stays
    assert client.get(f"/help/it/article/{target.uid}").status_code == 404
