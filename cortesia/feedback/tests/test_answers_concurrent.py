"""Two sends of one survey form at the same moment leave one response (PostgreSQL: the
in-memory SQLite test database cannot run two writers)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from cortesia.accounts.models import Team
from cortesia.customers.models import Customer
from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import invitation_send, open_ticket, survey_of
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.tickets.models import Ticket

own_data_dir, giulia = cast.own_data_dir, cast.giulia


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("score", ["1", "5"])
def test_two_sends_at_once_store_one_response(
    giulia: Customer, team_rome: Team, score: str
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")
    # Given one survey link opened in two tabs
    ticket = open_ticket(giulia, team_rome)
    sent = invitation_send(survey=survey_of("csat"), customer=giulia, ticket=ticket)

    def send() -> int:
        return int(Client().post(sent.url, {"score": score, "comment": "Due volte"}).status_code)

    # When both are sent at the same moment
    statuses = _concurrently(send, send, send)
    # Then each is answered as sent, and one response (and one follow-up) is stored
    assert statuses == [302, 302, 302]
    assert list(SurveyResponse.objects.values_list("score", "comment")) == [
        (int(score), "Due volte")
    ]
    invitation = SurveyInvitation.objects.get()
    assert invitation.state == InvitationState.ANSWERED
    assert Ticket.objects.count() == (2 if score == "1" else 1)
