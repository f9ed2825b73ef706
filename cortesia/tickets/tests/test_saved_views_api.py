"""The saved views' REST endpoints: the same services and scope as the inbox's forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import SavedView

pytestmark = pytest.mark.django_db


def _call(method: str, path: str, token: str, body: dict[str, Any] | None = None) -> Any:
    client = Client()
    return getattr(client, method)(
        f"/api/v1{path}", data=body, content_type="application/json", headers=bearer(token)
    )


def test_a_view_is_saved_listed_renamed_and_deleted(
    alice: User, alice_write_token: str, team_rome: Team
) -> None:
    made = _call(
        "post",
        "/saved-views",
        alice_write_token,
        {"name": "Rimborsi", "query": "?q=rimborso&page=2"},
    )
    assert made.status_code == 201
    body = made.json()
    assert (body["name"], body["query"], body["team"], body["count"], body["can_change"]) == (
        "Rimborsi",
        "q=rimborso",
        None,
        0,
        True,
    )
    listed = _call("get", "/saved-views", alice_write_token)
    assert [view["name"] for view in listed.json()] == ["Rimborsi"]
    renamed = _call("patch", f"/saved-views/{body['uid']}", alice_write_token, {"name": "Resi"})
    assert (renamed.status_code, renamed.json()["name"]) == (200, "Resi")
    assert _call("delete", f"/saved-views/{body['uid']}", alice_write_token).status_code == 204
    assert SavedView.objects.count() == 0
    changes = AuditEvent.objects.filter(object_type="saved_view").order_by("id")
    assert [event.data["change"] for event in changes] == ["created", "renamed", "deleted"]


def test_an_agent_may_not_share_a_view_nor_touch_another_persons(
    alice_write_token: str, bob: User, team_rome: Team
) -> None:
    refused = _call(
        "post", "/saved-views", alice_write_token, {"name": "VIP", "team": str(team_rome.uid)}
    )
    assert refused.status_code == 404  # not a team she may save views for
    raw = token_create(user=bob, scope=TokenScope.WRITE, actor=Actor.system()).raw
    bobs = _call("post", "/saved-views", raw, {"name": "Mia", "query": "q=pacco"}).json()
    assert _call("delete", f"/saved-views/{bobs['uid']}", alice_write_token).status_code == 404
    assert SavedView.objects.count() == 1
