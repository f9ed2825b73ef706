from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from cortesia.accounts.models import Team
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, Segment
from cortesia.customers.services import CustomerData, customer_create
from cortesia.demo.dataset import load_demo
from cortesia.testing.fixtures import FIRST_MESSAGES
from cortesia.tickets.models import RoutingRule, RoutingSettings, Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def demo_teams(db: None) -> None:
    """Roma, Helsinki, София, București, الرياض and New York with their calendars."""
    load_demo(password="demo-pass-123")
    RoutingRule.objects.create(
        name="English", languages=["en"], team=Team.objects.get(name="New York")
    )


def _follow_the_sun(enabled: bool) -> None:
    RoutingSettings.objects.update_or_create(pk=1, defaults={"follow_the_sun": enabled})


def _ticket(language: str, at: datetime, country: str = "") -> Ticket:
    customer = customer_create(
        data=CustomerData(given_name="Test", language=language, country=country),
        actor=Actor.system(),
    )
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Help",
                customer=customer,
                message=MessageData(body_text=FIRST_MESSAGES[language], author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _routed(ticket: Ticket) -> tuple[str | None, str]:
    reason = ticket.events.get(kind="created").data["routing"]
    return (ticket.team.name if ticket.team else None, reason)


@pytest.mark.parametrize(
    ("_case", "language", "at", "expected"),
    [
        # New York is closed at 08:00; of the open English speakers Roma stays open longest
        # (until 18:00 in Rome, 17:00 UTC).
        (
            "rule team closed",
            "en",
            datetime(2026, 11, 23, 13, 0, tzinfo=UTC),
            ("Roma", "follow_the_sun"),
        ),
        (
            "rule team open",
            "en",
            datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
            ("New York", "rule:English"),
        ),
        # 20:00 in Rome: only Roma speaks Italian, so it waits for Roma's morning.
        ("nobody open", "it", datetime(2026, 11, 23, 19, 0, tzinfo=UTC), ("Roma", "opens_soonest")),
        # Friday is the weekend in Riyadh.
        (
            "weekend there",
            "ar",
            datetime(2026, 11, 27, 10, 0, tzinfo=UTC),
            ("الرياض", "opens_soonest"),
        ),
        (
            "Finnish on Saturday",
            "fi",
            datetime(2026, 11, 28, 10, 0, tzinfo=UTC),
            ("Helsinki", "opens_soonest"),
        ),
        (
            "Bulgarian in the morning",
            "bg",
            datetime(2026, 11, 24, 8, 0, tzinfo=UTC),
            ("София", "follow_the_sun"),
        ),
    ],
)
def test_follow_the_sun(
    demo_teams: None, _case: str, language: str, at: datetime, expected: tuple[str, str]
) -> None:
    _follow_the_sun(True)
    assert _routed(_ticket(language, at)) == expected


def test_rules_alone_without_follow_the_sun(demo_teams: None) -> None:
    _follow_the_sun(False)
    night = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert _routed(_ticket("en", night)) == ("New York", "rule:English")
    assert _routed(_ticket("it", night)) == (None, "none")


def test_rules_can_use_countries_and_segments(demo_teams: None) -> None:
    _follow_the_sun(False)
    RoutingRule.objects.create(
        name="Speakers",
        position=0,
        segment=Segment.objects.get(name="Arabic or Bulgarian speakers"),
        team=Team.objects.get(name="София"),
    )
    RoutingRule.objects.create(
        name="Romania", position=1, countries=["RO"], team=Team.objects.get(name="București")
    )
    at = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    romanians = Customer.objects.filter(country="RO").count()
    assert _routed(_ticket("bg", at, "BG")) == ("София", "rule:Speakers")
    assert _routed(_ticket("ro", at, "RO")) == ("București", "rule:Romania")
    assert Customer.objects.filter(country="RO").count() == romanians + 1


def test_routing_api(admin_write_token: str, alice_write_token: str, team_rome: Team) -> None:
    from typing import Any

    from django.test import Client

    from cortesia.testing.fixtures import bearer

    def call(method: str, token: str, path: str, body: Any = None) -> Any:
        return getattr(Client(), method)(
            f"/api/v1{path}", body, content_type="application/json", headers=bearer(token)
        )

    body = {
        "name": "Italiano",
        "languages": ["it"],
        "countries": ["it"],
        "team": str(team_rome.uid),
    }
    assert call("post", alice_write_token, "/routing-rules", body).status_code == 403
    created = call("post", admin_write_token, "/routing-rules", body).json()
    assert (created["countries"], created["team"], created["segment"]) == (
        ["IT"],
        str(team_rome.uid),
        None,
    )
    bad = call("post", admin_write_token, "/routing-rules", {"name": " ", "channels": ["fax"]})
    assert bad.json()["error"]["details"] == {
        "name": "Give the rule a name.",
        "team": "Choose the team the rule sends tickets to.",
        "channels": "fax is not one of: email, web, chat, phone, walk_in, social, api.",
    }
    assert [r["name"] for r in call("get", alice_write_token, "/routing-rules").json()] == [
        "Italiano"
    ]
    assert call("get", alice_write_token, "/routing-settings").json() == {"follow_the_sun": False}
    assert (
        call("put", alice_write_token, "/routing-settings", {"follow_the_sun": True}).status_code
        == 403
    )
    assert call("put", admin_write_token, "/routing-settings", {"follow_the_sun": True}).json() == {
        "follow_the_sun": True
    }
    assert RoutingSettings.objects.get().follow_the_sun is True


@pytest.mark.parametrize(
    ("needed", "expected"),
    [
        # Of the open English speakers with "billing", София stays open longest (16:00 UTC).
        (["billing"], ("София", "follow_the_sun")),
        # Nobody has "returns": the language alone decides, as without skills (Roma).
        (["returns"], ("Roma", "follow_the_sun")),
    ],
)
def test_follow_the_sun_prefers_teams_with_the_skills(
    demo_teams: None, needed: list[str], expected: tuple[str, str]
) -> None:
    _follow_the_sun(True)
    Team.objects.filter(name__in=["Helsinki", "София"]).update(skills=["billing", "vip"])
    RoutingRule.objects.filter(name="English").update(skills=needed)
    ticket = _ticket("en", datetime(2026, 11, 23, 13, 0, tzinfo=UTC))
    assert _routed(ticket) == expected
    assert ticket.skills == needed
