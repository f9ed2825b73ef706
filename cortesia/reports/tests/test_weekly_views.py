"""The weekly report page: managers and administrators opt in and out; it shows their
language, time zone and the next mail, localized."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.reports.models import WeeklyReportSubscription
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db
PAGE = "/reports/weekly/"
WEDNESDAY = datetime(2026, 12, 9, 12, 0, tzinfo=UTC)


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def audit_rows() -> list[tuple[str, dict[str, object]]]:
    return list(
        AuditEvent.objects.filter(object_type="weekly_report_subscription")
        .order_by("id")
        .values_list("actor_label", "data")
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("agent", 403), ("marketer", 403), ("manager", 200), ("admin", 200)],
)
def test_who_may_open_the_page(who: str, status: int, alice: User, admin_user: User) -> None:
    users = {
        "agent": alice,
        "marketer": make_user("mia", Role.MARKETER),
        "manager": make_user("mara", Role.MANAGER),
        "admin": admin_user,
    }
    client = client_of(users[who]) if who in users else Client()

    response = client.get(PAGE)

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"] == f"/login/?next={PAGE}"


def test_opting_in_twice_leaves_one_row_and_one_audit_row(db: None) -> None:
    mara = make_user("mara", Role.MANAGER, time_zone="Asia/Riyadh")
    with time_machine.travel(WEDNESDAY, tick=False):
        client = client_of(mara)
        first = client.post(PAGE, {"subscribed": "1"})
        second = client.post(PAGE, {"subscribed": "1"})

    assert (first.status_code, first["Location"]) == (302, PAGE)
    assert (second.status_code, second["Location"]) == (302, PAGE)
    assert list(WeeklyReportSubscription.objects.values_list("user_id", "last_week")) == [
        (mara.pk, "2026-W49")
    ]
    assert audit_rows() == [("mara", {"subscribed": True})]


def test_opting_out_removes_the_row_and_is_audited(db: None) -> None:
    mara = make_user("mara", Role.MANAGER)
    client = client_of(mara)
    client.post(PAGE, {"subscribed": "1"})

    response = client.post(PAGE, {"subscribed": "0"})

    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert not WeeklyReportSubscription.objects.exists()
    assert audit_rows() == [("mara", {"subscribed": True}), ("mara", {"subscribed": False})]


def test_an_agent_cannot_opt_in(alice: User) -> None:
    response = client_of(alice).post(PAGE, {"subscribed": "1"})

    assert response.status_code == 403
    assert not WeeklyReportSubscription.objects.exists()
    assert audit_rows() == []


def test_a_bad_choice_is_refused_on_the_form(db: None) -> None:
    client = client_of(make_user("mara", Role.MANAGER))

    response = client.post(PAGE, {"subscribed": "yes"})

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not WeeklyReportSubscription.objects.exists()
    assert audit_rows() == []


def test_opting_in_needs_the_csrf_token(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("mara", Role.MANAGER))

    assert client.post(PAGE, {"subscribed": "1"}).status_code == 403
    assert not WeeklyReportSubscription.objects.exists()


def test_the_page_shows_zone_language_and_next_mail(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    mara = make_user("mara", Role.MANAGER, time_zone="America/New_York", language="en")
    with time_machine.travel(WEDNESDAY, tick=False):
        client = client_of(mara)
        client.post(PAGE, {"subscribed": "1"})
        # session, user, subscription; then the bell and the template's permission flags
        with django_assert_num_queries(4):
            html = client.get(PAGE).content.decode()

    assert "<bdi>America/New_York</bdi>" in html
    assert "English" in html
    assert '<time datetime="2026-12-14T13:00:00Z" data-testid="weekly-next">' in html
    assert "Dec 14, 2026, 8:00\u202fAM" in html


def test_the_arabic_page_is_right_to_left_with_an_arabic_date(db: None) -> None:
    amal = make_user("amal", Role.MANAGER, time_zone="Asia/Riyadh", language="ar")
    with time_machine.travel(WEDNESDAY, tick=False):
        client = client_of(amal)
        client.post(PAGE, {"subscribed": "1"})
        html = client.get(PAGE).content.decode()

    assert 'dir="rtl"' in html
    assert "14\u200f/12\u200f/2026" in html
