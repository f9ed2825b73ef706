"""The settings index and side navigation list only what the signed-in user may open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import reverse

from cortesia.accounts.models import Role, User
from cortesia.core import settings_sections
from cortesia.core.settings_sections import SettingsSection, settings_section_register


def _is_admin(user: object) -> bool:
    return isinstance(user, User) and user.role == Role.ADMIN


@pytest.fixture
def only_probe_section() -> Iterator[None]:
    """Replace the registered sections with one admins may open, for the test's length."""
    saved = dict(settings_sections._sections)
    settings_sections._sections.clear()
    settings_section_register(
        SettingsSection(
            key="probe",
            label="Probe section",
            description="Only administrators see this.",
            url_name="settings-index",
            flag=_is_admin,
        )
    )
    yield
    settings_sections._sections.clear()
    settings_sections._sections.update(saved)


@pytest.mark.usefixtures("only_probe_section", "english")
def test_admin_sees_the_sections_they_may_open(admin_client: Client) -> None:
    response = admin_client.get(reverse("settings-index"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Probe section") == 2  # side navigation and the index's card
    assert 'data-testid="nav-settings"' in html


@pytest.mark.usefixtures("only_probe_section", "english")
def test_agent_without_a_section_is_refused_and_not_offered_the_link(
    alice_client: Client,
) -> None:
    response = alice_client.get(reverse("settings-index"))

    assert response.status_code == 403
    assert "Probe section" not in response.content.decode()
    home = alice_client.get(reverse("accounts:home")).content.decode()
    assert 'data-testid="nav-settings"' not in home


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(reverse("settings-index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_sections_are_sorted_by_order_then_key(only_probe_section: None) -> None:
    for key, order in (("b", 5), ("a", 5), ("c", 1)):
        settings_section_register(
            SettingsSection(key, key, "", "settings-index", flag=_is_admin, order=order)
        )
    admin = User(role=Role.ADMIN, is_active=True)

    keys = [section.key for section in settings_sections.settings_sections_for(admin)]

    assert keys == ["c", "a", "b", "probe"]
    assert settings_sections.settings_sections_for(None) == []
    assert settings_sections.can_open_settings(User(role=Role.AGENT)) is False
