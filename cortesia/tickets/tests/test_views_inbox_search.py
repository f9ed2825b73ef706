"""The inbox's search box: results with passages, their count and pages, its cost in
queries, and the same search through GET /api/v1/tickets?q=…"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import bearer
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT", language="it"),
        actor=Actor.system(),
    )


def _open(customer: Customer, team: Team, subject: str, body: str, **extra: Any) -> Ticket:
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            message=MessageData(body_text=body, author_kind="customer"),
            **{"language": "it", **extra},
        ),
        actor=Actor.system(),
    )


@pytest.mark.usefixtures("english")
def test_results_show_a_marked_passage_under_the_subject(
    alice_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    _open(giulia, team_rome, "Pacco <fermo>", "Il corriere dice: rimborso <b>entro</b> lunedì.")
    _open(giulia, team_riyadh, "Segreto", "rimborso riservato")
    page = alice_client.get("/tickets/?q=rimborso")
    html = page.content.decode()
    assert [t.subject for t in page.context["tickets"]] == ["Pacco <fermo>"]
    assert ">Pacco &lt;fermo&gt;</a><p" in html
    assert (
        '<p class="hint snippet" dir="auto" data-testid="snippet">Il corriere dice: '
        "<mark>rimborso</mark> &lt;b&gt;entro&lt;/b&gt; lunedì.</p>" in html
    )
    assert '<p data-testid="search-count">1 ticket matches.</p>' in html
    assert "riservato" not in html
    assert 'data-testid="search-pages"' not in html


@pytest.mark.usefixtures("english")
def test_results_come_in_pages_of_fifty(
    alice_client: Client, giulia: Customer, team_rome: Team
) -> None:
    for index in range(51):
        _open(giulia, team_rome, f"Pacco {index}", "rimborso")
    first = alice_client.get("/tickets/?q=rimborso")
    assert len(first.context["tickets"]) == 50
    html = first.content.decode()
    assert '<p data-testid="search-count">51 tickets match.</p>' in html
    assert '<a href="?q=rimborso&amp;page=2" rel="next">' in html
    second = alice_client.get("/tickets/?q=rimborso&page=2")
    assert len(second.context["tickets"]) == 1
    assert '<a href="?q=rimborso&amp;page=1" rel="prev">' in second.content.decode()


def test_a_search_costs_three_queries_more_than_its_page(
    alice: User,
    alice_client: Client,
    giulia: Customer,
    team_rome: Team,
    django_assert_num_queries: Any,
) -> None:
    # given: tickets with several messages each (a passage per ticket, not per message)
    for index in range(4):
        ticket = _open(giulia, team_rome, f"Pacco {index}", "rimborso")
        message_add(ticket=ticket, data=MessageData(body_text="rimborso"), actor=Actor(user=alice))
    alice_client.get("/tickets/?q=rimborso")
    # when / then: the session, user, policy and teams, the tabs' counts, the languages,
    # the teams to filter by, the matches, the ranked page, the passages, the people to
    # assign, the saved views
    with django_assert_num_queries(11):
        page = alice_client.get("/tickets/?q=rimborso")
    assert len(page.context["tickets"]) == 4


def test_the_search_page_in_arabic_is_right_to_left(
    charlie: User, giulia: Customer, team_riyadh: Team
) -> None:
    for index in range(2):
        _open(giulia, team_riyadh, f"طلب {index}", "فاتورة", language="ar")
    client = Client()
    client.force_login(charlie)  # who reads Arabic
    html = client.get("/tickets/?q=فاتوره").content.decode()
    assert 'dir="rtl"' in html
    assert (
        '<p class="hint snippet" dir="auto" data-testid="snippet"><mark>فاتورة</mark></p>' in html
    )
    count = re.search(r'<p data-testid="search-count">(.*?)</p>', html)
    assert count is not None
    assert "2" in count.group(1)


def test_the_api_searches_words_within_the_tokens_scope(
    alice_read_token: str, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    mine = _open(giulia, team_rome, "Consegna", "La città è lontana.")
    _open(giulia, team_riyadh, "Segreto", "città riservata")
    client = Client()

    def found(query: str) -> list[str]:
        answer = client.get(f"/api/v1/tickets?{query}", headers=bearer(alice_read_token))
        assert answer.status_code == 200
        return [item["subject"] for item in answer.json()["items"]]

    assert found("q=citta") == ["Consegna"]
    assert found("q=riservata") == []
    assert found(f"q=%23{mine.number}") == ["Consegna"]
    assert found("q=citta&priority=urgent") == []


@pytest.mark.usefixtures("english")
def test_a_search_combines_with_the_team_and_assignee_filters(
    admin_user: User, admin_client: Client, giulia: Customer, team_rome: Team, team_riyadh: Team
) -> None:
    _open(giulia, team_rome, "Roma", "rimborso")
    _open(giulia, team_riyadh, "Riyadh", "rimborso", assignee=None)

    def found(query: str) -> list[str]:
        return sorted(t.subject for t in admin_client.get(f"/tickets/?{query}").context["tickets"])

    assert found("q=rimborso") == ["Riyadh", "Roma"]
    assert found(f"q=rimborso&team={team_riyadh.uid}") == ["Riyadh"]
    assert found("q=rimborso&assignee=me") == []
    assert found(f"q=rimborso&team={team_rome.uid}&assignee=none") == ["Roma"]
