from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.models import SlaPolicy
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    ticket_create,
    ticket_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", title="ms", country="IT"),
        actor=Actor.system(),
    )


def _ticket(customer: Customer, team: Team, subject: str, at: datetime) -> Ticket:
    with time_machine.travel(at, tick=False):
        return ticket_create(
            data=TicketData(
                subject=subject,
                customer=customer,
                team=team,
                message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


def test_inbox_sorts_by_deadline_and_shows_breaching_soon(
    alice_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    SlaPolicy.objects.create(name="Day", first_response_minutes=180, business_hours=False)
    _ticket(giulia, team_rome, "Later", datetime(2026, 11, 24, 8, 30, tzinfo=UTC))  # due 11:30
    _ticket(giulia, team_rome, "Sooner", datetime(2026, 11, 24, 6, 30, tzinfo=UTC))  # due 09:30
    _ticket(giulia, team_riyadh, "Not mine", datetime(2026, 11, 24, 6, 0, tzinfo=UTC))
    with time_machine.travel(NOW, tick=False):
        page = alice_client.get("/tickets/?view=team").content.decode()
        breaching = alice_client.get("/tickets/?view=breaching").content.decode()
    assert page.index("Sooner") < page.index("Later")
    assert "Not mine" not in page
    assert "Sooner" in breaching
    assert "Later" not in breaching  # 11:30 is more than two hours away


def test_composer_is_prefilled_in_the_customers_language_and_register(
    alice_client: Client, giulia: Customer, team_rome: Team, alice: User
) -> None:
    ticket = _ticket(giulia, team_rome, "Pacco", NOW)
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert "Gentile Signora Rossi,\n\n\n\nCordiali saluti," in page
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": ticket.version,
            "submission": uuid.uuid4().hex,
            "body": "Gentile Signora Rossi,\n\nil pacco arriva domani.\n\nCordiali saluti,",
            "kind": "reply",
            "status": "pending",
        },
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.agent_reply_count, ticket.first_response_at is not None) == (
        "pending",
        1,
        True,
    )
    assert ticket.messages.order_by("id").last().body_text == (  # type: ignore[union-attr]
        "Gentile Signora Rossi,\n\nil pacco arriva domani.\n\nCordiali saluti,"
    )


def test_a_stale_status_is_refused_but_the_reply_is_kept(
    alice_client: Client, giulia: Customer, team_rome: Team, bob: User
) -> None:
    ticket = _ticket(giulia, team_rome, "Pacco", NOW)
    stale_version = ticket.version
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="on_hold"),
        expected_version=None,
        actor=Actor(user=bob),
    )
    response = alice_client.post(
        f"/tickets/{ticket.uid}/",
        {
            "version": stale_version,
            "submission": "s1",
            "body": "Risposta",
            "kind": "reply",
            "status": "solved",
        },
        follow=True,
    )
    assert (
        "Someone else changed status of this ticket. Reload and try again."
        in response.content.decode()
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.messages.count()) == ("on_hold", 2)


def test_other_teams_tickets_are_404_and_marketers_have_no_inbox(
    giulia: Customer, team_riyadh: Team, alice_client: Client, mia_client: Client
) -> None:
    ticket = _ticket(giulia, team_riyadh, "Riyadh", NOW)
    assert alice_client.get(f"/tickets/{ticket.uid}/").status_code == 404
    assert (
        alice_client.post(
            f"/tickets/{ticket.uid}/", {"body": "x", "kind": "reply", "version": 1}
        ).status_code
        == 404
    )
    assert mia_client.get("/tickets/").status_code == 403
    assert ticket.messages.count() == 1


def test_arabic_inbox_is_right_to_left(charlie: User) -> None:
    client = Client()
    client.force_login(charlie)
    page = client.get("/tickets/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_ticket_page_and_inbox_query_counts_do_not_grow(
    alice_client: Client, giulia: Customer, team_rome: Team, alice: User
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cortesia.tickets.services import message_add

    SlaPolicy.objects.create(name="Day", first_response_minutes=60, resolution_minutes=600)
    ticket = _ticket(giulia, team_rome, "Pacco", NOW)

    def queries(path: str) -> int:
        alice_client.get(path)  # warm caches (calendars, sessions)
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(path).status_code == 200
        return len(captured)

    page_before, inbox_before = queries(f"/tickets/{ticket.uid}/"), queries("/tickets/?view=team")
    for number in range(10):
        message_add(
            ticket=ticket,
            data=MessageData(body_text=f"Nota {number}", kind="note"),
            actor=Actor(user=alice),
        )
        _ticket(giulia, team_rome, f"Altro {number}", NOW)
    assert queries(f"/tickets/{ticket.uid}/") == page_before
    assert queries("/tickets/?view=team") == inbox_before
    # session, user, the security policy with her teams (one query), the counts of every
    # view (one query), the languages and the teams of the filter, the bulk form's people,
    # the tickets, the saved views
    assert inbox_before == 9


def test_ticket_page_links_the_next_ticket_and_the_customers_other_tickets(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    SlaPolicy.objects.create(name="Day", first_response_minutes=180, business_hours=False)
    sooner = _ticket(giulia, team_rome, "Sooner", datetime(2026, 11, 24, 6, 30, tzinfo=UTC))
    later = _ticket(giulia, team_rome, "Later", datetime(2026, 11, 24, 8, 30, tzinfo=UTC))
    with time_machine.travel(NOW, tick=False):
        first = alice_client.get(f"/tickets/{sooner.uid}/?view=team")
        last = alice_client.get(f"/tickets/{later.uid}/?view=team")
    assert first.context["next_ticket"] == later
    assert f'href="/tickets/{later.uid}/?view=team" rel="next"' in first.content.decode()
    assert last.context["next_ticket"] is None
    assert [t.subject for t in first.context["other_tickets"]] == ["Later"]
    assert list(first.context["orders"]) == []


def test_ticket_numbers_are_never_grouped_like_quantities(
    alice: User, giulia: Customer, team_rome: Team
) -> None:
    ticket = _ticket(giulia, team_rome, "Pacco", NOW)
    User.objects.filter(pk=alice.pk).update(language="it")  # Italian groups 1.001
    client = Client()
    client.force_login(alice)
    inbox = client.get("/tickets/?view=team").content.decode()
    page = client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert '<html lang="it"' in inbox
    assert "<td><bdi>1001</bdi></td>" in inbox
    assert "#1001 Pacco" in page
    assert "1.001" not in inbox + page


@pytest.mark.parametrize(
    ("query", "after_reply", "inbox_link"),
    [
        ("", "", 'href="/tickets/" data-shortcut="inbox"'),
        ("?view=team", "?view=team", 'href="/tickets/?view=team" data-shortcut="inbox"'),
        ("?view=nonsense", "", 'href="/tickets/" data-shortcut="inbox"'),
    ],
)
def test_a_reply_keeps_the_inbox_view_the_agent_came_from_or_none(
    alice_client: Client,
    giulia: Customer,
    team_rome: Team,
    query: str,
    after_reply: str,
    inbox_link: str,
) -> None:
    ticket = _ticket(giulia, team_rome, "Pacco", NOW)
    page = alice_client.get(f"/tickets/{ticket.uid}/{query}").content.decode()
    response = alice_client.post(
        f"/tickets/{ticket.uid}/{query}",
        {"version": ticket.version, "submission": "s1", "body": "Arriva domani.", "kind": "reply"},
    )
    assert inbox_link in page
    assert (response.status_code, response["Location"]) == (
        302,
        f"/tickets/{ticket.uid}/{after_reply}",
    )
