"""The organization pages: list, detail with customers and calendar, and the editor."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.customers.models import Organization
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.customers.services import CustomerData, customer_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def milano(admin_user: User) -> Calendar:
    return calendar_create(name="Milano office", time_zone="Europe/Rome", actor=Actor.system())


@pytest.fixture
def bellini(milano: Calendar) -> Organization:
    organization = organization_create(
        data=OrganizationData(name="Ottica Bellini", country="IT", calendar=milano),
        actor=Actor.system(),
    )
    customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", organization=str(organization.uid)),
        actor=Actor.system(),
    )
    return organization


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "listed", "edit"),
    [("anonymous", 302, 302), ("mia", 200, 403), ("alice", 200, 200), ("admin", 200, 200)],
)
def test_who_may_read_and_edit_organizations(
    bellini: Organization,
    alice: User,
    mia: User,
    admin_user: User,
    who: str,
    listed: int,
    edit: int,
) -> None:
    user = {"alice": alice, "mia": mia, "admin": admin_user}.get(who)
    client = _client(user)
    assert client.get("/customers/organizations/").status_code == listed
    assert client.get(f"/customers/organizations/{bellini.uid}/").status_code == listed
    assert client.get(f"/customers/organizations/{bellini.uid}/edit/").status_code == edit
    assert client.get("/customers/organizations/new/").status_code == edit


def test_the_list_counts_customers_in_fixed_queries(
    bellini: Organization, alice: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = _client(alice)
    client.get("/customers/organizations/")
    # session, user, 2FA policy, the organizations with calendars and customer counts
    with django_assert_num_queries(4):
        page = client.get("/customers/organizations/").content.decode()
    for number in range(3):
        organization_create(data=OrganizationData(name=f"Org {number}"), actor=Actor.system())
    with django_assert_num_queries(4):
        client.get("/customers/organizations/")
    assert "<bdi>Ottica Bellini</bdi></a></td>\n    <td>Italy</td>" in page
    assert '<td><bdi>Milano office</bdi></td>\n    <td class="num">1</td>' in page


def test_the_detail_shows_customers_and_calendar(bellini: Organization, alice: User) -> None:
    page = _client(alice).get(f"/customers/organizations/{bellini.uid}/").content.decode()
    assert '<bdi>Milano office</bdi> · <bdi dir="ltr">Europe/Rome</bdi>' in page
    assert "<bdi>Giulia Rossi</bdi></a></li>" in page


def test_editing_saves_domains_and_calendar_and_is_audited(
    bellini: Organization, alice: User, milano: Calendar
) -> None:
    client = _client(alice)
    other = calendar_create(name="Riyadh office", time_zone="Asia/Riyadh", actor=Actor.system())
    response = client.post(
        f"/customers/organizations/{bellini.uid}/edit/",
        {
            "name": "Ottica  Bellini",
            "country": "IT",
            "domains": "Bellini.it, @ottica-bellini.com bellini.it",
            "calendar": str(other.uid),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/customers/organizations/{bellini.uid}/"
    bellini.refresh_from_db()
    assert (bellini.domains, bellini.calendar) == (["bellini.it", "ottica-bellini.com"], other)
    [row] = AuditEvent.objects.filter(object_type="organization", actor=alice)
    assert (row.action, row.object_uid, row.data) == (
        "setting_change",
        str(bellini.uid),
        {
            "domains": [[], ["bellini.it", "ottica-bellini.com"]],
            "calendar": [str(milano.uid), str(other.uid)],
        },
    )
    # The same again changes and records nothing
    client.post(
        f"/customers/organizations/{bellini.uid}/edit/",
        {
            "name": "Ottica Bellini",
            "country": "IT",
            "domains": "bellini.it, ottica-bellini.com",
            "calendar": str(other.uid),
        },
    )
    assert AuditEvent.objects.filter(object_type="organization", actor=alice).count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "X", "domains": "not a domain!"}, "not is not a mail domain."),
        ({"name": "X", "domains": "bad_domain.it"}, "bad_domain.it is not a mail domain."),
        ({"name": "   "}, "This field is required."),
        ({"name": "X", "country": "ZZ"}, "ZZ"),
    ],
    ids=["spaces", "underscore", "no-name", "country"],
)
def test_bad_input_is_refused_and_nothing_is_audited(
    bellini: Organization, alice: User, fields: dict[str, str], message: str
) -> None:
    response = _client(alice).post(f"/customers/organizations/{bellini.uid}/edit/", fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(object_type="organization").exclude(actor=None).exists()
    bellini.refresh_from_db()
    assert bellini.name == "Ottica Bellini"


def test_a_double_submit_creates_one_organization(alice: User) -> None:
    client = _client(alice)
    response = client.post("/customers/organizations/new/", {"name": "Negozio Verdi"})
    assert response.status_code == 302
    created = Organization.objects.get(name="Negozio Verdi")
    assert response["Location"] == f"/customers/organizations/{created.uid}/"
    again = client.post("/customers/organizations/new/", {"name": "negozio verdi"})
    assert again.status_code == 400
    assert "An organization with this name exists already." in again.content.decode()
    assert Organization.objects.filter(name__iexact="negozio verdi").count() == 1
    audited = AuditEvent.objects.filter(object_type="organization", actor=alice)
    assert list(audited.values_list("object_uid", flat=True)) == [str(created.uid)]


def test_the_page_in_arabic_is_right_to_left(bellini: Organization, charlie: User) -> None:
    with time_machine.travel(datetime(2026, 12, 2, 12, 0, tzinfo=UTC), tick=False):
        Organization.objects.filter(pk=bellini.pk).update(
            updated_at=datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
        )
    page = _client(charlie).get(f"/customers/organizations/{bellini.uid}/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert '<time datetime="2026-12-02T12:00:00Z">' in page
