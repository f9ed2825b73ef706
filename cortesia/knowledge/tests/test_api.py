"""``/api/v1/articles``: editors write, agents read what is published (staff-only
articles included), marketers nothing; saves are versioned and refuse stale writes;
search ranks with snippets in the reader's scope."""

from __future__ import annotations

import pytest
from django.test import Client

from cortesia.accounts.models import User
from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, Section
from cortesia.knowledge.services import category_create, section_create
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def section(admin_user: User) -> Section:
    category = category_create(names={"en": "Orders"}, actor=Actor(admin_user))
    return section_create(category=category, names={"en": "Returns"}, actor=Actor(admin_user))


def create(client: Client, token: str, section: Section, **extra: object) -> dict[str, object]:
    body = {
        "section": str(section.uid),
        "language": "en",
        "title": "How do I return an item?",
        "body": "Return it within **30 days** from delivery.",
        **extra,
    }
    response = client.post(
        "/api/v1/articles", body, content_type="application/json", headers=bearer(token)
    )
    assert response.status_code == 201, response.content
    return dict(response.json())


def publish(client: Client, token: str, uid: object, language: str = "en") -> None:
    response = client.post(
        f"/api/v1/articles/{uid}/translations/{language}/publish",
        {"published": True},
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 200, response.content


def test_an_editor_creates_translates_and_publishes(
    client: Client, admin_write_token: str, section: Section
) -> None:
    created = create(client, admin_write_token, section, tags=["Returns", " returns "])
    uid = created["uid"]
    assert created["tags"] == ["returns"]
    translations = created["translations"]
    assert isinstance(translations, list)
    [english] = translations
    assert (english["status"], english["version"], english["url"]) == ("draft", 1, None)
    assert (
        english["body_html"] == "<p>Return it within <strong>30 days</strong> from delivery.</p>\n"
    )

    saved = client.put(
        f"/api/v1/articles/{uid}/translations/it",
        {"title": "Come restituire un articolo?", "body": "Entro **30 giorni**."},
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert saved.status_code == 200
    publish(client, admin_write_token, uid)
    publish(client, admin_write_token, uid, "it")
    article = client.get(f"/api/v1/articles/{uid}", headers=bearer(admin_write_token)).json()
    assert [(t["language"], t["status"], t["url"]) for t in article["translations"]] == [
        ("en", "published", "/help/en/how-do-i-return-an-item"),
        ("it", "published", "/help/it/come-restituire-un-articolo"),
    ]


def test_a_stale_save_is_refused_and_versions_restore(
    client: Client, admin_write_token: str, section: Section
) -> None:
    uid = create(client, admin_write_token, section)["uid"]
    url = f"/api/v1/articles/{uid}/translations/en"
    first = {"title": "Returns", "body": "Within 60 days.", "expected_version": 1}
    assert (
        client.put(
            url, first, content_type="application/json", headers=bearer(admin_write_token)
        ).status_code
        == 200
    )
    stale = client.put(
        url,
        {"title": "Returns", "body": "Within 90 days.", "expected_version": 1},
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert stale.status_code == 409
    versions = client.get(f"{url}/versions", headers=bearer(admin_write_token)).json()
    assert [(v["number"], v["body"]) for v in versions] == [
        (2, "Within 60 days."),
        (1, "Return it within **30 days** from delivery."),
    ]
    restored = client.post(f"{url}/versions/1/restore", headers=bearer(admin_write_token))
    [english] = restored.json()["translations"]
    assert (english["version"], english["body"]) == (
        3,
        "Return it within **30 days** from delivery.",
    )
    assert (
        client.post(f"{url}/versions/9/restore", headers=bearer(admin_write_token)).status_code
        == 404
    )


def test_agents_read_published_articles_and_search_staff_only_ones_too(
    client: Client,
    admin_write_token: str,
    alice_read_token: str,
    alice_write_token: str,
    section: Section,
) -> None:
    public = create(client, admin_write_token, section)["uid"]
    internal = create(
        client,
        admin_write_token,
        section,
        title="Refund limits",
        body="Agents refund up to 200 EUR without approval.",
        visibility="internal",
    )["uid"]
    draft = create(client, admin_write_token, section, title="Gift cards", body="Soon.")["uid"]
    publish(client, admin_write_token, public)
    publish(client, admin_write_token, internal)

    listed = client.get("/api/v1/articles", headers=bearer(alice_read_token)).json()["items"]
    assert [item["uid"] for item in listed] == [public, internal]
    assert (
        client.get(f"/api/v1/articles/{draft}", headers=bearer(alice_read_token)).status_code == 404
    )
    found = client.get(
        "/api/v1/articles/search?q=refund+approval&language=en", headers=bearer(alice_read_token)
    ).json()["items"]
    assert [(hit["article"], hit["title"], hit["url"]) for hit in found] == [
        (internal, "Refund limits", None)
    ]
    assert found[0]["snippet"] == (
        "Agents <mark>refund</mark> up to 200 EUR without <mark>approval</mark>."
    )
    refused = client.post(
        f"/api/v1/articles/{public}/translations/en/publish",
        {"published": False},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert refused.status_code == 403
    assert Article.objects.count() == 3


def test_marketers_have_no_knowledge_base(
    client: Client, mia_write_token: str, admin_write_token: str, section: Section
) -> None:
    create(client, admin_write_token, section)
    assert client.get("/api/v1/articles", headers=bearer(mia_write_token)).status_code == 403
    searched = client.get(
        "/api/v1/articles/search?q=return&language=en", headers=bearer(mia_write_token)
    )
    assert searched.status_code == 403
