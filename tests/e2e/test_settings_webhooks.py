"""Webhooks in a real browser, under the site's Content Security Policy: an administrator
adds a webhook for a receiver on this machine, copies the secret shown once, sends a test
event and sees it delivered, signed with that secret, in the delivery log."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.testing.fixtures import make_user
from cortesia.webhooks.signing import signature_matches
from tests.e2e.accessibility import accessibility_problems
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e
received: list[tuple[dict[str, str], bytes]] = []


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        received.append((dict(self.headers.items()), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        return


@pytest.fixture
def receiver_url(settings: Any) -> Iterator[str]:
    received.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CORTESIA_OUTBOUND_ALLOWLIST = ["127.0.0.1"]
    yield f"http://127.0.0.1:{server.server_address[1]}/cortesia"
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_an_admin_adds_a_webhook_and_delivers_a_test_event(
    page: Page, live_server: LiveServer, receiver_url: str, data_dir: Any
) -> None:
    # given an administrator on the webhooks page
    problems = _signed_in(page, live_server, make_user("root", Role.ADMIN))
    page.goto("/settings/webhooks/")
    expect(page.get_by_test_id("webhook-row")).to_have_count(0)
    # when they add one for two events
    page.get_by_test_id("webhook-new").click()
    form = page.get_by_test_id("webhook-form")
    form.locator("#id_url").fill(receiver_url)
    form.locator('input[value="ticket.created"]').check()
    form.locator('input[value="customer.created"]').check()
    form.locator('button[type="submit"]').click()
    # then the secret is shown once
    secret = page.get_by_test_id("webhook-secret").locator("code").inner_text()
    assert secret.startswith("whsec_")
    page.reload()
    expect(page.get_by_test_id("webhook-secret")).to_have_count(0)
    # and a test event reaches the receiver, signed with it, and shows as delivered
    page.get_by_test_id("webhook-test").first.click()
    expect(page.get_by_test_id("delivery-row")).to_have_count(1)
    page.reload()
    expect(page.locator('[data-testid="delivery-row"][data-status="delivered"]')).to_have_count(1)
    [(headers, body)] = received
    timestamp = int(headers["Cortesia-Webhook-Timestamp"])
    assert signature_matches(
        secret=secret, timestamp=timestamp, body=body, header=headers["Cortesia-Webhook-Signature"]
    )
    assert accessibility_problems(page) == []
    page.goto("/settings/webhooks/")
    assert accessibility_problems(page) == []
    page.get_by_test_id("webhook-row").locator("a").first.click()
    assert accessibility_problems(page) == []
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
