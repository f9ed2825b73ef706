"""A customer in the help centre with a real browser: searches the Finnish help centre in
colloquial words, opens the article, marks it helpful (a double click counts once), and
reads the Arabic article right to left; no console errors, no CSP violations, axe clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.knowledge.models import ArticleTranslation
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
from tests.e2e.accessibility import accessibility_problems
from tests.e2e.staff_session import LISTEN, csp_violations

pytestmark = pytest.mark.e2e

TEXTS = {
    "en": ("How do I reset my password?", "Choose **Forgot password** on the sign-in page."),
    "fi": (
        "Miten vaihdan unohtuneen salasanan?",
        "Valitse kirjautumissivulla **Unohditko salasanan?**\n\n## Linkki sähköpostiin\n\n"
        "Saat sähköpostiisi linkin, joka on voimassa tunnin.",
    ),
    "ar": (
        "كيف أعيد تعيين كلمة المرور؟",
        "يُرجى اختيار **نسيت كلمة المرور** في صفحة تسجيل الدخول.",
    ),
}


@pytest.fixture
def password_article(transactional_db: None) -> ArticleTranslation:
    editor = Actor(make_user("editor", Role.MANAGER))
    category = category_create(names={"en": "Account", "fi": "Tili", "ar": "الحساب"}, actor=editor)
    section = section_create(
        category=category,
        names={"en": "Sign-in", "fi": "Kirjautuminen", "ar": "الدخول"},
        actor=editor,
    )
    title, body = TEXTS["en"]
    article = article_create(
        data=ArticleData(section=section, source_language="en"),
        first=TranslationData("en", title, body),
        actor=editor,
    )
    for language in ("fi", "ar"):
        title, body = TEXTS[language]
        translation_save(article=article, data=TranslationData(language, title, body), actor=editor)
    for translation in ArticleTranslation.objects.filter(article=article):
        translation_publish(translation=translation, actor=editor)
    return ArticleTranslation.objects.get(article=article, language="fi")


def _watch(page: Page) -> list[str]:
    page.context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_a_customer_finds_a_finnish_article_and_marks_it_helpful(
    password_article: ArticleTranslation, page: Page
) -> None:
    problems = _watch(page)
    page.goto("/help/fi/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.fill("[data-testid=help-q]", "salasana unohtu")
    page.click("[data-testid=help-search]")
    result = page.locator("[data-testid=help-result]")
    expect(result).to_have_text(["Miten vaihdan unohtuneen salasanan?"])
    assert page.locator("mark").first.inner_text().lower().startswith("salasan")
    result.click()

    expect(page.locator("h1")).to_have_text("Miten vaihdan unohtuneen salasanan?")
    switcher = page.locator("[data-testid=help-alternate]")
    expect(switcher).to_have_count(2)  # English and Arabic; no language it is not in
    assert accessibility_problems(page) == []
    page.locator("[data-testid=help-yes]").dblclick()
    expect(page.locator("[data-testid=help-voted]")).to_be_visible()

    password_article.refresh_from_db()
    assert (password_article.helpful, password_article.not_helpful) == (1, 0)
    assert csp_violations(page) == []
    assert problems == []


def test_the_arabic_article_reads_right_to_left(
    password_article: ArticleTranslation, page: Page
) -> None:
    problems = _watch(page)
    page.goto("/help/fi/")
    page.click("[data-testid=help-article-link]")
    page.click("[data-testid=help-alternate][hreflang=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text("كيف أعيد تعيين كلمة المرور؟")
    assert accessibility_problems(page) == []
    assert csp_violations(page) == []
    assert problems == []
