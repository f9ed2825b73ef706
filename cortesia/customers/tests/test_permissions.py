"""Each customers permission flag a page shows equals what the service it stands for does."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cortesia.accounts.models import Role, User
from cortesia.accounts.services import user_update
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.customers.importing import import_start
from cortesia.customers.models import CustomerImport
from cortesia.customers.organizations import (
    OrganizationData,
    organization_create,
    organization_list,
)
from cortesia.customers.permissions import can_import, can_view_customers
from cortesia.customers.selectors import customer_list
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.django_db

IMPORTS_LINK = '<a href="/customers/imports/">Imports</a>'


def _person(role: Role, *, active: bool) -> User:
    user = make_user(f"someone_{role}", role)
    if not active:
        user_update(user=user, is_active=False, actor=Actor.system())
    return user


@pytest.mark.parametrize(
    ("role", "active", "expected"),
    [
        pytest.param(Role.ADMIN, True, True, id="admin"),
        pytest.param(Role.MANAGER, True, True, id="manager"),
        pytest.param(Role.AGENT, True, True, id="agent"),
        pytest.param(Role.MARKETER, True, True, id="marketer"),
        pytest.param(Role.AGENT, False, False, id="inactive_agent"),
    ],
)
def test_can_view_customers_is_what_the_customer_selectors_return(
    role: Role, active: bool, expected: bool
) -> None:
    person = _person(role, active=active)
    customer = customer_create(data=CustomerData(given_name="Giulia"), actor=Actor.system())
    organization = organization_create(
        data=OrganizationData(name="Trattoria Roma"), actor=Actor.system()
    )
    seen = (
        list(customer_list(viewer=person)) == [customer],
        list(organization_list(viewer=person)) == [organization],
    )
    assert (can_view_customers(person), *seen) == (expected, expected, expected)


@pytest.mark.parametrize(
    ("role", "active", "expected"),
    [
        pytest.param(Role.ADMIN, True, True, id="admin"),
        pytest.param(Role.MANAGER, True, True, id="manager"),
        pytest.param(Role.AGENT, True, False, id="agent"),
        pytest.param(Role.MARKETER, True, False, id="marketer"),
        pytest.param(Role.ADMIN, False, False, id="inactive_admin"),
    ],
)
def test_can_import_is_what_import_start_allows(role: Role, active: bool, expected: bool) -> None:
    person = _person(role, active=active)
    upload = SimpleUploadedFile("customers.csv", b"given_name\nGiulia\n")
    # an unknown kind: past the permission check the service refuses the data, storing nothing
    try:
        import_start(
            upload=upload, kind="nonsense", source="", is_dry_run=True, actor=Actor(user=person)
        )
    except Forbidden:
        allowed = False
    except FieldErrors:
        allowed = True
    assert (can_import(person), allowed, CustomerImport.objects.count()) == (expected, expected, 0)


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        pytest.param(Role.ADMIN, True, id="admin"),
        pytest.param(Role.MANAGER, True, id="manager"),
        pytest.param(Role.AGENT, False, id="agent"),
        pytest.param(Role.MARKETER, False, id="marketer"),
    ],
)
def test_the_customer_list_links_the_imports_only_for_importers(
    role: Role, shown: bool, english: None
) -> None:
    person = _person(role, active=True)
    client = Client()
    client.force_login(person)
    page = client.get("/customers/").content.decode()
    imports = client.get("/customers/imports/")
    assert (page.count(IMPORTS_LINK), imports.status_code) == (int(shown), 200 if shown else 403)
