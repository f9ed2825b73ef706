"""Customers on the portal in a real browser: a magic link, their requests in their own
language (Arabic right to left), an answer with a file, and the public web form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.e2e
LINK = re.compile(r"/portal/sign-in/[A-Za-z0-9_-]{43}/")


@pytest.fixture
def omar(transactional_db: None, settings: object, tmp_path: Path) -> Customer:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    customer = customer_create(
        data=CustomerData(
            given_name="عمر", surname="الحربي", country="SA", emails=["omar@example.sa"]
        ),
        actor=Actor.system(),
    )
    ticket_create(
        data=TicketData(
            subject="الطلب لم يصل",
            customer=customer,
            channel=Ticket.Channel.WEB,
            message=MessageData(body_text="لم يصل طلبي بعد.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    return customer


def test_a_customer_signs_in_by_link_and_answers_in_arabic(
    omar: Customer, page: Page, tmp_path: Path
) -> None:
    page.goto("/portal/sign-in/")
    page.fill("[data-testid=portal-email]", "omar@example.sa")
    page.click("[data-testid=portal-send-link]")
    expect(page.locator("[data-testid=portal-link-sent]")).to_be_visible()
    [sent] = mail.outbox
    link = LINK.search(str(sent.body))
    assert link is not None
    page.goto(link.group(0))
    page.click("[data-testid=portal-confirm]")

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text("طلباتي")
    rows = page.locator("[data-testid=portal-ticket-row]")
    expect(rows).to_have_count(1)
    rows.first.locator("a").click()

    receipt = tmp_path / "إيصال.txt"
    receipt.write_text("رقم الطلب 4411", encoding="utf-8")
    page.fill("[data-testid=portal-body]", "هذا إيصال الشراء.")
    page.set_input_files("input[type=file]", str(receipt))
    page.click("[data-testid=portal-send]")
    conversation = page.locator("[data-testid=conversation] > li")
    expect(conversation).to_have_count(2)
    expect(conversation.nth(1)).to_contain_text("هذا إيصال الشراء.")
    expect(conversation.nth(1).locator("[data-testid=attachments]")).to_contain_text("إيصال.txt")

    page.click("[data-testid=portal-sign-out]")
    page.goto("/portal/")
    expect(page).to_have_url(re.compile(r"/portal/sign-in/$"))
    page.goto(link.group(0))
    expect(page.locator("[data-testid=portal-link-invalid]")).to_be_visible()


def test_the_web_form_takes_the_browsers_language_and_time_zone(
    transactional_db: None, page: Page, live_server: LiveServer
) -> None:
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", timezone_id="Europe/Helsinki"
    )
    visitor = context.new_page()
    visitor.goto("/portal/requests/new/")
    expect(visitor.locator("html")).to_have_attribute("lang", "fi")
    expect(visitor.locator(".trap")).to_have_attribute("aria-hidden", "true")
    visitor.fill("#id_given_name", "Aino")
    visitor.fill("#id_surname", "Virtanen")
    visitor.fill("[data-testid=portal-email]", "aino@example.fi")
    visitor.fill("[data-testid=portal-subject]", "Tilaus myöhässä")
    visitor.fill(
        "[data-testid=portal-body]", "Hei, tilaukseni ei ole vielä saapunut. Milloin se tulee?"
    )
    visitor.click("[data-testid=portal-submit]")
    expect(visitor.locator("[data-testid=portal-request-sent]")).to_be_visible()
    context.close()
    ticket = Ticket.objects.select_related("customer").get()
    assert (ticket.channel, ticket.language, ticket.subject) == ("web", "fi", "Tilaus myöhässä")
    assert (ticket.customer.given_name, ticket.customer.time_zone, ticket.customer.language) == (
        "Aino",
        "Europe/Helsinki",
        "fi",
    )
