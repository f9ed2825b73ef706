"""The routing settings pages: rules in order, follow-the-sun and "test this rule"."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add, team_set_calendar
from cortesia.audit.models import AuditEvent
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import FIRST_MESSAGES, make_user
from cortesia.tickets.models import AgentShift, RoutingRule, RoutingSettings, TeamRouting
from cortesia.tickets.routing_admin import RuleData, routing_rule_save
from cortesia.tickets.routing_preview import Preview, SampleTicket, routing_preview
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SYSTEM = Actor.system()
SATURDAY_07_UTC = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # 09:00 in Helsinki, closed


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mona", Role.MANAGER, first_name="Mona", last_name="Manager")


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def helsinki(db: None) -> Team:
    """Team Helsinki, open 08:00–16:00 Monday to Friday in Helsinki; the SLA policy
    "Standard" counts its business hours (first response 1 h, resolution 8 h)."""
    team = team_create(
        name="Team Helsinki", languages=["fi", "en"], time_zone="Europe/Helsinki", actor=SYSTEM
    )
    weekdays = {day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
    calendar = calendar_create(
        name="Helsinki", time_zone="Europe/Helsinki", country="FI", weekly=weekdays, actor=SYSTEM
    )
    team_set_calendar(team=team, calendar=calendar, actor=SYSTEM)
    policy_save(
        policy=None,
        data=PolicyData(name="Standard", first_response_minutes=60, resolution_minutes=480),
        actor=SYSTEM,
    )
    return team


def _rule(name: str, team: Team, languages: list[str] | None = None) -> RoutingRule:
    data = RuleData(name=name, team=team, languages=languages)
    return routing_rule_save(rule=None, data=data, actor=SYSTEM)


def _audits() -> list[tuple[str, str, str]]:
    """The routing audit rows written by people (setup writes as the system)."""
    rows = AuditEvent.objects.filter(object_type__startswith="routing", actor__isnull=False)
    rows = rows.order_by("id")
    return [(row.actor_label, row.object_type, row.object_label) for row in rows]


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("alice", 403), ("manager", 200), ("admin", 200)]
)
def test_only_leads_open_the_routing_pages(
    who: str, expected: int, alice: User, manager: User, admin_user: User, team_rome: Team
) -> None:
    client = Client()
    users = {"alice": alice, "manager": manager, "admin": admin_user}
    if who in users:
        client.force_login(users[who])
    rule = _rule("Italiano", team_rome, languages=["it"])
    for path in (
        "/settings/routing/",
        "/settings/routing/rules/new/",
        f"/settings/routing/rules/{rule.uid}/",
    ):
        response = client.get(path)
        assert response.status_code == expected, path
        if expected == 302:
            assert response["Location"].startswith("/login/")
    post = client.post("/settings/routing/follow-the-sun/", {"follow_the_sun": "on"})
    assert post.status_code == (302 if who != "alice" else 403)
    assert RoutingSettings.objects.filter(follow_the_sun=True).exists() is (
        who in ("manager", "admin")
    )


def test_rule_list_reads_a_fixed_number_of_queries(
    manager_client: Client,
    team_rome: Team,
    helsinki: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for index in range(5):
        _rule(f"Rule {index}", team_rome if index % 2 else helsinki, languages=["it"])
    manager_client.get("/settings/routing/")  # session and caches warmed
    # session, user, two-factor switch with teams, the rules with their teams and
    # segments, the follow-the-sun switch (the bell's count is fetched later)
    with django_assert_num_queries(5):
        response = manager_client.get("/settings/routing/")
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="rule-row"') == 5


def test_creating_a_rule_audits_it_and_a_double_post_adds_no_second_row(
    manager_client: Client, helsinki: Team
) -> None:
    form = {
        "name": "Finnish",
        "team": str(helsinki.uid),
        "languages": "fi",
        "countries": "fi, se",
        "channels": ["email", "chat"],
        "tags": "",
        "skills": "Billing",
        "segment": "",
        "is_active": "on",
    }
    first = manager_client.post("/settings/routing/rules/new/", form)
    second = manager_client.post("/settings/routing/rules/new/", form)
    assert first.status_code == 302
    assert second.status_code == 409
    assert "A rule with this name already exists." in second.content.decode()
    rule = RoutingRule.objects.get()
    assert (rule.languages, rule.countries, rule.channels, rule.skills, rule.team_id) == (
        ["fi"],
        ["FI", "SE"],
        ["email", "chat"],
        ["billing"],
        helsinki.pk,
    )
    assert _audits() == [("mona", "routing_rule", "Finnish")]


def test_refusals_land_on_their_fields_and_write_nothing(manager_client: Client) -> None:
    response = manager_client.post(
        "/settings/routing/rules/new/",
        {"name": "Nordic", "team": "", "languages": "fi, zz-zz-zz", "countries": "XX"},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "team": ["Choose the team the rule sends tickets to."],
        "languages": ["zz-zz-zz is not a known language code."],
        "countries": ["XX is not an ISO 3166 country code."],
    }
    assert RoutingRule.objects.count() == 0
    assert _audits() == []


def test_moving_a_rule_twice_by_a_double_click_moves_it_once(
    manager_client: Client, team_rome: Team
) -> None:
    first, second, third = (_rule(name, team_rome) for name in ("A", "B", "C"))
    # "Move C up" puts it after A; the same form sent twice keeps A, C, B.
    for _attempt in range(2):
        response = manager_client.post(
            f"/settings/routing/rules/{third.uid}/move/", {"after": str(first.uid)}
        )
        assert response.status_code == 302
    assert list(RoutingRule.objects.order_by("position").values_list("name", "position")) == [
        ("A", 0),
        ("C", 1),
        ("B", 2),
    ]
    assert _audits() == [("mona", "routing_rule", "C")]
    # Moving A "up" to first place changes nothing and records nothing.
    manager_client.post(f"/settings/routing/rules/{first.uid}/move/", {"after": ""})
    assert _audits() == [("mona", "routing_rule", "C")]
    assert second.name == "B"


def test_follow_the_sun_switch_is_audited_only_when_it_changes(manager_client: Client) -> None:
    manager_client.post("/settings/routing/follow-the-sun/", {"follow_the_sun": "on"})
    manager_client.post("/settings/routing/follow-the-sun/", {"follow_the_sun": "on"})
    manager_client.post("/settings/routing/follow-the-sun/", {})
    data = list(
        AuditEvent.objects.filter(object_type="routing_settings")
        .order_by("id")
        .values_list("data", flat=True)
    )
    assert data == [{"follow_the_sun": [False, True]}, {"follow_the_sun": [True, False]}]
    assert RoutingSettings.objects.get().follow_the_sun is False


def test_deleting_a_rule_twice_tells_it_is_gone(manager_client: Client, team_rome: Team) -> None:
    rule = _rule("Italiano", team_rome)
    assert manager_client.post(f"/settings/routing/rules/{rule.uid}/delete/").status_code == 302
    again = manager_client.post(f"/settings/routing/rules/{rule.uid}/delete/", follow=True)
    assert "This rule was already deleted." in again.content.decode()
    assert RoutingRule.objects.count() == 0
    assert _audits() == [("mona", "routing_rule", "Italiano")]  # the deletion, once


def _preview(manager: User, **changes: object) -> Preview:
    sample = {
        "language": "fi",
        "country": "FI",
        "channel": "email",
        "subject": "Lasku puuttuu",
        "priority": "normal",
        "at": SATURDAY_07_UTC,
        **changes,
    }
    return routing_preview(sample=SampleTicket(**sample), viewer=manager)  # type: ignore[arg-type]


def test_a_finnish_ticket_on_saturday_goes_to_helsinki_due_on_monday(
    manager: User, helsinki: Team, team_rome: Team
) -> None:
    # given: the rules send Finnish to Helsinki, the rest to Roma; Mikko works weekdays
    _rule("Italiano", team_rome, languages=["it"])
    _rule("Finnish", helsinki, languages=["fi"])
    mikko = make_user("mikko", time_zone="Europe/Helsinki")
    team_member_add(team=helsinki, user=mikko, actor=SYSTEM)
    for weekday in range(5):
        AgentShift.objects.create(user=mikko, weekday=weekday, starts=time(8), ends=time(16))
    TeamRouting.objects.create(team=helsinki, assignment=TeamRouting.Assignment.ROUND_ROBIN)
    # when
    preview = _preview(manager)
    # then: the rule decides; nobody is on shift on Saturday; due Monday 09:00 and 16:00
    # in Helsinki (07:00 and 14:00 UTC)
    assert (preview.rule, preview.routed.team, preview.routed.reason) == (
        RoutingRule.objects.get(name="Finnish"),
        helsinki,
        "rule:Finnish",
    )
    assert preview.assignee is None
    assert preview.policy is not None
    assert preview.policy.name == "Standard"
    assert [(due.target, due.due_at) for due in preview.due] == [
        ("first_response", datetime(2026, 11, 30, 7, 0, tzinfo=UTC)),
        ("resolution", datetime(2026, 11, 30, 14, 0, tzinfo=UTC)),
    ]
    open_teams = [(h.team.name, h.closes_at, h.opens_at) for h in preview.teams]
    assert open_teams == [
        ("Roma", None, None),  # no business calendar
        ("Team Helsinki", None, datetime(2026, 11, 30, 6, 0, tzinfo=UTC)),
    ]
    # On Monday at 10:00 in Helsinki Mikko is on shift and round robin picks him.
    monday = _preview(manager, at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    assert monday.assignee == mikko


def test_the_preview_finds_the_language_in_the_subject_and_says_when_no_rule_matches(
    manager: User, helsinki: Team
) -> None:
    _rule("Finnish", helsinki, languages=["fi"])
    preview = _preview(
        manager, language="", subject="Hello, my order has not arrived yet, could you check it?"
    )
    assert (preview.language, preview.language_source) == ("en", "detected")
    assert (preview.rule, preview.routed.team, preview.routed.reason) == (None, None, "none")
    # With follow-the-sun on, Helsinki (which speaks English) would take it when it opens.
    assert (preview.other.team, preview.other.reason) == (helsinki, "opens_soonest")


def test_the_test_form_shows_the_answer_in_the_viewers_and_the_teams_zone(
    manager: User, manager_client: Client, helsinki: Team
) -> None:
    User.objects.filter(pk=manager.pk).update(time_zone="Europe/Rome")
    _rule("Finnish", helsinki, languages=["fi"])
    query = {
        "language": "fi",
        "country": "FI",
        "channel": "email",
        "subject": "Lasku",
        "priority": "normal",
        "at": "2026-11-28T08:00",  # Rome: 07:00 UTC
    }
    response = manager_client.get("/settings/routing/", query)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="result-team"><bdi>Team Helsinki</bdi>' in page
    # first response due Monday 07:00 UTC: 08:00 in Rome, 09:00 in Helsinki
    assert (
        "Nov 30, 2026, 8:00\u202fAM</time> · <bdi>Team Helsinki</bdi>: Nov 30, 2026, 9:00\u202fAM"
        in page
    )


def test_arabic_routing_page_is_right_to_left_with_local_numbers(
    manager: User, manager_client: Client, team_rome: Team
) -> None:
    User.objects.filter(pk=manager.pk).update(language="ar")
    _rule("Italiano", team_rome, languages=["it"])
    with time_machine.travel(SATURDAY_07_UTC, tick=False):
        response = manager_client.get(
            "/settings/routing/", {"subject": "x", "channel": "email", "priority": "normal"}
        )
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert '<td class="num">1</td>' in page  # the rule's place
    assert "28\u200f/11\u200f/2026" in page  # the instant tried, as Arabic writes a date


def test_the_preview_agrees_with_a_real_ticket_opened_then(manager: User, helsinki: Team) -> None:
    # given: follow-the-sun on, and Helsinki closed on Saturday morning
    _rule("Finnish", helsinki, languages=["fi"])
    RoutingSettings.objects.create(pk=1, follow_the_sun=True)
    preview = _preview(manager)
    # when: the same ticket really arrives then
    customer = customer_create(data=CustomerData(given_name="Aino", country="FI"), actor=SYSTEM)
    with time_machine.travel(SATURDAY_07_UTC, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Lasku puuttuu",
                customer=customer,
                channel="email",
                language="fi",
                message=MessageData(body_text=FIRST_MESSAGES["fi"], author_kind="customer"),
            ),
            actor=SYSTEM,
        )
    # then: the same team, for the same reason, due at the same instant
    routing = ticket.events.get(kind="created").data["routing"]
    assert (ticket.team, routing, ticket.sla_due_at) == (
        preview.routed.team,
        "opens_soonest",
        min(due.due_at for due in preview.due),
    )
    assert preview.routed.reason == "opens_soonest"


def test_a_moment_out_of_reach_is_refused_on_its_field(manager_client: Client) -> None:
    query = {"subject": "Lasku", "channel": "email", "priority": "normal", "at": "9999-12-31T23:00"}
    response = manager_client.get("/settings/routing/", query)
    assert response.status_code == 200
    assert response.context["preview"] is None
    assert response.context["sample_form"].errors == {
        "at": ["Choose a moment between the years 1900 and 2999."]
    }
