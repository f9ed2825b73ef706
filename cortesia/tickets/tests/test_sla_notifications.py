from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketEvent
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.sla_scanner import sla_scan
from cortesia.tickets.tasks import notify_sla_breach

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
OPENED = datetime(2026, 11, 28, 22, 0, tzinfo=UTC)
LATE = datetime(2026, 11, 28, 23, 1, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi"), actor=Actor.system()
    )


def _ticket(customer: Customer, team: Team, assignee: User | None = None) -> Ticket:
    with time_machine.travel(OPENED, tick=False):
        return ticket_create(
            data=TicketData(
                subject="Pacco perso",
                customer=customer,
                team=team,
                assignee=assignee,
                message=MessageData(body_text="Dov'è il pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def _scan(capture: Capture) -> None:
    with capture(execute=True):
        assert sla_scan(now=LATE) == 1


def test_a_breach_mails_the_assignee_in_their_language_once(
    giulia: Customer, team_rome: Team, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    User.objects.filter(pk=alice.pk).update(language="it")
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)
    ticket = _ticket(giulia, team_rome, alice)
    _scan(django_capture_on_commit_callbacks)
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["alice@example.com"], f"[#{ticket.number}] Mancato: Prima risposta — Pacco perso")
    ]
    body = str(mail.outbox[0].body)
    assert (
        f"Il ticket #{ticket.number} di Giulia Rossi ha mancato il livello di servizio: "
        "Prima risposta." in body
    )
    assert f"http://127.0.0.1:8000/tickets/{ticket.uid}/" in body
    assert mail.outbox[0].extra_headers["Auto-Submitted"] == "auto-generated"
    event = TicketEvent.objects.get(kind="sla_breached")
    assert event.data["notified"] == ["alice"]
    assert notify_sla_breach.call(event_id=event.pk) == 0  # a retried task sends nothing
    assert len(mail.outbox) == 1


def test_without_an_assignee_the_teams_managers_are_told_then_admins(
    giulia: Customer,
    team_rome: Team,
    admin_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)
    giulia_manager = make_user("giulia_m", Role.MANAGER)
    team_rome.members.add(giulia_manager)
    _ticket(giulia, team_rome)
    _scan(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["giulia_m@example.com"]]
    mail.outbox.clear()
    team_rome.members.remove(giulia_manager)
    SlaPolicy.objects.all().delete()
    SlaPolicy.objects.create(name="Hour", first_response_minutes=60, business_hours=False)
    _ticket(giulia, team_rome)
    _scan(django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[admin_user.email]]


def test_a_policy_can_stay_silent(
    giulia: Customer, team_rome: Team, alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    SlaPolicy.objects.create(
        name="Quiet", first_response_minutes=60, business_hours=False, breach_notifies=False
    )
    _ticket(giulia, team_rome, alice)
    _scan(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert "notified" not in TicketEvent.objects.get(kind="sla_breached").data
