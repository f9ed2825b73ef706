"""The calendar services check the actor's role themselves."""

from __future__ import annotations

import pytest

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create, calendar_update
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_agent_may_neither_create_nor_change_a_calendar(alice: User) -> None:
    # Given a calendar and the audit log as they are
    rome = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor.system())
    audit_rows = AuditEvent.objects.count()
    # When alice, an agent, calls the services directly
    with pytest.raises(Forbidden) as created:
        calendar_create(name="Mine", time_zone="UTC", actor=Actor(user=alice))
    with pytest.raises(Forbidden) as changed:
        calendar_update(calendar=rome, name="Mine", actor=Actor(user=alice))
    # Then both are refused and nothing is written
    message = "Only administrators and managers change business calendars."
    assert (created.value.message, changed.value.message) == (message, message)
    assert list(Calendar.objects.values_list("name", flat=True)) == ["Rome"]
    assert AuditEvent.objects.count() == audit_rows


def test_a_manager_changes_a_calendar(db: None) -> None:
    manager = make_user("mario", Role.MANAGER)
    rome = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor(user=manager))
    calendar_update(calendar=rome, name="Roma", actor=Actor(user=manager))
    assert Calendar.objects.get().name == "Roma"
    assert AuditEvent.objects.filter(actor=manager).count() == 2
