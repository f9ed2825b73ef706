"""Answers kept for a repeated question: the same scope gets the kept answer (no query),
another scope or another question is computed afresh, and 0 seconds keeps nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.orders import OrderData, order_record
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, metric_run
from cortesia.reports.periods import ReportPeriod
from cortesia.reports.upkeep import facts_refresh
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.services import ticket_create

pytestmark = pytest.mark.django_db
TODAY = ReportPeriod(date(2000, 1, 1), date(2999, 12, 31), ZoneInfo("UTC"))


@pytest.fixture
def kept(settings: Any) -> None:
    settings.CORTESIA_REPORT_CACHE_SECONDS = 60
    cache.clear()


def _open(team: Team) -> None:
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=Actor.system())
    ticket = ticket_create(
        data=TicketData(
            subject="Ordine",
            customer=customer,
            team=team,
            message=MessageData(body_text="Dov'è il mio ordine?", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    facts_refresh([ticket.pk])


def _count(viewer: User, metric: str = "tickets_created") -> int:
    value = metric_run(MetricQuery(metric, TODAY), viewer).rows[0].values["count"]
    assert isinstance(value, int)
    return value


@pytest.mark.usefixtures("kept")
def test_a_repeated_question_is_answered_from_the_kept_answer(
    admin_user: User, team_rome: Team
) -> None:
    _open(team_rome)
    assert _count(admin_user) == 1
    _open(team_rome)

    with CaptureQueriesContext(connection) as queries:
        assert _count(admin_user) == 1  # kept: the second ticket shows within a minute
    assert len(queries.captured_queries) == 0
    assert _count(admin_user, "backlog") == 2  # another question is computed afresh


@pytest.mark.usefixtures("kept")
def test_another_scope_never_gets_a_kept_answer(
    admin_user: User, alice: User, charlie: User, team_rome: Team
) -> None:
    _open(team_rome)
    assert _count(admin_user) == 1
    assert _count(alice) == 1  # Rome's agent: the Rome ticket
    assert _count(charlie) == 0  # Riyadh's agent: not the administrator's answer


def test_zero_seconds_keeps_nothing(settings: Any, admin_user: User, team_rome: Team) -> None:
    settings.CORTESIA_REPORT_CACHE_SECONDS = 0
    cache.clear()
    _open(team_rome)
    assert _count(admin_user) == 1
    _open(team_rome)
    assert _count(admin_user) == 2


@pytest.mark.usefixtures("kept")
def test_csat_and_nps_count_the_same_responses_once(admin_user: User) -> None:
    # CSAT reads the responses and the invitations (two statements); NPS of the same
    # period and scope finds those counts kept and reads nothing
    with CaptureQueriesContext(connection) as csat:
        metric_run(MetricQuery("csat", TODAY), admin_user)
    with CaptureQueriesContext(connection) as nps:
        metric_run(MetricQuery("nps", TODAY), admin_user)
    counted = [q["sql"] for q in csat.captured_queries if "feedback_survey" in q["sql"]]
    assert len(counted) == 2
    assert [q["sql"] for q in nps.captured_queries if "feedback_survey" in q["sql"]] == []


ECONOMICS_WITH_HISTORY = (
    "new_customers",
    "lost_customers",
    "retention_rate",
    "churn_rate",
    "cltv",
    "cac",
    "cltv_cac_ratio",
)
ECONOMICS_RECENT = ("active_customers", "purchase_frequency", "repeat_purchase_rate")


@pytest.mark.usefixtures("kept")
def test_the_customer_metrics_of_a_page_count_customers_and_revenue_once(
    admin_user: User,
) -> None:
    # given two orders of one customer in November (a new customer with a repeat purchase)
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=Actor.system())
    for number, day in (("A-1", 3), ("A-2", 20)):
        order_record(
            customer=customer,
            data=OrderData(number, datetime(2026, 11, day, 10, tzinfo=UTC), "EUR", "40.00"),
            actor=Actor.system(),
        )
    november = ReportPeriod(date(2026, 11, 1), date(2026, 11, 30), ZoneInfo("Europe/Rome"))
    answers: dict[str, Any] = {}
    with CaptureQueriesContext(connection) as run:
        for metric in (*ECONOMICS_WITH_HISTORY, *ECONOMICS_RECENT, "average_order_value"):
            answers[metric] = metric_run(MetricQuery(metric, november), admin_user).rows[0].values
    # then the customers are counted once (from the order links) and the revenue is summed
    # once (from the orders)
    sqls = [q["sql"] for q in run.captured_queries]
    assert len([sql for sql in sqls if 'FROM "reports_orderlink"' in sql]) == 1
    assert len([sql for sql in sqls if 'FROM "customers_order"' in sql]) == 1
    assert (answers["new_customers"]["count"], answers["active_customers"]["count"]) == (1, 1)
    assert answers["repeat_purchase_rate"]["percent"] == Decimal("100.0")
    assert answers["purchase_frequency"]["mean"] == Decimal("2.00")
    assert answers["average_order_value"]["amount"] == Decimal("40.00")
    assert answers["cltv"]["average_order_value"] == Decimal("40.00")


def test_without_keeping_each_customer_metric_reads_the_orders_itself(
    settings: Any, admin_user: User
) -> None:
    settings.CORTESIA_REPORT_CACHE_SECONDS = 0
    november = ReportPeriod(date(2026, 11, 1), date(2026, 11, 30), ZoneInfo("Europe/Rome"))
    with CaptureQueriesContext(connection) as run:
        for metric in ("new_customers", "active_customers"):
            metric_run(MetricQuery(metric, november), admin_user)
    assert len([q for q in run.captured_queries if "reports_orderlink" in q["sql"]]) == 2
