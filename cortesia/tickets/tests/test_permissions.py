"""Each tickets permission flag a page shows equals what the service it stands for does."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import user_update
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer
from cortesia.testing.fixtures import make_user
from cortesia.tickets.attachments import attachment_upload
from cortesia.tickets.downloads import attachment_release
from cortesia.tickets.models import Ticket
from cortesia.tickets.permissions import can_name_company, can_release_infected, can_work_tickets
from cortesia.tickets.scanning import EICAR_SIGNATURE
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.signatures import company_name_save

pytestmark = pytest.mark.django_db

# (role, active, expected flag) for each flag; the id names the person.
WORKS_TICKETS = [
    pytest.param(Role.ADMIN, True, True, id="admin"),
    pytest.param(Role.MANAGER, True, True, id="manager"),
    pytest.param(Role.AGENT, True, True, id="agent"),
    pytest.param(Role.MARKETER, True, False, id="marketer"),
    pytest.param(Role.AGENT, False, False, id="inactive_agent"),
]
ADMIN_ONLY = [
    pytest.param(Role.ADMIN, True, True, id="admin"),
    pytest.param(Role.MANAGER, True, False, id="manager"),
    pytest.param(Role.AGENT, True, False, id="agent"),
    pytest.param(Role.MARKETER, True, False, id="marketer"),
    pytest.param(Role.ADMIN, False, False, id="inactive_admin"),
]


def _person(role: Role, *, active: bool) -> User:
    user = make_user(f"someone_{role}", role)
    if not active:
        user_update(user=user, is_active=False, actor=Actor.system())
    return user


def _audit_rows(action: AuditEvent.Action) -> int:
    return AuditEvent.objects.filter(action=action).count()


@pytest.mark.parametrize(("role", "active", "expected"), WORKS_TICKETS)
def test_can_work_tickets_is_what_ticket_create_allows(
    role: Role, active: bool, expected: bool, team_rome: Team, giulia: Customer
) -> None:
    person = _person(role, active=active)
    data = TicketData(
        subject="Fattura",
        customer=giulia,
        team=team_rome,
        message=MessageData(body_text="Mi manca la fattura.", author_kind="customer"),
    )
    try:
        ticket_create(data=data, actor=Actor(user=person))
    except Forbidden:
        allowed = False
    else:
        allowed = True
    assert (can_work_tickets(person), allowed, Ticket.objects.count()) == (
        expected,
        expected,
        int(expected),
    )


@pytest.mark.parametrize(("role", "active", "expected"), ADMIN_ONLY)
def test_can_name_company_is_what_company_name_save_allows(
    role: Role, active: bool, expected: bool
) -> None:
    person = _person(role, active=active)
    before = _audit_rows(AuditEvent.Action.SETTING_CHANGE)
    try:
        company_name_save(name="Cortesia S.r.l.", actor=Actor(user=person))
    except Forbidden:
        allowed = False
    else:
        allowed = True
    written = _audit_rows(AuditEvent.Action.SETTING_CHANGE) - before
    assert (can_name_company(person), allowed, written) == (expected, expected, int(expected))


@pytest.mark.parametrize(("role", "active", "expected"), ADMIN_ONLY)
def test_can_release_infected_is_what_attachment_release_allows(
    role: Role, active: bool, expected: bool, ticket: Ticket, data_dir: Path
) -> None:
    person = _person(role, active=active)
    eicar = SimpleUploadedFile("eicar.com", EICAR_SIGNATURE + b"\r\n")
    infected = attachment_upload(ticket=ticket, upload=eicar, actor=Actor.system())
    try:
        attachment_release(attachment=infected, actor=Actor(user=person), override=True)
    except Forbidden:
        allowed = False
    else:
        allowed = True
    results = list(
        AuditEvent.objects.filter(action=AuditEvent.Action.ATTACHMENT_OVERRIDE).values_list(
            "result", flat=True
        )
    )
    assert (infected.scan, can_release_infected(person), allowed, results) == (
        "infected",
        expected,
        expected,
        ["ok" if expected else "denied"],
    )
