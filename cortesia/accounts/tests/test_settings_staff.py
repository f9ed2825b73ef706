"""The staff list of the settings area: who may open it, what it shows, in which language."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add, user_update
from cortesia.core.actor import Actor
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/settings/staff/"
ROW = re.compile(r'<tr data-testid="staff-row">(.*?)</tr>', re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


def _rows(html: str) -> list[list[str]]:
    """Each row's cells as text."""
    return [
        [" ".join(TAGS.sub(" ", cell).split()) for cell in re.findall(r"<td>(.*?)</td>", row)]
        for row in ROW.findall(html)
    ]


def test_the_url_is_the_sections_first_page() -> None:
    assert reverse("staff-settings:staff-list") == URL


@pytest.mark.parametrize(
    ("role", "status"),
    [
        pytest.param(None, 302, id="anonymous"),
        pytest.param(Role.AGENT, 403, id="agent"),
        pytest.param(Role.MARKETER, 403, id="marketer"),
        pytest.param(Role.MANAGER, 403, id="manager"),
        pytest.param(Role.ADMIN, 200, id="admin"),
    ],
)
def test_only_administrators_open_the_staff_list(role: Role | None, status: int) -> None:
    client = Client()
    if role is not None:
        client.force_login(make_user("someone", role))
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/login/?next={URL}"


def test_the_list_shows_each_person_with_role_status_second_factor_sign_in_and_teams(
    admin_client: Client, admin_user: User, alice: User, team_riyadh: Team
) -> None:
    # Given alice in two teams, signed in once, and a deactivated colleague
    team_member_add(team=team_riyadh, user=alice, actor=Actor.system())
    User.objects.filter(pk=alice.pk).update(
        last_login=datetime(2026, 3, 4, 15, 30, tzinfo=UTC), time_zone="UTC"
    )
    gone = make_user("gone", Role.MANAGER, first_name="Gino", last_name="Gone")
    user_update(user=gone, is_active=False, actor=Actor.system())
    # When an administrator opens the list (signed in without a recorded sign-in)
    User.objects.filter(pk=admin_user.pk).update(last_login=None, time_zone="UTC")
    response = admin_client.get(URL)
    # Then everyone is listed by name with their details
    assert response.status_code == 200
    assert _rows(response.content.decode()) == [
        ["Ada Admin", "root@example.com", "Administrator", "Active", "Off", "Never", "—"],
        [
            "Alice Rossi",
            "alice@example.com",
            "Agent",
            "Active",
            "Off",
            "Mar 4, 2026, 3:30 PM",
            "Riyadh Roma",
        ],
        ["Gino Gone", "gone@example.com", "Manager", "Deactivated", "Off", "Never", "—"],
    ]


@pytest.mark.parametrize(
    ("status", "names"),
    [
        pytest.param("all", ["Ada Admin", "Gino Gone"], id="all"),
        pytest.param("active", ["Ada Admin"], id="active"),
        pytest.param("inactive", ["Gino Gone"], id="inactive"),
        pytest.param("bogus", ["Ada Admin", "Gino Gone"], id="unknown-means-all"),
    ],
)
def test_the_filter_shows_active_or_deactivated_staff(
    admin_client: Client, status: str, names: list[str]
) -> None:
    gone = make_user("gone", first_name="Gino", last_name="Gone")
    user_update(user=gone, is_active=False, actor=Actor.system())
    response = admin_client.get(URL, {"status": status})
    assert [row[0] for row in _rows(response.content.decode())] == names


def test_an_empty_filter_says_so(admin_client: Client) -> None:
    html = admin_client.get(URL, {"status": "inactive"}).content.decode()
    assert 'data-testid="staff-empty"' in html
    assert 'data-testid="staff-table"' not in html


def test_the_list_costs_the_same_queries_however_many_people_and_teams(
    admin_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # Given twenty people, each in two teams
    teams = [
        team_create(name=name, languages=["en"], time_zone="UTC", actor=Actor.system())
        for name in ("North", "South")
    ]
    for number in range(20):
        person = make_user(f"person{number}")
        for team in teams:
            team_member_add(team=team, user=person, actor=Actor.system())
    # Then the page is: session, user, policy and own teams, people, their teams, and the
    # open invitations (none, so no query for their teams)
    with django_assert_num_queries(6):
        response = admin_client.get(URL)
    assert len(_rows(response.content.decode())) == 21


def test_the_list_in_arabic_is_right_to_left_with_local_dates(
    admin_client: Client, admin_user: User, alice: User
) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    User.objects.filter(pk=alice.pk).update(last_login=datetime(2026, 3, 4, 15, 30, tzinfo=UTC))
    html = admin_client.get(URL).content.decode()
    assert 'dir="rtl"' in html
    assert '<time datetime="2026-03-04T15:30:00Z">' in html
    assert "04\u200f/03\u200f/2026، 6:30 م</time>" in html  # Riyadh's time, Arabic style
