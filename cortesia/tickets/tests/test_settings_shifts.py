"""The shifts settings pages: the week of an agent with their team's hours beside it,
copying a week, leave, who is on shift now, languages, skills and team assignment."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create, team_member_add
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.assignment import pick_assignee
from cortesia.tickets.models import AgentLeave, AgentProfile, AgentShift, TeamRouting, Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.shift_end import return_off_shift_tickets
from cortesia.tickets.shift_week import teams_now
from cortesia.tickets.staffing import LeaveData, leave_create, shifts_copy

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

SYSTEM = Actor.system()
MONDAY_10_ROME = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mona", Role.MANAGER, first_name="Mona", last_name="Manager")


@pytest.fixture
def manager_client(manager: User) -> Client:
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def staffed(team_rome: Team, alice: User, bob: User) -> Team:
    """Alice and Bob work Monday 09:00–17:00 in Rome; Roma uses round robin."""
    for user in (alice, bob):
        User.objects.filter(pk=user.pk).update(time_zone="Europe/Rome")
        user.time_zone = "Europe/Rome"
        AgentShift.objects.create(user=user, weekday=0, starts=time(9), ends=time(17))
    TeamRouting.objects.create(team=team_rome, assignment=TeamRouting.Assignment.ROUND_ROBIN)
    return team_rome


def _audits(object_type: str = "user") -> list[tuple[str, str, dict[str, object]]]:
    rows = AuditEvent.objects.filter(object_type=object_type, actor__isnull=False).order_by("id")
    return [(row.actor_label, row.object_label, row.data) for row in rows]


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("alice", 403), ("manager", 200), ("admin", 200)]
)
def test_only_leads_open_the_shift_pages(
    who: str, expected: int, alice: User, bob: User, manager: User, admin_user: User
) -> None:
    client = Client()
    users = {"alice": alice, "manager": manager, "admin": admin_user}
    if who in users:
        client.force_login(users[who])
    team = alice.teams.get()
    paths = [
        "/settings/shifts/",
        f"/settings/shifts/agents/{bob.uid}/",
        f"/settings/shifts/agents/{bob.uid}/edit/",
        f"/settings/shifts/agents/{bob.uid}/profile/",
        f"/settings/shifts/teams/{team.uid}/assignment/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == expected, path
        if expected == 302:
            assert response["Location"].startswith("/login/")


def test_an_agent_sees_their_own_week_read_only(alice_client: Client, alice: User) -> None:
    response = alice_client.get(f"/settings/shifts/agents/{alice.uid}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="week-grid"' in page
    assert "shift-edit-link" not in page
    assert 'data-testid="leave-form"' not in page


def test_shift_list_reads_a_fixed_number_of_queries(
    manager_client: Client,
    staffed: Team,
    team_riyadh: Team,
    charlie: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    manager_client.get("/settings/shifts/")
    # session, user, two-factor with teams, teams with their assignment, members, shifts,
    # then leave (someone is on shift); the bell's count is fetched by the page later
    with time_machine.travel(MONDAY_10_ROME, tick=False), django_assert_num_queries(7):
        response = manager_client.get("/settings/shifts/")
    page = response.content.decode()
    assert page.count('data-testid="on-shift-agent"') == 2
    assert page.count('data-testid="agent-week-link"') == 3


# Rome 09:00–17:00 on Mondays beside New York: the United States move their clocks on
# 14 March 2027, Italy on 28 March, so for two weeks New York is only five hours behind.
@pytest.mark.parametrize(
    ("_case", "week", "expected"),
    [
        (
            "both on winter time",
            "2027-03-08",
            "9:00\u202fAM–5:00\u202fPM (<bdi>New York</bdi> 3:00\u202fAM–11:00\u202fAM)",
        ),
        (
            "New York on summer time",
            "2027-03-15",
            "9:00\u202fAM–5:00\u202fPM (<bdi>New York</bdi> 4:00\u202fAM–12:00\u202fPM)",
        ),
        (
            "both on summer time",
            "2027-03-29",
            "9:00\u202fAM–5:00\u202fPM (<bdi>New York</bdi> 3:00\u202fAM–11:00\u202fAM)",
        ),
    ],
)
def test_week_shows_the_teams_hours_as_they_fall_that_week(
    manager_client: Client, _case: str, week: str, expected: str
) -> None:
    team = team_create(
        name="New York", languages=["en"], time_zone="America/New_York", actor=SYSTEM
    )
    agent = make_user("marco", time_zone="Europe/Rome")
    team_member_add(team=team, user=agent, actor=SYSTEM)
    AgentShift.objects.create(user=agent, weekday=0, starts=time(9), ends=time(17))
    response = manager_client.get(f"/settings/shifts/agents/{agent.uid}/", {"week": week})
    intervals = [
        line.split(">", 1)[1].split("</p>")[0]
        for line in response.content.decode().splitlines()
        if 'data-testid="week-interval"' in line
    ]
    assert intervals == [expected]


def test_editing_shifts_audits_and_puts_errors_on_the_weekday(
    manager_client: Client, alice: User
) -> None:
    path = f"/settings/shifts/agents/{alice.uid}/edit/"
    bad = manager_client.post(path, {"day_0": "17:00-09:00", "day_2": "nine to five"})
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "day_2": ["Write each interval as 09:00-17:00, separated by commas: nine to five"]
    }
    refused = manager_client.post(path, {"day_0": "17:00-09:00"})
    assert refused.status_code == 400
    assert refused.context["form"].errors == {
        "day_0": ["A shift needs a weekday from 0 (Monday) to 6 and starts before it ends."]
    }
    assert _audits() == []
    partly = manager_client.post(path, {"day_0": "09:00-13:00", "day_4": "8.30-12"})
    assert partly.status_code == 400  # refused as a whole: nothing saved
    assert AgentShift.objects.filter(user=alice).count() == 0
    for _attempt in range(2):  # a double submit changes nothing the second time
        ok = manager_client.post(path, {"day_0": "09:00-13:00, 14:00-18:00", "day_4": "8.30-12:00"})
        assert ok.status_code == 302
    assert list(
        AgentShift.objects.filter(user=alice)
        .order_by("weekday", "starts")
        .values_list("weekday", "starts", "ends")
    ) == [(0, time(9), time(13)), (0, time(14), time(18)), (4, time(8, 30), time(12))]
    assert _audits() == [
        ("mona", "alice", {"shifts": [[], ["0 09:00-13:00", "0 14:00-18:00", "4 08:30-12:00"]]})
    ]


def test_saving_shifts_writes_one_audit_row(manager_client: Client, alice: User) -> None:
    path = f"/settings/shifts/agents/{alice.uid}/edit/"
    for _attempt in range(2):
        assert manager_client.post(path, {"day_0": "09:00-17:00"}).status_code == 302
    assert _audits() == [("mona", "alice", {"shifts": [[], ["0 09:00-17:00"]]})]


def test_copy_week_to_the_team_in_one_audited_transaction(
    manager: User, staffed: Team, alice: User, bob: User, charlie: User
) -> None:
    AgentShift.objects.create(user=alice, weekday=2, starts=time(10), ends=time(14))
    carla = make_user("carla")
    team_member_add(team=staffed, user=carla, actor=SYSTEM)
    actor = Actor(manager)
    # charlie is in another team: nothing is copied to anyone
    with pytest.raises(FieldErrors):
        shifts_copy(source=alice, team=staffed, targets=[carla, charlie], actor=actor)
    assert AgentShift.objects.filter(user=carla).count() == 0
    assert shifts_copy(source=alice, team=staffed, targets=[bob, carla], actor=actor) == 2
    week = ["0 09:00-17:00", "2 10:00-14:00"]
    assert [
        sorted(
            f"{s.weekday} {s.starts:%H:%M}-{s.ends:%H:%M}"
            for s in AgentShift.objects.filter(user=u)
        )
        for u in (bob, carla)
    ] == [week, week]
    origin = str(alice.uid)
    assert _audits() == [
        ("mona", "bob", {"shifts": [["0 09:00-17:00"], week], "copied_from": origin}),
        ("mona", "carla", {"shifts": [[], week], "copied_from": origin}),
    ]
    with pytest.raises(Forbidden):
        shifts_copy(source=alice, team=staffed, targets=[bob], actor=Actor(bob))


def test_copy_week_page(manager_client: Client, staffed: Team, alice: User, bob: User) -> None:
    AgentShift.objects.filter(user=bob).delete()
    response = manager_client.post(
        f"/settings/shifts/agents/{alice.uid}/copy/",
        {"team": str(staffed.uid), "targets": [str(bob.uid)]},
        follow=True,
    )
    assert "The week is copied to 1 agents." in response.content.decode()
    assert AgentShift.objects.filter(user=bob).count() == 1


def test_leave_is_recorded_once_audited_and_checked(manager_client: Client, alice: User) -> None:
    path = f"/settings/shifts/agents/{alice.uid}/leave/"
    bad = manager_client.post(path, {"first_day": "2026-11-24", "last_day": "2026-11-23"})
    assert bad.status_code == 400
    assert bad.context["leave_form"].errors == {
        "last_day": ["The last day cannot come before the first day."]
    }
    assert _audits() == []
    form = {"first_day": "2026-11-23", "last_day": "2026-11-24", "reason": "Dentist"}
    for _attempt in range(2):
        assert manager_client.post(path, form).status_code == 302
    leave = AgentLeave.objects.get()
    assert (leave.first_day, leave.last_day, leave.reason) == (
        date(2026, 11, 23),
        date(2026, 11, 24),
        "Dentist",
    )
    overlap = manager_client.post(path, {"first_day": "2026-11-24", "last_day": "2026-11-26"})
    assert overlap.context["leave_form"].errors == {
        "first_day": ["This agent already has leave on some of these days."]
    }
    delete = f"/settings/shifts/leave/{leave.uid}/delete/"
    assert manager_client.post(delete).status_code == 302
    assert (
        "This leave was already removed."
        in manager_client.post(delete, follow=True).content.decode()
    )
    assert _audits() == [
        ("mona", "alice", {"leave": ["2026-11-23", "2026-11-24"], "created": True}),
        ("mona", "alice", {"leave": ["2026-11-23", "2026-11-24"], "deleted": True}),
    ]


def _away(user: User, day: date) -> None:
    leave_create(user=user, data=LeaveData(day, day, "Sick"), actor=SYSTEM)


def test_an_agent_on_leave_is_given_no_ticket_and_is_not_on_shift(
    manager: User, staffed: Team, alice: User, bob: User
) -> None:
    # given: Alice is away on Monday 23 November (her date in Rome)
    _away(alice, date(2026, 11, 23))
    # then: round robin only ever picks Bob that day, and the list shows only Bob
    picks = [pick_assignee(staffed, "it", MONDAY_10_ROME) for _ in range(2)]
    assert picks == [bob, bob]
    roma = next(
        entry for entry in teams_now(viewer=manager, now=MONDAY_10_ROME) if entry.team == staffed
    )
    assert roma.on_shift == [bob]
    # the next Monday she works again
    next_monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    roma = next(
        entry for entry in teams_now(viewer=manager, now=next_monday) if entry.team == staffed
    )
    assert roma.on_shift == [alice, bob]


def test_leave_follows_the_agents_own_date(staffed: Team, alice: User) -> None:
    # 23:30 UTC on Sunday is already Monday 00:30 in Rome: leave on Monday counts.
    AgentShift.objects.create(user=alice, weekday=0, starts=time(0), ends=time(8))
    _away(alice, date(2026, 11, 23))
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert pick_assignee(staffed, "it", sunday_night) is None


def test_tickets_of_an_agent_on_leave_go_back_to_the_queue(staffed: Team, alice: User) -> None:
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=SYSTEM)
    with time_machine.travel(MONDAY_10_ROME, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Aiuto",
                customer=customer,
                team=staffed,
                assignee=alice,
                message=MessageData(body_text="Ho bisogno di aiuto", author_kind="customer"),
            ),
            actor=SYSTEM,
        )
    assert return_off_shift_tickets(now=MONDAY_10_ROME) == 0
    _away(alice, date(2026, 11, 23))
    assert return_off_shift_tickets(now=MONDAY_10_ROME) == 1
    assert Ticket.objects.get(pk=ticket.pk).assignee is None


def test_team_assignment_page_saves_and_audits(manager_client: Client, team_rome: Team) -> None:
    path = f"/settings/shifts/teams/{team_rome.uid}/assignment/"
    bad = manager_client.post(path, {"assignment": "lottery"})
    assert bad.status_code == 400
    assert list(bad.context["form"].errors) == ["assignment"]
    for _attempt in range(2):
        assert manager_client.post(path, {"assignment": "least_open"}).status_code == 302
    routing = TeamRouting.objects.get(team=team_rome)
    assert (routing.assignment, routing.return_on_shift_end) == ("least_open", False)
    assert _audits("team") == [
        ("mona", "Roma", {"assignment": [None, "least_open"], "return_on_shift_end": [None, False]})
    ]


def test_agent_languages_and_skills_page(manager_client: Client, alice: User) -> None:
    path = f"/settings/shifts/agents/{alice.uid}/profile/"
    bad = manager_client.post(path, {"languages": "fi, zz-zz-zz", "skills": "billing"})
    assert bad.status_code == 400
    assert bad.context["form"].errors == {"languages": ["zz-zz-zz is not a known language code."]}
    assert AgentProfile.objects.filter(user=alice).exists() is False
    ok = manager_client.post(path, {"languages": "FI, en", "skills": "Billing, returns"})
    assert ok.status_code == 302
    profile = AgentProfile.objects.get(user=alice)
    assert (profile.languages, profile.skills) == (["fi", "en"], ["billing", "returns"])
    assert _audits() == [
        ("mona", "alice", {"languages": [[], ["fi", "en"]]}),
        ("mona", "alice", {"skills": [[], ["billing", "returns"]]}),
    ]


def test_arabic_week_is_right_to_left_with_local_dates(
    manager: User, manager_client: Client, alice: User
) -> None:
    User.objects.filter(pk=manager.pk).update(language="ar")
    response = manager_client.get(f"/settings/shifts/agents/{alice.uid}/", {"week": "2026-11-23"})
    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "23\u200f/11\u200f/2026" in page


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "next week"])
def test_a_week_out_of_reach_shows_this_week(
    manager_client: Client, alice: User, week: str
) -> None:
    with time_machine.travel(MONDAY_10_ROME, tick=False):
        response = manager_client.get(f"/settings/shifts/agents/{alice.uid}/", {"week": week})
    assert response.status_code == 200
    assert response.context["week"].monday == date(2026, 11, 23)
