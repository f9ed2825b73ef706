from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cortesia.accounts.models import Role, Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.sla.clocks import policy_for
from cortesia.sla.models import SlaPolicy
from cortesia.testing.fixtures import bearer, make_user
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _call(method: str, token: str, path: str, body: Any = None, **headers: str) -> Any:
    return getattr(Client(), method)(
        f"/api/v1{path}",
        body,
        content_type="application/json",
        headers={**bearer(token), **headers},
    )


def _token(user: User) -> str:
    return token_create(user=user, scope=TokenScope.WRITE, actor=Actor.system()).raw


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT"), actor=Actor.system()
    )


def _open(token: str, customer: Customer, team: Team | None, subject: str = "Pacco") -> Any:
    body: dict[str, Any] = {
        "subject": subject,
        "customer": str(customer.uid),
        "channel": "web",
        "message": {
            "body_html": "<p>Dov'è il mio pacco?<img src=x onerror=alert(1)></p>",
            "author": "customer",
        },
        # ignored: not part of the input schema (mass assignment)
        "number": 1,
        "status": "closed",
        "version": 99,
        "first_response_at": "2020-01-01T00:00:00Z",
    }
    if team is not None:
        body["team"] = str(team.uid)
    return _call("post", token, "/tickets", body)


def test_create_get_and_the_conversation(
    alice_write_token: str, giulia: Customer, team_rome: Team
) -> None:
    created = _open(alice_write_token, giulia, team_rome)
    assert created.status_code == 201
    body = created.json()
    assert (body["number"], body["status"], body["version"], body["first_response_at"]) == (
        1001,
        "new",
        1,
        None,
    )
    assert (body["team"], body["customer"], body["language"], created["ETag"]) == (
        str(team_rome.uid),
        str(giulia.uid),
        "it",
        'W/"1"',
    )
    uid = body["uid"]
    reply = _call(
        "post",
        alice_write_token,
        f"/tickets/{uid}/messages",
        {"body_text": "Gentile Signora Rossi,\n\nlo verifico subito."},
    )
    assert reply.status_code == 201
    assert reply.json()["author_name"] == "Alice Rossi"
    messages = _call("get", alice_write_token, f"/tickets/{uid}/messages").json()["items"]
    assert [(m["author"], m["body_html"]) for m in messages] == [
        ("customer", '<p>Dov\'è il mio pacco?<img src="x"></p>'),
        ("agent", "<p>Gentile Signora Rossi,</p><p>lo verifico subito.</p>"),
    ]
    fetched = _call("get", alice_write_token, f"/tickets/{uid}")
    assert (fetched.json()["status"], fetched["ETag"]) == ("open", 'W/"2"')


def test_other_teams_tickets_are_404_everywhere(
    alice_write_token: str, giulia: Customer, team_rome: Team, charlie: User, team_riyadh: Team
) -> None:
    uid = _open(alice_write_token, giulia, team_rome).json()["uid"]
    outsider = _token(charlie)
    missing = "00000000-0000-0000-0000-000000000000"
    for method, path, body in (
        ("get", f"/tickets/{uid}", None),
        ("patch", f"/tickets/{uid}", {"status": "solved"}),
        ("get", f"/tickets/{uid}/messages", None),
        ("post", f"/tickets/{uid}/messages", {"body_text": "hello from riyadh"}),
    ):
        theirs = _call(method, outsider, path, body)
        nothing = _call(method, outsider, path.replace(uid, missing), body)
        assert (theirs.status_code, theirs.json()) == (nothing.status_code, nothing.json())
        assert theirs.status_code == 404
    assert _call("get", outsider, "/tickets").json()["items"] == []
    assert Ticket.objects.get().status == "new"
    assert Ticket.objects.get().messages.count() == 1


def test_managers_see_their_teams_and_untriaged_admins_everything(
    alice_write_token: str,
    admin_write_token: str,
    giulia: Customer,
    team_rome: Team,
    team_riyadh: Team,
) -> None:
    manager = make_user("mario", Role.MANAGER)
    team_riyadh.members.add(manager)
    _open(alice_write_token, giulia, team_rome, "Roma")
    _open(admin_write_token, giulia, team_riyadh, "Riyadh")
    _open(admin_write_token, giulia, None, "Untriaged")

    def subjects(token: str, query: str = "") -> list[str]:
        items = _call("get", token, f"/tickets{query}").json()["items"]
        return sorted(item["subject"] for item in items)

    assert subjects(_token(manager)) == ["Riyadh", "Untriaged"]
    assert subjects(admin_write_token) == ["Riyadh", "Roma", "Untriaged"]
    assert subjects(alice_write_token) == ["Roma"]
    assert subjects(admin_write_token, f"?team={team_riyadh.uid}") == ["Riyadh"]
    assert subjects(admin_write_token, "?q=%231002") == ["Riyadh"]
    assert subjects(admin_write_token, "?assignee=none&status=new,open") == [
        "Riyadh",
        "Roma",
        "Untriaged",
    ]
    assert subjects(_token(make_user("mia", Role.MARKETER))) == []


def test_if_match_refuses_only_overlapping_stale_changes(
    alice_write_token: str, giulia: Customer, team_rome: Team, bob: User
) -> None:
    uid = _open(alice_write_token, giulia, team_rome).json()["uid"]
    bob_token = _token(bob)
    first = _call(
        "patch",
        alice_write_token,
        f"/tickets/{uid}",
        {"status": "on_hold"},
        **{"If-Match": 'W/"1"'},
    )
    assert (first.status_code, first["ETag"]) == (200, 'W/"2"')
    other = _call(
        "patch",
        bob_token,
        f"/tickets/{uid}",
        {"priority": "urgent", "assignee": str(bob.uid)},
        **{"If-Match": 'W/"1"'},
    )
    assert (other.status_code, other.json()["priority"], other.json()["assignee"]) == (
        200,
        "urgent",
        "bob",
    )
    stale = _call(
        "patch", bob_token, f"/tickets/{uid}", {"status": "solved"}, **{"If-Match": 'W/"1"'}
    )
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, "stale_version")
    both = _call(
        "patch",
        bob_token,
        f"/tickets/{uid}",
        {"status": "solved", "priority": "low"},
        **{"If-Match": 'W/"1"'},
    )
    assert both.json()["error"] == {
        "code": "stale_version",
        "message": "Someone else changed priority and status of this ticket. Reload and try again.",
    }
    bad = _call(
        "patch", bob_token, f"/tickets/{uid}", {"status": "solved"}, **{"If-Match": "three"}
    )
    assert bad.status_code == 400
    unassigned = _call("patch", bob_token, f"/tickets/{uid}", {"assignee": None}).json()
    assert unassigned["assignee"] is None
    assert Ticket.objects.get().status == "on_hold"


def test_phone_calls_are_logged_with_direction_and_length(
    alice_write_token: str, giulia: Customer, team_rome: Team
) -> None:
    body = {
        "subject": "Chiamata",
        "customer": str(giulia.uid),
        "channel": "phone",
        "team": str(team_rome.uid),
        "message": {
            "body_text": "La cliente chiede lo stato della spedizione.",
            "author": "agent",
            "call_direction": "inbound",
            "call_seconds": 245,
        },
    }
    created = _call("post", alice_write_token, "/tickets", body).json()
    assert (created["channel"], created["status"], created["agent_reply_count"]) == (
        "phone",
        "open",
        1,
    )
    messages = _call("get", alice_write_token, f"/tickets/{created['uid']}/messages").json()[
        "items"
    ]
    assert [(m["call_direction"], m["call_seconds"]) for m in messages] == [("inbound", 245)]
    bad = _call(
        "post",
        alice_write_token,
        f"/tickets/{created['uid']}/messages",
        {"body_text": "Richiamata", "call_direction": "sideways", "call_seconds": -1},
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {
        "call_direction": "sideways is not one of: inbound, outbound.",
        "call_seconds": "Give the call's length in seconds (up to a day).",
    }


@pytest.mark.django_db(transaction=True)
def test_creation_is_one_transaction_of_few_statements(
    alice_write_token: str, giulia: Customer, team_rome: Team
) -> None:
    # The first ticket a process opens after a change to the SLA policies also reads them
    # (see sla/tests/test_clocks.py); this one is the next.
    assert policy_for(Ticket(channel="web", priority="normal", team=team_rome, tags=[])) is None
    with CaptureQueriesContext(connection) as captured:
        assert _open(alice_write_token, giulia, team_rome).status_code == 201
    statements = [query["sql"].split()[0].upper() for query in captured.captured_queries]
    # Before the transaction: the token and its rate counter (one upsert, committed on its
    # own so that concurrent requests with one token never wait for each other's commit;
    # on PostgreSQL one statement finds the token and counts it).
    # Then customer, team, the SLA policies' version token; the ticket's number (on SQLite
    # the counter row's update returning it; on PostgreSQL the ticket's insert takes it from
    # a sequence); the ticket as it ends up,
    # its message, its two events, the customer's timeline entry, its search document and
    # whether a mailbox acknowledges web requests; whether the creator may see it. After
    # the commit, the active triggers (they run in a transaction of their own, so a wrong
    # rule never undoes the change) and the token's first-use stamp (it never holds the
    # token's row during a request). The ticket's report facts are marked stale in its
    # transaction (one upsert) and recomputed later by the workers: nothing after the
    # commit.
    numbering = [] if connection.vendor == "postgresql" else ["UPDATE"]
    token = ["WITH"] if connection.vendor == "postgresql" else ["SELECT", "INSERT"]
    assert statements == [
        *token,
        "BEGIN",
        *("SELECT", "SELECT", "SELECT"),
        *numbering,
        *("INSERT", "INSERT", "INSERT", "INSERT", "INSERT", "INSERT", "SELECT"),
        *("SELECT", "COMMIT"),
        "SELECT",
        "UPDATE",
    ]


def test_the_list_shows_each_ticket_as_its_own_page_does(
    alice_write_token: str, giulia: Customer, team_rome: Team
) -> None:
    SlaPolicy.objects.create(name="Standard", first_response_minutes=60, resolution_minutes=480)
    created = [_open(alice_write_token, giulia, team_rome, subject=f"Pacco {n}") for n in range(3)]
    assert [response.status_code for response in created] == [201, 201, 201]
    first = _call("get", alice_write_token, "/tickets?limit=2", None)
    rest = _call(
        "get", alice_write_token, f"/tickets?limit=2&cursor={first.json()['next_cursor']}", None
    )
    listed = [*first.json()["items"], *rest.json()["items"]]
    assert rest.json()["next_cursor"] is None
    singles = [
        _call("get", alice_write_token, f"/tickets/{response.json()['uid']}", None).json()
        for response in created
    ]
    for item in [*listed, *singles]:
        for clock in item["sla"]:
            clock["spent_seconds"] = 0  # counted up to the moment of each request
    assert listed == singles
    assert [len(item["sla"]) for item in listed] == [2, 2, 2]
