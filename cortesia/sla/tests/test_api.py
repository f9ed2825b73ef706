from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import bearer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _call(method: str, token: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
    )


def test_admins_write_policies_agents_read_them(
    admin_write_token: str, alice_write_token: str, team_rome: Team
) -> None:
    body = {
        "name": " Urgent Rome ",
        "priorities": ["urgent"],
        "teams": [str(team_rome.uid)],
        "first_response_minutes": 30,
        "resolution_minutes": 240,
        "id": 99,  # ignored
    }
    assert _call("post", alice_write_token, "/sla-policies", body).status_code == 403
    created = _call("post", admin_write_token, "/sla-policies", body)
    assert created.status_code == 201
    policy = created.json()
    assert (
        policy["name"],
        policy["teams"],
        policy["business_hours"],
        policy["warn_at_percent"],
    ) == (
        "Urgent Rome",
        [str(team_rome.uid)],
        True,
        75,
    )
    listed = _call("get", alice_write_token, "/sla-policies").json()
    assert [p["name"] for p in listed] == ["Urgent Rome"]
    changed = _call(
        "patch",
        admin_write_token,
        f"/sla-policies/{policy['uid']}",
        {"teams": [], "warn_at_percent": 80},
    ).json()
    assert (changed["teams"], changed["warn_at_percent"], changed["priorities"]) == (
        [],
        80,
        ["urgent"],
    )
    again = _call("post", admin_write_token, "/sla-policies", {"name": "Urgent Rome"})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "duplicate_name")


def test_bad_values_are_field_errors(admin_write_token: str) -> None:
    response = _call(
        "post",
        admin_write_token,
        "/sla-policies",
        {
            "name": "X",
            "priorities": ["asap"],
            "channels": ["fax"],
            "first_response_minutes": 0,
            "warn_at_percent": 100,
        },
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {
        "priorities": "asap is not one of: low, normal, high, urgent.",
        "channels": "fax is not one of: email, web, chat, phone, social, api.",
        "first_response_minutes": "Give a number of minutes between 1 and 525600.",
        "warn_at_percent": "Give a percentage between 1 and 99.",
    }
    assert not SlaPolicy.objects.exists()
