"""The cast of the answer tests: surveys made through the survey service, customers in
Italian and Arabic, a ticket of team Rome, a manager of that team, and invitations sent
the way the dispatcher sends them (a 256-bit token, only its digest kept)."""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import (
    InvitationState,
    Survey,
    SurveyChannel,
    SurveyInvitation,
    SurveyTrigger,
)
from cortesia.feedback.survey_texts import TextVariant
from cortesia.feedback.surveys import QuestionData, SurveyData, survey_create
from cortesia.feedback.tokens import token_digest
from cortesia.testing.fixtures import make_user
from cortesia.tickets.creation import ticket_create
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.models import Ticket

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def survey_of(
    kind: str = "csat",
    *,
    name: str = "",
    ask_comment: bool = True,
    follow_up_low: bool = True,
    questions: tuple[QuestionData, ...] | None = None,
) -> Survey:
    """A survey made by the survey service, with English words for its extra questions
    ("Question 1", "Choice speed")."""
    texts = [
        TextVariant(key, "en", "", words)
        for question in questions or ()
        for key, words in [
            (f"q{question.position}", f"Question {question.position}"),
            *((f"q{question.position}.{c}", f"Choice {c}") for c in question.choices),
        ]
    ]
    return survey_create(
        data=SurveyData(
            name=name or f"After a ticket ({kind})",
            kind=kind,
            trigger=SurveyTrigger.TICKET_SOLVED,
            ask_comment=ask_comment,
            follow_up_low=follow_up_low,
            questions=questions,
        ),
        actor=Actor.system(),
        texts=texts,
    )


@dataclass(frozen=True)
class Sent:
    invitation: SurveyInvitation
    token: str

    @property
    def url(self) -> str:
        return f"/survey/{self.token}/"

    @property
    def sent_at(self) -> datetime:
        assert self.invitation.sent_at is not None
        return self.invitation.sent_at

    @property
    def expires_at(self) -> datetime:
        assert self.invitation.expires_at is not None
        return self.invitation.expires_at


def invitation_send(
    *,
    survey: Survey,
    customer: Customer,
    ticket: Ticket | None = None,
    channel: str = SurveyChannel.EMAIL,
    language: str = "",
    register: str = "",
    sent_at: datetime | None = None,
) -> Sent:
    """An invitation as the dispatcher leaves it: sent, valid 30 days, with a token for
    an e-mail (none for the portal and the API)."""
    sent_at = sent_at or timezone.now()
    token = secrets.token_urlsafe(32) if channel == SurveyChannel.EMAIL else ""
    invitation = SurveyInvitation.objects.create(
        survey=survey,
        kind=survey.kind,
        customer=customer,
        ticket=ticket,
        channel=channel,
        dedupe_key=f"test:{uuid.uuid4()}",
        state=InvitationState.SENT,
        trigger_at=sent_at - timedelta(hours=2),
        scheduled_for=sent_at,
        time_zone="Europe/Rome",
        zone_source="customer",
        sent_at=sent_at,
        expires_at=sent_at + timedelta(days=30),
        token_digest=token_digest(token) if token else None,
        language=language,
        register=register,
        team=ticket.team if ticket else None,
        agent=ticket.assignee if ticket else None,
        ticket_channel=ticket.channel if ticket else "",
        country=customer.country,
    )
    return Sent(invitation, token)


def open_ticket(customer: Customer, team: Team, subject: str = "Ordine in ritardo") -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            channel=Ticket.Channel.EMAIL,
            team=team,
            language=customer.language,
            message=MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer"),
        ),
        actor=Actor.system(),
    )


@pytest.fixture(autouse=True)
def own_data_dir(data_dir: Path) -> Path:
    return data_dir


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            country="IT",
            language="it",
            emails=["giulia@example.it"],
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def omar(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="عمر",
            surname="الحربي",
            country="SA",
            language="ar",
            emails=["omar@example.sa"],
        ),
        actor=Actor.system(),
    )


@pytest.fixture
def marco(team_rome: Team) -> User:
    """A manager of team Rome."""
    user = make_user("marco", Role.MANAGER, first_name="Marco", last_name="Manager")
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


@pytest.fixture
def ticket(giulia: Customer, team_rome: Team) -> Ticket:
    return open_ticket(giulia, team_rome)


@pytest.fixture
def csat(db: None) -> Survey:
    return survey_of("csat")


@pytest.fixture
def sent(csat: Survey, giulia: Customer, ticket: Ticket) -> Sent:
    return invitation_send(survey=csat, customer=giulia, ticket=ticket)
