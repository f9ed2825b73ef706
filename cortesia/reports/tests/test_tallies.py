"""The hourly tallies: what the upkeep adds and takes away as tickets change, that a
recount from the facts gives the same rows, and when the metrics may read them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add, team_member_remove
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.engine import MetricQuery, metric_run
from cortesia.reports.models import TicketTally
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.reports.tallies import tallies_recount, tally_grouped
from cortesia.reports.tests.history import change, open_ticket, reply
from cortesia.reports.upkeep import facts_refresh
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"), actor=Actor.system()
    )


def _tallies() -> set[tuple[str, datetime, int, str, int]]:
    """The non-zero tallies (a count moved away leaves a row at 0)."""
    rows = TicketTally.objects.exclude(n=0).values_list("measure", "hour", "team_id", "key", "n")
    return set(rows)


def test_the_upkeep_moves_the_tallies_as_a_recount_counts_them(
    giulia: Customer, team_rome: Team, team_riyadh: Team, alice: User
) -> None:
    rome, riyadh = team_rome.pk, team_riyadh.pk
    # Given a ticket opened at 09:10, answered once and solved at 10:05 (one touch)
    first = open_ticket(giulia, team_rome, utc(2, 9, 10))
    reply(first, alice, utc(2, 9, 30))
    change(first, alice, utc(2, 10, 5), status="solved")
    # and a second one opened at 09:40 and answered twice before its solve
    second = open_ticket(giulia, team_rome, utc(2, 9, 40))
    reply(second, alice, utc(2, 9, 45))
    reply(second, alice, utc(2, 9, 50))
    change(second, alice, utc(2, 11, 0), status="solved")
    facts_refresh([first.pk, second.pk])
    assert _tallies() == {
        ("created", utc(2, 9), rome, "", 2),
        ("first_solve", utc(2, 10), rome, "", 1),
        ("first_solve", utc(2, 11), rome, "", 1),
        ("one_touch", utc(2, 10), rome, "", 1),
    }
    # When the first is reopened two days later and moved to Riyadh, and both refresh
    change(first, alice, utc(4, 12, 0), status="open")
    change(first, alice, utc(4, 12, 5), team=team_riyadh)
    facts_refresh([first.pk])
    facts_refresh([first.pk])  # twice: a task run again moves nothing
    # Then its counts left Rome for Riyadh, and the candidate carries the reopen's delay
    assert _tallies() == {
        ("created", utc(2, 9), rome, "", 1),
        ("created", utc(2, 9), riyadh, "", 1),
        ("first_solve", utc(2, 10), riyadh, "", 1),
        ("first_solve", utc(2, 11), rome, "", 1),
        ("one_touch", utc(2, 10), riyadh, "2", 1),
    }
    # And a recount from the facts gives the very same rows, without the emptied ones
    upkept = _tallies()
    tallies_recount()
    assert _tallies() == upkept
    assert not TicketTally.objects.filter(n=0).exists()
    # A deleted ticket takes its counts with it on its next refresh
    Ticket.objects.filter(pk=second.pk).delete()
    facts_refresh([second.pk])
    assert _tallies() == {
        ("created", utc(2, 9), riyadh, "", 1),
        ("first_solve", utc(2, 10), riyadh, "", 1),
        ("one_touch", utc(2, 10), riyadh, "2", 1),
    }


def _query(zone: str, group_by: str = "", **filters: str) -> MetricQuery:
    period = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ZoneInfo(zone), Interval.DAY)
    return MetricQuery("tickets_created", period, group_by=group_by, filters=filters)


def test_the_tallies_answer_only_where_they_are_exact(
    giulia: Customer, team_rome: Team, team_riyadh: Team, alice: User
) -> None:
    # Given a ticket of Rome opened at 23:30 UTC on 1 March (00:30 on 2 March in Rome)
    facts_refresh([open_ticket(giulia, team_rome, utc(1, 23, 30)).pk])
    admin = make_user("root", Role.ADMIN)
    manager = make_user("capo", Role.MANAGER)
    team_member_add(team=team_riyadh, user=manager, actor=Actor.system())
    # Then an administrator's day in Rome or in UTC is read from the hourly counts
    assert tally_grouped(_query("Europe/Rome"), admin, "created") == {(date(2026, 3, 2), None): [1]}
    assert tally_grouped(_query("UTC", "team"), admin, "created") == {
        (date(2026, 3, 1), str(team_rome.uid)): [1]
    }
    # A manager of Riyadh only counts Riyadh's tickets and those of no team
    assert tally_grouped(_query("UTC"), manager, "created") == {}
    # An agent of Rome counts Rome's tickets
    assert tally_grouped(_query("UTC"), alice, "created") == {(date(2026, 3, 1), None): [1]}
    # But not where an hour can straddle two local days (Kolkata is UTC+05:30), with a
    # filter or grouped by what the tallies do not keep: the facts answer those
    assert tally_grouped(_query("Asia/Kolkata"), admin, "created") is None
    assert tally_grouped(_query("UTC", language="it"), admin, "created") is None
    assert tally_grouped(_query("UTC", "language"), admin, "created") is None


def test_an_agent_counts_their_teams_tallies_and_their_own_tickets_of_other_teams(
    giulia: Customer, team_rome: Team, team_riyadh: Team, alice: User, charlie: User
) -> None:
    # Given Alice (Rome) with a Rome ticket, and a Riyadh ticket she took and solved while
    # she helped Riyadh out (she has left that team since), and a Riyadh ticket of Charlie's
    rome = open_ticket(giulia, team_rome, utc(3, 9))
    team_member_add(team=team_riyadh, user=alice, actor=Actor.system())
    lent = open_ticket(giulia, team_riyadh, utc(3, 10))
    change(lent, alice, utc(3, 10, 5), assignee=alice)
    reply(lent, alice, utc(3, 11))
    change(lent, alice, utc(3, 12), status="solved")
    team_member_remove(team=team_riyadh, user=alice, actor=Actor.system())
    other = open_ticket(giulia, team_riyadh, utc(4, 10))
    change(other, charlie, utc(4, 10, 5), assignee=charlie)
    facts_refresh([rome.pk, lent.pk, other.pk])
    # Then her tallies count Rome's ticket and her own Riyadh one, by day and by team
    assert tally_grouped(_query("Europe/Rome"), alice, "created") == {
        (date(2026, 3, 3), None): [1, 1]
    }
    assert tally_grouped(_query("UTC", "team"), alice, "created") == {
        (date(2026, 3, 3), str(team_rome.uid)): [1],
        (date(2026, 3, 3), str(team_riyadh.uid)): [1],
    }
    one_touch = _query("UTC")
    assert tally_grouped(one_touch, alice, "one_touch", by_key=True) == {
        (date(2026, 3, 3), None): [("", 1)]
    }
    # And every service metric the tallies answer equals what the facts give her
    for metric in ("tickets_created", "tickets_solved", "one_touch_resolution"):
        period = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ZoneInfo("Europe/Rome"))
        tallied = metric_run(MetricQuery(metric, period), alice).rows[0].values
        from_facts = metric_run(MetricQuery(metric, period, filters={"language": "it"}), alice)
        assert tallied == from_facts.rows[0].values, metric
