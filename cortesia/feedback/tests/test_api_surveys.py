"""``/api/v1/surveys``: definitions with conditions, questions and texts; staff read,
administrators and managers write; a survey that sent is switched off, not deleted."""

from __future__ import annotations

import typing
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.models import InvitationState, Survey, SurveyInvitation, SurveyText
from cortesia.feedback.schemas_surveys import TicketChannel
from cortesia.feedback.surveys import SurveyData, survey_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
BODY: dict[str, Any] = {"name": "After a ticket", "kind": "csat", "trigger": "ticket_solved"}
NOW = datetime(2026, 12, 5, 8, 30, tzinfo=UTC)
RATE_AND_TOKEN = 1 if connection.vendor == "postgresql" else 2


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def manager_token(db: None) -> str:
    manager = make_user("mara", Role.MANAGER)
    return token_create(user=manager, scope=TokenScope.WRITE, actor=Actor.system()).raw


def _post(token: str, body: dict[str, Any]) -> Any:
    return Client().post(
        "/api/v1/surveys", body, content_type="application/json", headers=_auth(token)
    )


def _survey() -> Survey:
    return survey_create(
        data=SurveyData(name="After a ticket", kind="nps", trigger="ticket_solved"),
        actor=Actor.system(),
    )


def _audits() -> list[str]:
    return [
        row.data["change"] for row in AuditEvent.objects.filter(object_type="survey").order_by("id")
    ]


def test_ticket_channels_match_the_tickets() -> None:
    assert set(typing.get_args(TicketChannel)) == set(Ticket.Channel.values)


def test_a_manager_creates_a_survey_with_questions_conditions_and_texts(
    manager_token: str, team_rome: Team
) -> None:
    body = {
        **BODY,
        "delay_minutes": 60,
        "conditions": {
            "teams": [str(team_rome.uid)],
            "channels": ["email", "web"],
            "languages": ["it"],
            "countries": ["it"],
            "tags": ["VIP"],
        },
        "questions": [{"position": 1, "kind": "choice", "choices": ["speed", "price"]}],
        "texts": [
            {"key": "q1", "language": "en", "register": "", "text": "What mattered most?"},
            {"key": "q1.speed", "language": "en", "text": "Speed"},
            {"key": "q1.price", "language": "en", "text": "Price"},
            {"key": "thanks", "language": "it", "register": "formal", "text": "Grazie di cuore."},
        ],
    }

    response = _post(manager_token, body)

    assert response.status_code == 201, response.content
    out = response.json()
    assert (out["name"], out["kind"], out["scale"], out["low_max"], out["delay_minutes"]) == (
        "After a ticket",
        "csat",
        [1, 5],
        2,
        60,
    )
    assert out["conditions"] == {
        "teams": [str(team_rome.uid)],
        "channels": ["email", "web"],
        "languages": ["it"],
        "countries": ["IT"],
        "tags": ["vip"],
        "segment": None,
    }
    assert out["questions"] == [
        {
            "position": 1,
            "kind": "choice",
            "choices": ["speed", "price"],
            "scale_min": 1,
            "scale_max": 5,
            "is_required": False,
        }
    ]
    texts = {(t["key"], t["language"], t["register"]): t["text"] for t in out["texts"]}
    assert texts[("thanks", "it", "formal")] == "Grazie di cuore."
    assert texts[("q1.speed", "en", "")] == "Speed"
    assert len(out["texts"]) == 11 * 12 + 3
    assert _audits() == ["created"]


def test_the_same_post_twice_makes_one_survey(manager_token: str) -> None:
    first, second = _post(manager_token, BODY), _post(manager_token, BODY)

    assert (first.status_code, second.status_code) == (201, 409)
    assert second.json() == {
        "error": {
            "code": "duplicate_name",
            "message": "A survey named After a ticket already exists. Choose another name.",
        }
    }
    assert Survey.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**BODY, "kind": "hearts"}, id="kind"),
        pytest.param({**BODY, "trigger": "moon"}, id="trigger"),
        pytest.param({**BODY, "channel": "fax"}, id="channel"),
        pytest.param({**BODY, "conditions": {"channels": ["pigeon"]}}, id="ticket-channel"),
        pytest.param({**BODY, "questions": [{"position": 4, "kind": "text"}]}, id="position"),
        pytest.param(
            {
                **BODY,
                "texts": [{"key": "thanks", "language": "it", "register": "polite", "text": "x"}],
            },
            id="register",
        ),
        pytest.param({**BODY, "delay_minutes": "soon"}, id="delay-type"),
        pytest.param({**BODY, "unknown": 1, "name": ""}, id="empty-name"),
        pytest.param([BODY], id="not-an-object"),
    ],
)
def test_bad_shapes_are_422(manager_token: str, body: Any) -> None:
    response = _post(manager_token, body)

    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "validation_error"
    assert Survey.objects.count() == 0


def test_rule_breaks_are_400_with_the_fields(manager_token: str) -> None:
    response = _post(
        manager_token,
        {
            **BODY,
            "delay_minutes": 20000,
            "trigger": "relationship",
            "conditions": {"countries": ["ZZ"]},
            "texts": [{"key": "thanks", "language": "it", "text": "Grazie {{ cliente }}"}],
        },
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"] == {
        "delay_minutes": "The delay is between 0 and 10080 minutes (one week).",
        "countries": "ZZ is not an ISO 3166 country code.",
        "segment": "A relationship survey is sent to a segment: choose one.",
    }
    assert Survey.objects.count() == 0
    assert _audits() == []


def test_a_bad_text_row_rolls_the_whole_create_back(manager_token: str) -> None:
    response = _post(
        manager_token,
        {**BODY, "texts": [{"key": "thanks", "language": "it", "text": "Grazie {{ cliente }}"}]},
    )

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "texts.0.text": "thanks, it, any register: unknown placeholders: cliente. Use company, "
        "customer.name, order.number, ticket.number, ticket.subject."
    }
    assert (Survey.objects.count(), SurveyText.objects.count()) == (0, 0)


@pytest.mark.parametrize("method", ["post", "patch", "delete", "put"])
def test_an_agent_reads_but_may_not_write(method: str, alice_write_token: str) -> None:
    survey = _survey()
    client = Client()
    assert (
        client.get(f"/api/v1/surveys/{survey.uid}", headers=_auth(alice_write_token)).status_code
        == 200
    )
    url = {
        "post": "/api/v1/surveys",
        "patch": f"/api/v1/surveys/{survey.uid}",
        "delete": f"/api/v1/surveys/{survey.uid}",
        "put": f"/api/v1/surveys/{survey.uid}/texts",
    }[method]
    body = {**BODY, "name": "Other"} if method == "post" else {"name": "Other", "texts": []}

    response = getattr(client, method)(
        url, body, content_type="application/json", headers=_auth(alice_write_token)
    )

    assert response.status_code == 403
    assert list(Survey.objects.values_list("name", flat=True)) == ["After a ticket"]
    assert _audits() == ["created"]


def test_a_read_token_may_not_write(manager_token: str) -> None:
    manager = User.objects.get(username="mara")
    read = token_create(user=manager, scope=TokenScope.READ, actor=Actor.system()).raw

    assert _post(read, BODY).status_code == 403
    assert Survey.objects.count() == 0


def test_list_in_a_fixed_number_of_queries(
    alice_read_token: str, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(3):
        survey_create(
            data=SurveyData(name=f"Survey {n}", kind="csat", trigger="ticket_solved"),
            actor=Actor.system(),
        )
    client = Client()

    # the token with its rate counter (one statement on PostgreSQL), the page, its teams,
    # questions and texts, the token's last use
    with django_assert_num_queries(RATE_AND_TOKEN + 5):
        response = client.get("/api/v1/surveys", headers=_auth(alice_read_token))

    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == [
        "Survey 0",
        "Survey 1",
        "Survey 2",
    ]


def test_patch_changes_only_what_is_given(manager_token: str) -> None:
    survey = _survey()

    response = Client().patch(
        f"/api/v1/surveys/{survey.uid}",
        {"delay_minutes": 30, "is_active": False, "conditions": {"languages": ["fi"]}},
        content_type="application/json",
        headers=_auth(manager_token),
    )

    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["name"], out["kind"], out["delay_minutes"], out["is_active"]) == (
        "After a ticket",
        "nps",
        30,
        False,
    )
    assert out["conditions"]["languages"] == ["fi"]
    assert _audits() == ["created", "changed"]


def test_put_texts_writes_and_removes(manager_token: str) -> None:
    survey = _survey()

    response = Client().put(
        f"/api/v1/surveys/{survey.uid}/texts",
        {
            "texts": [
                {"key": "label.10", "language": "ro", "register": "", "text": "Foarte probabil"},
                {"key": "comment", "language": "bg", "register": "formal", "text": ""},
            ]
        },
        content_type="application/json",
        headers=_auth(manager_token),
    )

    assert response.status_code == 200, response.content
    texts = {(t["key"], t["language"], t["register"]) for t in response.json()["texts"]}
    assert ("label.10", "ro", "") in texts
    assert ("comment", "bg", "formal") not in texts
    assert _audits() == ["created", "texts"]


def test_put_texts_may_not_empty_the_site_language(manager_token: str) -> None:
    survey = _survey()

    response = Client().put(
        f"/api/v1/surveys/{survey.uid}/texts",
        {
            "texts": [
                {"key": "question", "language": "en", "register": r, "text": ""}
                for r in ("formal", "informal")
            ]
        },
        content_type="application/json",
        headers=_auth(manager_token),
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["details"]) == ["texts.question"]
    assert SurveyText.objects.filter(survey=survey, key="question", language="en").count() == 2


def test_delete_before_and_after_sending(manager_token: str) -> None:
    unsent, sent = (
        _survey(),
        survey_create(
            data=SurveyData(name="Sent", kind="ces", trigger="ticket_solved"), actor=Actor.system()
        ),
    )
    customer = customer_create(
        data=CustomerData(given_name="Aino", emails=["aino@example.fi"]), actor=Actor.system()
    )
    SurveyInvitation.objects.create(
        uid=uuid.uuid4(),
        survey=sent,
        kind=sent.kind,
        customer=customer,
        channel="email",
        dedupe_key="test:1",
        state=InvitationState.SENT,
        trigger_at=NOW,
        scheduled_for=NOW,
        time_zone="Europe/Helsinki",
        zone_source="customer",
        sent_at=NOW,
    )
    client = Client()

    refused = client.delete(f"/api/v1/surveys/{sent.uid}", headers=_auth(manager_token))
    deleted = client.delete(f"/api/v1/surveys/{unsent.uid}", headers=_auth(manager_token))

    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "survey_sent"
    assert deleted.status_code == 204
    assert list(Survey.objects.values_list("name", flat=True)) == ["Sent"]
    assert _audits() == ["created", "created", "deleted"]


def test_an_unknown_survey_is_404(alice_read_token: str) -> None:
    client = Client()
    for uid in (uuid.uuid4(), "not-a-uid"):
        response = client.get(f"/api/v1/surveys/{uid}", headers=_auth(alice_read_token))
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_the_openapi_description_lists_the_survey_operations() -> None:
    from cortesia.api import api

    schema = api.get_openapi_schema()

    paths = schema["paths"]
    assert sorted(paths["/api/v1/surveys"]) == ["get", "post"]
    assert sorted(paths["/api/v1/surveys/{uid}"]) == ["delete", "get", "patch"]
    assert sorted(paths["/api/v1/surveys/{uid}/texts"]) == ["put"]
    register = schema["components"]["schemas"]["TextOut"]["properties"]["register"]
    assert register["enum"] == ["", "formal", "informal"]


def test_patch_with_nulls_keeps_the_fields_and_resets_the_low_score(manager_token: str) -> None:
    survey = _survey()
    Survey.objects.filter(pk=survey.pk).update(low_score_max=5)

    response = Client().patch(
        f"/api/v1/surveys/{survey.uid}",
        {"name": None, "kind": None, "low_score_max": None},
        content_type="application/json",
        headers=_auth(manager_token),
    )

    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["name"], out["kind"], out["low_score_max"], out["low_max"]) == (
        "After a ticket",
        "nps",
        None,
        6,
    )
