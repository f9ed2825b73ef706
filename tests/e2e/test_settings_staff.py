"""The staff settings in a real browser: an administrator invites a person, who accepts in
a browser of their own and is signed in; deactivated, they are sent back to sign-in."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, User
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.e2e

# Collected inside each page: every inline handler or script the policy blocked.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""
LINK = re.compile(r"https?://[^/\s]+(/invitation/[A-Za-z0-9_-]{43}/)")
PASSWORD = "a-fresh-staff-password-42"


def _watched(page: Page) -> list[str]:
    """Collect the page's console errors and policy violations into the returned list."""
    page.context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def _violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))


def _sign_in(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )


def test_an_invited_person_joins_and_is_signed_out_when_deactivated(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    admin = make_user("ada", Role.ADMIN, first_name="Ada", last_name="Admin")
    problems = _watched(page)
    _sign_in(page, live_server, admin)

    # The administrator invites Nora from the staff page
    page.goto("/")
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings-nav-staff").click()
    page.get_by_test_id("staff-invite").click()
    page.fill("#id_email", "nora@example.fi")
    page.fill("#id_first_name", "Nora")
    page.fill("#id_last_name", "Nieminen")
    page.select_option("#id_role", "agent")
    page.select_option("#id_language", "en")
    page.get_by_test_id("invitation-send").click()
    expect(page).to_have_url(re.compile(r"/settings/staff/$"))
    expect(page.get_by_test_id("invitation-row")).to_contain_text("nora@example.fi")

    # The link comes in the mail
    assert [message.to for message in mail.outbox] == [["nora@example.fi"]]
    found = LINK.search(str(mail.outbox[0].body))
    assert found is not None

    # Nora opens it in a browser of her own, chooses a password and is signed in
    browser = page.context.browser
    assert browser is not None
    nora_context = browser.new_context(base_url=live_server.url, locale="en-US")
    nora_context.set_default_timeout(5_000)
    nora = nora_context.new_page()
    nora_problems = _watched(nora)
    nora.goto(found.group(1))
    expect(nora.get_by_test_id("invitation-offer")).to_have_text(
        "Ada Admin invited you to work in Cortesia as Agent."
    )
    nora.fill("#id_new_password1", PASSWORD)
    nora.fill("#id_new_password2", PASSWORD)
    nora.get_by_test_id("invitation-submit").click()
    expect(nora).to_have_url(f"{live_server.url}/")
    expect(nora.locator("nav.mainnav")).to_be_visible()

    # The administrator deactivates her from her page
    page.goto("/settings/staff/")
    expect(page.get_by_test_id("invitation-row")).to_have_count(0)
    page.get_by_role("link", name="Nora Nieminen").click()
    page.get_by_test_id("user-deactivate").click()
    expect(page.get_by_test_id("user-reactivate")).to_be_visible()

    # Her next page load goes to sign-in
    nora.reload()
    expect(nora).to_have_url(re.compile(r"/login/\?next=/$"))
    assert User.objects.get(username="nora@example.fi").is_active is False
    assert (_violations(page), _violations(nora)) == ([], [])
    assert (problems, nora_problems) == ([], [])
    nora_context.close()
