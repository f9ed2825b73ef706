"""The survey page a mail's score links open, in a real browser under the site's Content
Security Policy: an Italian customer answers 4 with a comment, the Arabic page reads right
to left, and the form works with JavaScript switched off."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Team
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send, open_ticket, survey_of
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.e2e
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def rome(transactional_db: None, settings: object, tmp_path: Path) -> Team:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


def _customer(given: str, surname: str, country: str, language: str, email: str) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name=given, surname=surname, country=country, language=language, emails=[email]
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def giulia_invited(rome: Team) -> Sent:
    """Giulia's CSAT invitation, mailed in Italian about a ticket of team Rome."""
    giulia = _customer("Giulia", "Rossi", "IT", "it", "giulia@example.it")
    return invitation_send(
        survey=survey_of("csat"),
        customer=giulia,
        ticket=open_ticket(giulia, rome),
        language="it",
        register="formal",
    )


def test_an_italian_customer_answers_from_the_mails_link(
    giulia_invited: Sent, rome: Team, page: Page, live_server: LiveServer
) -> None:
    page.context.add_init_script(LISTEN)
    page.goto(f"{giulia_invited.url}?score=4")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.locator("[data-testid=score-4]")).to_be_checked()
    assert SurveyResponse.objects.count() == 0  # opening the page records nothing

    page.fill("[data-testid=survey-comment]", "Gentili e veloci, grazie.")
    with page.expect_navigation():
        page.click("[data-testid=survey-send]")

    expect(page.locator("[data-testid=survey-thanks]")).to_be_visible()
    expect(page.locator("[data-testid=score-4]")).to_be_checked()
    stored = SurveyResponse.objects.get()
    assert (stored.score, stored.comment, stored.via) == (4, "Gentili e veloci, grazie.", "page")
    invitation = SurveyInvitation.objects.get()
    assert invitation.state == InvitationState.ANSWERED
    assert page.evaluate("window.__cspViolations") == []

    # and an agent of the ticket's team sees the answer on the ticket
    agent = make_user("alice")
    team_member_add(team=rome, user=agent, actor=Actor.system())
    staff = Client()
    staff.force_login(agent)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": staff.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(f"/tickets/{invitation.ticket.uid}/")  # type: ignore[union-attr]
    answer = page.locator("[data-testid=feedback-response]")
    expect(answer).to_have_count(1)
    expect(answer.locator("[data-testid=comment-full]")).to_have_text("Gentili e veloci, grazie.")
    expect(answer.locator("[data-testid=score]")).to_have_text("4 / 5")


def test_the_arabic_page_reads_right_to_left(rome: Team, page: Page) -> None:
    layla = _customer("ليلى", "حداد", "SA", "ar", "layla@example.sa")
    sent = invitation_send(survey=survey_of("nps"), customer=layla, language="ar")
    page.context.add_init_script(LISTEN)
    page.goto(f"{sent.url}?score=9")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("[data-testid=score-9]")).to_be_checked()
    assert page.evaluate("window.__cspViolations") == []


def test_the_form_works_without_javascript(
    giulia_invited: Sent, page: Page, live_server: LiveServer
) -> None:
    browser = page.context.browser
    assert isinstance(browser, Browser)
    context = browser.new_context(
        base_url=live_server.url, locale="it-IT", java_script_enabled=False
    )
    try:
        plain = context.new_page()
        plain.goto(f"{giulia_invited.url}?score=2")
        expect(plain.locator("[data-testid=score-2]")).to_be_checked()
        plain.locator("label[for=score-5]").click()
        plain.fill("[data-testid=survey-comment]", "Anche senza JavaScript.")
        with plain.expect_navigation():
            plain.click("[data-testid=survey-send]")
        expect(plain.locator("[data-testid=survey-thanks]")).to_be_visible()
    finally:
        context.close()
    assert list(SurveyResponse.objects.values_list("score", "comment")) == [
        (5, "Anche senza JavaScript.")
    ]
