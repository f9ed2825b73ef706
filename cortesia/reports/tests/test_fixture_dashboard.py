"""Every dashboard figure of a hand-computed history, to the exact value, in both time bases.

The history runs in Europe/Rome from Monday 23 March to Sunday 12 April 2026 (three ISO
weeks: W1 = 23 March, W2 = 30 March, W3 = 6 April). It crosses a weekend with the DST
change (Sunday 29 March, 02:00 CET → 03:00 CEST: before it Rome is UTC+1, after it UTC+2)
and Easter Monday (6 April), an Italian public holiday. Team Rome works Monday to Friday
09:00–17:00 on an Italian calendar; team Riyadh has no calendar, so its business time is
calendar time. Every change is made through the services at its instant; the facts are
computed once at the end, as a rebuild or a late task would.

The tickets (local Rome times; durations in minutes, calendar/business):

=====  ==========================  ====================================================
T1     Thu 26 Mar 10:00            reply 10:30 (30/30), solved 11:00 (60/60)
T2     Thu 26 Mar 16:00            reply Fri 09:30 (1050/90), solved Fri 10:00 (1080/120)
T3     Fri 27 Mar 16:30 CET        reply Mon 30 09:15 CEST (3825/45: 63 h 45 real hours,
                                   30 + 15 open minutes), solved Mon 11:15 (3945/165)
T4     Sat 28 Mar 11:00 CET        reply Sun 29 11:00 CEST (1380/0: 23 real hours),
                                   solved Mon 30 09:30 (2730/30)
T5     Sun 29 Mar 00:30 CET        (Sat 23:30 UTC: local day 29, UTC day 28) reply
                                   03:30 CEST (120/0: two real hours), stays open
T6     Fri 3 Apr 16:00             reply Tue 7 09:30 (5370/90: 60 Friday + 0 Easter
                                   Monday + 30 Tuesday), solved Tue 10:00 (5400/120)
T7     Mon 6 Apr 10:00 (holiday)   reply 11:00 (60/0), solved Tue 09:00 (1380/0)
T8     Thu 26 Mar 09:00 CET        reply 09:10 (10/10), solved 09:20 (20/20); the
                                   customer writes Fri 3 Apr 12:00 (reopen, 6 business
                                   days later: still one-touch), reply 12:30 (next
                                   response 30/30), solved 13:00 (full 11700/3120)
T9     Mon 30 Mar 10:00            reply 10:20 (20/20), solved 10:40 (40/40); an agent
                                   reopens Fri 3 Apr 10:00 (4 business days: not
                                   one-touch), solved 11:00 (full 5820/1980)
T10    Thu 2 Apr 10:00             reply 10:30 (30/30), solved 11:00 (60/60); the customer
                                   writes Fri 10 Apr 10:00 (5 business days, Easter Monday
                                   skipped: not one-touch), stays open
T11    Tue 31 Mar 09:00            reply 09:30 (30/30), customer 10:00, reply 10:15 (next
                                   15/15), solved 10:30 (90/90): two replies
T12    Wed 1 Apr 14:00 by agent    customer 16:30, reply Thu 09:30 (first response from the
                                   customer's message: 1020/60), solved Thu 10:00
                                   (1200/240): two replies with the opening one
T13    Tue 31 Mar 11:00 by agent   solved 11:30 (30/30), the customer never answers
T14    Wed 1 Apr 09:00             merged into T15 at 09:40: not counted
T15    Wed 1 Apr 08:00             reply 09:30 (90/30), solved 10:00 (120/60)
T16    Fri 27 Mar 15:00            imported on Wed 8 Apr 12:00 with its date: new
T17    Tue 7 Apr 09:00, SLA        reply 09:45 (45/45): first-response target met
T18    Tue 7 Apr 16:30, SLA        due Wed 09:30, breached by the scan of Wed 09:40, reply
                                   Wed 10:00 (1050/90): target missed
T19    Wed 8 Apr 14:00, SLA        breached by the scan of 15:10, no reply: active breach
T20    Thu 9 Apr 09:00, SLA        running, not breached
T21    Mon 30 Mar 11:00            reply 11:30 (30/30), pending
T22    Tue 31 Mar 15:00            on hold
T23    Thu 2 Apr 12:00, Riyadh     reply 14:00 (120/120), solved 16:00 (240/240)
T24    Sun 12 Apr 23:30 CEST       (21:30 UTC) the period's last hour: counted
T25    Mon 13 Apr 00:10 CEST       (Sun 22:10 UTC) after the period: not counted
T26    Thu 9 Apr 10:00             an internal note at 10:05, no reply: new
T27    Fri 20 Mar 10:00            before the period: only in the backlog (new)
T28    Tue 31 Mar 12:00            the customer writes again at 12:10, no reply: new
T29    Fri 27 Mar 12:00, Riyadh    pending at 12:30 without a reply
T30    Wed 8 Apr 09:00             solved at 09:40 without a reply (40/40): one-touch
=====  ==========================  ====================================================

Percentiles interpolate between ranks: p of n sorted values sits at rank p × (n − 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cortesia.accounts.models import Role, Team, User
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.answers import response_record
from cortesia.feedback.models import SurveyResponse
from cortesia.feedback.tests.answer_fixtures import invitation_send, survey_of
from cortesia.reports.engine import MetricQuery, Row, TimeBasis, Value, metric_run
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.reports.upkeep import facts_refresh
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import make_user
from cortesia.tickets.merging import ticket_merge
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.sla_scanner import sla_scan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROME = ZoneInfo("Europe/Rome")
NOW = datetime(2026, 4, 13, 12, 0, tzinfo=ROME)  # Monday after the period, noon
WEEKS = ReportPeriod(date(2026, 3, 23), date(2026, 4, 12), ROME, Interval.WEEK)
WHOLE = ReportPeriod(date(2026, 3, 23), date(2026, 4, 12), ROME)
W1, W2, W3 = date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 6)
CAL, BUS = TimeBasis.CALENDAR, TimeBasis.BUSINESS


def rome(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Rome wall-clock instant of 2026 (zoneinfo applies CET or CEST)."""
    return datetime(2026, month, day, hour, minute, tzinfo=ROME)


@dataclass
class Desk:
    """The cast of the history and the service calls, each made at its instant."""

    rome_team: Team
    riyadh_team: Team
    agent: User
    riyadh_agent: User
    customer: Customer

    def open(
        self,
        at: datetime,
        *,
        by_agent: bool = False,
        team: Team | None = None,
        tags: tuple[str, ...] = (),
        created_at: datetime | None = None,
    ) -> Ticket:
        team = team or self.rome_team
        agent = self.riyadh_agent if team == self.riyadh_team else self.agent
        message = (
            MessageData(body_text="Ti chiamo per l'ordine 1234.", author_kind="agent")
            if by_agent
            else MessageData(body_text="Il mio ordine non è arrivato.", author_kind="customer")
        )
        with time_machine.travel(at, tick=False):
            return ticket_create(
                data=TicketData(
                    subject="Ordine",
                    customer=self.customer,
                    message=message,
                    channel=Ticket.Channel.PHONE if by_agent else Ticket.Channel.EMAIL,
                    team=team,
                    assignee=agent,
                    language="ar" if team == self.riyadh_team else "it",
                    tags=list(tags),
                    created_at=created_at,
                ),
                actor=Actor(agent),
            )

    def reply(self, ticket: Ticket, at: datetime) -> None:
        agent = self.riyadh_agent if ticket.team_id == self.riyadh_team.pk else self.agent
        with time_machine.travel(at, tick=False):
            message_add(
                ticket=ticket,
                data=MessageData(body_text="Il pacco parte oggi con il corriere espresso."),
                actor=Actor(agent),
            )

    def customer_writes(self, ticket: Ticket, at: datetime) -> None:
        with time_machine.travel(at, tick=False):
            message_add(
                ticket=ticket,
                data=MessageData(body_text="Non è ancora arrivato.", author_kind="customer"),
                actor=Actor.system(),
            )

    def status(self, ticket: Ticket, status: str, at: datetime) -> None:
        with time_machine.travel(at, tick=False):
            ticket_update(
                ticket=ticket,
                changes=TicketChanges(status=status),
                expected_version=None,
                actor=Actor(self.agent),
            )


def _history(desk: Desk) -> None:
    """The tickets of the module docstring, in the order things happened."""
    t = desk.open(rome(3, 26, 10))  # T1
    desk.reply(t, rome(3, 26, 10, 30))
    desk.status(t, "solved", rome(3, 26, 11))
    t = desk.open(rome(3, 26, 16))  # T2
    desk.reply(t, rome(3, 27, 9, 30))
    desk.status(t, "solved", rome(3, 27, 10))
    t = desk.open(rome(3, 27, 16, 30))  # T3
    desk.reply(t, rome(3, 30, 9, 15))
    desk.status(t, "solved", rome(3, 30, 11, 15))
    t = desk.open(rome(3, 28, 11))  # T4
    desk.reply(t, rome(3, 29, 11))
    desk.status(t, "solved", rome(3, 30, 9, 30))
    t = desk.open(rome(3, 29, 0, 30))  # T5
    desk.reply(t, rome(3, 29, 3, 30))
    t = desk.open(rome(4, 3, 16))  # T6
    desk.reply(t, rome(4, 7, 9, 30))
    desk.status(t, "solved", rome(4, 7, 10))
    t = desk.open(rome(4, 6, 10))  # T7
    desk.reply(t, rome(4, 6, 11))
    desk.status(t, "solved", rome(4, 7, 9))
    t = desk.open(rome(3, 26, 9))  # T8
    desk.reply(t, rome(3, 26, 9, 10))
    desk.status(t, "solved", rome(3, 26, 9, 20))
    desk.customer_writes(t, rome(4, 3, 12))
    desk.reply(t, rome(4, 3, 12, 30))
    desk.status(t, "solved", rome(4, 3, 13))
    t = desk.open(rome(3, 30, 10))  # T9
    desk.reply(t, rome(3, 30, 10, 20))
    desk.status(t, "solved", rome(3, 30, 10, 40))
    desk.status(t, "open", rome(4, 3, 10))
    desk.status(t, "solved", rome(4, 3, 11))
    t = desk.open(rome(4, 2, 10))  # T10
    desk.reply(t, rome(4, 2, 10, 30))
    desk.status(t, "solved", rome(4, 2, 11))
    desk.customer_writes(t, rome(4, 10, 10))
    t = desk.open(rome(3, 31, 9))  # T11
    desk.reply(t, rome(3, 31, 9, 30))
    desk.customer_writes(t, rome(3, 31, 10))
    desk.reply(t, rome(3, 31, 10, 15))
    desk.status(t, "solved", rome(3, 31, 10, 30))
    t = desk.open(rome(4, 1, 14), by_agent=True)  # T12
    desk.customer_writes(t, rome(4, 1, 16, 30))
    desk.reply(t, rome(4, 2, 9, 30))
    desk.status(t, "solved", rome(4, 2, 10))
    t = desk.open(rome(3, 31, 11), by_agent=True)  # T13
    desk.status(t, "solved", rome(3, 31, 11, 30))
    t15 = desk.open(rome(4, 1, 8))  # T15
    t14 = desk.open(rome(4, 1, 9))  # T14
    desk.reply(t15, rome(4, 1, 9, 30))
    with time_machine.travel(rome(4, 1, 9, 40), tick=False):
        ticket_merge(source=t14, target=t15, actor=Actor(desk.agent))
    desk.status(t15, "solved", rome(4, 1, 10))
    t = desk.open(rome(4, 2, 12), team=desk.riyadh_team)  # T23
    desk.reply(t, rome(4, 2, 14))
    desk.status(t, "solved", rome(4, 2, 16))
    t = desk.open(rome(3, 30, 11))  # T21
    desk.reply(t, rome(3, 30, 11, 30))
    desk.status(t, "pending", rome(3, 30, 11, 31))
    t = desk.open(rome(3, 31, 15))  # T22
    desk.status(t, "on_hold", rome(3, 31, 15, 5))
    t = desk.open(rome(4, 7, 9), tags=("sla",))  # T17
    desk.reply(t, rome(4, 7, 9, 45))
    t = desk.open(rome(4, 7, 16, 30), tags=("sla",))  # T18
    sla_scan(now=rome(4, 8, 9, 40))
    desk.reply(t, rome(4, 8, 10))
    desk.open(rome(4, 8, 12), created_at=rome(3, 27, 15))  # T16, imported
    desk.open(rome(4, 8, 14), tags=("sla",))  # T19
    sla_scan(now=rome(4, 8, 15, 10))
    desk.open(rome(4, 9, 9), tags=("sla",))  # T20
    desk.open(rome(4, 12, 23, 30))  # T24
    desk.open(rome(4, 13, 0, 10))  # T25
    t = desk.open(rome(4, 9, 10))  # T26
    with time_machine.travel(rome(4, 9, 10, 5), tick=False):
        message_add(
            ticket=t,
            data=MessageData(body_text="Chiedere al magazzino.", kind="note"),
            actor=Actor(desk.agent),
        )
    desk.open(rome(3, 20, 10))  # T27
    t = desk.open(rome(3, 31, 12))  # T28
    desk.customer_writes(t, rome(3, 31, 12, 10))
    t = desk.open(rome(3, 27, 12), team=desk.riyadh_team)  # T29
    desk.status(t, "pending", rome(3, 27, 12, 30))
    t = desk.open(rome(4, 8, 9))  # T30
    desk.status(t, "solved", rome(4, 8, 9, 40))


def _surveys(customer: Customer) -> None:
    """Twelve invitations sent, ten answered (score), each at its instant."""
    kinds = {kind: survey_of(kind, follow_up_low=False) for kind in ("csat", "nps", "ces")}
    sent: list[tuple[str, datetime, tuple[datetime, int] | None]] = [
        ("csat", rome(3, 26, 12), (rome(3, 26, 12, 30), 5)),
        ("csat", rome(3, 27, 10), (rome(4, 2, 10), 4)),  # answered 6 days later
        ("csat", rome(3, 30, 12), (rome(3, 30, 13), 3)),
        ("csat", rome(4, 7, 12), (rome(4, 7, 12, 5), 1)),
        ("nps", rome(4, 1, 10), (rome(4, 1, 10, 10), 10)),
        ("nps", rome(4, 1, 10), (rome(4, 1, 11), 9)),
        ("nps", rome(4, 2, 10), (rome(4, 2, 10, 30), 7)),
        ("nps", rome(3, 29, 1), (rome(3, 29, 3, 30), 3)),  # across the DST change
        ("ces", rome(4, 7, 10), (rome(4, 7, 10, 30), 6)),
        ("ces", rome(4, 8, 10), (rome(4, 8, 11), 4)),
        ("csat", rome(3, 27, 11), None),
        ("csat", rome(4, 9, 10), None),
    ]
    for kind, at, answer in sent:
        invitation = invitation_send(
            survey=kinds[kind], customer=customer, language="it", sent_at=at
        ).invitation
        if answer is not None:
            response_record(
                invitation=invitation,
                score=answer[1],
                comment="",
                answers={},
                via=SurveyResponse.Via.PAGE,
                now=answer[0],
            )


@pytest.fixture
def answers(db: None) -> User:
    """Record the survey answers; return the administrator who reads them."""
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"),
        actor=Actor.system(),
    )
    _surveys(giulia)
    return make_user("direttrice", role=Role.ADMIN)


@pytest.fixture
def dashboard(team_rome: Team, team_riyadh: Team, alice: User, charlie: User) -> User:
    """Build the history and its facts; return the administrator who reads them."""
    team_rome.calendar = calendar_create(
        name="Roma",
        time_zone="Europe/Rome",
        country="IT",
        weekly={day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_rome.save(update_fields=["calendar"])
    policy_save(
        policy=None,
        data=PolicyData(name="Ordini", tags=["sla"], first_response_minutes=60),
        actor=Actor.system(),
    )
    giulia = customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language="it"),
        actor=Actor.system(),
    )
    _history(Desk(team_rome, team_riyadh, alice, charlie, giulia))
    assert facts_refresh(Ticket.objects.values_list("pk", flat=True)) == 30
    return make_user("direttore", role=Role.ADMIN)


Ask = Callable[..., list[Row]]


def asker(viewer: User) -> Ask:
    def run(
        metric: str,
        period: ReportPeriod = WHOLE,
        basis: TimeBasis = CAL,
        group_by: str = "",
    ) -> list[Row]:
        with time_machine.travel(NOW, tick=False):
            query = MetricQuery(metric, period, group_by=group_by, time_basis=basis)
            return metric_run(query, viewer).rows

    return run


def values(rows: list[Row]) -> list[tuple[date | None, str | None, dict[str, Value]]]:
    return [(row.period, row.group, row.values) for row in rows]


def minutes(median: str, p90: str, mean: str, count: int) -> dict[str, Value]:
    return {"median": Decimal(median), "p90": Decimal(p90), "mean": Decimal(mean), "count": count}


def check_volumes_by_week_and_by_local_day(ask: Ask) -> None:
    # Created: W1 T1 T2 T3 T4 T5 T8 T16 (imported, on its own date) T29 = 8; W2 T6 T9
    # T10 T11 T12 T13 T15 T21 T22 T23 T28 = 11; W3 T7 T17 T18 T19 T20 T24 T26 T30 = 8.
    # T14 is merged, T25 falls after the period's last Rome midnight, T27 before it.
    assert [row.values["count"] for row in ask("tickets_created", WEEKS)] == [8, 11, 8]
    # By Rome day: T5 (Sat 23:30 UTC) is Sunday's; T16 is Friday's, though imported later.
    days = ReportPeriod(date(2026, 3, 27), date(2026, 3, 30), ROME, Interval.DAY)
    assert [(row.period, row.values["count"]) for row in ask("tickets_created", days)] == [
        (date(2026, 3, 27), 3),  # T3 T16 T29
        (date(2026, 3, 28), 1),  # T4
        (date(2026, 3, 29), 1),  # T5
        (date(2026, 3, 30), 2),  # T9 T21
    ]
    # Distinct tickets with a solve: W1 T1 T2 T8; W2 T3 T4 T8 (again) T9 (twice) T10
    # T11 T12 T13 T15 T23; W3 T6 T7 T30. The period: 15 tickets, T8 and T9 once each.
    assert [row.values["count"] for row in ask("tickets_solved", WEEKS)] == [3, 10, 3]
    assert ask("tickets_solved")[0].values == {"count": 15}
    # Reopens: T8 and T9 on Fri 3 April (W2), T10 on Fri 10 April (W3).
    assert [row.values["count"] for row in ask("tickets_reopened", WEEKS)] == [0, 2, 1]
    # Opened by: T12 and T13 by an agent; the other 25 counted tickets by the customer.
    assert values(ask("tickets_created", group_by="created_by")) == [
        (None, "agent", {"count": 2}),
        (None, "customer", {"count": 25}),
    ]


def check_backlog_now_by_status_and_age(ask: Ask) -> None:
    # Unsolved now: new T16 T19 T20 T24 T25 T26 (a note is no answer) T27 T28; open T5
    # T10 (reopened) T17 T18; pending T21 T29; on hold T22. The merged T14 is closed.
    assert values(ask("backlog", group_by="status")) == [
        (None, "new", {"count": 8}),
        (None, "on_hold", {"count": 1}),
        (None, "open", {"count": 4}),
        (None, "pending", {"count": 2}),
    ]
    # Ages at Mon 13 April 12:00: T25 11 h 50, T24 12 h 30; T17 147 h, T18 139 h 30,
    # T19 118 h, T20 99 h, T26 98 h; T5 T10 T16 T21 T22 T28 T29 between 11 and 18 days,
    # T27 24 days.
    assert values(ask("backlog", group_by="age")) == [
        (None, "0-1d", {"count": 2}),
        (None, "1-3d", {"count": 0}),
        (None, "3-7d", {"count": 5}),
        (None, "7-30d", {"count": 8}),
        (None, "30d+", {"count": 0}),
    ]


def check_first_response_time_by_week_in_both_bases(ask: Ask) -> None:
    # W1 calendar [10 T8, 30 T1, 120 T5, 1050 T2, 1380 T4]: median 120; p90 at rank 3.6 =
    # 1050 + 0.6 × 330 = 1248; mean 2590 / 5 = 518.
    # W2 [20 T9, 30 T10, 30 T11, 30 T21, 90 T15, 120 T23, 1020 T12, 3825 T3]: median at
    # rank 3.5 = 60; p90 at 6.3 = 1020 + 0.3 × 2805 = 1861.5; mean 5165 / 8 = 645.625.
    # W3 [45 T17, 60 T7, 1050 T18, 5370 T6]: median 555; p90 at 2.7 = 1050 + 0.7 × 4320 =
    # 4074; mean 6525 / 4 = 1631.25 → 1631.3.
    assert [row.values for row in ask("first_response_time", WEEKS)] == [
        minutes("120.0", "1248.0", "518.0", 5),
        minutes("60.0", "1861.5", "645.6", 8),
        minutes("555.0", "4074.0", "1631.3", 4),
    ]
    # Business: W1 [0 T4, 0 T5, 10, 30, 90]: median 10, p90 30 + 0.6 × 60 = 66, mean 26.
    # W2 [20, 30, 30, 30, 30 T15, 45 T3, 60 T12, 120 T23 (no calendar)]: median 30, p90
    # 60 + 0.3 × 60 = 78, mean 365 / 8 = 45.625. W3 [0 T7 (Easter Monday), 45, 90, 90]:
    # median 67.5, p90 90, mean 225 / 4 = 56.25.
    assert [row.values for row in ask("first_response_time", WEEKS, BUS)] == [
        minutes("10.0", "66.0", "26.0", 5),
        minutes("30.0", "78.0", "45.6", 8),
        minutes("67.5", "90.0", "56.3", 4),
    ]
    # The period: 17 first responses (T13 agent-created and never answered; T16 T19 T20
    # T22 T24 T26 T28 T29 T30 unanswered). Calendar sorted: 10 20 30 30 30 30 45 60 90
    # 120 120 1020 1050 1050 1380 3825 5370: median the 9th, 90; p90 at rank 14.4 =
    # 1380 + 0.4 × 2445; mean 14280 / 17 = 840. Business: 0 0 0 10 20 30 30 30 30 30 45
    # 45 60 90 90 90 120: median 30, p90 90, mean 720 / 17 = 42.35.
    assert ask("first_response_time")[0].values == minutes("90.0", "2358.0", "840.0", 17)
    assert ask("first_response_time", basis=BUS)[0].values == minutes("30.0", "90.0", "42.4", 17)


def check_next_response_and_resolution_times(ask: Ask) -> None:
    # Next responses: T11 15 (Tue 10:00 → 10:15), T8 30 (Fri 12:00 → 12:30), in open
    # hours, so equal in both bases: median 22.5, p90 15 + 0.9 × 15 = 28.5.
    for basis in (CAL, BUS):
        assert ask("next_response_time", basis=basis)[0].values == minutes(
            "22.5", "28.5", "22.5", 2
        )
    # First resolution, 15 tickets. Calendar sorted: 20 T8, 30 T13, 40 T9, 40 T30, 60 T1,
    # 60 T10, 90 T11, 120 T15, 240 T23, 1080 T2, 1200 T12, 1380 T7, 2730 T4, 3945 T3,
    # 5400 T6: median the 8th, 120; p90 at rank 12.6 = 2730 + 0.6 × 1215 = 3459; mean
    # 16435 / 15 = 1095.67.
    assert ask("first_resolution_time")[0].values == minutes("120.0", "3459.0", "1095.7", 15)
    # Business sorted: 0 T7, 20, 30 T4, 30 T13, 40 T9, 40 T30, 60 T1, 60 T10, 60 T15, 90,
    # 120 T2, 120 T6, 165 T3, 240 T12, 240 T23: median 60, p90 165 + 0.6 × 75 = 210,
    # mean 1315 / 15 = 87.67.
    assert ask("first_resolution_time", basis=BUS)[0].values == minutes("60.0", "210.0", "87.7", 15)
    # Full resolution, the 14 tickets solved now (T10 was reopened). Calendar sorted: 30
    # 40 60 90 120 240 1080 1200 1380 2730 3945 5400 5820 T9 11700 T8: median (1080 +
    # 1200) / 2 = 1140; p90 at 11.7 = 5400 + 0.7 × 420 = 5694; mean 33835 / 14 = 2416.79.
    assert ask("full_resolution_time")[0].values == minutes("1140.0", "5694.0", "2416.8", 14)
    # Business: 0 30 30 40 60 60 90 120 120 165 240 240 1980 T9 3120 T8: median (90 +
    # 120) / 2 = 105; p90 240 + 0.7 × 1740 = 1458; mean 6295 / 14 = 449.64.
    assert ask("full_resolution_time", basis=BUS)[0].values == minutes(
        "105.0", "1458.0", "449.6", 14
    )


def check_one_touch_sla_and_replies(ask: Ask) -> None:
    # First solves 15; not one-touch: T9 (reopened 4 business days later), T10 (5, Easter
    # Monday not counted), T11 and T12 (two replies). T8's reopen came 6 business days
    # later: one-touch; T30 had no reply: one-touch. 11 / 15 = 73.33 %.
    expected = {"percent": Decimal("73.3"), "one_touch": 11, "solved": 15}
    for basis in (CAL, BUS):
        assert ask("one_touch_resolution", basis=basis)[0].values == expected
    # SLA: T17 met (W3), T18 missed at the breach (W3); T19 is an active breach, shown
    # apart on the last interval; T20 runs on time.
    assert values(ask("sla_attainment", WEEKS)) == [
        (W1, None, {"percent": None, "met": 0, "missed": 0, "active_breaches": None}),
        (W2, None, {"percent": None, "met": 0, "missed": 0, "active_breaches": None}),
        (W3, None, {"percent": Decimal("50.0"), "met": 1, "missed": 1, "active_breaches": 1}),
    ]
    assert values(ask("sla_attainment", group_by="sla_target")) == [
        (
            None,
            "first_response",
            {"percent": Decimal("50.0"), "met": 1, "missed": 1, "active_breaches": 1},
        ),
    ]
    # Replies of the 14 tickets solved now: T8 T11 T12 two each, ten others one, T30
    # none: 16 / 14.
    assert ask("replies_per_ticket")[0].values == {
        "mean": Decimal("1.14"),
        "replies": 16,
        "tickets": 14,
    }


def test_feedback_scores_with_a_late_answer(answers: User) -> None:
    ask = asker(answers)
    # CSAT 5 4 3 1: 2 positive of 4. NPS 10 9 7 3: 50 % promoters − 25 % detractors.
    # CES 6 4: 1 of 2 at 5 or more, mean 5. Ten answers of twelve invitations sent.
    assert ask("csat")[0].values == {"percent": Decimal("50.0"), "positive": 2, "responses": 4}
    assert ask("nps")[0].values == {
        "score": Decimal("25.0"),
        "promoters": 2,
        "detractors": 1,
        "responses": 4,
    }
    assert ask("ces")[0].values == {
        "percent": Decimal("50.0"),
        "mean": Decimal("5.00"),
        "responses": 2,
    }
    assert ask("response_rate")[0].values == {
        "percent": Decimal("83.3"),
        "answered": 10,
        "sent": 12,
    }
    # The answer sent Fri 27 March and given Thu 2 April counts in W2's CSAT (with the 3
    # of Mon 30) and in W1's response rate (sent: the 5, the late 4, the NPS 3 of Sunday
    # 01:00 CET, the unanswered one; answered by now: three).
    assert [row.values["percent"] for row in ask("csat", WEEKS)] == [
        Decimal("100.0"),
        Decimal("50.0"),
        Decimal("0.0"),
    ]
    assert [row.values for row in ask("response_rate", WEEKS)] == [
        {"percent": Decimal("75.0"), "answered": 3, "sent": 4},
        {"percent": Decimal("100.0"), "answered": 4, "sent": 4},
        {"percent": Decimal("75.0"), "answered": 3, "sent": 4},
    ]
    # W1's only NPS answer is the detractor of Sunday 03:30 CEST: −100. W2: 10 9 7.
    assert [row.values["score"] for row in ask("nps", WEEKS)] == [
        Decimal("-100.0"),
        Decimal("66.7"),
        None,
    ]
    # Feedback has no business time: the same figures in both bases.
    assert ask("csat", basis=BUS)[0].values == ask("csat")[0].values


def check_the_facts_do_not_depend_on_when_the_upkeep_ran(ask: Ask) -> None:
    # A second refresh (a task run twice, or a rebuild) leaves the same answers.
    before = [values(ask(name)) for name in ("first_response_time", "one_touch_resolution")]
    facts_refresh(Ticket.objects.values_list("pk", flat=True))
    after = [values(ask(name)) for name in ("first_response_time", "one_touch_resolution")]
    assert before == after


def test_every_service_figure_of_the_dashboard(dashboard: User) -> None:
    # One history, built once (it takes a few seconds), read by every check.
    ask = asker(dashboard)
    check_volumes_by_week_and_by_local_day(ask)
    check_backlog_now_by_status_and_age(ask)
    check_first_response_time_by_week_in_both_bases(ask)
    check_next_response_and_resolution_times(ask)
    check_one_touch_sla_and_replies(ask)
    check_the_facts_do_not_depend_on_when_the_upkeep_ran(ask)
