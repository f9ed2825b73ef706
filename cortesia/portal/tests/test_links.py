from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.portal.links import link_check, link_holder, link_issue, link_redeem
from cortesia.portal.models import SignInLink


def test_a_token_carries_256_random_bits_and_only_its_digest_is_stored(
    giulia: Customer,
) -> None:
    issued = link_issue(customer=giulia, address="giulia@example.it")
    raw = base64.urlsafe_b64decode(issued.token + "=")
    stored = SignInLink.objects.get()
    assert (len(issued.token), len(raw)) == (43, 32)
    assert stored.digest == hashlib.sha256(issued.token.encode()).hexdigest()
    assert issued.token not in {stored.digest, stored.address}
    assert stored.expires_at - stored.created_at == timedelta(minutes=30)
    assert issued.expires_at == stored.expires_at


def test_a_link_signs_in_once(giulia: Customer) -> None:
    token = link_issue(customer=giulia, address="giulia@example.it").token
    assert link_check(token=token) == giulia  # looking does not use it up
    redeemed = link_redeem(token=token)
    assert (redeemed.customer, redeemed.address) == (giulia, "giulia@example.it")
    with pytest.raises(NotFound):
        link_redeem(token=token)
    with pytest.raises(NotFound):
        link_check(token=token)
    assert link_holder(token=token) == giulia  # only to choose the page's language


def test_a_link_expires_after_thirty_minutes(giulia: Customer) -> None:
    now = timezone.now()
    fresh = link_issue(customer=giulia, address="giulia@example.it", now=now).token
    stale = link_issue(customer=giulia, address="giulia@example.it", now=now).token
    with pytest.raises(NotFound):
        link_redeem(token=stale, now=now + timedelta(minutes=30))
    assert link_redeem(token=fresh, now=now + timedelta(minutes=29, seconds=59)).customer == giulia


def test_signing_in_ends_the_other_links_of_the_customer(giulia: Customer, omar: Customer) -> None:
    first = link_issue(customer=giulia, address="giulia@example.it").token
    second = link_issue(customer=giulia, address="giulia@example.it").token
    others = link_issue(customer=omar, address="omar@example.sa").token
    link_redeem(token=second)
    with pytest.raises(NotFound):
        link_redeem(token=first)
    assert link_redeem(token=others).customer == omar


@pytest.mark.parametrize("token", ["", "x", "A" * 43, "A" * 500, "../../etc/passwd"])
def test_unknown_tokens_are_not_found(giulia: Customer, token: str) -> None:
    assert link_holder(token=token) is None
    link_issue(customer=giulia, address="giulia@example.it")
    with pytest.raises(NotFound):
        link_redeem(token=token)
    assert SignInLink.objects.filter(used_at__isnull=False).count() == 0


def test_a_link_of_a_merged_customer_signs_in_the_survivor(giulia: Customer) -> None:
    survivor = customer_create(
        data=CustomerData(given_name="Giulia", surname="Rossi", emails=["g.rossi@example.it"]),
        actor=Actor.system(),
    )
    token = link_issue(customer=giulia, address="giulia@example.it").token
    Customer.objects.filter(pk=giulia.pk).update(merged_into=survivor)
    assert link_redeem(token=token).customer == survivor


def test_issuing_removes_the_customers_links_that_expired_a_day_ago(giulia: Customer) -> None:
    now = timezone.now()
    link_issue(customer=giulia, address="giulia@example.it", now=now - timedelta(days=2))
    link_issue(customer=giulia, address="giulia@example.it", now=now - timedelta(hours=2))
    link_issue(customer=giulia, address="giulia@example.it", now=now)
    assert SignInLink.objects.count() == 2
