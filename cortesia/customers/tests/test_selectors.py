"""Reads of customers: one customer's own row for writes that name it."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, User
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer
from cortesia.customers.organizations import OrganizationData, organization_create
from cortesia.customers.selectors import customer_row_get
from cortesia.customers.services import CustomerData, customer_create
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _customer(**fields: object) -> Customer:
    return customer_create(data=CustomerData(**fields), actor=Actor.system())  # type: ignore[arg-type]


def test_a_customers_row_is_one_query_and_its_organization_loads_on_first_use(
    alice: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # Given a customer of an organization, with an address
    acme = organization_create(data=OrganizationData(name="Acme"), actor=Actor.system())
    giulia = _customer(
        given_name="Giulia",
        surname="Rossi",
        country="IT",
        emails=["giulia@example.com"],
        organization=str(acme.uid),
    )
    # When an agent reads her row, it is one query of her own row
    with django_assert_num_queries(1):
        found = customer_row_get(viewer=alice, uid=str(giulia.uid))
    assert (found.pk, found.given_name, found.language, found.country) == (
        giulia.pk,
        "Giulia",
        "it",
        "IT",
    )
    # Then her organization and addresses are read only when asked for
    with django_assert_num_queries(2):
        assert found.organization is not None
        assert (found.organization.name, [e.address for e in found.emails.all()]) == (
            "Acme",
            ["giulia@example.com"],
        )


def test_a_merged_unknown_or_malformed_customer_or_a_viewer_without_customers_is_not_found(
    alice: User,
) -> None:
    # Given a customer merged into another, and a staff role that reads no customers
    kept, merged = _customer(given_name="Ana"), _customer(given_name="Ana M.")
    customer_merge(target=kept, duplicate=merged, actor=Actor.system())
    inactive = make_user("ivo", Role.AGENT)
    inactive.is_active = False
    # When each is looked up, then each is NotFound, as it is for customer_get
    for viewer, uid in (
        (alice, str(merged.uid)),
        (alice, "8c1f6a1e-0000-4000-8000-000000000000"),
        (alice, "not-a-uid"),
        (inactive, str(kept.uid)),
    ):
        with pytest.raises(NotFound):
            customer_row_get(viewer=viewer, uid=uid)
    assert customer_row_get(viewer=alice, uid=str(kept.uid)).pk == kept.pk
