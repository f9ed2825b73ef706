"""Browser fixtures: Debian's Chromium driven by Playwright against the live test server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 5_000


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)."
    if os.environ.get("CORTESIA_REQUIRE_SERVICES"):
        pytest.fail(f"{message} CORTESIA_REQUIRE_SERVICES is set, so the browser tests must run.")
    pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """On SQLite, test on a database file, as deployments do, not in memory.

    The browser tests run the live server, the chat stream server and the test itself in
    threads of one process. An in-memory SQLite database shared between threads locks
    whole tables and refuses a writer at once ("database table is locked") where a file
    in WAL mode lets readers run beside the writer and makes a second writer wait."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = tmp_path_factory.mktemp("database") / "e2e.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture
def page(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    """A fresh browser and English page per test, with relative URLs on the live server.

    The sync Playwright API keeps an asyncio loop running in the main thread, so Django
    would refuse ORM calls made by the test itself without DJANGO_ALLOW_ASYNC_UNSAFE.
    """
    _require_chromium()
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=live_server.url, locale="en-US")
            context.set_default_timeout(TIMEOUT_MS)
            context.set_default_navigation_timeout(TIMEOUT_MS)
            yield context.new_page()
            context.close()
        finally:
            browser.close()
