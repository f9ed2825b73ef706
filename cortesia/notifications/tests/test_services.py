"""Preferences belong to their person; notifications to their recipient."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from cortesia.accounts.models import Team, User
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.models import Customer
from cortesia.notifications.models import Notification, NotificationPreference
from cortesia.notifications.selectors import preferences_of
from cortesia.notifications.services import notification_read, preferences_set
from cortesia.notifications.tests.conftest import open_ticket

pytestmark = pytest.mark.django_db


def test_nobody_sets_someone_elses_preferences(alice: User, bob: User) -> None:
    with pytest.raises(Forbidden):
        preferences_set(user=bob, choices={("assigned", "email"): False}, actor=Actor(user=alice))
    with pytest.raises(Forbidden):
        preferences_set(user=bob, choices={("assigned", "email"): False}, actor=Actor.system())

    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.filter(object_type="notification_preferences").exists()


def test_nobody_reads_someone_elses_preferences(alice: User, bob: User) -> None:
    with pytest.raises(Forbidden):
        preferences_of(viewer=alice, user=bob)


def test_unknown_kinds_and_channels_are_refused(alice: User) -> None:
    with pytest.raises(FieldErrors) as refused:
        preferences_set(
            user=alice,
            choices={("assigned", "pigeon"): True, ("weather", "email"): True},
            actor=Actor(user=alice),
        )

    assert list(refused.value.errors) == ["choices"]
    assert "assigned/pigeon, weather/email" in str(refused.value.errors["choices"])
    assert not NotificationPreference.objects.exists()


def test_a_change_back_to_the_default_is_kept_and_audited(alice: User) -> None:
    actor = Actor(user=alice)
    preferences_set(user=alice, choices={("mentioned", "email"): False}, actor=actor)

    changed = preferences_set(user=alice, choices={("mentioned", "email"): True}, actor=actor)

    assert changed == ["mentioned/email"]
    assert list(NotificationPreference.objects.values_list("kind", "channel", "is_enabled")) == [
        ("mentioned", "email", True)
    ]
    assert AuditEvent.objects.filter(object_type="notification_preferences").count() == 2


def test_nobody_marks_someone_elses_notification(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    ticket = open_ticket(giulia, team_rome)
    notification = Notification.objects.create(recipient=alice, ticket=ticket, kind="assigned")

    with pytest.raises(Forbidden):
        notification_read(viewer=bob, notification=notification)

    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_workers_run_the_scan_and_the_mail_sweep() -> None:
    jobs = dict(settings.CORTESIA_PERIODIC_JOBS)

    assert jobs["cortesia.notifications.scanning.unassigned_scan"] == 60.0
    assert jobs["cortesia.notifications.mailing.notification_mail_sweep"] == 60.0
    for path in jobs:
        assert callable(import_string(path))
