"""The public help centre: addresses with the language, alternates only for languages an
article exists in, right to left in Arabic, search with snippets, one vote per reader,
views counted, staff-only articles never shown, the sitemap."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge.models import ArticleTranslation, ArticleVote, SearchMiss
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
def returns() -> ArticleTranslation:
    editor = Actor(make_user("ed", role=Role.MANAGER))
    category = category_create(
        names={"en": "Orders", "it": "Ordini", "ar": "الطلبات"}, actor=editor
    )
    section = section_create(
        category=category, names={"en": "Returns", "it": "Resi", "ar": "الإرجاع"}, actor=editor
    )
    article = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "How do I return an item?", "Return it within **30 days**."),
        actor=editor,
    )
    for language, title, body in (
        ("it", "Come restituire un articolo?", "Restituiscilo entro **30 giorni**."),
        ("ar", "كيف أُرجِع منتجًا؟", "يمكن إرجاع المنتج خلال **30 يومًا**."),
        ("fi", "Miten palautan tuotteen?", "Palauta 30 päivässä."),  # stays a draft
    ):
        translation_save(article=article, data=TranslationData(language, title, body), actor=editor)
    for translation in ArticleTranslation.objects.exclude(language="fi"):
        translation_publish(translation=translation, actor=editor)
    hidden = article_create(
        data=ArticleData(section=section, source_language="en", visibility="internal"),
        first=TranslationData("en", "Refund limits for agents", "Up to 200 EUR."),
        actor=editor,
    )
    translation_publish(translation=hidden.translations.get(), actor=editor)
    return ArticleTranslation.objects.get(language="en", article=article)


def test_the_home_lists_the_published_articles_of_its_language(
    client: Client, returns: ArticleTranslation
) -> None:
    page = client.get("/help/it/").content.decode()
    assert '<html lang="it" dir="ltr">' in page
    assert '<h2 dir="auto">Ordini</h2>' in page
    assert 'href="/help/it/come-restituire-un-articolo"' in page
    assert "Refund limits" not in page
    empty = client.get("/help/fi/").content.decode()
    assert 'data-testid="help-empty"' in empty  # the Finnish text is a draft
    assert client.get("/help/xx/").status_code == 404


def test_an_article_offers_only_the_languages_it_exists_in(
    client: Client, returns: ArticleTranslation
) -> None:
    response = client.get("/help/en/how-do-i-return-an-item")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>30 days</strong>" in page
    alternates = [
        '<link rel="alternate" hreflang="en" href="/help/en/how-do-i-return-an-item">',
        '<link rel="alternate" hreflang="it" href="/help/it/come-restituire-un-articolo">',
        f'<link rel="alternate" hreflang="ar" href="/help/ar/{quote("كيف-أرجع-منتجا")}">',
    ]
    for alternate in alternates:
        assert alternate in page
    assert 'hreflang="fi"' not in page
    returns.refresh_from_db()
    assert returns.views == 1


def test_the_arabic_article_reads_right_to_left(
    client: Client, returns: ArticleTranslation
) -> None:
    arabic = ArticleTranslation.objects.get(language="ar")
    page = client.get(f"/help/ar/{quote(arabic.slug)}").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "هل كانت هذه المقالة مفيدة؟" in page


def test_staff_only_articles_and_drafts_answer_404(
    client: Client, returns: ArticleTranslation
) -> None:
    assert client.get("/help/en/refund-limits-for-agents").status_code == 404
    assert client.get("/help/fi/miten-palautan-tuotteen").status_code == 404


def test_search_shows_snippets_and_counts_what_finds_nothing(
    client: Client, returns: ArticleTranslation
) -> None:
    page = client.get("/help/it/search?q=restituzione").content.decode()
    assert 'href="/help/it/come-restituire-un-articolo"' in page  # by its title
    assert '<p class="hint" dir="auto">Restituiscilo entro 30 giorni.</p>' in page
    page = client.get("/help/it/search?q=giorno").content.decode()
    assert '<p class="hint" dir="auto">Restituiscilo entro 30 <mark>giorni</mark>.</p>' in page
    missing = client.get("/help/it/search?q=buono+regalo").content.decode()
    assert 'data-testid="help-no-results"' in missing
    assert (
        client.get("/help/en/search?q=refund+limits")
        .content.decode()
        .count('data-testid="help-result"')
        == 0
    )
    assert list(SearchMiss.objects.order_by("query").values_list("language", "query")) == [
        ("it", "buono regalo"),
        ("en", "refund limits"),
    ]


def test_one_vote_per_reader_and_a_changed_answer_moves_the_counts(
    client: Client, returns: ArticleTranslation
) -> None:
    vote = "/help/en/how-do-i-return-an-item/vote"
    first = client.post(vote, {"helpful": "yes"})
    assert first["Location"] == "/help/en/how-do-i-return-an-item?voted=yes"
    client.post(vote, {"helpful": "yes"})  # a double click
    returns.refresh_from_db()
    assert (returns.helpful, returns.not_helpful, ArticleVote.objects.count()) == (1, 0, 1)
    client.post(vote, {"helpful": "no"})
    returns.refresh_from_db()
    assert (returns.helpful, returns.not_helpful, ArticleVote.objects.count()) == (0, 1, 1)
    Client().post(vote, {"helpful": "yes"})  # another reader
    returns.refresh_from_db()
    assert (returns.helpful, returns.not_helpful) == (1, 1)
    assert client.post(vote, {"helpful": "maybe"})["Location"] == "/help/en/how-do-i-return-an-item"
    thanks = client.get("/help/en/how-do-i-return-an-item?voted=no").content.decode()
    assert 'data-testid="help-voted"' in thanks


def test_the_sitemap_lists_every_published_article(
    client: Client, returns: ArticleTranslation
) -> None:
    response = client.get("/help/sitemap.xml")
    body = response.content.decode()
    assert response["Content-Type"] == "application/xml"
    assert body.count("<url>") == 3
    assert "http://127.0.0.1:8000/help/it/come-restituire-un-articolo" in body
    assert "refund-limits" not in body


def test_the_root_follows_the_browsers_language(client: Client) -> None:
    response = client.get("/help/", headers={"Accept-Language": "ro-RO,ro;q=0.9"})
    assert response["Location"] == "/help/ro/"
