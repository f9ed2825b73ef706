"""The notification settings page: administrators choose when a team hears of a ticket
left without an assignee."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.settings_sections import settings_sections_for
from cortesia.culture.local_formats import format_moment, format_number
from cortesia.notifications.models import NotificationSettings
from cortesia.notifications.selectors import unassigned_minutes
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
PAGE = "/settings/notifications/"


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def audited() -> list[dict[str, Any]]:
    return list(
        AuditEvent.objects.filter(object_type="notification_settings").values_list(
            "data", flat=True
        )
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("agent", 403), ("manager", 403), ("admin", 200)],
)
def test_only_administrators_open_the_page(
    who: str, status: int, alice: User, admin_user: User, team_rome: Team
) -> None:
    users = {"agent": alice, "manager": make_user("mario", Role.MANAGER), "admin": admin_user}
    client = client_of(users[who]) if who in users else Client()

    response = client.get(PAGE)

    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/login/?next=")


def test_the_section_is_offered_to_administrators_only(alice: User, admin_user: User) -> None:
    assert "notifications" in {section.key for section in settings_sections_for(admin_user)}
    assert "notifications" not in {section.key for section in settings_sections_for(alice)}


def test_the_page_shows_the_default(
    admin_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    admin_client.get(PAGE)

    # session, user, the staff checks (2FA policy and teams), the setting
    with django_assert_num_queries(4):
        html = admin_client.get(PAGE).content.decode()

    assert 'name="unassigned_minutes" value="30"' in html


def test_saving_is_audited_once(admin_client: Client, admin_user: User) -> None:
    first = admin_client.post(PAGE, {"unassigned_minutes": "45"})
    second = admin_client.post(PAGE, {"unassigned_minutes": "45"})

    assert (first.status_code, first["Location"]) == (302, PAGE)
    assert second.status_code == 302
    assert list(NotificationSettings.objects.values_list("pk", "unassigned_minutes")) == [(1, 45)]
    assert unassigned_minutes() == 45
    assert audited() == [{"unassigned_minutes": [30, 45]}]
    assert AuditEvent.objects.get(object_type="notification_settings").actor_id == admin_user.pk


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("10081", "Ensure this value is less than or equal to 10080."),
        ("soon", "Enter a whole number."),
        ("", "This field is required."),
    ],
)
def test_bad_minutes_are_refused(admin_client: Client, value: str, message: str) -> None:
    response = admin_client.post(PAGE, {"unassigned_minutes": value})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NotificationSettings.objects.exists()
    assert audited() == []


def test_an_agent_cannot_save(alice: User) -> None:
    response = client_of(alice).post(PAGE, {"unassigned_minutes": "5"})

    assert response.status_code == 403
    assert not NotificationSettings.objects.exists()
    assert audited() == []


def test_the_page_in_arabic_is_right_to_left(admin_user: User) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="ar", time_zone="Asia/Riyadh")
    client = client_of(admin_user)
    client.post(PAGE, {"unassigned_minutes": "1500"})
    changed = NotificationSettings.objects.get().updated_at

    html = client.get(PAGE).content.decode()

    assert 'dir="rtl"' in html
    assert format_number(1500, "ar") in html
    assert format_moment(changed, "Asia/Riyadh", "ar") in html


def test_the_page_in_italian_groups_the_digits(admin_user: User) -> None:
    User.objects.filter(pk=admin_user.pk).update(language="it")
    client = client_of(admin_user)
    client.post(PAGE, {"unassigned_minutes": "1500"})

    html = client.get(PAGE).content.decode()

    assert "1.500" in html
