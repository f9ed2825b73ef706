"""Two workers running the hourly scan at the same moment on PostgreSQL: each ticket is
acted on once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection

from cortesia.automations.models import AutomationRun
from cortesia.automations.scanning import automations_scan
from cortesia.automations.services import RuleData, automation_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.tickets.models import TicketEvent
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting.
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")


def test_two_scans_at_once_act_on_each_ticket_once(aino: Customer) -> None:
    # Given five tickets pending since Monday 7 December 2026, with no calendar
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=UTC), tick=False):
        for _ in range(5):
            ticket = open_ticket(aino)
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status="pending"),
                expected_version=None,
                actor=Actor.system(),
            )
    automation_save(
        automation=None,
        data=RuleData(
            name="Reminder",
            status="pending",
            hours=24,
            actions=[{"kind": "add_tags", "value": "reminded"}],
        ),
        actor=Actor.system(),
    )
    now = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)

    results = _concurrently(lambda: automations_scan(now=now), lambda: automations_scan(now=now))

    assert sum(results) == 5
    assert AutomationRun.objects.count() == 5
    assert TicketEvent.objects.filter(data__rule__name="Reminder").count() == 5
