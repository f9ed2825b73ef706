"""Suggested articles on the ticket page: for readers of the knowledge base, found in the
language the ticket is written in and linked in the customer's language, saying when
there is no such version or customers may not open the article."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.knowledge.tests.corpus import Corpus, corpus_build
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def corpus(db: None) -> Corpus:
    return corpus_build()


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", language="it", emails=["giulia@example.it"]),
        actor=Actor.system(),
    )


def ticket_for(customer: Customer, team: Team, subject: str, text: str) -> Ticket:
    """A ticket written in English by a customer who reads Italian."""
    return ticket_create(
        data=TicketData(
            subject=subject,
            customer=customer,
            team=team,
            language="en",
            channel=Ticket.Channel.WEB,
            message=MessageData(body_text=text, author_kind="customer"),
        ),
        actor=Actor.system(),
    )


def suggested(client: Client, ticket: Ticket) -> Any:
    return client.get(f"/tickets/{ticket.uid}/suggested-articles")


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_agent_gets_the_link_of_the_customers_language_version(
    corpus: Corpus, giulia: Customer, team_rome: Team, alice_client: Client, english: None
) -> None:
    ticket = ticket_for(giulia, team_rome, "Return", "How do I return an item I bought?")
    response = suggested(alice_client, ticket)
    assert response.status_code == 200
    assert response.json() == {
        "language": "it",
        "status": "1 article may answer this ticket.",
        "articles": [
            {
                "uid": str(corpus[("returns", "en")].uid),
                "title": "How to return an item",
                "language": "en",
                "customer_title": "Come restituire un articolo",
                "url": f"{settings.BASE_URL}/help/it/come-restituire-un-articolo",
                "note": "",
            }
        ],
    }


def test_an_article_without_a_version_in_the_customers_language_says_so(
    corpus: Corpus, giulia: Customer, team_rome: Team, alice_client: Client, english: None
) -> None:
    ticket = ticket_for(giulia, team_rome, "Present", "Can you do gift wrapping?")
    articles = suggested(alice_client, ticket).json()["articles"]
    assert articles == [
        {
            "uid": str(corpus[("gifts", "en")].uid),
            "title": "Gift wrapping",
            "language": "en",
            "customer_title": "",
            "url": "",
            "note": "No Italian version yet",
        }
    ]


def test_staff_only_articles_are_shown_to_staff_without_a_link(
    corpus: Corpus, giulia: Customer, team_rome: Team, alice_client: Client, english: None
) -> None:
    ticket = ticket_for(giulia, team_rome, "Money back", "I want a refund over 200 euros")
    articles = suggested(alice_client, ticket).json()["articles"]
    assert [(a["title"], a["url"], a["note"]) for a in articles] == [
        ("Refunds over 200 euros", "", "Staff only: customers cannot open this article.")
    ]


def test_the_customers_last_message_is_searched_too(
    corpus: Corpus, giulia: Customer, team_rome: Team, alice_client: Client
) -> None:
    ticket = ticket_for(giulia, team_rome, "Question", "Hello")
    assert suggested(alice_client, ticket).json()["articles"] == []
    message_add(
        ticket=ticket,
        data=MessageData(body_text="How long does shipping take?", author_kind="customer"),
        actor=Actor.system(),
    )
    articles = suggested(alice_client, ticket).json()["articles"]
    assert [article["title"] for article in articles] == ["Shipping and delivery times"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("marketer", 403), ("other_team", 404), ("agent", 200), ("admin", 200)],
)
def test_only_readers_who_see_the_ticket_get_suggestions(
    corpus: Corpus, giulia: Customer, team_rome: Team, who: str, status: int, request: Any
) -> None:
    ticket = ticket_for(giulia, team_rome, "Return", "How do I return an item?")
    clients = {
        "anonymous": lambda: Client(),
        "marketer": lambda: as_user(make_user("mia", Role.MARKETER)),
        "other_team": lambda: as_user(request.getfixturevalue("charlie")),
        "agent": lambda: as_user(request.getfixturevalue("alice")),
        "admin": lambda: as_user(make_user("root", Role.ADMIN)),
    }
    response = suggested(clients[who](), ticket)
    assert response.status_code == status
    if status == 200:
        assert len(response.json()["articles"]) == 1
    elif status != 302:
        assert "articles" not in response.json()


def test_the_ticket_page_carries_the_panel_for_readers(
    corpus: Corpus, giulia: Customer, team_rome: Team, alice_client: Client
) -> None:
    ticket = ticket_for(giulia, team_rome, "Return", "How do I return an item?")
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert f'data-suggestions-url="/tickets/{ticket.uid}/suggested-articles"' in page
    assert '<script src="/static/knowledge/ticket_suggestions.js" defer></script>' in page


def test_the_suggestions_take_a_fixed_number_of_reads(
    corpus: Corpus,
    giulia: Customer,
    team_rome: Team,
    alice_client: Client,
    django_assert_num_queries: Any,
) -> None:
    ticket = ticket_for(giulia, team_rome, "Return", "How do I return an item?")
    alice_client.get(f"/tickets/{ticket.uid}/suggested-articles")  # the session is read
    with django_assert_num_queries(12):
        suggested(alice_client, ticket)
