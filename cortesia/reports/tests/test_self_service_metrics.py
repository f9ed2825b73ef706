"""Self-service metrics: the answer bot's resolution rate from real bot chats, scoped like
tickets; the deflection rate from opened suggestions, a session counted once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cortesia.accounts.models import Role, User
from cortesia.chat.models import WidgetSite
from cortesia.core.errors import Forbidden
from cortesia.knowledge.models import ArticleTranslation, SuggestionOpen
from cortesia.knowledge.tests.test_bot import articles, bot_site, say, visitor  # noqa: F401
from cortesia.reports.engine import MetricQuery, Value, metric_run
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db]

ROME = ZoneInfo("Europe/Rome")
DECEMBER = ReportPeriod(date(2026, 12, 1), date(2026, 12, 31), ROME)
TUESDAY = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def run(metric: str, viewer: User, group_by: str = "") -> list[tuple[str | None, dict[str, Value]]]:
    result = metric_run(MetricQuery(metric, DECEMBER, group_by=group_by), viewer)
    return [(row.group, row.values) for row in result.rows]


@pytest.fixture
def three_bot_chats(
    articles: dict[str, ArticleTranslation],  # noqa: F811
    bot_site: WidgetSite,  # noqa: F811
) -> None:
    """One answered and said to help, one handed over at once, one answered and left."""
    with time_machine.travel(TUESDAY, tick=False):
        helped = visitor(bot_site)
        say(helped, "how do I print the return label?", "a1")
        say(helped, "1", "a2")
        say(visitor(bot_site), "talk to a person", "b1")
        say(visitor(bot_site), "where do I download the invoice?", "c1")


@pytest.mark.usefixtures("three_bot_chats")
def test_the_bot_resolution_rate_counts_sessions_said_to_help() -> None:
    admin = make_user("boss", role=Role.ADMIN)
    assert run("bot_resolution_rate", admin) == [
        (None, {"percent": Decimal("33.3"), "resolved": 1, "sessions": 3})
    ]
    assert run("bot_resolution_rate", admin, group_by="language") == [
        ("en", {"percent": Decimal("33.3"), "resolved": 1, "sessions": 3})
    ]


@pytest.mark.usefixtures("three_bot_chats")
def test_an_agent_of_another_team_counts_no_bot_chat(alice: User) -> None:
    assert run("bot_resolution_rate", alice) == [
        (None, {"percent": None, "resolved": 0, "sessions": 0})
    ]


def test_the_deflection_rate_counts_each_visit_once(
    articles: dict[str, ArticleTranslation],  # noqa: F811
) -> None:
    returns, invoices = articles["returns"], articles["invoices"]

    def opened(session: str, translation: ArticleTranslation, hours: int, sent: bool) -> None:
        at = TUESDAY + timedelta(hours=hours)
        SuggestionOpen.objects.create(
            place="portal",
            session=session,
            language="en",
            translation=translation,
            opened_at=at,
            request_at=at + timedelta(minutes=5) if sent else None,
        )

    opened("visit-1", returns, 0, sent=False)
    opened("visit-1", invoices, 1, sent=False)  # the same visit: one session, deflected
    opened("visit-2", returns, 2, sent=True)  # asked anyway
    opened("visit-3", invoices, 3, sent=False)
    admin = make_user("boss", role=Role.ADMIN)
    assert run("deflection_rate", admin) == [
        (None, {"percent": Decimal("66.7"), "deflected": 2, "sessions": 3})
    ]
    with pytest.raises(Forbidden):
        run("deflection_rate", make_user("mia", role=Role.MARKETER))


def test_intervals_without_sessions_are_rows_of_zero(
    articles: dict[str, ArticleTranslation],  # noqa: F811
) -> None:
    admin = make_user("boss", role=Role.ADMIN)
    weekly = ReportPeriod(date(2026, 12, 1), date(2026, 12, 14), ROME, Interval.WEEK)
    result = metric_run(MetricQuery("deflection_rate", weekly), admin)
    assert [(row.period, row.values) for row in result.rows] == [
        (date(2026, 12, 1), {"percent": None, "deflected": 0, "sessions": 0}),
        (date(2026, 12, 7), {"percent": None, "deflected": 0, "sessions": 0}),
        (date(2026, 12, 14), {"percent": None, "deflected": 0, "sessions": 0}),
    ]
