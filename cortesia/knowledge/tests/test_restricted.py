"""Articles restricted to segments on the help centre: a customer signed in to the portal
who belongs to one of the article's segments sees it on the home page, in search, on its
page and through internal links, never cached publicly; everyone else gets 404 and does
not find it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, Segment
from cortesia.customers.services import CustomerData, customer_create
from cortesia.knowledge.models import Article, SearchMiss
from cortesia.knowledge.selectors import help_search, reader_segments
from cortesia.knowledge.services import (
    ArticleData,
    TranslationData,
    article_create,
    article_segments_set,
    category_create,
    section_create,
    translation_publish,
)
from cortesia.portal.links import link_issue
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]
ITALY = {"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["IT"]}]}
GOLD = "/help/en/gold-members-free-returns"


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


def _customer(name: str, country: str, address: str) -> Customer:
    return customer_create(
        data=CustomerData(given_name=name, surname="Test", country=country, emails=[address]),
        actor=Actor.system(),
    )


def _signed_in(customer: Customer, address: str) -> Client:
    client = Client()
    token = link_issue(customer=customer, address=address).token
    assert client.post(f"/portal/sign-in/{token}/").status_code == 302
    return client


@pytest.fixture
def gold() -> Article:
    editor = Actor(make_user("ed", role=Role.MANAGER))
    category = category_create(names={"en": "Orders"}, actor=editor)
    section = section_create(category=category, names={"en": "Returns"}, actor=editor)
    public = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Free returns policy", "Returns are free within 30 days."),
        actor=editor,
    )
    restricted = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", "Gold members free returns", "Free returns for 90 days."),
        actor=editor,
    )
    segment = Segment.objects.create(name="Italy", rules=ITALY)
    article_segments_set(article=restricted, segment_ids=[segment.pk], actor=editor)
    for article in (public, restricted):
        translation_publish(translation=article.translations.get(), actor=editor)
    return restricted


@pytest.fixture
def member() -> Client:
    return _signed_in(_customer("Giulia", "IT", "giulia@example.it"), "giulia@example.it")


@pytest.fixture
def outsider() -> Client:
    return _signed_in(_customer("Omar", "SA", "omar@example.sa"), "omar@example.sa")


def test_a_member_sees_the_article_privately(member: Client, gold: Article) -> None:
    response = member.get(GOLD)
    assert response.status_code == 200
    assert "Free returns for 90 days." in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("reader", ["anonymous", "outsider"])
def test_everyone_else_gets_404(reader: str, outsider: Client, gold: Article) -> None:
    client = Client() if reader == "anonymous" else outsider
    assert client.get(GOLD).status_code == 404
    assert client.post(f"{GOLD}/vote", {"helpful": "yes"}).status_code == 404
    assert client.get(f"/help/en/article/{gold.uid}").status_code == 404


def test_the_home_lists_it_for_a_member_only(
    member: Client, outsider: Client, gold: Article
) -> None:
    assert 'href="/help/en/gold-members-free-returns"' in member.get("/help/en/").content.decode()
    assert "private" in member.get("/help/en/")["Cache-Control"]
    assert "gold-members" not in outsider.get("/help/en/").content.decode()
    assert "gold-members" not in Client().get("/help/en/").content.decode()


def test_search_includes_it_for_a_member_only(
    member: Client, outsider: Client, gold: Article
) -> None:
    found = member.get("/help/en/search", {"q": "free returns"}).content.decode()
    assert found.count('data-testid="help-result"') == 2
    assert "gold-members-free-returns" in found
    hidden = outsider.get("/help/en/search", {"q": "free returns"}).content.decode()
    assert hidden.count('data-testid="help-result"') == 1
    assert "gold-members-free-returns" not in hidden
    # a search only the restricted article answers: a miss for the outsider
    assert "gold-members" not in outsider.get("/help/en/search", {"q": "gold"}).content.decode()
    assert list(SearchMiss.objects.values_list("query", flat=True)) == ["gold"]
    assert "gold-members" in member.get("/help/en/search", {"q": "gold"}).content.decode()
    assert SearchMiss.objects.get().count == 1


def test_the_limit_still_counts_after_hidden_articles_are_left_out(gold: Article) -> None:
    # given a restricted article Giulia may not see, ranked first for "free returns"
    editor = Actor(make_user("ed2", role=Role.MANAGER))
    saudi = Segment.objects.create(
        name="Saudi",
        rules={"op": "and", "rules": [{"field": "country", "operator": "in", "value": ["SA"]}]},
    )
    other = article_create(
        data=ArticleData(section=gold.section, source_language="en"),
        first=TranslationData("en", "Free returns free returns", "Free returns."),
        actor=editor,
    )
    article_segments_set(article=other, segment_ids=[saudi.pk], actor=editor)
    translation_publish(translation=other.translations.get(), actor=editor)
    giulia = _customer("Giulia", "IT", "giulia@example.it")
    # when she searches with a limit of one
    results = help_search(
        query="free returns", language="en", segments=reader_segments(giulia), limit=1
    )
    # then the hidden article is left out and the limit is still filled
    assert len(results) == 1
    assert results[0].translation.article_id != other.pk
    omar = _customer("Omar", "SA", "omar@example.sa")
    seen = help_search(query="free returns", language="en", segments=reader_segments(omar))
    assert [result.translation.article_id for result in seen][0] == other.pk
    assert gold.pk not in [result.translation.article_id for result in seen]


def test_membership_follows_the_segments_rules(gold: Article) -> None:
    giulia = _customer("Giulia", "IT", "giulia@example.it")
    omar = _customer("Omar", "SA", "omar@example.sa")
    segment = gold.segments.get()
    assert reader_segments(giulia) == frozenset({segment.pk})
    assert reader_segments(omar) == frozenset()
    assert reader_segments(None) == frozenset()


def test_a_public_page_for_an_anonymous_reader_is_not_marked_private(gold: Article) -> None:
    response = Client().get("/help/en/free-returns-policy")
    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")
