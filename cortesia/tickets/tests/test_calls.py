"""Logging a phone call from the ticket page and from the customer's page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import format_moment
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.localization.templatetags.culture_formats import iso
from cortesia.tickets.calls import call_seconds_parse
from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
from cortesia.tickets.services import MessageData, TicketData, ticket_create
from cortesia.tickets.templatetags.phone_desk import call_length

pytestmark = pytest.mark.usefixtures("english")
LENGTH_ERROR = 'Give the length as minutes and seconds ("4:30") or minutes ("4").'


def said(text: str) -> str:
    """``text`` as the page shows it: through the catalogue (filled separately), escaped."""
    return escape(gettext(text))


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [
        ("4:30", 270),
        (" 0:05 ", 5),
        ("1:04:30", 3870),
        ("4", 240),
        ("4.5", 270),
        ("4,5", 270),
        ("90:00", 5400),
        ("24:00:00", 86_400),
    ],
)
def test_a_call_length_is_read_as_minutes_and_seconds_or_minutes(typed: str, seconds: int) -> None:
    assert call_seconds_parse(typed) == seconds


@pytest.mark.parametrize("typed", ["", "4:60", "-4", "four", "4:3", "24:00:01", "1:2:3:4"])
def test_a_call_length_that_is_not_one_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match=r".*"):
        call_seconds_parse(typed)


@pytest.mark.parametrize(
    ("language", "seconds", "shown"),
    [("en", 270, "4:30"), ("en", 5, "0:05"), ("en", 3870, "1:04:30"), ("fi", 270, "4:30")],
)
def test_a_call_length_is_shown_with_the_viewers_digits(
    language: str, seconds: int, shown: str
) -> None:
    with translation.override(language):
        assert call_length(seconds) == shown


def _call(**changed: str) -> dict[str, str]:
    data = {
        "submission": "call-1",
        "version": "1",
        "direction": "outbound",
        "duration": "4:30",
        "body": "Called back about the missing invoice.",
        "status": "",
    }
    data.update(changed)
    return data


def _calls(ticket: Ticket) -> list[tuple[str, str, int | None, str, str]]:
    return [
        (
            m.kind,
            m.call_direction,
            m.call_seconds,
            m.body_text,
            m.author.username if m.author else "",
        )
        for m in ticket.messages.filter(call_direction__gt="").select_related("author")
    ]


def _timeline(customer: Customer) -> list[tuple[str, dict[str, object]]]:
    return [
        (e.kind, e.data)
        for e in customer.events.filter(kind=CustomerEvent.Kind.CALL_LOGGED).order_by("id")
    ]


@pytest.mark.django_db
def test_a_call_logged_on_the_ticket_shows_in_the_conversation_and_on_the_timeline(
    ticket: Ticket, alice_client: Client, giulia: Customer
) -> None:
    # When Alice logs an outbound call of 4:30 on the ticket
    response = alice_client.post(f"/tickets/{ticket.uid}/calls/", _call())
    # Then it is stored as her call, and she goes back to it on the ticket page
    message = TicketMessage.objects.get(call_direction="outbound")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/tickets/{ticket.uid}/#message-{message.uid}"
    assert _calls(ticket) == [
        ("reply", "outbound", 270, "Called back about the missing invoice.", "alice")
    ]
    # And the conversation shows its direction, its length and the notes
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert (
        '<span data-testid="message-channel">Outbound call</span> · '
        '<span dir="ltr" data-testid="call-length">4:30</span>'
    ) in page
    assert "Called back about the missing invoice." in page
    # And the customer's timeline links it to the ticket
    assert _timeline(giulia) == [
        (
            "call_logged",
            {
                "ticket": str(ticket.uid),
                "number": ticket.number,
                "subject": "Fattura",
                "direction": "outbound",
                "seconds": 270,
            },
        )
    ]
    customer_page = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    # the ticket's opening and the call
    assert customer_page.count(f'href="/tickets/{ticket.uid}/" data-testid="timeline-ticket"') == 2
    # And it is an agent's contact, never mailed
    assert ticket.events.filter(kind=TicketEvent.Kind.REPLIED).count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_call_sent_twice_is_logged_once(
    ticket: Ticket, alice_client: Client, giulia: Customer
) -> None:
    first = alice_client.post(f"/tickets/{ticket.uid}/calls/", _call())
    second = alice_client.post(f"/tickets/{ticket.uid}/calls/", _call())
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_calls(ticket)) == 1
    assert len(_timeline(giulia)) == 1


@pytest.mark.django_db
def test_a_call_may_then_set_the_status(ticket: Ticket, alice_client: Client) -> None:
    alice_client.post(f"/tickets/{ticket.uid}/calls/", _call(status="solved"))
    ticket.refresh_from_db()
    assert (ticket.status, len(_calls(ticket))) == ("solved", 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changed", "field", "error"),
    [
        ({"duration": "four"}, "duration", LENGTH_ERROR),
        ({"duration": "25:00:00"}, "duration", LENGTH_ERROR),
        ({"body": ""}, "body", "This field is required."),
        ({"direction": "sideways"}, "direction", "Select a valid choice."),
    ],
)
def test_a_call_with_bad_input_is_refused_with_the_field_named(
    ticket: Ticket,
    alice_client: Client,
    giulia: Customer,
    changed: dict[str, str],
    field: str,
    error: str,
) -> None:
    response = alice_client.post(f"/tickets/{ticket.uid}/calls/", _call(**changed))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="{field}"' in page
    assert said(error) in page
    assert _calls(ticket) == []
    assert _timeline(giulia) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 302), ("charlie", 404), ("mia", 404), ("bob", 302), ("root", 302)],
)
def test_only_those_who_see_the_ticket_may_log_a_call_on_it(
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
    response = client.post(f"/tickets/{ticket.uid}/calls/", _call())
    assert response.status_code == expected
    logged = [] if who in ("anonymous", "charlie", "mia") else [who if who == "bob" else "root"]
    assert [row[4] for row in _calls(ticket)] == logged


@pytest.mark.django_db
def test_the_ticket_page_offers_the_call_form_folded(ticket: Ticket, alice_client: Client) -> None:
    page = alice_client.get(f"/tickets/{ticket.uid}/").content.decode()
    assert '<details class="card" data-testid="log-call">' in page
    assert f'action="/tickets/{ticket.uid}/calls/"' in page


@pytest.mark.django_db
def test_a_call_from_the_customers_page_opens_a_phone_ticket_when_asked(
    giulia: Customer, alice_client: Client, alice: User, team_rome: Team
) -> None:
    # Given Giulia's page, which leads to the call form
    customer_page = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    assert f'href="/tickets/customers/{giulia.uid}/call/" data-testid="customer-log-call"' in (
        customer_page
    )
    assert alice_client.get(f"/tickets/customers/{giulia.uid}/call/").status_code == 200
    # When Alice logs an inbound call on a new ticket
    data = _call(direction="inbound", duration="2", ticket="", subject="Chiamata")
    response = alice_client.post(f"/tickets/customers/{giulia.uid}/call/", data)
    # Then a phone ticket is opened with the call as its first message
    opened = Ticket.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/tickets/{opened.uid}/"
    assert (opened.channel, opened.subject, opened.customer_id) == ("phone", "Chiamata", giulia.pk)
    assert _calls(opened) == [
        ("reply", "inbound", 120, "Called back about the missing invoice.", "alice")
    ]
    assert [kind for kind, _data in _timeline(giulia)] == ["call_logged"]
    # And the same form sent again opens nothing more
    alice_client.post(f"/tickets/customers/{giulia.uid}/call/", data)
    assert (Ticket.objects.count(), len(_timeline(giulia))) == (1, 1)


@pytest.mark.django_db
def test_a_call_from_the_customers_page_may_go_on_an_open_ticket(
    ticket: Ticket, giulia: Customer, alice_client: Client
) -> None:
    page = alice_client.get(f"/tickets/customers/{giulia.uid}/call/").content.decode()
    assert f'<option value="{ticket.uid}">#{ticket.number} Fattura</option>' in page
    data = _call(ticket=str(ticket.uid), subject="")
    response = alice_client.post(f"/tickets/customers/{giulia.uid}/call/", data)
    assert response.headers["Location"] == f"/tickets/{ticket.uid}/"
    assert (Ticket.objects.count(), len(_calls(ticket))) == (1, 1)


@pytest.mark.django_db
def test_a_new_ticket_from_a_call_needs_a_subject(giulia: Customer, alice_client: Client) -> None:
    data = _call(ticket="", subject=" ")
    response = alice_client.post(f"/tickets/customers/{giulia.uid}/call/", data)
    assert response.status_code == 400
    assert said("Give the new ticket a subject.") in response.content.decode()
    assert not Ticket.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("mia", 403), ("alice", 200)])
def test_only_ticket_staff_log_calls_from_the_customers_page(
    giulia: Customer, alice: User, mia: User, who: str, expected: int
) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login({"alice": alice, "mia": mia}[who])
    assert client.get(f"/tickets/customers/{giulia.uid}/call/").status_code == expected
    assert client.post(f"/tickets/customers/{giulia.uid}/call/", _call(ticket="")).status_code in (
        expected,
        400,
    )
    assert not Ticket.objects.exists()


@pytest.mark.django_db
def test_the_customers_page_offers_the_desk_only_to_those_who_work_tickets(
    giulia: Customer, alice_client: Client, mia_client: Client
) -> None:
    for client, shown in ((alice_client, True), (mia_client, False)):
        page = client.get(f"/customers/{giulia.uid}/").content.decode()
        assert ('data-testid="customer-log-call"' in page) is shown
        assert ('data-testid="customer-new-ticket"' in page) is shown


@pytest.mark.django_db
def test_a_call_reads_right_to_left_with_its_time_in_arabic(
    charlie: User, team_riyadh: Team
) -> None:
    # Given a ticket of Charlie's team in Riyadh, and a call he logs on it
    layla = customer_create(
        data=CustomerData(given_name="ليلى", country="SA", phones=["+966 50 123 4567"]),
        actor=Actor.system(),
    )
    ticket = ticket_create(
        data=TicketData(
            subject="فاتورة",
            customer=layla,
            team=team_riyadh,
            message=MessageData(body_text="أين فاتورتي؟", author_kind="customer"),
        ),
        actor=Actor.system(),
    )
    client = Client()
    client.force_login(charlie)
    client.post(f"/tickets/{ticket.uid}/calls/", _call(duration="1:04:30"))
    # When he reads the ticket in Arabic
    page = client.get(f"/tickets/{ticket.uid}/").content.decode()
    # Then the page runs right to left, with the call's time as Arabic writes it
    call = TicketMessage.objects.get(call_direction="outbound")
    when = format_moment(call.created_at, "Asia/Riyadh", "ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert f'<time datetime="{iso(call.created_at)}">{when}</time>' in page
    assert '<span dir="ltr" data-testid="call-length">1:04:30</span>' in page
