"""The team settings pages: list, create, change, members; administrators and managers."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add, user_update
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
LIST = "/settings/teams/"
NEW = "/settings/teams/new/"
ROW = re.compile(r'<tr data-testid="team-row">(.*?)</tr>', re.DOTALL)
TAGS = re.compile(r"<[^>]+>")
FORM = {"name": "Helsinki", "languages": ["fi", "en"], "time_zone": "Europe/Helsinki"}


def _rows(html: str) -> list[list[str]]:
    return [
        [" ".join(TAGS.sub(" ", cell).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in ROW.findall(html)
    ]


def _errors(html: str) -> list[str]:
    return re.findall(r'<p class="error" role="alert"[^>]*>([^<]+)</p>', html)


def _team_audit() -> list[tuple[str, str, object]]:
    return [
        (row.action, row.object_label, row.data)
        for row in AuditEvent.objects.filter(object_type="team").exclude(actor=None).order_by("id")
    ]


def _client(role: Role) -> Client:
    client = Client()
    client.force_login(make_user(f"someone_{role}", role))
    return client


@pytest.fixture
def rome_calendar(db: None) -> Calendar:
    return calendar_create(name="Rome office", time_zone="Europe/Rome", actor=Actor.system())


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
@pytest.mark.parametrize("page", ["list", "new", "detail"])
def test_administrators_and_managers_open_the_team_pages(
    team_rome: Team, role: Role | None, status: int, page: str
) -> None:
    url = {"list": LIST, "new": NEW, "detail": f"/settings/teams/{team_rome.uid}/"}[page]
    client = Client() if role is None else _client(role)
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/login/?next={url}"


def test_the_list_shows_languages_time_zone_members_and_calendar(
    admin_client: Client, alice: User, bob: User, team_riyadh: Team, rome_calendar: Calendar
) -> None:
    team_rome = Team.objects.get(name="Roma")
    team_rome.calendar = rome_calendar
    team_rome.save(update_fields=["calendar"])
    html = admin_client.get(LIST).content.decode()
    assert _rows(html) == [
        ["Riyadh", "Arabic", "Asia/Riyadh", "0", "—"],
        ["Roma", "Italian and English", "Europe/Rome", "2", "Rome office"],
    ]


def test_the_list_says_when_there_are_no_teams(admin_client: Client) -> None:
    html = admin_client.get(LIST).content.decode()
    assert 'data-testid="team-empty"' in html


def test_the_list_costs_one_query_for_all_teams(
    admin_client: Client, rome_calendar: Calendar, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(10):
        team = team_create(
            name=f"Team {number}", languages=["en"], time_zone="UTC", actor=Actor.system()
        )
        team_member_add(team=team, user=make_user(f"member{number}"), actor=Actor.system())
    # session, user, policy and own teams, the teams with calendars and member counts
    with django_assert_num_queries(4):
        html = admin_client.get(LIST).content.decode()
    assert len(_rows(html)) == 10


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_creating_a_team_once_even_when_the_form_is_sent_twice(
    role: Role, rome_calendar: Calendar
) -> None:
    client = _client(role)
    form = {**FORM, "skills": "Billing, returns،  Billing", "calendar": rome_calendar.pk}
    first = client.post(NEW, form)
    second = client.post(NEW, form)
    team = Team.objects.get(name="Helsinki")
    assert first["Location"] == f"/settings/teams/{team.uid}/"
    assert second.status_code == 400
    assert _errors(second.content.decode()) == ["A team with this name already exists."]
    assert (team.languages, team.time_zone, team.skills, team.calendar) == (
        ["fi", "en"],
        "Europe/Helsinki",
        ["billing", "returns"],
        rome_calendar,
    )
    assert _team_audit() == [
        ("team_create", "Helsinki", {"languages": ["fi", "en"], "time_zone": "Europe/Helsinki"}),
        ("team_update", "Helsinki", {"calendar": str(rome_calendar.uid)}),
    ]


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        pytest.param({"name": " "}, ["This field is required."], id="no-name"),
        pytest.param(
            {"languages": ["fi", "xx"]},
            ["Select a valid choice. xx is not one of the available choices."],
            id="unknown-language",
        ),
        pytest.param(
            {"time_zone": "Mars/Olympus"},
            ["Select a valid choice. Mars/Olympus is not one of the available choices."],
            id="unknown-time-zone",
        ),
        pytest.param(
            {"calendar": "999999"},
            ["Select a valid choice. That choice is not one of the available choices."],
            id="unknown-calendar",
        ),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(
    admin_client: Client, changes: dict[str, object], errors: list[str]
) -> None:
    response = admin_client.post(NEW, {**FORM, **changes})
    assert response.status_code == 400
    assert _errors(response.content.decode()) == errors
    assert (Team.objects.count(), _team_audit()) == (0, [])


def test_an_agent_posting_a_team_is_refused_and_nothing_is_written(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    assert client.post(NEW, FORM).status_code == 403
    assert (Team.objects.filter(name="Helsinki").exists(), _team_audit()) == (False, [])


def test_changing_a_team_audits_what_changed(
    admin_client: Client, team_rome: Team, rome_calendar: Calendar
) -> None:
    url = f"/settings/teams/{team_rome.uid}/"
    form = {
        "name": "Roma Centro",
        "languages": ["it"],
        "time_zone": "Europe/Rome",
        "skills": "returns",
        "calendar": rome_calendar.pk,
    }
    response = admin_client.post(url, form)
    assert response["Location"] == url
    team_rome.refresh_from_db()
    assert (team_rome.name, team_rome.languages, team_rome.skills, team_rome.calendar) == (
        "Roma Centro",
        ["it"],
        ["returns"],
        rome_calendar,
    )
    assert _team_audit() == [
        ("team_update", "Roma Centro", {"fields": ["languages", "name", "skills"]}),
        ("team_update", "Roma Centro", {"calendar": str(rome_calendar.uid)}),
    ]
    # The form shows what is stored
    page = admin_client.get(url).content.decode()
    assert 'value="returns"' in page
    assert f'<option value="{rome_calendar.pk}" selected>' in page


def test_members_are_added_and_removed_with_an_audit_row_each(
    alice: User, team_riyadh: Team
) -> None:
    client = _client(Role.MANAGER)
    url = f"/settings/teams/{team_riyadh.uid}/"
    added = client.post(f"{url}members/add/", {"member": str(alice.uid)})
    again = client.post(f"{url}members/add/", {"member": str(alice.uid)})
    assert (added["Location"], again["Location"]) == (url, url)
    assert list(team_riyadh.members.all()) == [alice]
    page = client.get(url).content.decode()
    assert page.count('data-testid="member-row"') == 1
    assert "Alice Rossi joined the team." in page
    assert "Alice Rossi is in the team already." in page
    removed = client.post(f"{url}members/remove/", {"member": str(alice.uid)})
    assert removed["Location"] == url
    assert list(team_riyadh.members.all()) == []
    assert _team_audit() == [
        ("team_member_add", "Riyadh", {"user": str(alice.uid)}),
        ("team_member_remove", "Riyadh", {"user": str(alice.uid)}),
    ]


def test_a_deactivated_person_cannot_be_added_but_can_be_removed(
    admin_client: Client, alice: User, team_rome: Team
) -> None:
    user_update(user=alice, is_active=False, actor=Actor.system())
    riyadh = team_create(name="Riyadh", languages=["ar"], time_zone="UTC", actor=Actor.system())
    refused = admin_client.post(
        f"/settings/teams/{riyadh.uid}/members/add/", {"member": str(alice.uid)}, follow=True
    )
    assert "Choose an active person to add." in refused.content.decode()
    admin_client.post(
        f"/settings/teams/{team_rome.uid}/members/remove/", {"member": str(alice.uid)}
    )
    assert list(alice.teams.all()) == []
    assert [row[0] for row in _team_audit()] == ["team_member_remove"]


@pytest.mark.parametrize("action", ["add", "remove"])
def test_an_agent_cannot_change_members(
    alice: User, bob: User, team_rome: Team, action: str
) -> None:
    client = Client()
    client.force_login(alice)
    response = client.post(
        f"/settings/teams/{team_rome.uid}/members/{action}/", {"member": str(bob.uid)}
    )
    assert response.status_code == 403
    assert (sorted(team_rome.members.values_list("username", flat=True)), _team_audit()) == (
        ["alice", "bob"],
        [],
    )


def test_the_team_pages_in_arabic_are_right_to_left_with_local_names(
    admin_client: Client, admin_user: User, alice: User
) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar")
    html = admin_client.get(LIST).content.decode()
    assert 'dir="rtl"' in html
    assert "الإيطالية" in html  # Italian, one of Roma's languages
