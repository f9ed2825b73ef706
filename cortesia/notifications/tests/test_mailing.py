"""Notification e-mail: one mail per ticket and person per five minutes, gathered;
held back outside the person's shifts; in their language and time zone; sent once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import format_moment
from cortesia.customers.models import Customer
from cortesia.notifications.mailing import notification_mail_send, notification_mail_sweep
from cortesia.notifications.models import Notification
from cortesia.notifications.tasks import notification_mail
from cortesia.notifications.tests.conftest import open_ticket
from cortesia.tickets.models import AgentShift, Ticket, TicketMessage
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
T0 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)  # a Monday


def _assign(ticket: Ticket, assignee: User, actor: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(assignee=assignee),
            expected_version=None,
            actor=Actor(user=actor),
        )


def _mention(ticket: Ticket, who: User, author: User, at: datetime) -> None:
    with time_machine.travel(at, tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text=f"@{who.username} guarda", kind=TicketMessage.Kind.NOTE),
            actor=Actor(user=author),
        )


def _sweep(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return notification_mail_sweep(now=at)


@pytest.fixture
def ticket(giulia: Customer, team_rome: Team) -> Ticket:
    with time_machine.travel(T0 - timedelta(hours=1), tick=False):
        return open_ticket(giulia, team_rome, subject="Pacco perso")


def test_three_events_in_five_minutes_make_one_mail(ticket: Ticket, alice: User, bob: User) -> None:
    _assign(ticket, alice, bob, T0)
    _mention(ticket, alice, bob, T0 + timedelta(minutes=1))
    _mention(ticket, alice, bob, T0 + timedelta(minutes=3))

    assert _sweep(T0 + timedelta(minutes=4, seconds=59)) == 0
    assert mail.outbox == []
    assert _sweep(T0 + timedelta(minutes=5)) == 1

    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert message.subject == "Ticket #1001 “Pacco perso”: 3 updates"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    lines = [line for line in message.body.splitlines() if line.startswith("- ")]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "Bob Bianchi assigned ticket #1001 “Pacco perso” to you.",
        "Bob Bianchi mentioned you in an internal note on ticket #1001 “Pacco perso”.",
        "Bob Bianchi mentioned you in an internal note on ticket #1001 “Pacco perso”.",
    ]
    assert f"/tickets/{ticket.uid}/" in message.body
    assert set(Notification.objects.values_list("mail", "mailed_at")) == {
        ("sent", T0 + timedelta(minutes=5))
    }


def test_an_event_after_the_window_makes_a_second_mail(
    ticket: Ticket, alice: User, bob: User
) -> None:
    _assign(ticket, alice, bob, T0)
    assert _sweep(T0 + timedelta(minutes=5)) == 1
    _mention(ticket, alice, bob, T0 + timedelta(minutes=7))

    # the next window ends five minutes after the new event (and after the last mail)
    assert _sweep(T0 + timedelta(minutes=11)) == 0
    assert _sweep(T0 + timedelta(minutes=12)) == 1

    assert [m.subject for m in mail.outbox] == [
        "Ticket #1001 “Pacco perso”: 1 update",
        "Ticket #1001 “Pacco perso”: 1 update",
    ]
    assert "mentioned you" in mail.outbox[1].body
    assert "assigned" not in mail.outbox[1].body


def test_each_ticket_has_its_own_window(
    giulia: Customer, team_rome: Team, alice: User, bob: User
) -> None:
    first = open_ticket(giulia, team_rome, subject="Uno")
    second = open_ticket(giulia, team_rome, subject="Due")
    _assign(first, alice, bob, T0)
    _assign(second, alice, bob, T0 + timedelta(minutes=1))

    assert _sweep(T0 + timedelta(minutes=6)) == 2

    assert sorted(m.subject for m in mail.outbox) == [
        "Ticket #1001 “Uno”: 1 update",
        "Ticket #1002 “Due”: 1 update",
    ]


def test_a_second_run_sends_nothing(ticket: Ticket, alice: User, bob: User) -> None:
    _assign(ticket, alice, bob, T0)
    due = T0 + timedelta(minutes=5)

    with time_machine.travel(due, tick=False):
        sent = [
            notification_mail_send(recipient_id=alice.pk, ticket_id=ticket.pk, now=due),
            notification_mail.call(recipient_id=alice.pk, ticket_id=ticket.pk),
            notification_mail_sweep(now=due),
        ]

    assert sent == [1, 0, 0]
    assert len(mail.outbox) == 1


def test_a_failed_mail_waits_for_the_next_run(
    ticket: Ticket, alice: User, bob: User, settings: Any
) -> None:
    _assign(ticket, alice, bob, T0)
    settings.EMAIL_BACKEND = "cortesia.notifications.tests.test_mailing.RefusingBackend"

    with pytest.raises(ConnectionRefusedError):
        _sweep(T0 + timedelta(minutes=5))
    assert Notification.objects.get().mail == "pending"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert _sweep(T0 + timedelta(minutes=6)) == 1


class RefusingBackend:
    def __init__(self, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list[object]) -> int:
        raise ConnectionRefusedError


def test_mail_is_in_the_recipients_language_and_zone(
    ticket: Ticket, alice: User, bob: User
) -> None:
    User.objects.filter(pk=alice.pk).update(language="ar", time_zone="Asia/Riyadh")
    _assign(ticket, alice, bob, T0)

    _sweep(T0 + timedelta(minutes=5))

    [message] = mail.outbox
    assert f"- {format_moment(T0, 'Asia/Riyadh', 'ar')}: " in message.body
    assert format_moment(T0, "UTC", "ar") not in message.body


def test_an_event_off_shift_is_mailed_when_the_next_shift_starts(
    ticket: Ticket, alice: User, bob: User
) -> None:
    # Monday to Friday, 9 to 17 in Rome (08:00–16:00 UTC in winter)
    User.objects.filter(pk=alice.pk).update(time_zone="Europe/Rome")
    for day in range(5):
        AgentShift.objects.create(user=alice, weekday=day, starts=time(9), ends=time(17))
    friday_evening = datetime(2026, 12, 4, 15, 58, tzinfo=UTC)  # 16:58 in Rome
    monday_start = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 09:00 in Rome

    _assign(ticket, alice, bob, friday_evening)

    # the app tells at once
    assert Notification.objects.get().read_at is None
    assert _sweep(friday_evening + timedelta(minutes=5)) == 0  # 17:03 in Rome: off shift
    assert Notification.objects.get().mail_due_at == monday_start
    assert _sweep(monday_start - timedelta(seconds=1)) == 0
    assert mail.outbox == []
    assert _sweep(monday_start) == 1
    assert len(mail.outbox) == 1


def test_the_mail_is_scheduled_for_the_end_of_the_window(
    ticket: Ticket,
    alice: User,
    bob: User,
    settings: Any,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = notification_mail.get_backend()

    with django_capture_on_commit_callbacks(execute=True):
        _assign(ticket, alice, bob, T0)

    # (the reports' fact upkeep is queued by the same change)
    [scheduled] = [
        result
        for result in backend.results  # type: ignore[attr-defined]
        if result.task.name == "notification_mail"
    ]
    assert scheduled.task.run_after == T0 + timedelta(minutes=5)
    assert scheduled.kwargs == {"recipient_id": alice.pk, "ticket_id": ticket.pk}


def test_nobody_is_mailed_after_losing_their_address(
    ticket: Ticket, alice: User, bob: User
) -> None:
    _assign(ticket, alice, bob, T0)
    User.objects.filter(pk=alice.pk).update(is_active=False)

    assert _sweep(T0 + timedelta(minutes=5)) == 0

    assert mail.outbox == []
    assert Notification.objects.get().mail == "none"
