"""The customer page lists the customer's tickets the viewer may see and links its timeline
entries to them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.selectors import customer_ticket_list
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.selectors import ticket_list_for_customer
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    ticket_create,
    ticket_update,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", language="ro", country="IT"),
        actor=Actor.system(),
    )


def _open(customer: Customer, subject: str, team: Team | None, day: int) -> Ticket:
    with time_machine.travel(datetime(2026, 11, day, 9, 30, tzinfo=UTC), tick=False):
        return ticket_create(
            data=TicketData(
                subject=subject,
                customer=customer,
                team=team,
                message=MessageData(body_text="Help, please.", author_kind="customer"),
            ),
            actor=Actor.system(),
        )


@pytest.fixture
def tickets(giulia: Customer, team_rome: Team, team_riyadh: Team) -> dict[str, Ticket]:
    made = {
        "solved": _open(giulia, "Pacco arrivato rotto", team_rome, 2),
        "open": _open(giulia, "Fattura sbagliata", team_rome, 3),
        "riyadh": _open(giulia, "Secret Riyadh matter", team_riyadh, 4),
    }
    with time_machine.travel(datetime(2026, 11, 5, 14, 0, tzinfo=UTC), tick=False):
        made["solved"] = ticket_update(
            ticket=made["solved"],
            changes=TicketChanges(status=Ticket.Status.SOLVED),
            expected_version=None,
            actor=Actor.system(),
        )
    return made


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_every_visible_ticket_in_any_status(
    alice: User, giulia: Customer, tickets: dict[str, Ticket]
) -> None:
    page = _client(alice).get(f"/customers/{giulia.uid}/").content.decode()
    section = page.split('data-testid="customer-tickets"', 1)[1].split("</section>", 1)[0]
    solved, opened = tickets["solved"], tickets["open"]
    rows = section.split('data-testid="customer-ticket"')[1:]
    assert len(rows) == 2
    # the solved ticket was updated last, so it comes first
    assert f'<a href="/tickets/{solved.uid}/"><bdi>#{solved.number}</bdi></a>' in rows[0]
    assert "Pacco arrivato rotto</a>" in rows[0]
    assert "<td>Solved</td>" in rows[0]
    assert '<time datetime="2026-11-05T14:00:00Z">' in rows[0]
    assert f'<a href="/tickets/{opened.uid}/" dir="auto">Fattura sbagliata</a>' in rows[1]
    assert "<td>New</td>" in rows[1]
    assert "Secret Riyadh matter" not in page
    assert str(tickets["riyadh"].uid) not in page


def test_timeline_entries_link_to_the_tickets(
    alice: User, giulia: Customer, tickets: dict[str, Ticket]
) -> None:
    page = _client(alice).get(f"/customers/{giulia.uid}/").content.decode()
    timeline = page.split('data-testid="timeline"', 1)[1].split("</ol>", 1)[0]
    solved = tickets["solved"]
    link = (
        f'Ticket solved</strong>: <a href="/tickets/{solved.uid}/" data-testid="timeline-ticket">'
        f"<bdi>#{solved.number}</bdi> <bdi>Pacco arrivato rotto</bdi></a>"
    )
    assert link in timeline
    # two opened, one solved, and the first message of each ticket she may see
    assert timeline.count('data-testid="timeline-ticket"') == 5
    assert "Secret Riyadh" not in timeline


def test_marketers_see_no_ticket_section(
    mia: User, giulia: Customer, tickets: dict[str, Ticket]
) -> None:
    page = _client(mia).get(f"/customers/{giulia.uid}/").content.decode()
    assert 'data-testid="customer-tickets"' not in page
    assert "/tickets/" not in page.split("<main", 1)[1]


def test_a_viewer_with_no_visible_ticket_is_told_so(giulia: Customer) -> None:
    nobody = make_user("nobody", Role.AGENT)
    page = _client(nobody).get(f"/customers/{giulia.uid}/").content.decode()
    assert "No tickets you may see." in page


@pytest.mark.parametrize(
    ("_case", "role", "teams"),
    [
        ("agent_of_rome", Role.AGENT, ["rome"]),
        ("agent_of_no_team", Role.AGENT, []),
        ("manager_of_riyadh", Role.MANAGER, ["riyadh"]),
        ("administrator", Role.ADMIN, []),
        ("marketer", Role.MARKETER, ["rome"]),
    ],
)
def test_the_list_has_exactly_the_tickets_the_tickets_app_shows(
    _case: str,
    role: Role,
    teams: list[str],
    giulia: Customer,
    tickets: dict[str, Ticket],
    team_rome: Team,
    team_riyadh: Team,
) -> None:
    viewer = make_user("viewer", role)
    for name in teams:
        {"rome": team_rome, "riyadh": team_riyadh}[name].members.add(viewer)
    listed = {t.uid for t in customer_ticket_list(viewer=viewer, customer=giulia)}
    assert listed == {t.uid for t in ticket_list_for_customer(viewer=viewer, customer=giulia)}


def test_languages_and_countries_are_named_in_the_viewers_language(
    alice: User, giulia: Customer
) -> None:
    User.objects.filter(pk=alice.pk).update(language="it")
    client = _client(alice)
    page = client.get(f"/customers/{giulia.uid}/").content.decode()
    assert '<span data-testid="customer-language">rumeno</span>' in page
    assert '<span data-testid="customer-country">Italia</span>' in page
    rows = client.get("/customers/").content.decode()
    assert "<td>Italia</td><td>rumeno</td>" in rows


def test_the_arabic_page_keeps_each_number_with_its_sign_and_each_text_apart(
    charlie: User, giulia: Customer, tickets: dict[str, Ticket]
) -> None:
    # given: an Arabic reader of Riyadh's team, whose ticket has an Italian subject
    riyadh = tickets["riyadh"]
    Ticket.objects.filter(pk=riyadh.pk).update(subject="Il pacco IT-1044 non è arrivato")
    # when
    page = _client(charlie).get(f"/customers/{giulia.uid}/").content.decode()
    # then: the sign is inside the number's isolate, the subject in its own
    number = f"<bdi>#{riyadh.number}</bdi>"
    assert f'<a href="/tickets/{riyadh.uid}/">{number}</a></td>' in page
    assert (
        f'<a href="/tickets/{riyadh.uid}/" dir="auto">Il pacco IT-1044 non è arrivato</a>' in page
    )
    # the timeline keeps the subject the ticket had when it was opened
    assert f"{number} <bdi>Secret Riyadh matter</bdi></a>" in page
    assert "#<bdi>" not in page
