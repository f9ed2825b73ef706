"""Collision detection: the ticket page's heartbeat and the line naming the others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_member_add, team_member_remove
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket, TicketPresence
from cortesia.tickets.presence import EXPIRES_AFTER, Present, presence_beat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOON = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def giulia_agent(team_rome: Team) -> User:
    user = make_user("giulia.b", first_name="Giulia", last_name="Bianchi")
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


@pytest.fixture
def marco(team_rome: Team) -> User:
    user = make_user("marco", first_name="Marco", last_name="Esposito")
    team_member_add(team=team_rome, user=user, actor=Actor.system())
    return user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _beat(client: Client, ticket: Ticket, state: str = "viewing") -> tuple[int, str]:
    response = client.post(f"/tickets/{ticket.uid}/presence/", {"state": state})
    return response.status_code, response.content.decode().strip()


def test_the_line_names_the_others_typing_first_and_never_the_viewer(
    ticket: Ticket, alice: User, giulia_agent: User, marco: User
) -> None:
    # Given Giulia viewing and Marco typing on the ticket
    with time_machine.travel(NOON, tick=False):
        assert _beat(_client(giulia_agent), ticket)[0] == 200
        assert _beat(_client(marco), ticket, "typing")[0] == 200
        # When Alice's page beats
        status, line = _beat(_client(alice), ticket)
    # Then she sees both of them, and not herself
    assert status == 200
    typing = gettext("<bdi>%(name)s</bdi> is typing") % {"name": "Marco Esposito"}
    viewing = gettext("<bdi>%(name)s</bdi> is viewing") % {"name": "Giulia Bianchi"}
    assert line == (
        f'<span data-testid="presence-person">{typing}</span> · '
        f'<span data-testid="presence-person">{viewing}</span>'
    )
    rows = TicketPresence.objects.order_by("user__username").values_list(
        "user__username", "state", "last_seen"
    )
    assert list(rows) == [
        ("alice", "viewing", NOON),
        ("giulia.b", "viewing", NOON),
        ("marco", "typing", NOON),
    ]


@pytest.mark.parametrize(
    ("_case", "seen_ago", "shown"),
    [
        ("seen just now", timedelta(0), True),
        ("seen exactly 30 s ago", EXPIRES_AFTER, True),
        ("seen 30 s and a microsecond ago", EXPIRES_AFTER + timedelta(microseconds=1), False),
        ("seen an hour ago", timedelta(hours=1), False),
    ],
)
def test_a_person_drops_out_of_the_line_after_30_seconds_without_a_beat(
    ticket: Ticket, alice: User, marco: User, _case: str, seen_ago: timedelta, shown: bool
) -> None:
    presence_beat(viewer=marco, uid=str(ticket.uid), state="viewing", now=NOON - seen_ago)
    others = presence_beat(viewer=alice, uid=str(ticket.uid), state="viewing", now=NOON)
    assert others == ([Present("Marco Esposito", is_typing=False)] if shown else [])


def test_a_beat_upserts_one_row_per_person_and_ticket(
    ticket: Ticket, alice: User, marco: User
) -> None:
    uid = str(ticket.uid)
    presence_beat(viewer=alice, uid=uid, state="typing", now=NOON)
    presence_beat(viewer=alice, uid=uid, state="viewing", now=NOON + timedelta(seconds=10))
    assert list(TicketPresence.objects.values_list("user__username", "state", "last_seen")) == [
        ("alice", "viewing", NOON + timedelta(seconds=10))
    ]


def test_an_unknown_state_counts_as_viewing(ticket: Ticket, alice: User, marco: User) -> None:
    presence_beat(viewer=alice, uid=str(ticket.uid), state="<script>", now=NOON)
    assert presence_beat(viewer=marco, uid=str(ticket.uid), state="", now=NOON) == [
        Present("Alice Rossi", is_typing=False)
    ]


def test_a_heartbeat_takes_one_statement_to_check_one_to_upsert_and_one_to_read(
    ticket: Ticket, admin_user: User, marco: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    presence_beat(viewer=marco, uid=str(ticket.uid), state="typing", now=NOON)
    with django_assert_num_queries(3):
        others = presence_beat(viewer=admin_user, uid=str(ticket.uid), state="viewing", now=NOON)
    assert others == [Present("Marco Esposito", is_typing=True)]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("charlie", 404), ("mia", 404), ("bob", 200), ("root", 200)],
)
def test_only_those_who_see_the_ticket_may_beat_on_it(
    ticket: Ticket,
    bob: User,
    charlie: User,
    mia: User,
    admin_user: User,
    who: str,
    expected: int,
) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login({"bob": bob, "charlie": charlie, "mia": mia, "root": admin_user}[who])
    assert _beat(client, ticket)[0] == expected
    beaten = list(TicketPresence.objects.values_list("user__username", flat=True))
    assert beaten == ([] if expected != 200 else [{"bob": "bob", "root": "root"}[who]])


def test_a_missing_ticket_and_a_hidden_one_are_the_same_not_found(
    ticket: Ticket, charlie: User
) -> None:
    for uid in (str(ticket.uid), "00000000-0000-0000-0000-000000000000", "not-a-uid"):
        with pytest.raises(NotFound):
            presence_beat(viewer=charlie, uid=uid, state="viewing", now=NOON)
    assert not TicketPresence.objects.exists()


def test_a_heartbeat_is_posted_only(ticket: Ticket, alice: User) -> None:
    response = _client(alice).get(f"/tickets/{ticket.uid}/presence/")
    assert response.status_code == 405
    assert not TicketPresence.objects.exists()


def test_a_manager_sees_a_ticket_without_a_team_and_an_agent_does_not(
    ticket: Ticket, alice: User, team_rome: Team
) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(team=None)
    manager = make_user("manon", Role.MANAGER, first_name="Manon", last_name="Lefèvre")
    assert _beat(_client(manager), ticket)[0] == 200
    assert _beat(_client(alice), ticket)[0] == 404


def test_the_ticket_page_carries_the_heartbeat_address_and_interval(
    ticket: Ticket, alice_client: Client, settings: Any
) -> None:
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert (
        f'data-presence-url="/tickets/{ticket.uid}/presence/" data-presence-interval="10" '
        'data-testid="presence"></p>'
    ) in page
    assert '<script src="/static/tickets/presence.js" defer></script>' in page
    settings.CORTESIA_PRESENCE_HEARTBEAT_SECONDS = 2
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert 'data-presence-interval="2"' in page


def test_someone_taken_off_the_team_is_no_longer_named(
    ticket: Ticket, alice: User, marco: User, team_rome: Team
) -> None:
    # Given Marco on the ticket, then taken off its team before his row expires
    presence_beat(viewer=marco, uid=str(ticket.uid), state="typing", now=NOON)
    team_member_remove(team=team_rome, user=marco, actor=Actor.system())
    # Then Alice's line no longer names him, though his last beat is recent
    others = presence_beat(viewer=alice, uid=str(ticket.uid), state="viewing", now=NOON)
    assert others == []
    assert TicketPresence.objects.filter(user=marco).count() == 1


def test_an_administrator_is_named_on_any_ticket(
    ticket: Ticket, alice: User, admin_user: User
) -> None:
    presence_beat(viewer=admin_user, uid=str(ticket.uid), state="viewing", now=NOON)
    others = presence_beat(viewer=alice, uid=str(ticket.uid), state="viewing", now=NOON)
    assert others == [Present("Ada Admin", is_typing=False)]
