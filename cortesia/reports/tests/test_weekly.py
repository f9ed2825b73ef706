"""The weekly report mail: due on Monday 08:00 in each subscriber's zone, once per week,
with last week's numbers against the week before, in their language and scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.models import WeeklyReportSubscription
from cortesia.reports.upkeep import facts_refresh
from cortesia.reports.weekly import (
    week_slot,
    weekly_report_send,
    weekly_report_subscribe,
    weekly_reports_send,
)
from cortesia.testing.fixtures import make_user
from cortesia.testing.smtp import SmtpServer
from cortesia.tickets.models import Ticket
from cortesia.tickets.numbering import numbers_continue_after
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)

RIYADH = ZoneInfo("Asia/Riyadh")
NEW_YORK = ZoneInfo("America/New_York")
# Monday 7 December 2026 (ISO week 50) reports week 49: Monday 30 November – Sunday 6 December.
WINTER_MONDAY = date(2026, 12, 7)
SUBSCRIBED_AT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

SLOTS = [
    # (case, zone, a moment of the week, due instant (UTC), reported week, first day)
    (
        "riyadh-winter",
        "Asia/Riyadh",
        datetime(2026, 12, 9, 12, 0, tzinfo=UTC),
        datetime(2026, 12, 7, 5, 0, tzinfo=UTC),
        "2026-W49",
        date(2026, 11, 30),
    ),
    (
        "new-york-winter-est",
        "America/New_York",
        datetime(2026, 12, 7, 12, 0, tzinfo=UTC),
        datetime(2026, 12, 7, 13, 0, tzinfo=UTC),
        "2026-W49",
        date(2026, 11, 30),
    ),
    (
        "new-york-summer-edt",
        "America/New_York",
        datetime(2026, 7, 8, 0, 0, tzinfo=UTC),
        datetime(2026, 7, 6, 12, 0, tzinfo=UTC),
        "2026-W27",
        date(2026, 6, 29),
    ),
    (
        "new-york-sunday-night-is-still-last-week",
        "America/New_York",
        datetime(2026, 12, 7, 4, 59, tzinfo=UTC),  # Sunday 23:59 EST
        datetime(2026, 11, 30, 13, 0, tzinfo=UTC),
        "2026-W48",
        date(2026, 11, 23),
    ),
    (
        "new-york-week-of-spring-forward",
        "America/New_York",
        datetime(2026, 3, 9, 15, 0, tzinfo=UTC),
        datetime(2026, 3, 9, 12, 0, tzinfo=UTC),
        "2026-W10",
        date(2026, 3, 2),
    ),
    (
        "utc-year-boundary-week-53",
        "UTC",
        datetime(2027, 1, 4, 8, 0, tzinfo=UTC),
        datetime(2027, 1, 4, 8, 0, tzinfo=UTC),
        "2026-W53",
        date(2026, 12, 28),
    ),
]


@pytest.mark.parametrize(("_case", "zone", "now", "due_at", "week", "first"), SLOTS)
def test_the_slot_is_monday_eight_local_for_the_week_before(
    _case: str, zone: str, now: datetime, due_at: datetime, week: str, first: date
) -> None:
    slot = week_slot(now, ZoneInfo(zone))

    assert (slot.due_at, slot.week) == (due_at, week)
    assert (slot.period.first, slot.period.last) == (first, first + timedelta(days=6))


def test_the_week_of_spring_forward_is_167_hours_long() -> None:
    slot = week_slot(datetime(2026, 3, 16, 15, 0, tzinfo=UTC), NEW_YORK)

    assert (slot.period.start, slot.period.end) == (
        datetime(2026, 3, 9, 4, 0, tzinfo=UTC),
        datetime(2026, 3, 16, 4, 0, tzinfo=UTC),
    )
    assert slot.period.previous().start == datetime(2026, 3, 2, 5, 0, tzinfo=UTC)


# --- Sending -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def tickets_numbered_from_1001(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        numbers_continue_after(1000)


def manager(username: str, team: Team, **extra: str) -> User:
    user = make_user(username, Role.MANAGER, **extra)
    team_member_add(team=team, user=user, actor=Actor.system())
    return user


def subscribe(user: User, at: datetime = SUBSCRIBED_AT) -> None:
    with time_machine.travel(at, tick=False):
        weekly_report_subscribe(user=user, subscribed=True, actor=Actor(user=user))


def run(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return weekly_reports_send(now=at)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("_case", "zone", "due_at"),
    [
        ("riyadh-winter", "Asia/Riyadh", datetime(2026, 12, 7, 5, 0, tzinfo=UTC)),
        ("new-york-winter-est", "America/New_York", datetime(2026, 12, 7, 13, 0, tzinfo=UTC)),
        ("new-york-summer-edt", "America/New_York", datetime(2026, 7, 6, 12, 0, tzinfo=UTC)),
    ],
)
def test_the_mail_goes_at_monday_eight_in_the_subscribers_zone_once(
    _case: str, zone: str, due_at: datetime, team_rome: Team
) -> None:
    # Given a manager in that zone who opted in the week before
    user = manager("mara", team_rome, time_zone=zone)
    subscribe(user, due_at - timedelta(days=6))

    # When the job runs a second before 08:00, at 08:00 and an hour later
    assert run(due_at - timedelta(seconds=1)) == 0
    assert mail.outbox == []
    assert run(due_at) == 1
    assert run(due_at + timedelta(hours=1)) == 0

    # Then exactly one mail went, and the week is marked sent
    [message] = mail.outbox
    assert message.to == ["mara@example.com"]
    assert WeeklyReportSubscription.objects.get(user=user).last_week == iso(due_at, zone)


def iso(due_at: datetime, zone: str) -> str:
    return week_slot(due_at, ZoneInfo(zone)).week


@pytest.mark.django_db
def test_a_missed_monday_is_sent_later_that_week_but_not_the_next(team_rome: Team) -> None:
    user = manager("mara", team_rome, time_zone="Asia/Riyadh")
    subscribe(user)

    assert run(datetime(2026, 12, 10, 9, 0, tzinfo=UTC)) == 1  # Thursday
    assert run(datetime(2026, 12, 13, 20, 0, tzinfo=UTC)) == 0  # Sunday 23:00 Riyadh
    assert run(datetime(2026, 12, 14, 5, 0, tzinfo=UTC)) == 1  # the next Monday

    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "Weekly report Nov 30, 2026 – Dec 6, 2026",
        "Weekly report Dec 7, 2026 – Dec 13, 2026",
    ]
    assert WeeklyReportSubscription.objects.get(user=user).last_week == "2026-W50"


@pytest.mark.django_db
def test_opting_in_after_this_weeks_slot_waits_for_the_next(team_rome: Team) -> None:
    user = manager("mara", team_rome, time_zone="Asia/Riyadh")
    subscribe(user, datetime(2026, 12, 9, 12, 0, tzinfo=UTC))  # Wednesday

    assert run(datetime(2026, 12, 9, 12, 5, tzinfo=UTC)) == 0
    assert run(datetime(2026, 12, 14, 5, 0, tzinfo=UTC)) == 1


@pytest.mark.django_db
def test_a_stale_second_claim_of_the_same_week_sends_nothing(team_rome: Team) -> None:
    # Given two workers that both read the subscription before either sent
    user = manager("mara", team_rome, time_zone="Asia/Riyadh")
    subscribe(user)
    first = WeeklyReportSubscription.objects.get(user=user)
    second = WeeklyReportSubscription.objects.get(user=user)
    slot = week_slot(datetime(2026, 12, 7, 5, 0, tzinfo=UTC), RIYADH)

    # When both send the week
    with time_machine.travel(slot.due_at, tick=False):
        sent = [weekly_report_send(subscription=row, slot=slot) for row in (first, second)]

    # Then the conditional update lets one through
    assert sent == [True, False]
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["deactivated", "demoted"])
def test_a_deactivated_or_demoted_subscriber_gets_nothing(change: str, team_rome: Team) -> None:
    user = manager("mara", team_rome, time_zone="Asia/Riyadh")
    subscribe(user)
    if change == "deactivated":
        User.objects.filter(pk=user.pk).update(is_active=False)
    else:
        User.objects.filter(pk=user.pk).update(role=Role.AGENT)

    assert run(datetime(2026, 12, 7, 5, 0, tzinfo=UTC)) == 0

    assert mail.outbox == []
    # Opted in on Tuesday of week 49: week 48's report was already due then.
    assert WeeklyReportSubscription.objects.get(user=user).last_week == "2026-W48"


# --- Content -----------------------------------------------------------------------------


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def ticket_at(customer: Customer, team: Team, at: datetime) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Pacco perso",
                customer=customer,
                team=team,
                channel=Ticket.Channel.EMAIL,
                message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def reply_at(ticket: Ticket, agent: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        message_add(ticket=ticket, data=MessageData(body_text="Eccolo."), actor=Actor(user=agent))


def solve_at(ticket: Ticket, agent: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        ticket.refresh_from_db()
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="solved"),
            expected_version=None,
            actor=Actor(user=agent),
        )


@pytest.fixture
def week_49(giulia: Customer, team_rome: Team, team_riyadh: Team, alice: User) -> list[Ticket]:
    """Week 49 (30 Nov – 6 Dec 2026): three Rome tickets, solved after 30, 60 and 90
    minutes, the last with two replies; one Riyadh ticket. Week 48: one Rome ticket, open."""
    tuesday = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    tickets = [ticket_at(giulia, team_rome, tuesday + timedelta(hours=n)) for n in range(3)]
    for n, ticket in enumerate(tickets):
        reply_at(ticket, alice, ticket.created_at + timedelta(minutes=30 * (n + 1)))
        if n == 2:
            reply_at(ticket, alice, ticket.created_at + timedelta(minutes=95))
        solve_at(ticket, alice, ticket.created_at + timedelta(minutes=100))
    tickets.append(ticket_at(giulia, team_riyadh, tuesday))
    tickets.append(ticket_at(giulia, team_rome, datetime(2026, 11, 25, 9, 0, tzinfo=UTC)))
    facts_refresh(ticket.pk for ticket in tickets)
    return tickets


def only_mail() -> EmailMultiAlternatives:
    [message] = mail.outbox
    assert isinstance(message, EmailMultiAlternatives)
    return message


def html_of(message: EmailMultiAlternatives) -> str:
    [(markup, kind)] = message.alternatives
    assert kind == "text/html"
    return str(markup)


@pytest.mark.django_db
def test_the_english_mail_states_last_weeks_numbers_against_the_week_before(
    week_49: list[Ticket], team_rome: Team
) -> None:
    user = manager("mara", team_rome, time_zone="Europe/Rome", language="en")
    subscribe(user)

    assert run(datetime(2026, 12, 7, 7, 0, tzinfo=UTC)) == 1

    message = only_mail()
    assert message.subject == "Weekly report Nov 30, 2026 – Dec 6, 2026: 3 tickets created"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert lines == [
        "- Tickets created: 3 (week before: 1, change: +2)",
        "- Tickets solved: 3 (week before: 0, change: +3)",
        "- Reopens: 0 (week before: 0, change: 0)",
        "- First response time: 60 min (week before: —, change: —)",
        "- One-touch resolution: 66.7% (week before: —, change: —)",
        "- SLA attainment: — (week before: —, change: —)",
        "- CSAT: — (week before: —, change: —)",
        "- NPS: — (week before: —, change: —)",
        "- Backlog: 1 (now)",
    ]
    link = "http://testserver/reports/?from=2026-11-30&to=2026-12-06&tz=Europe%2FRome"
    assert link.replace("http://testserver", "") in message.body
    markup = html_of(message)
    assert '<html lang="en" dir="ltr">' in markup
    assert "<img" not in markup


@pytest.mark.django_db
def test_the_italian_mail_writes_numbers_and_dates_the_italian_way(
    week_49: list[Ticket], team_rome: Team
) -> None:
    user = manager("mara", team_rome, time_zone="Europe/Rome", language="it")
    subscribe(user)

    run(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))

    message = only_mail()
    assert "30 nov 2026" in message.subject
    assert "6 dic 2026" in message.subject
    assert "66,7%" in message.body
    assert "66,7%" in html_of(message)
    assert '<html lang="it" dir="ltr">' in html_of(message)


@pytest.mark.django_db
def test_the_arabic_mail_is_right_to_left_with_arabic_dates(
    week_49: list[Ticket], team_rome: Team
) -> None:
    user = manager("amal", team_rome, time_zone="Asia/Riyadh", language="ar")
    subscribe(user)

    run(datetime(2026, 12, 7, 5, 0, tzinfo=UTC))

    message = only_mail()
    assert "30\u200f/11\u200f/2026" in message.subject
    assert "06\u200f/12\u200f/2026" in message.subject
    markup = html_of(message)
    assert '<html lang="ar" dir="rtl">' in markup
    assert "tz=Asia%2FRiyadh" in markup


@pytest.mark.django_db
def test_a_manager_counts_only_the_tickets_of_their_teams(
    week_49: list[Ticket], team_riyadh: Team
) -> None:
    user = manager("rami", team_riyadh, time_zone="Asia/Riyadh", language="en")
    subscribe(user)

    run(datetime(2026, 12, 7, 5, 0, tzinfo=UTC))

    message = only_mail()
    assert message.subject.endswith(": 1 tickets created")
    assert "- Tickets solved: 0 (week before: 0, change: 0)" in message.body


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.mark.django_db
def test_the_mail_goes_through_smtp_as_text_and_html_with_a_null_sender(
    smtp: SmtpServer, week_49: list[Ticket], team_rome: Team
) -> None:
    user = manager("amal", team_rome, time_zone="Asia/Riyadh", language="ar")
    subscribe(user)

    assert run(datetime(2026, 12, 7, 5, 0, tzinfo=UTC)) == 1

    [received] = smtp.received
    assert (received.mail_from, received.rcpt_tos) == ("<>", ["amal@example.com"])
    message = received.message
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["Content-Language"] == "ar"
    assert [part.get_content_type() for part in message.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]


@pytest.mark.django_db
def test_a_refused_mail_leaves_the_week_to_send_again(smtp: SmtpServer, team_rome: Team) -> None:
    user = manager("mara", team_rome, time_zone="Asia/Riyadh")
    subscribe(user)
    smtp.stop()

    assert run(datetime(2026, 12, 7, 5, 0, tzinfo=UTC)) == 0
    assert WeeklyReportSubscription.objects.get(user=user).last_week == "2026-W48"

    smtp.start()
    assert run(datetime(2026, 12, 7, 5, 5, tzinfo=UTC)) == 1
    assert len(smtp.received) == 1
    assert WeeklyReportSubscription.objects.get(user=user).last_week == "2026-W49"
