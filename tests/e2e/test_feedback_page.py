"""The feedback page in a real browser, under the site's Content Security Policy: a
manager filters the responses by language, reads a long comment in full, sees the scores
load, and finds the response on the ticket's page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from cortesia.accounts.models import Role, Team
from cortesia.accounts.services import team_create, team_member_add
from cortesia.core.actor import Actor
from cortesia.feedback.models import SurveyKind, SurveyResponse
from cortesia.feedback.tests import staff_rows
from cortesia.testing.fixtures import make_user
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from tests.e2e.staff_session import signed_in as _signed_in

pytestmark = pytest.mark.e2e

COMMENT = (
    "Il corriere è arrivato con tre giorni di ritardo, ma Marco al telefono è stato "
    "gentilissimo e ha risolto tutto in cinque minuti. Grazie davvero!"
)


@pytest.fixture
def rome(transactional_db: None) -> Team:
    return team_create(
        name="Roma", languages=["it", "en"], time_zone="Europe/Rome", actor=Actor.system()
    )


@pytest.fixture
def answered(rome: Team) -> SurveyResponse:
    """An Italian CSAT 4 with a long comment about a ticket, and an English NPS 9."""
    giulia = staff_rows.customer("Giulia")
    ticket = ticket_create(
        data=TicketData(
            subject="Il pacco non è arrivato",
            customer=giulia,
            team=rome,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    recent = timezone.now() - timedelta(days=2)
    staff_rows.response(
        staff_rows.customer("Emma", "GB", "en"),
        kind=SurveyKind.NPS,
        score=9,
        answered_at=recent,
        team=rome,
        language="en",
        country="GB",
        comment="Quick and kind.",
    )
    return staff_rows.response(
        giulia,
        score=4,
        answered_at=recent - timedelta(hours=1),
        team=rome,
        language="it",
        country="IT",
        ticket=ticket,
        comment=COMMENT,
    )


def test_a_manager_filters_by_language_reads_a_comment_and_finds_it_on_the_ticket(
    answered: SurveyResponse, rome: Team, page: Page, live_server: LiveServer
) -> None:
    manager = make_user("marta", Role.MANAGER)
    team_member_add(team=rome, user=manager, actor=Actor.system())
    problems = _signed_in(page, live_server, manager)
    page.goto("/feedback/")
    rows = page.locator("[data-testid=response]")
    expect(rows).to_have_count(2)
    # the scores strip loads after the list, with every market of the period
    expect(page.locator("[data-testid=feedback-summary]")).to_be_visible()
    expect(page.locator("[data-testid=summary-overall] [data-testid=csat]")).to_contain_text(
        "100 %"
    )

    page.select_option("#id_language", "it")
    page.get_by_test_id("filter-apply").click()
    expect(page).to_have_url(re.compile(r"/feedback/\?.*language=it"))
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text("4 / 5")
    expect(row).to_contain_text("Satisfied")
    full = row.locator("[data-testid=comment-full]")
    expect(full).to_be_hidden()
    row.locator("[data-testid=comment] summary").click()
    expect(full).to_be_visible()
    expect(full).to_have_text(COMMENT)

    row.get_by_test_id("ticket-link").click()
    panel = page.locator("[data-testid=feedback-panel]")
    expect(panel).to_contain_text("4 / 5")
    expect(panel.locator("[data-testid=comment-full]")).to_have_text(COMMENT)
    assert panel.locator("form, input, button, textarea").count() == 0
    assert page.evaluate("window.__cspViolations || []") == []
    assert problems == []
