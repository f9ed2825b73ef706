from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.utils import translation

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, FieldErrors, Forbidden
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import FIRST_MESSAGES
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.numbering import next_number, numbers_continue_after
from cortesia.tickets.services import (
    MessageData,
    TicketChanges,
    TicketData,
    message_add,
    ticket_create,
    ticket_update,
)
from cortesia.tickets.transitions import ALLOWED, can_move

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def giulia(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", country="IT"), actor=Actor.system()
    )


@pytest.fixture
def ticket(giulia: Customer, team_rome: Team, alice: User) -> Ticket:
    with time_machine.travel(T0, tick=False):
        return ticket_create(
            data=TicketData(
                subject="  Pacco   non arrivato ",
                customer=giulia,
                team=team_rome,
                channel="email",
                message=MessageData(
                    body_html="<p onclick='x()'>Il mio ordine <b>IT-1</b> non è arrivato.</p>",
                    author_kind="customer",
                ),
            ),
            actor=Actor.system(),
        )


def test_creation_numbers_sanitizes_and_records(ticket: Ticket, giulia: Customer) -> None:
    assert (ticket.number, ticket.subject, ticket.status, ticket.language) == (
        1001,
        "Pacco non arrivato",
        "new",
        "it",
    )
    message = ticket.messages.get()
    assert message.body_html == "<p>Il mio ordine <b>IT-1</b> non è arrivato.</p>"
    assert message.body_text == "Il mio ordine IT-1 non è arrivato."
    assert (message.author_kind, message.created_at) == ("customer", T0)
    assert list(ticket.events.values_list("kind", "version")) == [
        ("created", 1),
        ("customer_replied", 1),
    ]
    timeline = CustomerEvent.objects.filter(customer=giulia, kind="ticket_created").get()
    assert timeline.data == {"ticket": str(ticket.uid), "number": 1001, "subject": ticket.subject}
    second = ticket_create(
        data=TicketData(
            subject="Altro", customer=giulia, message=MessageData(body_text="Ciao a tutti voi")
        ),
        actor=Actor.system(),
    )
    assert second.number == 1002


def test_first_agent_reply_opens_and_is_the_first_response(ticket: Ticket, alice: User) -> None:
    later = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)
    with time_machine.travel(later, tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Gentile Signora Rossi,\n\nverifico subito."),
            actor=Actor(user=alice),
        )
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Corriere contattato", kind="note"),
            actor=Actor(user=alice),
        )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.first_response_at, ticket.agent_reply_count, ticket.version) == (
        "open",
        later,
        1,
        2,
    )
    assert list(
        ticket.messages.order_by("created_at", "id").values_list("kind", "author__username")
    ) == [
        ("reply", None),
        ("reply", "alice"),
        ("note", "alice"),
    ]


def test_customer_reply_resumes_pending_and_reopens_solved(ticket: Ticket, alice: User) -> None:
    agent = Actor(user=alice)
    ticket_update(
        ticket=ticket, changes=TicketChanges(status="pending"), expected_version=1, actor=agent
    )
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Ecco il numero", author_kind="customer"),
        actor=Actor.system(),
    )
    ticket.refresh_from_db()
    assert ticket.status == "open"
    ticket_update(
        ticket=ticket, changes=TicketChanges(status="solved"), expected_version=None, actor=agent
    )
    ticket.refresh_from_db()
    assert ticket.solved_at is not None
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Non è ancora arrivato", author_kind="customer"),
        actor=Actor.system(),
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.reopen_count) == ("open", 1)
    assert ticket.solved_at is None
    assert ticket.events.filter(kind="reopened").count() == 1
    ticket_update(
        ticket=ticket, changes=TicketChanges(status="solved"), expected_version=None, actor=agent
    )
    ticket_update(
        ticket=ticket, changes=TicketChanges(status="closed"), expected_version=None, actor=agent
    )
    with pytest.raises(Conflict, match="This ticket is closed. Open a follow-up ticket instead."):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Ancora?", author_kind="customer"),
            actor=Actor.system(),
        )
    assert TicketMessage.objects.filter(ticket=ticket).count() == 3


@pytest.mark.parametrize("current", list(Ticket.Status.values))
@pytest.mark.parametrize("target", list(Ticket.Status.values))
def test_transition_table(current: str, target: str) -> None:
    allowed = {
        ("new", "open"), ("new", "pending"), ("new", "on_hold"), ("new", "solved"),
        ("open", "pending"), ("open", "on_hold"), ("open", "solved"),
        ("pending", "open"), ("pending", "on_hold"), ("pending", "solved"),
        ("on_hold", "open"), ("on_hold", "pending"), ("on_hold", "solved"),
        ("solved", "open"), ("solved", "closed"),
    }  # fmt: skip
    assert can_move(current, target) == (current == target or (current, target) in allowed)
    assert sum(len(targets) for targets in ALLOWED.values()) == len(allowed)


def test_a_forbidden_transition_is_a_field_error(ticket: Ticket, alice: User) -> None:
    agent = Actor(user=alice)
    ticket_update(
        ticket=ticket, changes=TicketChanges(status="solved"), expected_version=1, actor=agent
    )
    with pytest.raises(FieldErrors) as raised:
        ticket_update(
            ticket=ticket, changes=TicketChanges(status="pending"), expected_version=2, actor=agent
        )
    assert raised.value.errors == {
        "status": "A ticket cannot go from Solved to Pending (waiting on the customer)."
    }


def test_stale_writes_conflict_only_on_the_fields_they_touch(
    ticket: Ticket, alice: User, bob: User
) -> None:
    # A and B both loaded version 1.
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="on_hold"),
        expected_version=1,
        actor=Actor(user=alice),
    )
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(assignee=bob, priority="high"),
        expected_version=1,
        actor=Actor(user=bob),
    )  # other fields: both land
    with pytest.raises(Conflict) as raised:
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="solved"),
            expected_version=1,
            actor=Actor(user=bob),
        )
    assert (
        raised.value.message == "Someone else changed status of this ticket. Reload and try again."
    )
    ticket.refresh_from_db()
    assert (ticket.status, ticket.priority, ticket.assignee, ticket.version) == (
        "on_hold",
        "high",
        bob,
        3,
    )
    updated = ticket.events.filter(kind="updated").order_by("version")
    assert [(e.version, e.fields, e.actor_id) for e in updated] == [
        (2, ["status"], alice.pk),
        (3, ["assignee", "priority"], bob.pk),
    ]
    # A reply is never refused for being late.
    message_add(
        ticket=ticket,
        data=MessageData(body_text="Risposta tardiva ma salvata"),
        actor=Actor(user=bob),
    )
    assert ticket.messages.count() == 2


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Someone else changed priority and status of this ticket. Reload and try again."),
        (
            "it",
            "Qualcun altro ha modificato questi dati del ticket: priorità e stato. "
            "Ricarica e riprova.",
        ),
    ],
)
def test_a_stale_change_names_the_fields_in_the_viewers_language(
    ticket: Ticket, alice: User, bob: User, language: str, expected: str
) -> None:
    # Given: Alice changed the status and the priority since version 1.
    ticket_update(
        ticket=ticket,
        changes=TicketChanges(status="on_hold", priority="high"),
        expected_version=1,
        actor=Actor(user=alice),
    )
    # When: Bob changes both from version 1.
    with translation.override(language), pytest.raises(Conflict) as raised:
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(status="solved", priority="low"),
            expected_version=1,
            actor=Actor(user=bob),
        )
    # Then: the fields are named as people read them, joined as the language joins a list.
    assert (raised.value.message, raised.value.code) == (expected, "stale_version")
    assert ticket.events.filter(kind="updated").count() == 1


def test_assignee_must_be_in_the_team_and_moving_team_unassigns(
    ticket: Ticket, alice: User, charlie: User, team_rome: Team, team_riyadh: Team
) -> None:
    agent = Actor(user=alice)
    with pytest.raises(FieldErrors) as raised:
        ticket_update(
            ticket=ticket,
            changes=TicketChanges(assignee=charlie),
            expected_version=None,
            actor=agent,
        )
    assert raised.value.errors == {"assignee": "charlie is not a member of this team."}
    ticket_update(
        ticket=ticket, changes=TicketChanges(assignee=alice), expected_version=None, actor=agent
    )
    ticket_update(
        ticket=ticket, changes=TicketChanges(team=team_riyadh), expected_version=None, actor=agent
    )
    ticket.refresh_from_db()
    assert (ticket.team, ticket.assignee) == (team_riyadh, None)
    assert ticket.events.order_by("-version").first().data == {  # type: ignore[union-attr]
        "team": [str(team_rome.uid), str(team_riyadh.uid)],
        "assignee": ["alice", None],
    }


def test_marketers_do_not_work_on_tickets(giulia: Customer, mia: User) -> None:
    with pytest.raises(Forbidden):
        ticket_create(
            data=TicketData(
                subject="x", customer=giulia, message=MessageData(body_text="hello there you")
            ),
            actor=Actor(user=mia),
        )
    assert not Ticket.objects.exists()
    assert not TicketEvent.objects.exists()


def test_bad_input_is_every_field_at_once(giulia: Customer) -> None:
    with pytest.raises(FieldErrors) as raised:
        ticket_create(
            data=TicketData(
                subject=" ",
                customer=giulia,
                channel="fax",
                priority="asap",
                language="xx-yy-zz",
                message=MessageData(body_html="<script>only()</script>"),
            ),
            actor=Actor.system(),
        )
    assert raised.value.errors == {
        "subject": "Give a subject of at most 300 characters.",
        "channel": "fax is not one of: email, web, chat, phone, walk_in, social, api.",
        "priority": "asap is not one of: low, normal, high, urgent.",
        "language": "xx-yy-zz is not a known language code.",
        "body": "Write a message.",
    }
    assert not Ticket.objects.exists()


def test_merging_customers_moves_their_tickets(ticket: Ticket, giulia: Customer) -> None:
    from cortesia.customers.merge import customer_merge

    kept = customer_create(data=CustomerData(given_name="Giulia R."), actor=Actor.system())
    customer_merge(target=kept, duplicate=giulia, actor=Actor.system())
    ticket.refresh_from_db()
    assert ticket.customer_id == kept.pk
    assert list(
        kept.events.filter(kind="ticket_created").values_list("data__number", flat=True)
    ) == [1001]


def test_numbers_continue_after_the_counter_row_is_lost(giulia: Customer) -> None:
    from cortesia.tickets.models import TicketCounter

    TicketCounter.objects.all().delete()  # e.g. a flushed database
    data = TicketData(
        subject="x", customer=giulia, message=MessageData(body_text="hello out there")
    )
    assert [ticket_create(data=data, actor=Actor.system()).number for _ in range(2)] == [1001, 1002]


def test_numbering_continues_after_loaded_tickets(giulia: Customer) -> None:
    data = TicketData(
        subject="x", customer=giulia, message=MessageData(body_text="hello out there")
    )
    numbers_continue_after(52_000)  # e.g. after history was loaded with its own numbers
    assert [ticket_create(data=data, actor=Actor.system()).number for _ in range(2)] == [
        52_001,
        52_002,
    ]
    assert next_number() == 52_003


@pytest.mark.parametrize(
    ("text", "author", "given", "mode", "expected"),
    [
        (FIRST_MESSAGES["it"], "customer", "", "fast", ("it", "detected")),
        (FIRST_MESSAGES["bg"], "customer", "", "fast", ("bg", "detected")),
        (FIRST_MESSAGES["ro"], "customer", "", "accurate", ("ro", "detected")),
        (FIRST_MESSAGES["it"], "customer", "ro", "fast", ("ro", "given")),
        ("Grazie!", "customer", "", "fast", ("fi", "customer")),  # too short to tell
        (FIRST_MESSAGES["it"], "agent", "", "fast", ("fi", "customer")),  # e.g. a logged call
        (FIRST_MESSAGES["it"], "customer", "", "off", ("fi", "customer")),
    ],
)
def test_the_ticket_language_comes_from_the_first_customer_message(
    text: str,
    author: str,
    given: str,
    mode: str,
    expected: tuple[str, str],
    settings: Any,
) -> None:
    settings.CORTESIA_LANGUAGE_DETECTION = mode
    aino = customer_create(
        data=CustomerData(given_name="Aino", language="fi"), actor=Actor.system()
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Tilaus",
            customer=aino,
            language=given,
            message=MessageData(body_text=text, author_kind=author),
        ),
        actor=Actor.system(),
    )
    created = ticket.events.get(kind="created").data["language"]
    assert (Ticket.objects.get(pk=ticket.pk).language, created) == expected
    assert Customer.objects.get(pk=aino.pk).language == "fi"  # the profile is left alone


@pytest.mark.parametrize(
    ("_case", "text", "customer_language", "channel_language", "expected"),
    [
        ("detected first", FIRST_MESSAGES["bg"], "fi", "it", ("bg", "detected")),
        ("then the customer's", "Текст", "fi", "bg", ("fi", "customer")),
        ("then the page's", "Текст", "", "bg", ("bg", "channel")),
        ("then the site's", "Текст", "", "", ("en", "site")),
    ],
)
def test_a_ticket_too_short_to_tell_falls_back_to_what_is_known(
    _case: str,
    text: str,
    customer_language: str,
    channel_language: str,
    expected: tuple[str, str],
    settings: Any,
) -> None:
    settings.CORTESIA_LANGUAGE_DETECTION = "fast"
    settings.LANGUAGE_CODE = "en"
    maria = customer_create(
        data=CustomerData(given_name="Мария", language=customer_language), actor=Actor.system()
    )
    ticket = ticket_create(
        data=TicketData(
            subject="Тест",
            customer=maria,
            channel="web",
            channel_language=channel_language,
            message=MessageData(body_text=text, author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    created = ticket.events.get(kind="created").data["language"]
    assert (Ticket.objects.get(pk=ticket.pk).language, created) == expected
    assert Customer.objects.get(pk=maria.pk).language == customer_language  # left alone
