"""The invitations and responses API: scoped reads (hidden is 404), and answers recorded
by an integration that collected them itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from cortesia.accounts.models import TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.feedback.answers import response_record
from cortesia.feedback.api_answers import router
from cortesia.feedback.models import InvitationState, SurveyResponse
from cortesia.feedback.tests import answer_fixtures as cast
from cortesia.feedback.tests.answer_fixtures import Sent, invitation_send
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket

own_data_dir, giulia, omar, ticket, csat, sent, marco = (
    cast.own_data_dir,
    cast.giulia,
    cast.omar,
    cast.ticket,
    cast.csat,
    cast.sent,
    cast.marco,
)
MOMENT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
TOKEN_QUERIES = 1 if connection.vendor == "postgresql" else 2


@pytest.fixture
def collected(csat: object, giulia: Customer, ticket: Ticket) -> Sent:
    """An invitation of the API channel: another system asks the customer."""
    return invitation_send(
        survey=cast.survey_of("nps"), customer=giulia, ticket=ticket, channel="api"
    )


def _token(user: User, scope: TokenScope = TokenScope.WRITE) -> dict[str, str]:
    return bearer(token_create(user=user, scope=scope, actor=Actor.system()).raw)


def test_an_invitation_as_the_api_shows_it(
    csat: object, giulia: Customer, ticket: Ticket, admin_write_token: str
) -> None:
    with time_machine.travel(MOMENT, tick=False):
        invitation = invitation_send(
            survey=cast.survey_of("ces"), customer=giulia, ticket=ticket, sent_at=MOMENT
        ).invitation
    path = f"/api/v1/survey-invitations/{invitation.uid}"
    body = Client().get(path, headers=bearer(admin_write_token)).json()
    assert body == {
        "uid": str(invitation.uid),
        "survey": str(invitation.survey.uid),
        "kind": "ces",
        "customer": str(giulia.uid),
        "ticket": str(ticket.uid),
        "channel": "email",
        "state": "sent",
        "suppressed_reason": None,
        "scheduled_for": "2026-11-02T09:00:00Z",
        "sent_at": "2026-11-02T09:00:00Z",
        "expires_at": "2026-12-02T09:00:00Z",
        "answered_at": None,
        "time_zone": "Europe/Rome",
        "zone_source": "customer",
        "language": "",
        "created_at": "2026-11-02T09:00:00Z",
    }


def test_the_invitation_list_filters_and_counts_its_queries(
    sent: Sent,
    collected: Sent,
    omar: Customer,
    admin_write_token: str,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    other = invitation_send(survey=sent.invitation.survey, customer=omar)
    client, auth = Client(), bearer(admin_write_token)
    client.get("/api/v1/survey-invitations", headers=auth)  # the token's first use is recorded
    # the token and its count, the page, then the public ids of its surveys, customers
    # and tickets (one query each)
    with django_assert_num_queries(TOKEN_QUERIES + 1 + 3):
        every = client.get("/api/v1/survey-invitations", headers=auth).json()
    assert [item["uid"] for item in every["items"]] == [
        str(sent.invitation.uid),
        str(collected.invitation.uid),
        str(other.invitation.uid),
    ]
    mine = client.get(f"/api/v1/survey-invitations?customer={omar.uid}", headers=auth).json()
    assert [item["uid"] for item in mine["items"]] == [str(other.invitation.uid)]
    ticket_uid = sent.invitation.ticket.uid  # type: ignore[union-attr]
    by_ticket = client.get(
        f"/api/v1/survey-invitations?ticket={ticket_uid}&state=sent", headers=auth
    ).json()
    assert len(by_ticket["items"]) == 2
    answered = client.get("/api/v1/survey-invitations?state=answered", headers=auth).json()
    assert answered == {"items": [], "next_cursor": None}
    assert client.get("/api/v1/survey-invitations?state=lost", headers=auth).status_code == 422
    paged = client.get("/api/v1/survey-invitations?limit=2", headers=auth).json()
    rest = client.get(
        "/api/v1/survey-invitations", {"cursor": paged["next_cursor"]}, headers=auth
    ).json()
    assert [item["uid"] for item in rest["items"]] == [str(other.invitation.uid)]


def test_another_teams_agent_finds_nothing(sent: Sent, charlie: User, alice: User) -> None:
    uid = sent.invitation.uid
    response = response_record(
        invitation=sent.invitation, score=5, comment="", answers={}, via="page"
    )
    hidden, client = _token(charlie, TokenScope.READ), Client()
    assert client.get("/api/v1/survey-invitations", headers=hidden).json()["items"] == []
    assert client.get("/api/v1/survey-responses", headers=hidden).json()["items"] == []
    answers = [
        client.get(f"/api/v1/survey-invitations/{uid}", headers=hidden),
        client.get(f"/api/v1/survey-responses/{response.uid}", headers=hidden),
        client.get(f"/api/v1/survey-responses/{sent.invitation.survey.uid}", headers=hidden),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert (
        answers[0].json()
        == answers[2].json()
        == {
            "error": {
                "code": "not_found",
                "message": "There is no such object, or you may not see it.",
            }
        }
    )
    # while an agent of the ticket's team sees both
    mine = _token(alice, TokenScope.READ)
    assert client.get(f"/api/v1/survey-invitations/{uid}", headers=mine).status_code == 200
    assert client.get(f"/api/v1/survey-responses/{response.uid}", headers=mine).status_code == 200


def test_responses_are_listed_with_their_facts_and_filtered(
    sent: Sent,
    collected: Sent,
    admin_write_token: str,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    start = sent.sent_at
    with time_machine.travel(start + timedelta(days=1), tick=False):
        first = response_record(
            invitation=sent.invitation, score=4, comment="Bene", answers={}, via="page"
        )
    with time_machine.travel(start + timedelta(days=3), tick=False):
        response_record(invitation=collected.invitation, score=9, comment="", answers={}, via="api")
    client, auth = Client(), bearer(admin_write_token)
    client.get("/api/v1/survey-responses", headers=auth)
    # the token and its count, the page, then the public ids of its invitations, surveys,
    # customers, tickets and teams (one query each; no agent, no follow-up here)
    with django_assert_num_queries(TOKEN_QUERIES + 1 + 5):
        every = client.get("/api/v1/survey-responses", headers=auth).json()
    assert [(item["kind"], item["score"]) for item in every["items"]] == [("csat", 4), ("nps", 9)]
    item = every["items"][0]
    assert (
        item["uid"],
        item["comment"],
        item["via"],
        item["is_low"],
        item["channel"],
        item["country"],
    ) == (str(first.uid), "Bene", "page", False, "email", "IT")
    nps = client.get("/api/v1/survey-responses?kind=nps", headers=auth).json()["items"]
    assert [i["score"] for i in nps] == [9]
    until = (start + timedelta(days=2)).isoformat()
    early = client.get("/api/v1/survey-responses", {"to": until}, headers=auth).json()["items"]
    late = client.get("/api/v1/survey-responses", {"from": until}, headers=auth).json()["items"]
    assert ([i["score"] for i in early], [i["score"] for i in late]) == ([4], [9])
    one = client.get(f"/api/v1/survey-responses/{first.uid}", headers=auth).json()
    assert one == item


def test_an_integration_records_the_answer_it_collected(
    collected: Sent,
    admin_write_token: str,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    payload = {"invitation": str(collected.invitation.uid), "score": 3, "comment": "Lento."}
    with django_capture_on_commit_callbacks(execute=True):  # the follow-up, once committed
        response = Client().post(
            "/api/v1/survey-responses",
            payload,
            content_type="application/json",
            headers=bearer(admin_write_token),
        )
    assert response.status_code == 201
    stored = SurveyResponse.objects.get()
    assert response.json()["uid"] == str(stored.uid)
    assert (stored.score, stored.comment, stored.via, stored.is_low) == (3, "Lento.", "api", True)
    assert stored.follow_up_ticket is not None
    assert stored.follow_up_ticket.channel == "api"
    again = Client().post(
        "/api/v1/survey-responses",
        payload,
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_answered")
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("score", "comment", "field"),
    [(11, "", "score"), (-1, "", "score"), (7, "x" * 5001, "comment")],
)
def test_a_score_outside_the_scale_is_422_and_stores_nothing(
    collected: Sent, admin_write_token: str, score: int, comment: str, field: str
) -> None:
    payload = {"invitation": str(collected.invitation.uid), "score": score, "comment": comment}
    response = Client().post(
        "/api/v1/survey-responses",
        payload,
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert field in str(response.json()["error"]["details"])
    assert SurveyResponse.objects.count() == 0
    collected.invitation.refresh_from_db()
    assert collected.invitation.state == InvitationState.SENT


def test_an_expired_invitation_is_410(collected: Sent, admin_write_token: str) -> None:
    payload = {"invitation": str(collected.invitation.uid), "score": 8}
    with time_machine.travel(collected.expires_at + timedelta(seconds=1), tick=False):
        response = Client().post(
            "/api/v1/survey-responses",
            payload,
            content_type="application/json",
            headers=bearer(admin_write_token),
        )
    assert (response.status_code, response.json()["error"]["code"]) == (410, "expired")
    assert SurveyResponse.objects.count() == 0


def test_an_invitation_by_mail_is_answered_by_its_customer_only(
    sent: Sent, admin_write_token: str
) -> None:
    payload = {"invitation": str(sent.invitation.uid), "score": 5}
    response = Client().post(
        "/api/v1/survey-responses",
        payload,
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert (response.status_code, response.json()["error"]["code"]) == (409, "wrong_channel")
    assert SurveyResponse.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"), [("alice", 403), ("marco", 201), ("charlie", 404), ("reader", 403)]
)
def test_who_may_record_a_collected_answer(
    collected: Sent,
    alice: User,
    marco: User,
    charlie: User,
    admin_user: User,
    who: str,
    status: int,
) -> None:
    users = {"alice": alice, "marco": marco, "charlie": charlie, "reader": admin_user}
    scope = TokenScope.READ if who == "reader" else TokenScope.WRITE
    payload = {"invitation": str(collected.invitation.uid), "score": 10}
    response = Client().post(
        "/api/v1/survey-responses",
        payload,
        content_type="application/json",
        headers=_token(users[who], scope),
    )
    assert response.status_code == status
    assert SurveyResponse.objects.count() == (1 if status == 201 else 0)


def test_the_post_documents_the_expired_answer() -> None:
    [operation] = [
        operation
        for path, view in router.path_operations.items()
        if path == "/survey-responses"
        for operation in view.operations
        if "POST" in operation.methods
    ]
    assert list(operation.openapi_extra["responses"]) == [410]  # type: ignore[index]


def test_a_score_written_as_text_is_refused(collected: Sent, admin_write_token: str) -> None:
    payload = {"invitation": str(collected.invitation.uid), "score": "10"}
    response = Client().post(
        "/api/v1/survey-responses",
        payload,
        content_type="application/json",
        headers=bearer(admin_write_token),
    )
    assert response.status_code == 422  # a score written as text is not a number
