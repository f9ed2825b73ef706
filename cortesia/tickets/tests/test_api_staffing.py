from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import AgentShift, TeamRouting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _call(method: str, token: str, path: str, body: Any = None) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
    )


def test_agents_set_their_own_shifts_and_languages(
    alice: User, bob: User, alice_write_token: str, admin_write_token: str
) -> None:
    week = [{"weekday": day, "starts": "09:00", "ends": "17:00"} for day in range(5)]
    mine = _call("put", alice_write_token, f"/users/{alice.uid}/shifts", week)
    assert mine.status_code == 200
    assert mine.json()[0] == {"weekday": 0, "starts": "09:00:00", "ends": "17:00:00"}
    assert _call("put", alice_write_token, f"/users/{bob.uid}/shifts", week).status_code == 403
    assert _call("put", admin_write_token, f"/users/{bob.uid}/shifts", week[:1]).status_code == 200
    bad = _call(
        "put",
        alice_write_token,
        f"/users/{alice.uid}/shifts",
        [{"weekday": 7, "starts": "18:00", "ends": "09:00"}],
    )
    assert bad.json()["error"]["details"] == {
        "shifts.0": "A shift needs a weekday from 0 (Monday) to 6 and starts before it ends."
    }
    assert (
        AgentShift.objects.filter(user=alice).count(),
        AgentShift.objects.filter(user=bob).count(),
    ) == (5, 1)
    languages = _call(
        "put", alice_write_token, f"/users/{alice.uid}/languages", {"languages": ["IT", "en", "it"]}
    )
    assert languages.json() == {"languages": ["it", "en"]}


def test_leads_choose_the_team_assignment(
    team_rome: Team, alice_write_token: str, admin_write_token: str
) -> None:
    body = {"assignment": "least_open", "return_on_shift_end": False}
    assert (
        _call("put", alice_write_token, f"/teams/{team_rome.uid}/assignment", body).status_code
        == 403
    )
    assert (
        _call("put", admin_write_token, f"/teams/{team_rome.uid}/assignment", body).json() == body
    )
    bad = _call(
        "put", admin_write_token, f"/teams/{team_rome.uid}/assignment", {"assignment": "random"}
    )
    assert bad.json()["error"]["details"] == {
        "assignment": "random is not one of: queue, round_robin, least_open."
    }
    assert TeamRouting.objects.get(team=team_rome).assignment == "least_open"


def test_skills_of_agents_teams_and_rules(
    alice: User, bob: User, team_rome: Team, alice_write_token: str, admin_write_token: str
) -> None:
    mine = _call(
        "put",
        alice_write_token,
        f"/users/{alice.uid}/skills",
        {"skills": [" Billing ", "billing", "VIP"]},
    )
    assert (mine.status_code, mine.json()) == (200, {"skills": ["billing", "vip"]})
    assert (
        _call("put", alice_write_token, f"/users/{bob.uid}/skills", {"skills": []}).status_code
        == 403
    )
    team = _call("patch", admin_write_token, f"/teams/{team_rome.uid}", {"skills": ["Returns"]})
    assert team.json()["skills"] == ["returns"]
    rule = _call(
        "post",
        admin_write_token,
        "/routing-rules",
        {
            "name": "Invoices",
            "tags": ["invoice"],
            "skills": ["Billing"],
            "team": str(team_rome.uid),
        },
    )
    assert (rule.status_code, rule.json()["skills"]) == (201, ["billing"])
