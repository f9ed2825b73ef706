"""Triggers acting on ticket changes: conditions, actions as named events, loop safety."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.utils import translation

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_set_calendar
from cortesia.automations.models import Trigger
from cortesia.automations.services import RuleData, trigger_save
from cortesia.automations.tests.conftest import open_ticket
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.services import MessageData, TicketChanges, message_add, ticket_update
from cortesia.tickets.views.ticket_history import Names, history_lines

pytestmark = pytest.mark.django_db
Committed = Callable[[], AbstractContextManager[Any]]


def trigger(
    name: str,
    *,
    when: tuple[str, ...] = ("created",),
    conditions: tuple[tuple[str, str, str], ...] = (),
    actions: tuple[tuple[str, str], ...] = (),
    match: str = "all",
    stops: bool = False,
    position: int = 0,
) -> Trigger:
    return trigger_save(
        trigger=None,
        data=RuleData(
            name=name,
            when=list(when),
            match=match,
            conditions=[{"field": f, "operator": o, "value": v} for f, o, v in conditions],
            actions=[{"kind": k, "value": v} for k, v in actions],
            stops_processing=stops,
            position=position,
        ),
        actor=Actor.system(),
    )


def rule_events(ticket: Ticket) -> list[tuple[str, str, list[str]]]:
    """(rule name, kind, fields) of the events rules recorded on ``ticket``, in order."""
    return [
        (event.data["rule"]["name"], event.kind, event.fields)
        for event in ticket.events.order_by("pk")
        if "rule" in event.data
    ]


def finnish() -> Trigger:
    return trigger(
        "Finnish",
        conditions=(("language", "is", "fi"),),
        actions=(("add_tags", "fi"), ("set_priority", "high")),
    )


def test_a_matching_trigger_acts_once_per_action_and_names_itself(
    aino: Customer, committed: Committed
) -> None:
    finnish()
    with committed():
        ticket = open_ticket(aino, language="fi")

    ticket.refresh_from_db()
    assert (ticket.tags, ticket.priority) == (["fi"], "high")
    assert rule_events(ticket) == [
        ("Finnish", "updated", ["tags"]),
        ("Finnish", "updated", ["priority"]),
    ]
    with translation.override("it"):
        lines = history_lines(ticket.events.order_by("pk"), Names.of([], []))
    assert [line.actor for line in lines] == [None, None, "Finnish", "Finnish"]


def test_a_trigger_whose_conditions_fail_writes_nothing(
    giulia: Customer, committed: Committed
) -> None:
    finnish()
    with committed():
        ticket = open_ticket(giulia, subject="Pacco perso", body="Dov'è?", language="it")

    ticket.refresh_from_db()
    assert (ticket.tags, ticket.priority, ticket.version) == ([], "normal", 1)
    assert ticket.events.count() == 2


def test_an_inactive_trigger_does_not_act(aino: Customer, committed: Committed) -> None:
    rule = finnish()
    trigger_save(
        trigger=rule,
        data=RuleData(
            name="Finnish",
            is_active=False,
            when=["created"],
            conditions=[{"field": "language", "operator": "is", "value": "fi"}],
            actions=[{"kind": "add_tags", "value": "fi"}],
        ),
        actor=Actor.system(),
    )
    with committed():
        ticket = open_ticket(aino, language="fi")

    assert rule_events(ticket) == []


def test_two_triggers_that_answer_each_other_act_once_each(
    aino: Customer, alice: User, committed: Committed
) -> None:
    # Given two triggers that would ping-pong the priority for ever
    trigger(
        "Calm down",
        when=("updated",),
        conditions=(("priority", "is", "high"),),
        actions=(("set_priority", "low"),),
        position=1,
    )
    trigger(
        "Wake up",
        when=("updated",),
        conditions=(("priority", "is", "low"),),
        actions=(("set_priority", "high"),),
        position=2,
    )
    ticket = open_ticket(aino)
    # When an agent raises the priority
    with committed():
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(priority="high"),
            expected_version=None,
            actor=Actor(user=alice),
        )
    # Then each trigger acted once, and nothing more happened
    ticket.refresh_from_db()
    assert rule_events(ticket) == [
        ("Calm down", "updated", ["priority"]),
        ("Wake up", "updated", ["priority"]),
    ]
    assert ticket.priority == "high"
    assert ticket.events.count() == 2 + 1 + 2


def test_a_trigger_never_reacts_to_its_own_actions(aino: Customer, committed: Committed) -> None:
    trigger("Tag every change", when=("updated",), actions=(("add_tags", "seen"),))
    ticket = open_ticket(aino)
    with committed():
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(priority="high"),
            expected_version=None,
            actor=Actor.system(),
        )

    assert rule_events(ticket) == [("Tag every change", "updated", ["tags"])]


def test_chained_rounds_stop_at_five(aino: Customer, committed: Committed) -> None:
    # Given seven triggers, each reacting to the tag the previous one adds
    for step in range(1, 8):
        trigger(
            f"Step {step}",
            when=("updated",),
            conditions=(("tag", "contains", f"t{step - 1}"),),
            actions=(("add_tags", f"t{step}"),),
            position=8 - step,  # last first: each acts a round after the one before
        )
    ticket = open_ticket(aino)
    with committed():
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(tags=["t0"]),
            expected_version=None,
            actor=Actor.system(),
        )

    ticket.refresh_from_db()
    assert ticket.tags == ["t0", "t1", "t2", "t3", "t4", "t5"]


def test_stop_processing_leaves_the_later_triggers_out(
    aino: Customer, committed: Committed
) -> None:
    trigger("First", actions=(("add_tags", "first"),), stops=True, position=1)
    trigger("Second", actions=(("add_tags", "second"),), position=2)
    with committed():
        ticket = open_ticket(aino)

    ticket.refresh_from_db()
    assert ticket.tags == ["first"]


def test_a_refused_trigger_is_rolled_back_alone(
    aino: Customer, team_rome: Team, charlie: User, committed: Committed
) -> None:
    # Charlie is not in Rome's team: the assignment is refused after the tag was added
    trigger("Broken", actions=(("add_tags", "broken"), ("set_assignee", "charlie")), position=1)
    trigger("Working", actions=(("add_tags", "working"),), position=2)
    with committed():
        ticket = open_ticket(aino, team_rome)

    ticket.refresh_from_db()
    assert (ticket.tags, ticket.assignee) == (["working"], None)
    assert rule_events(ticket) == [("Working", "updated", ["tags"])]


def test_text_conditions_ignore_case_and_accents(giulia: Customer, committed: Committed) -> None:
    trigger(
        "Coffee",
        when=("customer_message",),
        conditions=(("text", "contains", "cafe"),),
        actions=(("add_tags", "coffee"),),
    )
    ticket = open_ticket(giulia, subject="Ordine", body="Vorrei un CAFFÈ")
    with committed():
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Il Café è freddo", author_kind="customer"),
            actor=Actor.system(),
        )

    ticket.refresh_from_db()
    assert ticket.tags == ["coffee"]


def test_a_note_and_a_canned_reply_go_through_the_normal_paths(
    aino: Customer, alice: User, team_rome: Team, committed: Committed
) -> None:
    from cortesia.tickets.canned import VariantData, canned_save

    canned = canned_save(
        response=None,
        name="Kiitos",
        variants=[VariantData(language="fi", body="Kiitos viestistäsi, {{ ticket.number }}.")],
        actor=Actor.system(),
    )
    trigger("Thank", actions=(("add_note", "Thanked automatically"), ("send_canned", "Kiitos")))
    with committed():
        ticket = open_ticket(aino, team_rome, assignee=alice, language="fi")

    messages = list(ticket.messages.order_by("pk").values_list("kind", "author_kind", "body_text"))
    assert messages[1:] == [
        (TicketMessage.Kind.NOTE, "agent", "Thanked automatically"),
        (TicketMessage.Kind.REPLY, "agent", f"Kiitos viestistäsi, #{ticket.number}."),
    ]
    assert [kind for _name, kind, _fields in rule_events(ticket)] == ["noted", "replied"]
    assert canned.uid is not None


def test_business_hours_are_read_on_the_team_calendar(
    aino: Customer, team_rome: Team, committed: Committed
) -> None:
    calendar = calendar_create(name="Rome", time_zone="Europe/Rome", actor=Actor.system())
    team_set_calendar(team=team_rome, calendar=calendar, actor=Actor.system())
    trigger(
        "Out of hours",
        conditions=(("business_hours", "is", "closed"),),
        actions=(("add_tags", "after-hours"),),
    )
    # Saturday 5 December 2026, 11:00 in Rome: closed; Monday 7th, 11:00: open
    with time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=UTC), tick=False), committed():
        saturday = open_ticket(aino, team_rome)
    with time_machine.travel(datetime(2026, 12, 7, 10, 0, tzinfo=UTC), tick=False), committed():
        monday = open_ticket(aino, team_rome)

    saturday.refresh_from_db()
    monday.refresh_from_db()
    assert (saturday.tags, monday.tags) == (["after-hours"], [])


def test_sla_alarms_and_other_kinds_run_no_trigger_query(aino: Customer) -> None:
    from cortesia.automations.triggering import triggers_run

    ticket = open_ticket(aino)
    alarm = TicketEvent.objects.create(ticket=ticket, kind="sla_warning", version=ticket.version)
    assert triggers_run([alarm]) == 0
