"""Each page type shows date-times in the viewer's language and zone, one CLDR style.

A ticket is opened at 13:50 UTC on Wednesday 2 December 2026 (14:50 in Rome) with a
one-hour first-response clock, and every page is read at 14:50 UTC (15:50 in Rome), by
staff and a customer who both live in Rome, in each interface language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.portal.links import link_issue
from cortesia.sla.policies import PolicyData, policy_save
from cortesia.testing.fixtures import make_user
from cortesia.tickets.models import Ticket
from cortesia.tickets.services import MessageData, TicketData, ticket_create

pytestmark = pytest.mark.django_db

OPENED = datetime(2026, 12, 2, 13, 50, tzinfo=UTC)
READ = datetime(2026, 12, 2, 14, 50, tzinfo=UTC)  # also the first response's deadline
ZONE = "Europe/Rome"


@dataclass(frozen=True)
class Expected:
    opened: str  # 14:50 in Rome
    read: str  # 15:50 in Rome


EXPECTED = {
    "en": Expected("Dec 2, 2026, 2:50\u202fPM", "Dec 2, 2026, 3:50\u202fPM"),
    "it": Expected("2 dic 2026, 14:50", "2 dic 2026, 15:50"),
    "fi": Expected("2.12.2026 14.50", "2.12.2026 15.50"),
    "bg": Expected("2.12.2026\u202fг., 14:50", "2.12.2026\u202fг., 15:50"),
    "ro": Expected("2 dec. 2026, 14:50", "2 dec. 2026, 15:50"),
    # Day, month, year, each followed by a right-to-left mark; the Arabic comma; "م" = PM.
    "ar": Expected("02\u200f/12\u200f/2026، 2:50 م", "02\u200f/12\u200f/2026، 3:50 م"),
}
# 2 December written month first ("12/2/2026", "12‏/02‏/2026") or "ديسمبر 2, 2026".
US_ORDER = re.compile("12\u200f?/0?2\u200f?/(20)?26|ديسمبر \\d+,")


@dataclass(frozen=True)
class Scene:
    viewer: User
    customer: Customer
    ticket: Ticket


def _scene(language: str) -> Scene:
    admin = make_user("ada", Role.ADMIN, language=language, time_zone=ZONE)
    actor = Actor(user=admin)
    policy_save(
        policy=None,
        data=PolicyData(name="One hour", first_response_minutes=60, business_hours=False),
        actor=actor,
    )
    with time_machine.travel(OPENED, tick=False):
        customer = customer_create(
            data=CustomerData(
                given_name="Rita",
                surname="Conti",
                country="IT",
                language=language,
                time_zone=ZONE,
                emails=["rita@example.it"],
            ),
            actor=actor,
        )
        ticket = ticket_create(
            data=TicketData(
                subject="Ordine 4411",
                customer=customer,
                channel=Ticket.Channel.WEB,
                message=MessageData(body_text="Non è arrivato.", author_kind="customer"),
            ),
            actor=Actor.system(),
        )
        audit_record(action=AuditEvent.Action.LOGIN, result=AuditEvent.Result.OK, actor=actor)
    return Scene(admin, customer, ticket)


def _staff_pages(scene: Scene) -> dict[str, str]:
    client = Client()
    client.force_login(scene.viewer)
    paths = {
        "home": "/",
        "inbox": "/tickets/?view=all",
        "ticket": f"/tickets/{scene.ticket.uid}/",
        "customer": f"/customers/{scene.customer.uid}/",
        "audit": "/audit/",
    }
    pages = {}
    with time_machine.travel(READ, tick=False):
        for name, path in paths.items():
            response = client.get(path)
            assert response.status_code == 200, name
            pages[name] = response.content.decode()
    return pages


def _portal_pages(scene: Scene) -> dict[str, str]:
    client = Client()
    issued = link_issue(customer=scene.customer, address="rita@example.it", now=READ)
    with time_machine.travel(READ, tick=False):
        assert client.post(f"/portal/sign-in/{issued.token}/").status_code == 302
        pages = {
            "portal list": client.get("/portal/").content.decode(),
            "portal request": client.get(f"/portal/requests/{scene.ticket.uid}/").content.decode(),
        }
    return pages


def _time(moment: datetime, text: str) -> str:
    return f'<time datetime="{moment.isoformat().replace("+00:00", "Z")}">{text}</time>'


@pytest.mark.parametrize("language", list(EXPECTED))
def test_every_page_type_shows_the_viewers_date_time_style(language: str) -> None:
    scene = _scene(language)
    expected = EXPECTED[language]
    staff = _staff_pages(scene)
    portal = _portal_pages(scene)

    lead = re.search('<p class="lead">(.*?)</p>', staff["home"])
    assert lead is not None
    assert lead.group(1).endswith(expected.read)  # "Your time now: …"
    assert f'title="{expected.read}"' in staff["inbox"]  # the deadline, exact on hover
    assert _time(OPENED, expected.opened) in staff["ticket"]  # the first message
    assert _time(READ, expected.read) in staff["ticket"]  # the clock's deadline
    assert _time(OPENED, expected.opened) in staff["customer"]  # their ticket, updated
    assert f'<td data-testid="audit-time">{_time(OPENED, expected.opened)}</td>' in staff["audit"]
    assert (
        f'<td data-testid="portal-updated">{_time(OPENED, expected.opened)}</td>'
        in portal["portal list"]
    )
    message_time = (
        f'<time datetime="2026-12-02T13:50:00Z" data-testid="message-time">{expected.opened}</time>'
    )
    assert message_time in portal["portal request"]
    for name, page in {**staff, **portal}.items():
        assert US_ORDER.search(page) is None, name


def test_the_us_order_check_would_see_the_old_arabic_style() -> None:
    # What Django's Arabic fallback formats wrote for this instant.
    assert US_ORDER.search("12/02/2026 3:50 م") is not None
    assert US_ORDER.search("ديسمبر 2, 2026") is not None
    assert US_ORDER.search(EXPECTED["ar"].read) is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "6.1.2027: Loppiainen</p>"),
        ("en", "Jan 6, 2027: Epiphany</p>"),
        # No Arabic names for Finland's holidays: English, chosen explicitly.
        ("ar", "06\u200f/01\u200f/2027: Epiphany</p>"),
    ],
)
def test_holidays_are_named_for_the_viewer_and_not_styled_as_errors(
    language: str, expected: str
) -> None:
    viewer = make_user("ada", Role.ADMIN, language=language, time_zone="Europe/Helsinki")
    customer = customer_create(
        data=CustomerData(
            given_name="Aino", surname="Virtanen", country="FI", time_zone="Europe/Helsinki"
        ),
        actor=Actor(user=viewer),
    )
    client = Client()
    with time_machine.travel(datetime(2027, 1, 3, 10, 0, tzinfo=UTC), tick=False):
        client.force_login(viewer)
        page = client.get(f"/customers/{customer.uid}/").content.decode()
    holiday = re.search('<p class="public-holiday">([^<]*)</p>', page)
    assert holiday is not None
    assert holiday.group(0).endswith(expected)
    assert 'class="holiday"' not in page
