"""The knowledge-base editor in a real browser, under the site's Content Security Policy:
a manager working in Italian creates an article, saves it (a double click stores one
version), publishes it, adds the Arabic text beside the Italian one, and the Arabic help
page reads right to left; nothing is logged to the console."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge.models import Article, ArticleTranslation, ArticleVersion, Section
from cortesia.knowledge.services import category_create, section_create
from cortesia.testing.fixtures import make_user
from tests.e2e.staff_session import csp_violations, signed_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def section(transactional_db: None) -> Section:
    editor = Actor(make_user("setup", Role.ADMIN))
    category = category_create(names={"en": "Orders", "it": "Ordini"}, actor=editor)
    return section_create(category=category, names={"en": "Returns", "it": "Resi"}, actor=editor)


def test_a_manager_in_italian_writes_saves_and_publishes_an_article(
    section: Section, page: Page, live_server: LiveServer
) -> None:
    problems = signed_in(page, live_server, make_user("mara", Role.MANAGER, language="it"))
    page.goto("/knowledge/")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    page.get_by_test_id("kb-create").click()

    # create: the first text, in Italian
    page.select_option("#id_language", "it")
    page.fill("#id_title", "Come restituire un articolo")
    page.fill("#id_body", "Puoi restituirlo entro **30 giorni**.")
    page.fill("#id_tags", "resi")
    page.get_by_test_id("kb-create-submit").click()
    expect(page).to_have_url(re.compile(r"/knowledge/[0-9a-f-]{36}/it/$"))
    article = Article.objects.get()
    translation = ArticleTranslation.objects.get(article=article, language="it")
    assert (translation.version, translation.status) == (1, "draft")

    # preview, then save with a double click: one new version
    page.fill("#id_body", "Puoi restituirlo entro **60 giorni**.")
    page.get_by_test_id("kb-preview-button").click()
    expect(page.get_by_test_id("kb-preview").locator("strong")).to_have_text("60 giorni")
    page.get_by_test_id("kb-save").dblclick()
    expect(page.get_by_test_id("kb-state")).to_contain_text("2")
    page.wait_for_load_state("networkidle")
    assert ArticleVersion.objects.filter(translation=translation).count() == 2
    expect(page.get_by_test_id("form-error")).to_have_count(0)

    # publish: the help centre shows it
    page.get_by_test_id("kb-publish").click()
    expect(page.get_by_test_id("kb-unpublish")).to_be_visible()
    translation.refresh_from_db()
    assert translation.status == "published"
    page.goto(f"/help/it/{translation.slug}")
    expect(page.get_by_test_id("help-article").locator("strong")).to_have_text("60 giorni")

    # the Arabic text, written beside the Italian source, reads right to left
    page.goto(f"/knowledge/{article.uid}/ar/")
    expect(page.get_by_test_id("kb-source")).to_contain_text("60 giorni")
    page.fill("#id_title", "كيف أُرجِع منتجًا")
    page.fill("#id_body", "يمكنك إرجاعه خلال **60 يومًا**.")
    page.get_by_test_id("kb-save").click()
    page.get_by_test_id("kb-publish").click()
    expect(page.get_by_test_id("kb-unpublish")).to_be_visible()
    arabic = ArticleTranslation.objects.get(article=article, language="ar")
    page.goto(f"/help/ar/{arabic.slug}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_test_id("help-article").locator("strong")).to_have_text("60 يومًا")

    # the history names every change
    page.goto(f"/knowledge/{article.uid}/history/")
    expect(page.get_by_test_id("kb-event")).to_have_count(6)

    assert problems == []
    assert csp_violations(page) == []
