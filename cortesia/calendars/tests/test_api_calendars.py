from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.testing.fixtures import bearer, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROME: dict[str, Any] = {
    "name": "Roma office",
    "time_zone": "Europe/Rome",
    "country": "IT",
    "weekly": {
        day: [["09:00", "13:00"], ["14:00", "18:00"]] for day in ("mon", "tue", "wed", "thu", "fri")
    },
    "overrides": [{"date": "2026-12-24", "intervals": [["09:00", "13:00"]]}],
}


@pytest.fixture
def manager_token(db: None) -> str:
    from cortesia.accounts.models import Role, TokenScope
    from cortesia.accounts.services import token_create
    from cortesia.core.actor import Actor

    manager = make_user("mara", Role.MANAGER)
    return token_create(user=manager, scope=TokenScope.WRITE, actor=Actor.system()).raw


def _create(token: str, body: Mapping[str, Any]) -> dict[str, Any]:
    response = Client().post(
        "/api/v1/calendars", body, content_type="application/json", headers=bearer(token)
    )
    assert response.status_code == 201, response.content
    result: dict[str, Any] = response.json()
    return result


def test_manager_creates_calendar_and_gets_a_deadline(manager_token: str) -> None:
    created = _create(manager_token, ROME)
    assert created["overrides"] == [{"date": "2026-12-24", "intervals": [["09:00", "13:00"]]}]
    # Friday 27 March 2026 16:00 CET + 8 h → Monday 30 March 16:00 CEST (after the DST change).
    response = Client().get(
        f"/api/v1/calendars/{created['uid']}/deadline",
        {"start": "2026-03-27T15:00:00Z", "minutes": "480"},
        headers=bearer(manager_token),
    )
    assert response.json() == {"due": "2026-03-30T14:00:00Z"}
    assert AuditEvent.objects.filter(action="calendar_create").count() == 1


def test_weekly_hours_default_to_the_country_weekend(manager_token: str) -> None:
    created = _create(
        manager_token, {"name": "Riyadh", "time_zone": "Asia/Riyadh", "country": "SA"}
    )
    assert created["weekly"] == {
        day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "sun")
    }


def test_open_intervals_are_utc(manager_token: str) -> None:
    created = _create(manager_token, ROME)
    response = Client().get(
        f"/api/v1/calendars/{created['uid']}/open-intervals",
        {"start": "2026-04-03T00:00:00+02:00", "end": "2026-04-07T10:00:00+02:00"},
        headers=bearer(manager_token),
    )
    # Friday 3 April, then Easter Monday (holiday), then Tuesday morning.
    assert response.json() == [
        {"start": "2026-04-03T07:00:00Z", "end": "2026-04-03T11:00:00Z"},
        {"start": "2026-04-03T12:00:00Z", "end": "2026-04-03T16:00:00Z"},
        {"start": "2026-04-07T07:00:00Z", "end": "2026-04-07T08:00:00Z"},
    ]


SOME_FIELDS = "Some fields are not valid."


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            {"name": "x", "time_zone": "Mars/Base"},
            {
                "code": "invalid_calendar",
                "message": SOME_FIELDS,
                "details": {"time_zone": "Mars/Base is not an IANA time zone name."},
            },
        ),
        (
            {"name": "x", "time_zone": "UTC", "weekly": {"mon": [["18:00", "09:00"]]}},
            {
                "code": "invalid_calendar",
                "message": SOME_FIELDS,
                "details": {
                    "weekly.mon.0": "Give a start and an end as HH:MM, the start before the end "
                    "(24:00 ends a day)."
                },
            },
        ),
        (
            {"name": "x", "time_zone": "UTC", "country": "XX"},
            {"code": "invalid_calendar", "message": "Unknown country code 'XX'."},
        ),
    ],
)
def test_invalid_calendars_are_400_and_not_stored(
    manager_token: str, body: dict[str, object], error: dict[str, object]
) -> None:
    response = Client().post(
        "/api/v1/calendars", body, content_type="application/json", headers=bearer(manager_token)
    )
    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert Calendar.objects.count() == 0


def test_naive_start_and_bad_minutes_are_400(manager_token: str) -> None:
    uid = _create(manager_token, ROME)["uid"]
    client = Client()
    naive = client.get(
        f"/api/v1/calendars/{uid}/deadline",
        {"start": "2026-03-27T15:00:00", "minutes": "60"},
        headers=bearer(manager_token),
    )
    assert naive.json()["error"] == {
        "code": "naive_datetime",
        "message": "start must include a time zone offset, e.g. 2026-03-02T09:00Z.",
    }
    negative = client.get(
        f"/api/v1/calendars/{uid}/deadline",
        {"start": "2026-03-27T15:00:00Z", "minutes": "-5"},
        headers=bearer(manager_token),
    )
    assert negative.json()["error"]["code"] == "invalid_minutes"


def test_agents_read_but_cannot_write(alice_write_token: str, manager_token: str) -> None:
    uid = _create(manager_token, ROME)["uid"]
    assert (
        Client().get(f"/api/v1/calendars/{uid}", headers=bearer(alice_write_token)).status_code
        == 200
    )
    response = Client().patch(
        f"/api/v1/calendars/{uid}",
        {"name": "Mine"},
        content_type="application/json",
        headers=bearer(alice_write_token),
    )
    assert response.status_code == 403
    assert Calendar.objects.get().name == "Roma office"


def test_patch_revalidates_and_team_gets_the_calendar(
    manager_token: str, team_rome: Team, alice: User
) -> None:
    uid = _create(manager_token, ROME)["uid"]
    client = Client()
    bad = client.patch(
        f"/api/v1/calendars/{uid}",
        {"time_zone": "Nowhere/Land"},
        content_type="application/json",
        headers=bearer(manager_token),
    )
    assert bad.status_code == 400
    assert Calendar.objects.get().time_zone == "Europe/Rome"
    team = client.patch(
        f"/api/v1/teams/{team_rome.uid}",
        {"calendar": uid},
        content_type="application/json",
        headers=bearer(manager_token),
    )
    assert team.json()["calendar"] == uid
    cleared = client.patch(
        f"/api/v1/teams/{team_rome.uid}",
        {"calendar": None},
        content_type="application/json",
        headers=bearer(manager_token),
    )
    assert cleared.json()["calendar"] is None
