"""The ticket page's feedback panel and the customer timeline's feedback entries: what
the customer answered, read-only, in the viewer's language and zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import customer_event_record
from cortesia.customers.timeline import SURVEY_SCALE_TOPS
from cortesia.feedback.models import SurveyKind, SurveyResponse
from cortesia.feedback.models.surveys import SCALES
from cortesia.feedback.tests import staff_rows
from cortesia.tickets.models import Ticket
from cortesia.tickets.page_panels import ticket_page_panels
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOON = datetime(2026, 11, 10, 12, tzinfo=UTC)
COMMENT = "Gentilissimi, ordine #4521 arrivato — grazie a Marco!"


@pytest.fixture
def giulia(db: None) -> Customer:
    return staff_rows.customer()


def _ticket(customer: Customer, team: Team, subject: str = "Pacco") -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def answered(giulia: Customer, team_rome: Team) -> SurveyResponse:
    ticket = _ticket(giulia, team_rome)
    follow_up = _ticket(giulia, team_rome, "Seguito")
    response = staff_rows.response(
        giulia,
        score=4,
        answered_at=NOON,
        changed_at=NOON + timedelta(hours=1),
        team=team_rome,
        ticket=ticket,
        comment=COMMENT,
    )
    response.follow_up_ticket = follow_up
    response.save(update_fields=["follow_up_ticket"])
    return response


def _panel(html: str) -> str:
    return html.split('data-testid="feedback-panel"', 1)[1].split("</section>", 1)[0]


def test_the_ticket_page_shows_the_response_read_only(
    answered: SurveyResponse, alice: User
) -> None:
    alice.time_zone = "Europe/Rome"
    alice.save(update_fields=["time_zone"])
    client = Client()
    client.force_login(alice)
    assert answered.ticket is not None
    assert answered.follow_up_ticket is not None
    panel = _panel(client.get(f"/tickets/{answered.ticket.uid}/").content.decode())
    assert "CSAT (1–5)" in panel
    assert "<bdi>4 / 5</bdi></span> Satisfied" in panel
    assert f'<blockquote dir="auto" data-testid="comment-full"><bdi>{COMMENT}</bdi>' in panel
    # noon UTC is 13:00 in Rome
    assert '<time datetime="2026-11-10T12:00:00Z">Nov 10, 2026, 1:00\u202fPM</time>' in panel
    assert "changed Nov 10, 2026, 2:00\u202fPM" in panel
    follow_up = answered.follow_up_ticket
    assert f'href="/tickets/{follow_up.uid}/" data-testid="follow-up-link"' in panel
    assert [tag in panel for tag in ("<form", "<input", "<button")] == [False] * 3


def test_a_ticket_without_responses_has_no_feedback_panel(
    giulia: Customer, team_rome: Team, alice_client: Client
) -> None:
    ticket = _ticket(giulia, team_rome)
    html = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert 'data-testid="feedback-panel"' not in html


def test_the_panel_is_registered_once_for_the_ticket_page(
    answered: SurveyResponse, alice: User
) -> None:
    assert answered.ticket is not None
    panels = ticket_page_panels(viewer=alice, ticket=answered.ticket)
    assert [(p.key, p.template) for p in panels] == [
        ("feedback", "feedback/_ticket_panel.html"),
        ("knowledge", "knowledge/_ticket_suggestions.html"),
    ]


def test_the_timeline_knows_every_scale() -> None:
    assert {kind: top for kind, (_low, top) in SCALES.items()} == SURVEY_SCALE_TOPS
    assert set(SURVEY_SCALE_TOPS) == set(SurveyKind.values)


def test_the_timeline_shows_a_survey_answer_and_a_mention(
    giulia: Customer, answered: SurveyResponse, alice_client: Client
) -> None:
    angry = staff_rows.mention(
        text="Mai più", published_at=NOON, level="high", rating="1.5", about=giulia
    )
    customer_event_record(
        customer=giulia,
        kind=CustomerEvent.Kind.SURVEY_ANSWERED,
        data={
            "survey": "Dopo il ticket",
            "kind": "nps",
            "score": 9,
            "comment": "Tutto bene",
            "ticket": 1042,
            "response": str(answered.uid),
            "changed": True,
        },
        actor=Actor.system(),
    )
    customer_event_record(
        customer=giulia,
        kind=CustomerEvent.Kind.MENTION,
        data={
            "mention": str(angry.uid),
            "source": "Trustpilot",
            "source_kind": "trustpilot",
            "excerpt": "Mai più",
            "rating": "1.5",
            "rating_max": 5,
            "level": "high",
        },
        actor=Actor.system(),
        occurred_at=NOON,
    )
    html = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    survey = html.split('data-kind="survey_answered"', 1)[1].split("</li>", 1)[0]
    mention = html.split('data-kind="mention"', 1)[1].split("</li>", 1)[0]
    assert '<span data-testid="timeline-survey">NPS <bdi>9 / 10</bdi></span>' in survey
    assert '<span class="badge is-info">changed</span> · <bdi>#1042</bdi>' in survey
    assert '<q dir="auto" data-testid="timeline-excerpt">Tutto bene</q>' in survey
    assert f'href="/feedback/responses/{answered.uid}/"' in survey
    assert "<bdi>Trustpilot</bdi>" in mention
    assert 'data-testid="timeline-frustration">High frustration</span>' in mention
    assert "<bdi>1.5 / 5</bdi>" in mention
    assert f'href="/feedback/mentions/{angry.uid}/"' in mention
