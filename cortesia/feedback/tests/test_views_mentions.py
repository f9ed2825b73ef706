"""The mentions tab: every staff member reads them; agents, managers and administrators
open a ticket from one, once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.feedback.models import Mention
from cortesia.feedback.tests import staff_rows
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.routing_admin import RuleData, routing_rule_save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOON = datetime(2026, 11, 10, 12, tzinfo=UTC)


@pytest.fixture
def angry(db: None) -> Mention:
    return staff_rows.mention(
        text="Third week without my refund. NEVER AGAIN.",
        published_at=NOON,
        level="high",
        language="en",
        rating="1.0",
        author="@furious",
    )


def _route_english_to(team: Team) -> None:
    routing_rule_save(
        rule=None,
        data=RuleData(name=f"English to {team.name}", languages=["en"], team=team),
        actor=Actor.system(),
    )


def _client(role: Role | None) -> Client:
    client = Client()
    if role is not None:
        client.force_login(make_user(f"someone_{role}", role))
    return client


@pytest.mark.parametrize("role", [Role.AGENT, Role.MANAGER, Role.MARKETER, Role.ADMIN])
def test_every_staff_member_reads_the_mentions(role: Role, angry: Mention) -> None:
    client = _client(role)
    page = client.get("/feedback/mentions/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-uid="{angry.uid}"' in html
    assert '<span class="badge is-danger" data-testid="frustration">High</span>' in html
    assert "<bdi>1 / 5</bdi>" in html
    assert ('data-testid="open-ticket"' in html) == (role != Role.MARKETER)
    assert client.get(f"/feedback/mentions/{angry.uid}/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(angry: Mention) -> None:
    assert _client(None).get("/feedback/mentions/")["Location"] == (
        "/login/?next=/feedback/mentions/"
    )
    opened = _client(None).post(f"/feedback/mentions/{angry.uid}/ticket/")
    assert (opened.status_code, Ticket.objects.count()) == (302, 0)


def test_the_mentions_page_costs_the_same_queries_whatever_the_rows(
    angry: Mention, alice_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for index in range(30):
        staff_rows.mention(text=f"Post {index}", published_at=NOON, about=staff_rows.customer())
    alice_client.get("/feedback/mentions/")
    # session, user, the security policy, the source filter, one page of mentions
    with django_assert_num_queries(5):
        html = alice_client.get("/feedback/mentions/").content.decode()
    assert html.count('data-testid="mention"') == 25


@pytest.mark.parametrize(
    ("query", "count"),
    [("frustration=high", 1), ("frustration=none", 1), ("language=en", 1), ("since=2026-11-11", 0)],
)
def test_the_mention_filters(query: str, count: int, angry: Mention, mia_client: Client) -> None:
    staff_rows.mention(text="Lovely", published_at=NOON, language="it")
    html = mia_client.get(f"/feedback/mentions/?{query}").content.decode()
    assert html.count('data-testid="mention"') == count


@pytest.mark.parametrize("query", ["frustration=furious", "source=nope", "language=zz-zz"])
def test_bad_mention_filters_are_a_400(query: str, mia_client: Client) -> None:
    response = mia_client.get(f"/feedback/mentions/?{query}")
    assert response.status_code == 400
    assert response.content.decode().count('data-testid="filter-error"') == 1


def test_an_agent_opens_one_ticket_from_a_mention_even_when_sending_twice(
    angry: Mention, alice: User, alice_client: Client, team_rome: Team
) -> None:
    _route_english_to(team_rome)
    first = alice_client.post(f"/feedback/mentions/{angry.uid}/ticket/")
    again = alice_client.post(f"/feedback/mentions/{angry.uid}/ticket/")
    ticket = Ticket.objects.get()
    assert (first.status_code, first["Location"]) == (302, f"/tickets/{ticket.uid}/")
    assert again["Location"] == f"/tickets/{ticket.uid}/"
    assert ticket.channel == "social"
    angry.refresh_from_db()
    assert angry.ticket == ticket
    html = alice_client.get("/feedback/mentions/").content.decode()
    assert f"<bdi>#{ticket.number}</bdi>" in html
    assert 'data-testid="open-ticket"' not in html


def test_a_marketer_may_not_open_a_ticket(angry: Mention, mia_client: Client) -> None:
    response = mia_client.post(f"/feedback/mentions/{angry.uid}/ticket/")
    assert (response.status_code, Ticket.objects.count()) == (403, 0)


def test_opening_a_ticket_from_an_unknown_mention_is_a_404(alice_client: Client) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    response = alice_client.post(f"/feedback/mentions/{missing}/ticket/")
    assert (response.status_code, Ticket.objects.count()) == (404, 0)
    assert alice_client.get(f"/feedback/mentions/{missing}/ticket/").status_code == 405


def test_a_ticket_routed_to_a_team_the_agent_does_not_see_leaves_them_on_the_mention(
    angry: Mention, alice: User, alice_client: Client, team_riyadh: Team
) -> None:
    _route_english_to(team_riyadh)
    answer = alice_client.post(f"/feedback/mentions/{angry.uid}/ticket/", follow=True)

    ticket = Ticket.objects.get()
    assert ticket.team == team_riyadh
    assert answer.redirect_chain == [(f"/feedback/mentions/{angry.uid}/", 302)]
    page = answer.content.decode()
    assert f"Ticket #{ticket.number} went to the team Riyadh, whose tickets you do not see." in page
