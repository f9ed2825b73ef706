"""The business-calendar pages of the settings area: who opens them, the editor's rows and
messages, the audit trail, and the twelve-month preview drawn from the clocks' engine."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.permissions import can_manage_calendars
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.core.settings_sections import settings_sections_for
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/settings/calendars/"
NEW = "/settings/calendars/new/"
TAGS = re.compile(r"<[^>]+>")
DAY = re.compile(r'data-testid="preview-day" data-date="([0-9-]+)">(.*?)</li>', re.DOTALL)
ROW_ERRORS = re.compile(r'<tr data-testid="(weekly|overrides)-row">(.*?)</tr>', re.DOTALL)


def _text(html: str) -> str:
    return " ".join(TAGS.sub(" ", html).split())


def _rows(prefix: str, rows: list[tuple[str, str, str]], extra: int = 0) -> dict[str, str]:
    """The POSTed fields of a formset with ``rows`` filled and ``extra`` blank rows."""
    names = ("weekday", "start", "end") if prefix == "weekly" else ("date", "start", "end")
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "400",
    }
    for index, row in enumerate([*rows, *[("", "", "")] * extra]):
        data.update(
            {f"{prefix}-{index}-{name}": value for name, value in zip(names, row, strict=True)}
        )
    return data


WEEKDAYS_8_16 = [(day, "08:00", "16:00") for day in ("mon", "tue", "wed", "thu", "fri")]


def _form(
    name: str = "Helsinki support",
    *,
    weekly: list[tuple[str, str, str]] | None = None,
    overrides: list[tuple[str, str, str]] | None = None,
    country: str = "FI",
) -> dict[str, str]:
    return {
        "name": name,
        "time_zone": "Europe/Helsinki",
        "country": country,
        "subdivision": "",
        **_rows("weekly", WEEKDAYS_8_16 if weekly is None else weekly, extra=1),
        **_rows("overrides", overrides or [], extra=1),
    }


@pytest.fixture
def manager_client(db: None) -> Client:
    client = Client()
    client.force_login(make_user("mara", Role.MANAGER))
    return client


@pytest.fixture
def helsinki(db: None) -> Calendar:
    return calendar_create(
        name="Helsinki support",
        time_zone="Europe/Helsinki",
        country="FI",
        weekly={day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        overrides=[{"date": "2027-02-12", "intervals": [["08:00", "12:00"]]}],
        actor=Actor.system(),
    )


def test_the_urls_are_the_sections_pages(helsinki: Calendar) -> None:
    assert reverse("calendar-settings:calendar-list") == LIST
    assert reverse("calendar-settings:calendar-create") == NEW
    edit = reverse("calendar-settings:calendar-edit", kwargs={"uid": helsinki.uid})
    assert edit == f"/settings/calendars/{helsinki.uid}/"


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
def test_administrators_and_managers_open_every_calendar_page(
    helsinki: Calendar, role: Role | None, status: int
) -> None:
    client = Client()
    if role is not None:
        client.force_login(make_user("someone", role))
    for url in (LIST, NEW, f"{LIST}{helsinki.uid}/"):
        response = client.get(url)
        assert (url, response.status_code) == (url, status)
        if status == 302:
            assert response["Location"] == f"/login/?next={url}"


def test_an_agent_cannot_post_a_calendar(alice_client: Client) -> None:
    response = alice_client.post(NEW, _form())
    assert response.status_code == 403
    assert Calendar.objects.count() == 0


def test_an_unknown_calendar_is_404(admin_client: Client) -> None:
    response = admin_client.get(f"{LIST}00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404


def test_the_list_shows_zone_holidays_and_teams_in_a_fixed_number_of_queries(
    admin_client: Client,
    helsinki: Calendar,
    team_rome: Team,
    team_riyadh: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # Given two teams on the Helsinki calendar and a calendar without holidays
    Team.objects.filter(pk__in=[team_rome.pk, team_riyadh.pk]).update(calendar=helsinki)
    calendar_create(name="Around the clock", time_zone="UTC", actor=Actor.system())
    admin_client.get(LIST)  # the session and the menus are warm
    # When the list is opened: session, user, the two-factor rule with the user's teams,
    # the calendars and their teams (the bell's count is fetched by the page later)
    with django_assert_num_queries(5):
        response = admin_client.get(LIST)
    # Then each calendar is a row with its zone, holiday country and teams
    rows = re.findall(
        r'<tr data-testid="calendar-row">(.*?)</tr>', response.content.decode(), re.DOTALL
    )
    assert [_text(row) for row in rows] == [
        "Around the clock UTC None —",
        "Helsinki support Europe/Helsinki Finland Riyadh Roma",
    ]


def test_creating_a_calendar_stores_split_shifts_and_special_days_and_audits(
    admin_client: Client, admin_user: User
) -> None:
    # Given a week with a split shift on Monday, a closed date and a half day
    weekly = [("mon", "08:00", "12:00"), ("mon", "13:00", "17:00"), ("tue", "08:00", "16:00")]
    overrides = [("2027-01-07", "", ""), ("2027-02-12", "08:00", "12:00")]
    # When an administrator saves the form
    response = admin_client.post(NEW, _form(weekly=weekly, overrides=overrides))
    # Then the calendar is stored as the engine reads it, and the change audited
    calendar = Calendar.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{calendar.uid}/"
    assert (calendar.name, calendar.time_zone, calendar.country) == (
        "Helsinki support",
        "Europe/Helsinki",
        "FI",
    )
    assert calendar.weekly == {
        "mon": [["08:00", "12:00"], ["13:00", "17:00"]],
        "tue": [["08:00", "16:00"]],
    }
    assert calendar.overrides == [
        {"date": "2027-01-07", "intervals": []},
        {"date": "2027-02-12", "intervals": [["08:00", "12:00"]]},
    ]
    event = AuditEvent.objects.get(object_type="calendar")
    assert (event.action, event.actor, event.object_uid) == (
        AuditEvent.Action.CALENDAR_CREATE,
        admin_user,
        str(calendar.uid),
    )


def test_a_second_submit_of_the_same_form_creates_nothing_more(admin_client: Client) -> None:
    first = admin_client.post(NEW, _form())
    second = admin_client.post(NEW, _form())
    assert (first.status_code, second.status_code) == (302, 409)
    assert "A calendar with this name already exists." in second.content.decode()
    assert Calendar.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="calendar").count() == 1


def test_the_service_names_the_wrong_rows_and_nothing_is_stored(admin_client: Client) -> None:
    # Given a closing time out of range on the second row, two overlapping Friday rows and an
    # override whose hours end before they start
    weekly = [
        ("mon", "08:00", "16:00"),
        ("tue", "08:00", "25:00"),
        ("fri", "08:00", "12:00"),
        ("fri", "11:00", "16:00"),
    ]
    overrides = [("2027-02-12", "12:00", "08:00")]
    # When it is saved
    response = admin_client.post(NEW, _form(weekly=weekly, overrides=overrides))
    # Then each message stands in its row, and nothing is written
    assert response.status_code == 400
    html = response.content.decode()
    errors = [(kind, _text(row)) for kind, row in ROW_ERRORS.findall(html)]
    bad_time = "Give a start and an end as HH:MM, the start before the end (24:00 ends a day)."
    overlap = "These hours overlap other hours of the same day."
    assert [text.endswith(bad_time) for kind, text in errors] == [
        False,
        True,
        False,
        False,
        False,
        True,
        False,
    ]
    assert [text.endswith(overlap) for kind, text in errors] == [
        False,
        False,
        True,
        True,
        False,
        False,
        False,
    ]
    assert Calendar.objects.count() == 0
    assert AuditEvent.objects.filter(object_type="calendar").count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"weekly-0-weekday": ""},
            "Give the weekday, the opening and the closing time.",
            id="half-row",
        ),
        pytest.param({"country": "XX"}, "Select a valid choice.", id="country"),
        pytest.param(
            {"subdivision": "99"}, "The holiday data has no subdivision 99", id="subdivision"
        ),
        pytest.param({"name": "   "}, "This field is required.", id="name"),
    ],
)
def test_bad_fields_are_refused_with_their_message(
    admin_client: Client, changes: dict[str, str], message: str
) -> None:
    response = admin_client.post(NEW, {**_form(), **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Calendar.objects.count() == 0


def test_a_week_with_no_open_day_is_refused(admin_client: Client) -> None:
    response = admin_client.post(NEW, _form(weekly=[]))
    assert response.status_code == 400
    assert 'data-testid="week-error">Open the calendar on at least one weekday.' in (
        response.content.decode()
    )
    assert Calendar.objects.count() == 0


def test_editing_changes_only_what_changed_and_audits_it(
    manager_client: Client, helsinki: Calendar
) -> None:
    url = f"{LIST}{helsinki.uid}/"
    overrides = [("2027-02-12", "08:00", "12:00")]
    same = manager_client.post(url, _form(overrides=overrides))
    assert same.status_code == 302
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CALENDAR_UPDATE).count() == 0
    changed = manager_client.post(url, _form("Helsinki desk", overrides=overrides))
    assert changed.status_code == 302
    helsinki.refresh_from_db()
    assert helsinki.name == "Helsinki desk"
    event = AuditEvent.objects.get(action=AuditEvent.Action.CALENDAR_UPDATE)
    assert event.data == {"fields": ["name"]}


def test_the_editor_shows_the_stored_rows(admin_client: Client, helsinki: Calendar) -> None:
    html = admin_client.get(f"{LIST}{helsinki.uid}/").content.decode()
    assert 'name="weekly-TOTAL_FORMS" value="8"' in html  # five days and three blank rows
    assert 'name="weekly-4-weekday"' in html
    assert 'name="overrides-0-date" value="2027-02-12"' in html


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_preview_lists_a_years_holidays_and_special_days_from_today(
    admin_client: Client, helsinki: Calendar
) -> None:
    response = admin_client.get(f"{LIST}{helsinki.uid}/")
    html = response.content.decode()
    days = {day: _text(text) for day, text in DAY.findall(html)}
    # Finnish holidays on weekdays from today (Saturday 5 December 2026) for a year
    assert days["2026-12-24"] == "Dec 24, 2026 : Christmas Eve"
    assert days["2027-01-06"] == "Jan 6, 2027 : Epiphany"
    assert days["2027-06-25"] == "Jun 25, 2027 : Midsummer Eve"
    assert days["2027-02-12"] == "Feb 12, 2027 : short day, open 8:00 AM – 12:00 PM"
    # Exactly these: Independence Day 2026 falls on a Sunday and 2027's after the year ends;
    # Midsummer Day (26 June 2027) is a Saturday, closed every week anyway
    assert sorted(days) == [
        "2026-12-24",
        "2026-12-25",
        "2027-01-01",
        "2027-01-06",
        "2027-02-12",
        "2027-03-26",
        "2027-03-29",
        "2027-05-06",
        "2027-06-25",
    ]
    # December 2026 to December 2027: thirteen months, the first and the last in part
    assert html.count('data-testid="preview-month"') == 13
    assert (
        'class="day is-closed is-holiday" data-testid="preview-day" data-date="2027-01-06"' in html
    )
    assert 'class="day is-half-day" data-testid="preview-day" data-date="2027-02-12"' in html
    assert "Closed every week on Saturday and Sunday." in html


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False)
def test_the_preview_in_arabic_is_right_to_left_with_localized_dates(
    helsinki: Calendar,
) -> None:
    client = Client()
    client.force_login(make_user("samir", Role.ADMIN, language="ar", time_zone="Asia/Riyadh"))
    html = client.get(f"{LIST}{helsinki.uid}/").content.decode()
    assert 'dir="rtl"' in html
    days = dict(DAY.findall(html))
    # The date as Arabic writes it; the holiday data has no Arabic names for Finland
    assert _text(days["2027-01-06"]) == "06\u200f/01\u200f/2027 : Epiphany"
    assert '<span lang="en">Epiphany</span>' in html


def test_the_section_is_offered_to_whom_the_services_let_in(alice: User) -> None:
    manager = make_user("mara", Role.MANAGER)
    section = next(s for s in settings_sections_for(manager) if s.key == "calendars")
    assert (section.url_name, section.order, section.flag) == (
        "calendar-settings:calendar-list",
        30,
        can_manage_calendars,
    )
    assert "calendars" not in [s.key for s in settings_sections_for(alice)]


def test_the_region_field_suggests_the_countrys_codes(
    admin_client: Client, helsinki: Calendar
) -> None:
    edit = admin_client.get(f"{LIST}{helsinki.uid}/").content.decode()
    new = admin_client.get(NEW).content.decode()
    assert re.findall(r'<option value="(\d+)"></option>', edit) == [
        f"{n:02d}" for n in range(1, 20)
    ]
    assert '<datalist id="subdivision-codes"></datalist>' in new
