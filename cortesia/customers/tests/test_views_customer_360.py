"""The 360° customer page: profile (organization, tags, typed custom fields) and a
timeline that tells each entry (messages, calls, orders, consents, tickets)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Team, User
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.consents import consent_record
from cortesia.customers.custom_fields import CustomFieldData, custom_field_create
from cortesia.customers.models import ConsentRecord, Customer, Order
from cortesia.customers.orders import OrderData, order_record, order_set_status
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.calls import CallData, call_log
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, message_add, ticket_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def giulia(admin_user: User) -> Customer:
    admin = Actor(user=admin_user)
    for key, label, kind in [
        ("points", "Loyalty points", "number"),
        ("since", "Customer since", "date"),
        ("tier", "Tier", "text"),
        ("unused", "Unused", "text"),
    ]:
        custom_field_create(
            data=CustomFieldData(key=key, label=label, field_type=kind), actor=admin
        )
    calendar = calendar_create(name="Milano office", time_zone="Europe/Rome", actor=admin)
    organization = organization_create(
        data=OrganizationData(name="Ottica Bellini", calendar=calendar), actor=admin
    )
    return customer_create(
        data=CustomerData(
            given_name="Giulia",
            surname="Rossi",
            emails=["giulia@example.it"],
            tags=["vip", "milano"],
            custom_fields={"points": 12500, "since": "2019-04-01", "tier": "Oro"},
            organization=str(organization.uid),
        ),
        actor=admin,
    )


def _history(customer: Customer, team: Team, alice: User) -> Ticket:
    with time_machine.travel(MONDAY, tick=False):
        ticket = ticket_create(
            data=TicketData(
                subject="Occhiali rotti",
                customer=customer,
                team=team,
                channel="email",
                message=MessageData(
                    body_text="Buongiorno, gli occhiali sono arrivati rotti. " * 5,
                    author_kind="customer",
                ),
            ),
            actor=Actor.system(),
        )
    with time_machine.travel(MONDAY.replace(hour=10), tick=False):
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Ce ne scusiamo: li sostituiamo subito."),
            actor=Actor(user=alice),
        )
        message_add(
            ticket=ticket,
            data=MessageData(body_text="Solo per noi.", kind="note"),
            actor=Actor(user=alice),
        )
    with time_machine.travel(MONDAY.replace(hour=11), tick=False):
        call_log(
            ticket=ticket,
            call=CallData(direction="inbound", seconds=125, notes="Ha chiamato per il cambio."),
            expected_version=Ticket.objects.get(pk=ticket.pk).version,
            key="",
            actor=Actor(user=alice),
        )
    order, _created = order_record(
        customer=customer,
        actor=Actor.system(),
        data=OrderData(
            number="IT-77",
            currency="EUR",
            total="1250.5",
            placed_at=MONDAY.replace(hour=12),
        ),
    )
    with time_machine.travel(MONDAY.replace(hour=13), tick=False):
        order_set_status(order=order, status=Order.Status.SHIPPED, actor=Actor.system())
        consent_record(
            customer=customer,
            purpose=ConsentRecord.Purpose.MARKETING,
            channel=ConsentRecord.Channel.EMAIL,
            status=ConsentRecord.Status.WITHDRAWN,
            source=ConsentRecord.Source.FORM,
            text_shown="Newsletter",
            actor=Actor.system(),
        )
    return ticket


def test_the_profile_shows_organization_tags_and_typed_custom_fields(
    alice_client: Client, giulia: Customer
) -> None:
    page = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    organization = giulia.organization
    assert organization is not None
    assert (
        f'<a href="/customers/organizations/{organization.uid}/"><bdi>Ottica Bellini</bdi></a>'
        " · calendar: Milano office</dd>"
    ) in page
    assert '<span class="badge"><bdi>vip</bdi></span> <span class="badge"><bdi>milano</bdi>' in page
    assert (
        '<dt>Loyalty points</dt>\n    <dd data-testid="custom-field"><span dir="ltr">12,500</span>'
        in page
    )
    assert '<time datetime="2019-04-01">Apr 1, 2019</time>' in page
    assert '<dd data-testid="custom-field"><bdi>Oro</bdi></dd>' in page
    assert "Unused" not in page


def test_the_timeline_tells_each_entry(
    alice_client: Client, alice: User, giulia: Customer, team_rome: Team
) -> None:
    ticket = _history(giulia, team_rome, alice)
    page = alice_client.get(f"/customers/{giulia.uid}/").content.decode()
    kinds = [
        chunk.split('"', 1)[0]
        for chunk in page.split('data-testid="timeline-entry" data-kind="')[1:]
    ]
    assert kinds == [
        "created",  # today, after the history
        "consent",
        "order_status",
        "order_placed",
        "call_logged",
        "message",
        "ticket_created",
        "message",
    ]
    link = f'<a href="/tickets/{ticket.uid}/#message-'
    assert page.count(link) == 2
    assert "<strong>Reply by Alice Rossi</strong>" in page
    assert (
        '<q dir="auto" data-testid="timeline-excerpt">Ce ne scusiamo: li sostituiamo subito.</q>'
        in page
    )
    assert "<strong>Message from the customer</strong>" in page
    excerpt = page.split('data-testid="timeline-excerpt">')[2].split("</q>")[0]
    assert len(excerpt) == 140
    assert excerpt.endswith("…")
    assert "Solo per noi." not in page  # internal notes stay on the ticket
    assert (
        '<strong>Inbound call</strong> · <span dir="ltr" data-testid="timeline-call-length">'
        "2:05</span>" in page
    )
    assert '<span data-testid="timeline-amount">€1,250.50</span> · Placed' in page
    assert 'data-testid="timeline-order"><bdi>IT-77</bdi></a> · Shipped' in page
    assert '<span data-testid="timeline-consent">Marketing, Withdrawn (E-mail)</span>' in page
    assert f'<a href="/tickets/{ticket.uid}/" data-testid="timeline-ticket">' in page


def test_a_viewer_who_may_not_see_the_ticket_sees_none_of_its_messages(
    charlie: User, alice: User, giulia: Customer, team_rome: Team
) -> None:
    _history(giulia, team_rome, alice)
    client = Client()
    client.force_login(charlie)
    page = client.get(f"/customers/{giulia.uid}/").content.decode()
    assert 'data-kind="message"' not in page
    assert 'data-kind="call_logged"' not in page
    assert 'data-kind="order_placed"' in page


def test_the_page_makes_the_same_queries_with_more_history(
    alice_client: Client,
    alice: User,
    giulia: Customer,
    team_rome: Team,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _history(giulia, team_rome, alice)
    path = f"/customers/{giulia.uid}/"
    alice_client.get(path)  # warm the session and caches
    with django_assert_num_queries(15):
        assert alice_client.get(path).status_code == 200
    _history(giulia, team_rome, alice)
    with django_assert_num_queries(15):
        assert alice_client.get(path).status_code == 200
