"""Two workers running the weekly report job at the same moment on PostgreSQL: each
subscriber gets the week's mail once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection

from cortesia.accounts.models import Role, Team
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.reports.models import WeeklyReportSubscription
from cortesia.reports.weekly import weekly_report_subscribe, weekly_reports_send
from cortesia.testing.concurrency import concurrently
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting.
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")


def test_two_runs_at_once_send_each_subscriber_one_mail(team_rome: Team) -> None:
    # Given three managers in Riyadh who opted in during week 49
    users = [make_user(name, Role.MANAGER, time_zone="Asia/Riyadh") for name in ("a", "b", "c")]
    with time_machine.travel(datetime(2026, 12, 1, 12, 0, tzinfo=UTC), tick=False):
        for user in users:
            team_member_add(team=team_rome, user=user, actor=Actor.system())
            weekly_report_subscribe(user=user, subscribed=True, actor=Actor(user=user))
    due = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)

    # When two workers run the job at Monday 08:00 Riyadh time
    with time_machine.travel(due, tick=False):
        results = concurrently(
            lambda: weekly_reports_send(now=due), lambda: weekly_reports_send(now=due)
        )

    # Then three mails went in all, one to each
    assert sum(result or 0 for result in results) == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@example.com",
        "b@example.com",
        "c@example.com",
    ]
    assert set(WeeklyReportSubscription.objects.values_list("last_week", flat=True)) == {"2026-W49"}
