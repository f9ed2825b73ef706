"""The SLA pages of the settings area: who opens them, the list in order, the editor's
messages and audit rows, and the Test button's answer at exact instants."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.core.settings_sections import settings_sections_for
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.sla.models import SlaPolicy
from cortesia.sla.permissions import can_manage_sla
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/settings/sla/"
NEW = "/settings/sla/new/"
ESCALATION = "/settings/sla/escalation/"
TAGS = re.compile(r"<[^>]+>")
DUE = re.compile(r'<tr data-testid="trial-due-row" data-target="(\w+)">(.*?)</tr>', re.DOTALL)


def _text(html: str) -> str:
    return " ".join(unescape(TAGS.sub(" ", html)).split())


def _due(html: str) -> dict[str, list[str]]:
    """Each target's cells: its name, the due time in the viewer's zone and the calendar's."""
    return {
        target: [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)]
        for target, row in DUE.findall(html)
    }


def _answer(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</p>', html, re.DOTALL)
    assert found is not None
    return _text(found.group(1))


@pytest.fixture
def helsinki_team(team_rome: Team) -> Team:
    """A team on Helsinki hours: Monday to Friday 08:00–16:00, Finnish holidays."""
    team_rome.calendar = calendar_create(
        name="Helsinki support",
        time_zone="Europe/Helsinki",
        country="FI",
        weekly={day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_rome.save(update_fields=["calendar"])
    return team_rome


@pytest.fixture
def rome_admin(db: None) -> Client:
    """An administrator whose time zone is Europe/Rome (one hour west of Helsinki)."""
    client = Client()
    client.force_login(make_user("ada", Role.ADMIN, time_zone="Europe/Rome"))
    return client


def _form(name: str = "Standard", **changes: str | list[str]) -> dict[str, str | list[str]]:
    form: dict[str, str | list[str]] = {
        "name": name,
        "position": "10",
        "is_active": "on",
        "tags": "",
        "first_response_minutes": "60",
        "next_response_minutes": "",
        "resolution_minutes": "480",
        "business_hours": "on",
        "clock_calendar": "team",
        "warn_at_percent": "75",
        "breach_notifies": "on",
    }
    form.update(changes)
    return form


def _sample(team: Team, date: str, time: str, **changes: str) -> dict[str, str]:
    sample = {
        "test": "1",
        "sample-team": str(team.pk),
        "sample-priority": "normal",
        "sample-channel": "email",
        "sample-tags": "",
        "sample-organization": "",
        "sample-created_date": date,
        "sample-created_time": time,
    }
    sample.update(changes)
    return sample


def test_the_urls_are_the_sections_pages() -> None:
    assert reverse("sla-settings:policy-list") == LIST
    assert reverse("sla-settings:policy-create") == NEW
    assert reverse("sla-settings:escalation") == ESCALATION


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param(None, 302, id="anonymous"),
        pytest.param(Role.AGENT, 403, id="agent"),
        pytest.param(Role.MARKETER, 403, id="marketer"),
        pytest.param(Role.MANAGER, 200, id="manager"),
        pytest.param(Role.ADMIN, 200, id="admin"),
    ],
)
def test_administrators_and_managers_open_every_sla_page(role: Role | None, status: int) -> None:
    policy = policy_save(policy=None, data=PolicyData(name="Standard"), actor=Actor.system())
    client = Client()
    if role is not None:
        client.force_login(make_user("someone", role))
    for url in (LIST, NEW, ESCALATION, f"{LIST}{policy.uid}/"):
        response = client.get(url)
        assert (url, response.status_code) == (url, status)
        if status == 302:
            assert response["Location"] == f"/login/?next={url}"


def test_an_agent_can_neither_save_nor_test(alice_client: Client, team_rome: Team) -> None:
    saved = alice_client.post(NEW, _form())
    tried = alice_client.post(NEW, {**_form(), **_sample(team_rome, "2026-12-11", "10:00")})
    assert (saved.status_code, tried.status_code) == (403, 403)
    assert SlaPolicy.objects.count() == 0


def test_the_list_shows_policies_in_order_with_conditions_and_targets(
    admin_client: Client,
    team_rome: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # Given two policies, the urgent one tried first
    policy_save(
        policy=None,
        data=PolicyData(name="Standard", position=20, resolution_minutes=2880),
        actor=Actor.system(),
    )
    policy_save(
        policy=None,
        data=PolicyData(
            name="Urgent",
            position=10,
            priorities=["urgent"],
            channels=["chat"],
            teams=[team_rome],
            tags=["vip"],
            first_response_minutes=30,
            business_hours=False,
        ),
        actor=Actor.system(),
    )
    admin_client.get(LIST)
    # When the list is opened: session, user, two-factor rule, the policies and their
    # teams (the bell's count is fetched by the page later)
    with django_assert_num_queries(5):
        response = admin_client.get(LIST)
    # Then they are listed in the order they are tried
    rows = re.findall(
        r'<tr data-testid="policy-row">(.*?)</tr>', response.content.decode(), re.DOTALL
    )
    assert [_text(row) for row in rows] == [
        "10 Urgent Urgent Chat Roma # vip 30 min — — Every hour",
        "20 Standard Every ticket — — 2,880 min The ticket team's calendar",
    ]


def test_creating_a_policy_saves_every_field_and_audits_it(
    admin_client: Client, admin_user: User, team_rome: Team
) -> None:
    form = _form(
        priorities=["high", "urgent"],
        channels=["email"],
        teams=[str(team_rome.pk)],
        tags="VIP, billing",
        clock_calendar="organization",
        breach_unassigns="on",
    )
    response = admin_client.post(NEW, form)
    policy = SlaPolicy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{policy.uid}/"
    assert (
        policy.name,
        policy.position,
        policy.priorities,
        policy.channels,
        list(policy.teams.all()),
        policy.tags,
        policy.first_response_minutes,
        policy.next_response_minutes,
        policy.resolution_minutes,
        policy.clock_calendar,
        policy.breach_unassigns,
        policy.breach_raises_priority,
    ) == (
        "Standard",
        10,
        ["high", "urgent"],
        ["email"],
        [team_rome],
        ["vip", "billing"],
        60,
        None,
        480,
        "organization",
        True,
        False,
    )
    event = AuditEvent.objects.get(object_type="sla_policy")
    assert (event.action, event.actor, event.object_uid, event.data["created"]) == (
        AuditEvent.Action.SETTING_CHANGE,
        admin_user,
        str(policy.uid),
        True,
    )


def test_a_second_submit_of_the_same_new_policy_creates_nothing_more(admin_client: Client) -> None:
    first = admin_client.post(NEW, _form())
    second = admin_client.post(NEW, _form())
    assert (first.status_code, second.status_code) == (302, 409)
    assert "A policy with this name already exists." in second.content.decode()
    assert SlaPolicy.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="sla_policy").count() == 1


def test_editing_clears_a_target_and_audits_only_the_changes(admin_client: Client) -> None:
    policy = policy_save(
        policy=None,
        data=PolicyData(
            name="Standard", position=10, first_response_minutes=60, resolution_minutes=480
        ),
        actor=Actor.system(),
    )
    url = f"{LIST}{policy.uid}/"
    unchanged = admin_client.post(url, _form())
    assert unchanged.status_code == 302
    assert AuditEvent.objects.filter(object_type="sla_policy", actor__isnull=False).count() == 0
    changed = admin_client.post(url, _form(resolution_minutes="", warn_at_percent="80"))
    assert changed.status_code == 302
    policy.refresh_from_db()
    assert (policy.resolution_minutes, policy.warn_at_percent) == (None, 80)
    event = AuditEvent.objects.get(object_type="sla_policy", actor__isnull=False)
    assert event.data == {"created": False, "fields": ["resolution_minutes", "warn_at_percent"]}


def test_the_service_refusals_stand_on_their_fields_and_nothing_is_written(
    admin_client: Client,
) -> None:
    response = admin_client.post(NEW, _form(warn_at_percent="100", first_response_minutes="999999"))
    assert response.status_code == 400
    html = response.content.decode()
    warn = html.index('name="warn_at_percent"')
    first = html.index('name="first_response_minutes"')
    assert html.index("Give a percentage between 1 and 99.") > warn
    assert html.index("Give a number of minutes between 1 and 525600.") > first
    assert SlaPolicy.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="sla_policy").count() == 0


def test_the_escalation_page_lists_each_policys_breach_actions(admin_client: Client) -> None:
    policy_save(
        policy=None,
        data=PolicyData(name="Standard", warn_at_percent=80, breach_raises_priority=True),
        actor=Actor.system(),
    )
    html = admin_client.get(ESCALATION).content.decode()
    rows = re.findall(r'<tr data-testid="escalation-row">(.*?)</tr>', html, re.DOTALL)
    assert [_text(row) for row in rows] == ["Standard 80 % Yes No Yes Change"]


@pytest.mark.parametrize(
    ("_case", "date", "time", "instants", "first_response", "resolution"),
    [
        # Friday 11 December 14:30 in Rome is 15:30 in Helsinki: half an hour on Friday,
        # the rest on Monday from 08:00 Helsinki.
        (
            "over a weekend",
            "2026-12-11",
            "14:30",
            ["2026-12-14T06:30:00Z", "2026-12-14T13:30:00Z"],
            ["First response", "Dec 14, 2026, 7:30 AM", "Dec 14, 2026, 8:30 AM"],
            ["Resolution", "Dec 14, 2026, 2:30 PM", "Dec 14, 2026, 3:30 PM"],
        ),
        # Tuesday 5 January 2027 15:30 Helsinki; the 6th is Epiphany, a Finnish holiday.
        (
            "over a Finnish holiday",
            "2027-01-05",
            "14:30",
            ["2027-01-07T06:30:00Z", "2027-01-07T13:30:00Z"],
            ["First response", "Jan 7, 2027, 7:30 AM", "Jan 7, 2027, 8:30 AM"],
            ["Resolution", "Jan 7, 2027, 2:30 PM", "Jan 7, 2027, 3:30 PM"],
        ),
    ],
)
@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_test_button_gives_due_times_in_both_zones_without_saving(
    rome_admin: Client,
    helsinki_team: Team,
    _case: str,
    date: str,
    time: str,
    instants: list[str],
    first_response: list[str],
    resolution: list[str],
) -> None:
    # Given a saved catch-all policy and a new one typed for the Helsinki team
    policy_save(policy=None, data=PolicyData(name="Catch-all", position=99), actor=Actor.system())
    audit_rows = AuditEvent.objects.count()
    form = {**_form(teams=[str(helsinki_team.pk)]), **_sample(helsinki_team, date, time)}
    # When the Test button is pressed
    response = rome_admin.post(NEW, form)
    # Then the answer is on the page, and nothing is saved
    html = response.content.decode()
    assert response.status_code == 200
    assert _answer(html, "trial-applies") == "This policy, as typed, applies to the sample ticket."
    assert _answer(html, "trial-saved") == "Of the saved policies, Catch-all applies to it today."
    assert _answer(html, "trial-calendar") == (
        "Clocks count the open hours of Helsinki support (Europe/Helsinki)."
    )
    assert _due(html) == {"first_response": first_response, "resolution": resolution}
    assert re.findall(r'<td><time datetime="([^"]+)">', html) == instants
    assert list(SlaPolicy.objects.values_list("name", flat=True)) == ["Catch-all"]
    assert AuditEvent.objects.count() == audit_rows


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_test_button_says_when_the_typed_policy_does_not_apply(
    rome_admin: Client, helsinki_team: Team
) -> None:
    form = {
        **_form(priorities=["urgent"], business_hours=""),
        **_sample(helsinki_team, "2026-12-11", "14:30"),
    }
    del form["business_hours"]
    html = rome_admin.post(NEW, form).content.decode()
    assert _answer(html, "trial-applies") == (
        "This policy, as typed, does not apply to the sample ticket."
    )
    assert _answer(html, "trial-saved") == "None of the saved policies applies to it today."
    assert _answer(html, "trial-calendar") == (
        "Clocks count every hour: no business calendar applies."
    )
    # Around the clock: an hour after 14:30 Rome
    assert _due(html)["first_response"] == ["First response", "Dec 11, 2026, 3:30 PM"]


def test_the_test_button_refuses_a_bad_policy_on_its_field(
    rome_admin: Client, helsinki_team: Team
) -> None:
    form = {**_form(warn_at_percent="0"), **_sample(helsinki_team, "2026-12-11", "14:30")}
    response = rome_admin.post(NEW, form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give a percentage between 1 and 99." in html
    assert 'data-testid="policy-test-result"' not in html


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_editor_in_arabic_is_right_to_left_with_localized_due_times(
    helsinki_team: Team,
) -> None:
    client = Client()
    client.force_login(make_user("samir", Role.ADMIN, language="ar", time_zone="Asia/Riyadh"))
    form = {**_form(), **_sample(helsinki_team, "2026-12-11", "16:30")}
    html = client.post(NEW, form).content.decode()
    assert 'dir="rtl"' in html
    # 16:30 Riyadh is 15:30 Helsinki: due on Monday 08:30 Helsinki, 09:30 Riyadh
    assert _due(html)["first_response"][1:] == [
        "14\u200f/12\u200f/2026، 9:30 ص",
        "14\u200f/12\u200f/2026، 8:30 ص",
    ]


def test_a_calendar_deleted_elsewhere_does_not_break_the_editor(
    admin_client: Client, helsinki_team: Team
) -> None:
    Calendar.objects.all().delete()
    assert admin_client.get(NEW).status_code == 200


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_test_button_counts_the_organizations_calendar_when_the_policy_says_so(
    rome_admin: Client, helsinki_team: Team
) -> None:
    # Given a customer organization working Sunday to Thursday in Riyadh
    riyadh = calendar_create(
        name="Riyadh office",
        time_zone="Asia/Riyadh",
        weekly={day: [["09:00", "17:00"]] for day in ("sun", "mon", "tue", "wed", "thu")},
        actor=Actor.system(),
    )
    organization = organization_create(
        data=OrganizationData(name="Al Noor Trading", calendar=riyadh), actor=Actor.system()
    )
    # When a policy on the organization's hours is tried for Friday 11:00 Rome (10:00 UTC)
    form = {
        **_form(clock_calendar="organization"),
        **_sample(
            helsinki_team, "2026-12-11", "11:00", **{"sample-organization": str(organization.pk)}
        ),
    }
    html = rome_admin.post(NEW, form).content.decode()
    # Then the clock waits for Sunday 09:00 in Riyadh (07:00 in Rome)
    assert _answer(html, "trial-calendar") == (
        "Clocks count the open hours of Riyadh office (Asia/Riyadh)."
    )
    assert _due(html)["first_response"] == [
        "First response",
        "Dec 13, 2026, 8:00 AM",
        "Dec 13, 2026, 10:00 AM",
    ]


def test_the_section_is_offered_to_whom_the_services_let_in(alice: User) -> None:
    manager = make_user("mara", Role.MANAGER)
    section = next(s for s in settings_sections_for(manager) if s.key == "sla")
    assert (section.url_name, section.order, section.flag) == (
        "sla-settings:policy-list",
        40,
        can_manage_sla,
    )
    assert "sla" not in [s.key for s in settings_sections_for(alice)]
