"""Macros: who may keep and use them, applying one from the ticket page (one event per
action naming the macro, stale-checked), and their settings pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.audit.models import AuditEvent
from cortesia.automations.models import Macro
from cortesia.automations.services import MacroData, macro_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.models import Customer
from cortesia.testing.fixtures import make_user
from cortesia.tickets.canned import VariantData, canned_save
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import TicketChanges, ticket_update

pytestmark = pytest.mark.django_db
NEW = "/settings/automations/macros/new/"


@pytest.fixture
def manager(db: None) -> User:
    return make_user("marta", Role.MANAGER)


def escalate(actor: User, *, team: Team | None = None, personal: bool = False) -> Macro:
    return macro_save(
        macro=None,
        data=MacroData(
            name="Escalate",
            personal=personal,
            team=team,
            actions=[
                {"kind": "set_priority", "value": "urgent"},
                {"kind": "add_tags", "value": "escalated"},
            ],
        ),
        actor=Actor(user=actor),
    )


def apply(client: Client, ticket: Ticket, macro: Macro, version: int, submission: str = "") -> Any:
    return client.post(
        f"/automations/tickets/{ticket.uid}/macro/",
        {"macro": str(macro.uid), "version": version, "submission": submission},
    )


def test_applying_a_macro_records_one_event_per_action_naming_it(
    alice_client: Client, alice: User, manager: User, team_rome: Team, aino: Customer
) -> None:
    macro = escalate(manager, team=team_rome)
    ticket = open_ticket(aino, team_rome)

    response = apply(alice_client, ticket, macro, ticket.version)

    assert response.status_code == 302
    assert response["Location"] == f"/tickets/{ticket.uid}/"
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.tags) == ("urgent", ["escalated"])
    named = [
        (event.actor_id, event.fields, event.data["rule"])
        for event in ticket.events.order_by("pk")
        if "rule" in event.data
    ]
    rule = {"kind": "macro", "uid": str(macro.uid), "name": "Escalate"}
    assert named == [(alice.pk, ["priority"], rule), (alice.pk, ["tags"], rule)]


def test_a_stale_page_is_refused_when_someone_changed_the_same_field(
    alice_client: Client, bob: User, manager: User, team_rome: Team, aino: Customer
) -> None:
    macro = escalate(manager, team=team_rome)
    ticket = open_ticket(aino, team_rome)
    shown = ticket.version
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(priority="high"),
        expected_version=None,
        actor=Actor(user=bob),
    )

    response = apply(alice_client, ticket, macro, shown)

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.priority, ticket.tags) == ("high", [])
    assert not any("rule" in event.data for event in ticket.events.all())


def test_a_macro_with_a_canned_reply_sends_it_last(
    alice_client: Client, alice: User, team_rome: Team, aino: Customer
) -> None:
    canned = canned_save(
        response=None,
        name="Kiitos",
        variants=[VariantData(language="fi", body="Kiitos, {{ agent.first_name }}")],
        actor=Actor.system(),
    )
    macro = macro_save(
        macro=None,
        data=MacroData(name="Thanks", personal=True, canned=canned),
        actor=Actor(user=alice),
    )
    ticket = open_ticket(aino, team_rome, language="fi")

    apply(alice_client, ticket, macro, ticket.version)

    reply = ticket.messages.filter(author_kind="agent").get()
    assert (reply.body_text, reply.author_id) == ("Kiitos, Alice", alice.pk)


def test_someone_elses_personal_macro_cannot_be_used(
    alice: User, bob: User, team_rome: Team, aino: Customer
) -> None:
    macro = escalate(bob, personal=True)
    ticket = open_ticket(aino, team_rome)
    client = Client()
    client.force_login(alice)

    response = apply(client, ticket, macro, ticket.version)

    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.priority == "normal"


def test_the_picker_lists_only_the_macros_the_viewer_may_use(
    alice_client: Client,
    alice: User,
    bob: User,
    manager: User,
    team_rome: Team,
    team_riyadh: Team,
    aino: Customer,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    macro_save(
        macro=None,
        data=MacroData(name="Mine", actions=[{"kind": "add_tags", "value": "a"}]),
        actor=Actor(user=alice),
    )
    macro_save(
        macro=None,
        data=MacroData(name="Bob's", actions=[{"kind": "add_tags", "value": "b"}]),
        actor=Actor(user=bob),
    )
    for name, team in (("Rome", team_rome), ("Riyadh", team_riyadh), ("Everyone", None)):
        macro_save(
            macro=None,
            data=MacroData(
                name=name, personal=False, team=team, actions=[{"kind": "add_tags", "value": "c"}]
            ),
            actor=Actor(user=manager),
        )
    ticket = open_ticket(aino, team_rome)
    path = f"/automations/tickets/{ticket.uid}/macros/?version={ticket.version}"
    alice_client.get(path, headers={"HX-Request": "true"})

    # the session, the user, the security policy, the ticket with its clocks, the macros
    with django_assert_num_queries(6):
        page = alice_client.get(path, headers={"HX-Request": "true"}).content.decode()

    assert [
        name for name in ("Mine", "Bob's", "Rome", "Riyadh", "Everyone") if f">{name}<" in page
    ] == [
        "Mine",
        "Rome",
        "Everyone",
    ]
    assert f'name="version" value="{ticket.version}"' in page


def test_only_managers_keep_shared_macros(alice: User, team_rome: Team) -> None:
    with pytest.raises(Forbidden):
        escalate(alice, team=team_rome)
    assert Macro.objects.count() == 0


def test_a_personal_macro_is_changed_by_its_owner_only(alice: User, bob: User) -> None:
    macro = escalate(alice, personal=True)
    with pytest.raises(Forbidden):
        macro_save(
            macro=macro,
            data=MacroData(name="Taken over", actions=[{"kind": "add_tags", "value": "x"}]),
            actor=Actor(user=bob),
        )
    macro.refresh_from_db()
    assert macro.name == "Escalate"


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("marketer", 403), ("agent", 200), ("manager", 200), ("admin", 200)],
)
def test_who_may_open_the_macro_pages(
    who: str, status: int, alice: User, mia: User, manager: User, admin_user: User
) -> None:
    client = Client()
    user = {
        "anonymous": None,
        "marketer": mia,
        "agent": alice,
        "manager": manager,
        "admin": admin_user,
    }[who]
    if user is not None:
        client.force_login(user)
    assert client.get("/settings/automations/macros/").status_code == status
    assert client.get(NEW).status_code == status


def test_an_agent_saves_a_personal_macro_once_with_an_audit_row(
    alice: User, alice_client: Client
) -> None:
    data = {
        "name": "Mine",
        "is_active": "on",
        "scope": "me",
        "action_0_kind": "add_tags",
        "action_0_value": "vip",
    }

    first = alice_client.post(NEW, data)
    second = alice_client.post(NEW, data)
    refused = alice_client.post(NEW, {**data, "name": "Shared", "scope": "all"})

    macro = Macro.objects.get()
    assert (first.status_code, second.status_code, refused.status_code) == (302, 400, 400)
    assert (macro.owner, macro.team, macro.actions) == (
        alice,
        None,
        [{"kind": "add_tags", "value": ["vip"]}],
    )
    audits = AuditEvent.objects.filter(object_type="automation_macro")
    assert list(audits.values_list("object_label", "actor_id")) == [("Mine", alice.pk)]


def test_the_macro_list_asks_a_fixed_number_of_queries(
    alice: User, alice_client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for number in range(3):
        macro_save(
            macro=None,
            data=MacroData(name=f"M{number}", actions=[{"kind": "add_tags", "value": "x"}]),
            actor=Actor(user=alice),
        )
    alice_client.get("/settings/automations/macros/")
    # the session, the user, the security policy, the macros with their teams
    with django_assert_num_queries(4):
        page = alice_client.get("/settings/automations/macros/").content.decode()
    assert page.count('data-testid="macro-row"') == 3


def test_a_form_sent_twice_applies_the_macro_once(
    alice_client: Client, alice: User, team_rome: Team, aino: Customer
) -> None:
    macro = macro_save(
        macro=None,
        data=MacroData(name="Note", actions=[{"kind": "add_note", "value": "Checked."}]),
        actor=Actor(user=alice),
    )
    ticket = open_ticket(aino, team_rome)

    first = apply(alice_client, ticket, macro, ticket.version, "f1e2d3")
    second = apply(alice_client, ticket, macro, ticket.version, "f1e2d3")
    third = apply(alice_client, ticket, macro, ticket.version, "a9b8c7")

    assert (first.status_code, second.status_code, third.status_code) == (302, 302, 302)
    notes = ticket.messages.filter(kind="note").values_list("body_text", flat=True)
    assert list(notes) == ["Checked.", "Checked."]  # the third was a new submission


def test_the_ticket_page_loads_the_picker_for_the_version_shown(
    alice: User, alice_client: Client, team_rome: Team, aino: Customer
) -> None:
    ticket = open_ticket(aino, team_rome)
    alice.language = "it"
    alice.save(update_fields=["language"])

    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()

    picker = f"/automations/tickets/{ticket.uid}/macros/?version={ticket.version}"
    assert f'hx-get="{picker}"' in page
    assert f'<a href="{picker}">' in page  # without scripts, a link to the same form
    alone = alice_client.get(picker).content.decode()
    assert alone.startswith("<!DOCTYPE html>")  # a page of its own, with the form
    assert 'data-testid="macro-empty"' in alone  # alice has no macro yet
    assert f'href="/tickets/{ticket.uid}/"' in alone


def test_someone_elses_personal_macro_page_is_not_found(
    alice: User, bob: User, alice_client: Client
) -> None:
    macro = escalate(bob, personal=True)

    assert alice_client.get(f"/settings/automations/macros/{macro.uid}/").status_code == 404
    assert (
        alice_client.post(
            f"/settings/automations/macros/{macro.uid}/", {"name": "Mine now", "scope": "me"}
        ).status_code
        == 404
    )
    macro.refresh_from_db()
    assert macro.name == "Escalate"
