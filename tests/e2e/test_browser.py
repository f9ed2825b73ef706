"""Sign-in, language switching, sign-out and the sign-in throttle in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

from cortesia.accounts.models import Role, User
from cortesia.testing.fixtures import PASSWORD, make_user

pytestmark = pytest.mark.e2e

LOGIN_PATH = re.compile(r"/login/(\?.*)?$")
THROTTLED = re.compile(r"^Too many sign-in attempts\.")


@pytest.fixture
def amal(transactional_db: None) -> User:
    return make_user("amal", Role.AGENT, first_name="Amal", last_name="Haddad")


def _sign_in(page: Page, username: str, password: str) -> None:
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[data-testid=login-submit]")


def _is_login_post(response: Response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/login/")


def _switch_language(page: Page, code: str) -> None:
    page.select_option("select[data-testid=language-select]", code)
    with page.expect_navigation():
        page.click("[data-testid=language-submit]")


def test_sign_in_switch_to_arabic_and_sign_out(amal: User, page: Page) -> None:
    page.goto("/login/")
    _sign_in(page, "amal", PASSWORD)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("h1[data-testid=welcome]")).to_have_text("Welcome, Amal Haddad")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    _switch_language(page, "ar")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("nav")).to_contain_text("الرئيسية")
    amal.refresh_from_db()
    assert amal.language == "ar"

    page.click("[data-testid=logout]")
    expect(page).to_have_url(re.compile(r"/login/$"))
    page.goto("/")
    expect(page).to_have_url(LOGIN_PATH)
    expect(page.locator("[data-testid=login-submit]")).to_be_visible()
    expect(page.locator("[data-testid=logout]")).to_have_count(0)


def test_sign_in_is_throttled_after_five_attempts(amal: User, page: Page) -> None:
    page.goto("/login/")
    for _attempt in range(5):
        with page.expect_response(_is_login_post) as refused:
            _sign_in(page, "amal", "not the password")
        assert refused.value.status == 200
        expect(page.locator("[data-testid=login-error]")).to_have_text(
            "The username or password is not correct."
        )
        expect(page.locator("[data-testid=throttled]")).to_have_count(0)

    with page.expect_response(_is_login_post) as sixth:
        _sign_in(page, "amal", "not the password")
    assert sixth.value.status == 429
    expect(page.locator("[data-testid=throttled]")).to_be_visible()
    expect(page.locator("[data-testid=throttled]")).to_have_text(THROTTLED)
    expect(page.locator("[data-testid=login-error]")).to_have_count(0)

    with page.expect_response(_is_login_post) as correct:
        _sign_in(page, "amal", PASSWORD)
    assert correct.value.status == 429
    expect(page.locator("[data-testid=throttled]")).to_have_text(THROTTLED)
    expect(page).to_have_url(LOGIN_PATH)
    page.goto("/")
    expect(page).to_have_url(LOGIN_PATH)


def test_finnish_is_left_to_right(page: Page) -> None:
    page.goto("/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    _switch_language(page, "fi")

    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("select[data-testid=language-select]")).to_have_value("fi")
