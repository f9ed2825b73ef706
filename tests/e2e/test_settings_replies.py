"""Replies settings in a real browser, under the site's Content Security Policy: a canned
response written in Italian and previewed as an Italian customer, and a mailbox's SMTP
server tested before it is saved."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.models import Mailbox
from cortesia.testing.fixtures import make_user
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.models import CannedResponse
from tests.e2e.staff_session import csp_violations as _violations
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e

FORMAL_IT = (
    "{{ customer.greeting }}\n\nabbiamo ricevuto la sua richiesta.\n\n{{ customer.closing }}"
)


@pytest.fixture
def giulia(transactional_db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia", surname="Rossi", title="ms", language="it", country="IT"
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def loopback_smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def test_an_italian_formal_variant_previewed_as_an_italian_customer(
    giulia: Customer, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, make_user("root", Role.ADMIN))
    page.goto("/settings/")
    page.get_by_test_id("settings-nav-canned").click()
    page.get_by_test_id("canned-new").click()

    page.fill("#id_name", "Presa in carico")
    page.fill("#id_variant_it_formal", FORMAL_IT)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message.success")).to_be_visible()

    page.get_by_test_id("canned-preview-link").click()
    page.fill("#id_q", "Rossi")
    page.get_by_role("button", name="Search").click()
    page.get_by_test_id("preview-customers").get_by_role("link", name="Giulia Rossi").click()

    text = page.get_by_test_id("preview-text")
    expect(text).to_contain_text("Gentile Signora Rossi,")
    expect(text).to_contain_text("abbiamo ricevuto la sua richiesta.")
    expect(page.get_by_test_id("preview-variant")).to_have_text("Italian · formal")
    expect(page.get_by_test_id("preview-reason")).to_have_attribute("data-step", "exact")
    saved = CannedResponse.objects.get(name="Presa in carico")
    assert list(saved.variants.values_list("language", "register")) == [("it", "formal")]
    assert _violations(page) == []
    assert problems == []


def test_test_connection_shows_the_smtp_servers_greeting(
    transactional_db: None, loopback_smtp: SmtpServer, page: Page, live_server: LiveServer
) -> None:
    problems = _signed_in(page, live_server, make_user("root", Role.ADMIN))
    page.goto("/settings/mailboxes/")
    page.get_by_test_id("mailbox-new").click()

    page.fill("#id_name", "support")
    page.fill("#id_address", "support@shop.test")
    page.fill("#id_smtp_host", "127.0.0.1")
    page.fill("#id_smtp_port", str(loopback_smtp.port))
    page.select_option("#id_smtp_security", "none")
    page.get_by_test_id("probe-button").click()

    result = page.get_by_test_id("probe-smtp")
    expect(result).to_have_class("result")
    expect(result).to_contain_text(f"127.0.0.1:{loopback_smtp.port} ")  # a port, not a number
    greeting = page.get_by_test_id("probe-step-greeting")
    expect(greeting).to_have_text(re.compile(r"^220 localhost Python SMTP [\d.]+$"))
    expect(page.locator("#id_smtp_port")).to_have_value(str(loopback_smtp.port))
    assert not Mailbox.objects.exists()  # testing saves nothing
    assert _violations(page) == []
    assert problems == []
