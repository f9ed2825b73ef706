"""The feedback settings page: throttling, consent, skipped tags, link lifetimes and the
business's contact window, saved together or not at all."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.contact_window import contact_policy
from cortesia.feedback.settings_access import (
    FeedbackSettingsData,
    feedback_settings,
    feedback_settings_set,
)
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
URL = "/settings/surveys/options/"


@pytest.fixture
def manager(db: None) -> User:
    return make_user("mara", Role.MANAGER)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(**changes: str) -> dict[str, Any]:
    data = {
        "throttle_days": "21",
        "consent_required": "on",
        "excluded_tags": "spam, Test",
        "link_days": "30",
        "change_days": "7",
        "window_start": "08:30",
        "window_end": "18:00",
        "default_time_zone": "Europe/Rome",
        "default_country": "it",
    }
    data.update(changes)
    return data


def _audits() -> list[tuple[str, dict[str, Any]]]:
    rows = AuditEvent.objects.filter(
        object_type__in=["feedback_settings", "contact_policy"]
    ).order_by("id")
    return [(row.object_type, row.data) for row in rows]


def test_the_url_name() -> None:
    assert reverse("feedback-settings:feedback-settings") == URL


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous"),
        pytest.param("agent", 403, id="agent"),
        pytest.param("manager", 200, id="manager"),
        pytest.param("admin", 200, id="admin"),
    ],
)
def test_who_may_open_the_page(
    who: str, expected: int, alice: User, manager: User, admin_user: User
) -> None:
    users = {"agent": alice, "manager": manager, "admin": admin_user}
    client = _client(users[who]) if who in users else Client()

    assert client.get(URL).status_code == expected
    assert client.post(URL, _form()).status_code == (302 if expected == 200 else expected)


def test_an_agent_posting_changes_nothing(alice: User) -> None:
    assert _client(alice).post(URL, _form()).status_code == 403

    assert feedback_settings().throttle_days == 14
    assert contact_policy().window_start == time(9, 0)
    assert _audits() == []


def test_the_page_explains_what_overrides_the_window(manager: User) -> None:
    page = _client(manager).get(URL).content.decode()

    assert "A customer's own contact hours, set on their profile, override this window." in page
    assert "its weekend days and public holidays are skipped" in page
    assert 'value="09:00"' in page
    assert 'value="19:00"' in page


def test_save_both_halves_with_one_audit_row_each(manager: User) -> None:
    response = _client(manager).post(URL, _form())

    assert response.status_code == 302
    row = feedback_settings()
    assert (row.throttle_days, row.consent_required, row.excluded_tags) == (
        21,
        True,
        ["spam", "test"],
    )
    policy = contact_policy()
    assert (
        policy.window_start,
        policy.window_end,
        policy.default_time_zone,
        policy.default_country,
    ) == (time(8, 30), time(18, 0), "Europe/Rome", "IT")
    assert _audits() == [
        (
            "feedback_settings",
            {
                "change": "changed",
                "before": {
                    "throttle_days": 14,
                    "consent_required": False,
                    "excluded_tags": ["spam"],
                },
                "after": {
                    "throttle_days": 21,
                    "consent_required": True,
                    "excluded_tags": ["spam", "test"],
                },
            },
        ),
        (
            "contact_policy",
            {
                "change": "changed",
                "before": {
                    "window_start": "09:00:00",
                    "window_end": "19:00:00",
                    "default_time_zone": "",
                    "default_country": "",
                },
                "after": {
                    "window_start": "08:30:00",
                    "window_end": "18:00:00",
                    "default_time_zone": "Europe/Rome",
                    "default_country": "IT",
                },
            },
        ),
    ]

    # The same form again changes nothing and records nothing more.
    assert _client(manager).post(URL, _form()).status_code == 302
    assert len(_audits()) == 2


def test_a_bad_window_saves_neither_half(manager: User) -> None:
    response = _client(manager).post(
        URL, _form(window_start="19:00", window_end="09:00", default_time_zone="Mars/Olympus")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The window ends after it starts, on the same day (for example 09:00 to 19:00)." in page
    assert "Mars/Olympus is not a known time zone." in page
    assert feedback_settings().throttle_days == 14
    assert contact_policy().window_end == time(19, 0)
    assert _audits() == []


def test_link_and_change_days_are_checked(manager: User) -> None:
    response = _client(manager).post(URL, _form(link_days="0", change_days="40"))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Give 1 to 3650 days." in page
    assert "Give 0 days (no changes) up to the days an answer link is valid." in page
    assert _audits() == []


def test_the_service_refuses_an_agent(alice: User) -> None:
    data = FeedbackSettingsData(14, False, ("spam",), 30, 7)
    with pytest.raises(Forbidden):
        feedback_settings_set(data=data, actor=Actor(alice))


def test_the_service_names_a_long_tag(manager: User) -> None:
    data = FeedbackSettingsData(14, False, ("x" * 101,), 30, 7)
    with pytest.raises(FieldErrors) as refused:
        feedback_settings_set(data=data, actor=Actor(manager))
    assert refused.value.errors == {"excluded_tags": "A tag has at most 100 characters."}


def test_arabic_page_is_right_to_left(manager: User) -> None:
    User.objects.filter(pk=manager.pk).update(language="ar", time_zone="Asia/Riyadh")

    page = _client(manager).get(URL).content.decode()

    assert '<html lang="ar" dir="rtl">' in page
