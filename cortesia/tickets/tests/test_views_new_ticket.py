"""The desk's new ticket page: pick or create the customer, then the ticket."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer, CustomerEvent
from cortesia.customers.services import CustomerData, customer_create
from cortesia.mail.mailboxes import mailbox_create
from cortesia.testing.concurrency import concurrently as _concurrently
from cortesia.testing.fixtures import make_user
from cortesia.tickets.intake import frame_for
from cortesia.tickets.models import Ticket, TicketMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def said(text: str) -> str:
    """``text`` as the page shows it: through the catalogue (filled separately), escaped."""
    return escape(gettext(text))


@pytest.fixture
def rossi(db: None) -> Customer:
    return customer_create(
        data=CustomerData(
            given_name="Paolo", surname="Rossi", country="IT", emails=["paolo@example.it"]
        ),
        actor=Actor.system(),
    )


def _new(customer: Customer | str, **changed: str) -> dict[str, str]:
    data = {
        "submission": "form-1",
        "customer": customer if isinstance(customer, str) else str(customer.uid),
        "query": "",
        "channel": "phone",
        "subject": "Consegna in ritardo",
        "first": "customer",
        "body": "Il pacco non è ancora arrivato.",
        "team": "",
        "priority": "normal",
    }
    data.update(changed)
    return data


def _messages(ticket: Ticket) -> list[tuple[str, str, str]]:
    return [(m.kind, m.author_kind, m.body_text) for m in ticket.messages.order_by("id")]


HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("mia", 403), ("alice", 200), ("root", 200)]
)
def test_the_page_is_for_those_who_work_tickets(
    alice: User, mia: User, admin_user: User, who: str, expected: int
) -> None:
    client = Client()
    if who != "anonymous":
        client.force_login({"alice": alice, "mia": mia, "root": admin_user}[who])
    assert client.get("/tickets/new/").status_code == expected
    assert client.get("/tickets/new/customers/?query=x", headers=HTMX).status_code == expected


def test_a_manager_may_open_a_ticket_too(rossi: Customer, team_rome: Team) -> None:
    client = Client()
    client.force_login(make_user("manon", Role.MANAGER))
    response = client.post("/tickets/new/", _new(rossi, team=str(team_rome.uid)))
    assert response.status_code == 302
    assert Ticket.objects.get().team == team_rome


def test_the_inbox_and_the_customers_page_lead_here(alice_client: Client, rossi: Customer) -> None:
    inbox = alice_client.get("/tickets/").content.decode()
    assert 'href="/tickets/new/" data-testid="new-ticket"' in inbox
    page = alice_client.get(f"/customers/{rossi.uid}/").content.decode()
    assert f'href="/tickets/new/?customer={rossi.uid}" data-testid="customer-new-ticket"' in page


def test_coming_from_the_customers_page_picks_the_customer(
    alice_client: Client, rossi: Customer
) -> None:
    page = alice_client.get(f"/tickets/new/?customer={rossi.uid}").content.decode()
    assert (
        f'<input type="radio" name="customer" value="{rossi.uid}" checked required> '
        "<bdi>Paolo Rossi</bdi> · <bdi>paolo@example.it</bdi>"
    ) in page


def test_customers_are_found_as_the_agent_types(
    alice: User,
    alice_client: Client,
    rossi: Customer,
    giulia: Customer,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    alice_client.get("/tickets/new/customers/?query=ross", headers=HTMX)  # the session is loaded
    # session, user, the security policy with the user's teams, customers, e-mails, phones
    with django_assert_num_queries(6):
        page = alice_client.get("/tickets/new/customers/?query=ross", headers=HTMX).content.decode()
    assert page.count('data-testid="customer-choice"') == 1
    assert f'value="{rossi.uid}" required> <bdi>Paolo Rossi</bdi>' in page
    nothing = alice_client.get("/tickets/new/customers/?query=zzz", headers=HTMX).content.decode()
    assert 'data-testid="no-customer"' in nothing


def test_a_plain_visit_of_the_choices_goes_to_the_whole_page(alice_client: Client) -> None:
    response = alice_client.get("/tickets/new/customers/?query=Rossi%20M")

    assert response.status_code == 302
    assert response["Location"] == "/tickets/new/?query=Rossi+M"


def test_a_phone_ticket_with_the_callers_words_is_opened(
    alice_client: Client, rossi: Customer, team_rome: Team
) -> None:
    response = alice_client.post("/tickets/new/", _new(rossi, team=str(team_rome.uid)))
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/tickets/{ticket.uid}/"
    assert (ticket.channel, ticket.subject, ticket.customer_id, ticket.team_id, ticket.status) == (
        "phone",
        "Consegna in ritardo",
        rossi.pk,
        team_rome.pk,
        "new",
    )
    assert _messages(ticket) == [("reply", "customer", "Il pacco non è ancora arrivato.")]
    assert list(
        rossi.events.filter(kind=CustomerEvent.Kind.TICKET_CREATED).values_list(
            "data__ticket", flat=True
        )
    ) == [str(ticket.uid)]


def test_a_form_sent_twice_opens_one_ticket(alice_client: Client, rossi: Customer) -> None:
    first = alice_client.post("/tickets/new/", _new(rossi, channel="walk_in"))
    second = alice_client.post("/tickets/new/", _new(rossi, channel="walk_in"))
    assert first.headers["Location"] == second.headers["Location"]
    assert list(Ticket.objects.values_list("channel", flat=True)) == ["walk_in"]
    assert TicketMessage.objects.count() == 1


def test_routing_without_a_team_puts_the_ticket_in_the_agents_team(
    alice_client: Client, rossi: Customer, team_rome: Team
) -> None:
    response = alice_client.post("/tickets/new/", _new(rossi))
    ticket = Ticket.objects.get()
    assert response.headers["Location"] == f"/tickets/{ticket.uid}/"
    assert ticket.team_id == team_rome.pk


def test_a_new_customer_is_created_with_the_ticket(alice_client: Client) -> None:
    data = _new(
        "new",
        given_name="Aino",
        surname="Virtanen",
        emails="aino@example.fi",
        phones="+358 40 123 4567",
        language="fi",
        country="fi",
    )
    response = alice_client.post("/tickets/new/", data)
    customer = Customer.objects.get()
    assert response.status_code == 302
    assert (customer.given_name, customer.surname, customer.language, customer.country) == (
        "Aino",
        "Virtanen",
        "fi",
        "FI",
    )
    assert list(customer.emails.values_list("address", flat=True)) == ["aino@example.fi"]
    assert list(customer.phones.values_list("e164", flat=True)) == ["+358401234567"]
    assert Ticket.objects.get().customer == customer


def test_a_duplicate_customer_is_refused_with_a_link_to_the_existing_one(
    alice_client: Client, rossi: Customer
) -> None:
    data = _new("new", given_name="Paolo", surname="R.", emails="paolo@example.it")
    response = alice_client.post("/tickets/new/", data)
    page = response.content.decode()
    assert response.status_code == 409
    assert (
        f"A customer with this e-mail address or phone number already exists ({rossi.uid})." in page
    )
    assert f'<a href="/customers/{rossi.uid}/"><bdi>Paolo Rossi</bdi></a>' in page
    assert f'href="/tickets/new/?customer={rossi.uid}"' in page
    assert (Customer.objects.count(), Ticket.objects.count()) == (1, 0)


@pytest.mark.parametrize(
    ("changed", "field", "error"),
    [
        ({"subject": ""}, "subject", "This field is required."),
        ({"body": " "}, "body", "This field is required."),
        ({"customer": ""}, "customer", "This field is required."),
        (
            {"customer": "00000000-0000-0000-0000-000000000000"},
            "customer",
            said("Choose a customer or create one."),
        ),
        ({"customer": "new"}, "given_name", said("Give the new customer's name.")),
        ({"channel": "api"}, "channel", "Select a valid choice."),
        (
            {"first": "agent"},
            "channel",
            said("An e-mail to the customer is sent on the e-mail channel."),
        ),
    ],
)
def test_bad_input_is_refused_on_its_field(
    alice_client: Client, rossi: Customer, changed: dict[str, str], field: str, error: str
) -> None:
    response = alice_client.post("/tickets/new/", {**_new(rossi), **changed})
    page = response.content.decode()
    assert response.status_code == 400
    assert error in page
    assert (Ticket.objects.count(), Customer.objects.count()) == (0, 1)


def test_an_email_to_the_customer_starts_with_the_composers_greeting_and_is_mailed(
    alice: User, alice_client: Client, rossi: Customer, team_rome: Team, data_dir: Path
) -> None:
    mailbox_create(
        name="support", address="support@shop.example", team=team_rome, actor=Actor.system()
    )
    # Given the message field started for an e-mail to Paolo
    frame = frame_for(rossi, alice, team_rome)
    started = alice_client.post(
        "/tickets/new/message/",
        _new(rossi, first="agent", channel="email", body="", team=str(team_rome.uid)),
    ).content.decode()
    assert frame.split("\n")[0] in started
    assert f">\n{frame}</textarea>" in started
    # and the channel follows to e-mail, swapped in beside the message
    assert '<div id="new-channel" hx-swap-oob="true">' in started
    assert '<option value="email" selected>' in started
    # When Alice writes between the greeting and the sign-off, and opens the ticket
    body = frame.replace("\n\n\n\n", "\n\nLa sua carta regalo è pronta.\n\n", 1)
    data = _new(rossi, first="agent", channel="email", body=body, team=str(team_rome.uid))
    assert alice_client.post("/tickets/new/", data).status_code == 302
    # Then the ticket opens with her reply, queued to be mailed to Paolo
    ticket = Ticket.objects.get()
    message = ticket.messages.get()
    assert (ticket.channel, ticket.status, message.author_kind, message.author) == (
        "email",
        "open",
        "agent",
        alice,
    )
    assert "La sua carta regalo è pronta." in message.body_text
    assert message.delivery == "queued"


def test_an_email_with_only_the_greeting_is_refused(
    alice: User, alice_client: Client, rossi: Customer, team_rome: Team
) -> None:
    frame = frame_for(rossi, alice, team_rome)
    data = _new(rossi, first="agent", channel="email", body=frame, team=str(team_rome.uid))
    response = alice_client.post("/tickets/new/", data)
    assert response.status_code == 400
    assert "the greeting, the closing and the signature alone are not sent" in (
        response.content.decode()
    )
    assert not Ticket.objects.exists()


def test_an_email_to_a_customer_without_an_address_is_refused(
    alice_client: Client, team_rome: Team
) -> None:
    phone_only = customer_create(
        data=CustomerData(given_name="Ugo", phones=["+39 06 1234 5678"], country="IT"),
        actor=Actor.system(),
    )
    data = _new(phone_only, first="agent", channel="email", body="Buongiorno, la chiamo domani.")
    response = alice_client.post("/tickets/new/", data)
    assert response.status_code == 400
    assert said("This customer has no e-mail address to write to.") in response.content.decode()
    assert not Ticket.objects.exists()


def test_the_page_reads_right_to_left_in_arabic(charlie: User, rossi: Customer) -> None:
    client = Client()
    client.force_login(charlie)
    page = client.get(f"/tickets/new/?customer={rossi.uid}", HTTP_ACCEPT_LANGUAGE="ar").content
    assert b'dir="rtl"' in page
    assert b"<bdi>Paolo Rossi</bdi>" in page


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("customer", ["existing", "new"])
def test_two_concurrent_submissions_of_one_form_open_one_ticket(
    alice: User, team_rome: Team, customer: str
) -> None:
    if connection.vendor != "postgresql":
        # The in-memory SQLite test database locks whole tables without waiting; a real
        # SQLite file takes the write lock at BEGIN (IMMEDIATE) and serialises requests.
        pytest.skip("needs PostgreSQL: run through cortesia.testing.postgres")
    # Given one form for a new customer, sent by two requests at the same moment
    browser = Client()
    browser.force_login(alice)
    data = _new("new", given_name="Aino", surname="Virtanen", emails="aino@example.fi")
    if customer == "existing":
        aino = customer_create(
            data=CustomerData(given_name="Aino", emails=["aino@example.fi"]), actor=Actor.system()
        )
        data = _new(aino)

    def send() -> int:
        client = Client()
        client.cookies = browser.cookies
        return int(client.post("/tickets/new/", data).status_code)

    # When
    statuses = _concurrently(send, send)
    # Then both answer with the ticket, and one customer and one ticket are stored
    assert statuses == [302, 302]
    assert (Customer.objects.count(), Ticket.objects.count(), TicketMessage.objects.count()) == (
        1,
        1,
        1,
    )


def test_without_javascript_the_find_button_lists_the_customers_on_the_page(
    alice_client: Client, rossi: Customer, giulia: Customer
) -> None:
    page = alice_client.get("/tickets/new/?query=paolo&customer=").content.decode()
    assert page.count('data-testid="customer-choice"') == 1
    assert f'value="{rossi.uid}" required> <bdi>Paolo Rossi</bdi>' in page
    assert 'value="paolo" autocomplete="off"' in page
