"""Rows for the tests of what staff read of feedback (the page, the exports, the metrics):
responses, invitations and mentions with exactly the facts a test names.

The answering flow has its own tests; here the rows are written as the answer service
stores them, so a read test can place each one on an exact instant, team and market.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import (
    InvitationState,
    Mention,
    MentionSource,
    Survey,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
    SurveyTrigger,
)
from cortesia.feedback.models.surveys import LOW_SCORE_MAX
from cortesia.tickets.models import Ticket


def customer(given_name: str = "Giulia", country: str = "IT", language: str = "it") -> Customer:
    return customer_create(
        data=CustomerData(
            given_name=given_name, surname="Test", country=country, language=language
        ),
        actor=Actor.system(),
    )


def survey(kind: str) -> Survey:
    found, _created = Survey.objects.get_or_create(
        name=f"Survey {kind}", defaults={"kind": kind, "trigger": SurveyTrigger.TICKET_SOLVED}
    )
    return found


def invitation(
    to: Customer,
    *,
    kind: str = SurveyKind.CSAT,
    sent_at: datetime | None,
    answered_at: datetime | None = None,
    team: Team | None = None,
    agent: User | None = None,
    language: str = "",
    country: str = "",
    ticket: Ticket | None = None,
) -> SurveyInvitation:
    """An invitation sent at ``sent_at`` (None: never sent), answered at ``answered_at``."""
    uid = uuid.uuid4()
    moment = sent_at or answered_at
    assert moment is not None
    state = InvitationState.ANSWERED if answered_at else InvitationState.SENT
    return SurveyInvitation.objects.create(
        uid=uid,
        survey=survey(kind),
        kind=kind,
        customer=to,
        ticket=ticket,
        channel="email",
        dedupe_key=f"test:{uid}",
        state=state if sent_at else InvitationState.ANSWERED,
        trigger_at=moment,
        scheduled_for=moment,
        time_zone="UTC",
        zone_source="default",
        sent_at=sent_at,
        answered_at=answered_at,
        language=language,
        team=team,
        agent=agent,
        country=country,
    )


def response(
    by: Customer,
    *,
    kind: str = SurveyKind.CSAT,
    score: int,
    answered_at: datetime,
    comment: str = "",
    team: Team | None = None,
    agent: User | None = None,
    language: str = "",
    country: str = "",
    ticket: Ticket | None = None,
    sent_at: datetime | None = None,
    changed_at: datetime | None = None,
) -> SurveyResponse:
    """A response answered at ``answered_at``. Its invitation is sent at ``sent_at``
    (None: collected through the API, never sent, so it counts in no response rate)."""
    asked = invitation(
        by,
        kind=kind,
        sent_at=sent_at,
        answered_at=answered_at,
        team=team,
        agent=agent,
        language=language,
        country=country,
        ticket=ticket,
    )
    return SurveyResponse.objects.create(
        uid=uuid.uuid4(),
        invitation=asked,
        survey=asked.survey,
        kind=kind,
        score=score,
        comment=comment,
        customer=by,
        ticket=ticket,
        team=team,
        agent=agent,
        channel="email",
        language=language,
        country=country,
        via=SurveyResponse.Via.PAGE,
        sent_at=sent_at,
        answered_at=answered_at,
        changed_at=changed_at,
        is_low=score <= LOW_SCORE_MAX[kind],
    )


def source(name: str = "Trustpilot", kind: str = MentionSource.Kind.TRUSTPILOT) -> MentionSource:
    found, _created = MentionSource.objects.get_or_create(name=name, defaults={"kind": kind})
    return found


def mention(
    *,
    text: str,
    published_at: datetime,
    level: str = "none",
    language: str = "",
    rating: str | None = None,
    author: str = "@reader",
    about: Customer | None = None,
    ticket: Ticket | None = None,
    origin: MentionSource | None = None,
) -> Mention:
    return Mention.objects.create(
        source=origin or source(),
        external_id=str(uuid.uuid4()),
        author_handle=author,
        text=text,
        rating=None if rating is None else Decimal(rating),
        rating_max=None if rating is None else 5,
        published_at=published_at,
        via=Mention.Via.WEBHOOK,
        language=language,
        frustration_level=level,
        customer=about,
        ticket=ticket,
    )
