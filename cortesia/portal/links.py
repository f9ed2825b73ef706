"""Sign-in links: 256-bit random tokens, stored only as their SHA-256, single-use, valid
for ``LINK_MINUTES``."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from cortesia.core.errors import NotFound
from cortesia.customers.models import Customer
from cortesia.portal.models import SignInLink

LINK_MINUTES = 30
TOKEN_BYTES = 32  # 256 bits; the URL carries 43 characters of base64url
KEEP_USED_DAYS = 1


@dataclass(frozen=True)
class Issued:
    token: str  # shown only in the mail; the table keeps its digest
    expires_at: datetime


@dataclass(frozen=True)
class Redeemed:
    customer: Customer
    address: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_issue(*, customer: Customer, address: str, now: datetime | None = None) -> Issued:
    """Create a link for ``customer`` at ``address``; return its token and expiry.

    Links of this customer that expired a day ago or more are removed on the way."""
    now = now or timezone.now()
    SignInLink.objects.filter(
        customer=customer, expires_at__lt=now - timedelta(days=KEEP_USED_DAYS)
    ).delete()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = SignInLink.objects.create(
        digest=_digest(token),
        customer=customer,
        address=address,
        created_at=now,
        expires_at=now + timedelta(minutes=LINK_MINUTES),
    )
    return Issued(token=token, expires_at=link.expires_at)


def _usable(token: str, now: datetime) -> SignInLink:
    if not token or len(token) > 100:
        raise NotFound("link")
    link = (
        SignInLink.objects.select_related("customer")
        .filter(digest=_digest(token), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if link is None:
        raise NotFound("link")
    return link


def _current(customer: Customer) -> Customer:
    """The customer, or the one they were merged into."""
    while customer.merged_into_id is not None:
        customer = Customer.objects.get(pk=customer.merged_into_id)
    return customer


def link_check(*, token: str, now: datetime | None = None) -> Customer:
    """Return whom an unused, unexpired ``token`` would sign in; raise NotFound for any
    other token (nothing changes)."""
    return _current(_usable(token, now or timezone.now()).customer)


def link_holder(*, token: str) -> Customer | None:
    """Return whom a link was sent to, used or expired alike, while it is still kept
    (``KEEP_USED_DAYS``); None for a token that was never issued. It only chooses the
    language of the page that says the link no longer works: it signs in no one."""
    if not token or len(token) > 100:
        return None
    link = SignInLink.objects.select_related("customer").filter(digest=_digest(token)).first()
    return None if link is None else _current(link.customer)


@transaction.atomic
def link_redeem(*, token: str, now: datetime | None = None) -> Redeemed:
    """Use the link once and return whom it signs in; raise NotFound for an unknown,
    used or expired token. Using a link ends the customer's other unused links."""
    now = now or timezone.now()
    link = _usable(token, now)
    taken = SignInLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=now)
    if taken != 1:  # another request used it first
        raise NotFound("link")
    SignInLink.objects.filter(customer=link.customer_id, used_at__isnull=True).update(used_at=now)
    return Redeemed(customer=_current(link.customer), address=link.address)
