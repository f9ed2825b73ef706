"""Signing a staff member into the browser, and what the page did wrong meanwhile: its
console errors, uncaught errors and content security policy violations."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import User

# Collected inside each page: the browser's report of every blocked resource or inline code.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""


def signed_in(page: Page, live_server: LiveServer, user: User) -> list[str]:
    """Sign ``user`` in and return the list the page's problems are collected into."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page.context.add_init_script(LISTEN)
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def csp_violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__cspViolations || []"))
