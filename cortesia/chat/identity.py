"""A visitor proves they own an e-mail address; only then are their chats linked to the
customer who has it.

1. ``visitor_email_claim``: the visitor gives an address. A task makes a six-digit code,
   keeps only its hash (the code never rests in the task queue), and mails it to the
   address in the visitor's language. The answer is the same whether or not a customer
   has the address, so nobody learns who is a customer.
2. ``visitor_email_verify``: the visitor types the code. It must be the visitor's latest
   code, unexpired (15 minutes), unused, within 5 attempts; a wrong code counts.
3. Then the profile the visitor's chats were made under is merged into the customer who
   has the address (their timeline, tickets and orders come together); when nobody has
   it, the address is added to the visitor's profile (or a profile is made for it).

Nothing is linked on a claim alone: a visitor who types someone else's address sees
nothing of theirs, and that person only gets a code they did not ask for.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from cortesia.chat.models import EmailVerification, Visitor
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.core.ratelimit import RateLimit, rate_hit, rate_limit
from cortesia.customers.merge import customer_merge
from cortesia.customers.models import Customer
from cortesia.customers.services import (
    CustomerData,
    customer_by_email,
    customer_for_email,
    customer_update,
)

CODE_SECONDS = 15 * 60
MAX_ATTEMPTS = 5
CODES_PER_VISITOR = RateLimit("chat-code-visitor", 5, timedelta(hours=1))
CODES_PER_ADDRESS = RateLimit("chat-code-address", 5, timedelta(hours=1))
SALT = "cortesia.chat.identity"


def code_hash(code: str) -> str:
    return salted_hmac(SALT, code, algorithm="sha256").hexdigest()


def code_new() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def _address(value: str) -> str:
    address = value.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise FieldErrors({"email": _("Give the e-mail address we should answer to.")}) from None
    return address


def visitor_email_claim(*, visitor: Visitor, address: str) -> None:
    """Have a code mailed to ``address``. Raises FieldErrors, or RateLimited when the
    visitor asked too often; beyond 5 codes an hour to one address, more are quietly not
    sent (the answer stays the same)."""
    from cortesia.chat.tasks import send_verification_code  # tasks import this module

    address = _address(address)
    rate_limit(rule=CODES_PER_VISITOR, subject=str(visitor.uid))
    if not rate_hit(rule=CODES_PER_ADDRESS, subject=address).allowed:
        return
    visitor_id = visitor.pk
    transaction.on_commit(
        lambda: send_verification_code.enqueue(visitor_id=visitor_id, address=address)
    )


def visitor_is_identified(visitor: Visitor) -> bool:
    """Whether the visitor has proved an address (their chats are linked)."""
    return EmailVerification.objects.filter(visitor=visitor, used_at__isnull=False).exists()


def verification_issue(*, visitor: Visitor, address: str, now: datetime) -> str:
    """Record a new code for ``address`` (earlier ones stop counting) and return it."""
    code = code_new()
    EmailVerification.objects.create(
        visitor=visitor,
        address=address,
        code_hash=code_hash(code),
        created_at=now,
        expires_at=now + timedelta(seconds=CODE_SECONDS),
    )
    return code


def _checked_code(visitor: Visitor, code: str, now: datetime) -> tuple[str, str]:
    """Check ``code`` against the visitor's latest; return ("", address) and mark it used
    when it matches, else the refusal's message (a wrong code counts an attempt)."""
    latest = (
        EmailVerification.objects.select_for_update()
        .filter(visitor=visitor)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.used_at is not None:
        return _("Ask for a code first."), ""
    if latest.expires_at <= now:
        return _("This code has expired: ask for a new one."), ""
    if latest.attempts >= MAX_ATTEMPTS:
        return _("Too many wrong codes: ask for a new one."), ""
    if not hmac.compare_digest(latest.code_hash, code_hash(code)):
        EmailVerification.objects.filter(pk=latest.pk).update(attempts=F("attempts") + 1)
        return _("This code is not the one we sent."), ""
    EmailVerification.objects.filter(pk=latest.pk).update(used_at=now)
    return "", latest.address


def visitor_email_verify(*, visitor: Visitor, code: str) -> Customer:
    """Check the code; on success link the visitor to the customer of the address and
    return that customer. Raises FieldErrors (no code asked, expired, used, too many
    attempts, or a wrong code, whose attempt is counted and kept)."""
    with transaction.atomic():
        refusal, address = _checked_code(visitor, code.strip(), timezone.now())
    if refusal:
        raise FieldErrors({"code": refusal})
    with transaction.atomic():
        return _link(visitor, address)


def _link(visitor: Visitor, address: str) -> Customer:
    actor = Actor.system()
    visitor = (
        Visitor.objects.select_for_update(of=("self",))
        .select_related("customer")
        .get(pk=visitor.pk)
    )
    owner = customer_by_email(address)
    own = visitor.customer
    if owner is None and own is None:
        owner = customer_for_email(
            address=address,
            data=CustomerData(given_name=visitor.name, language=visitor.language),
            actor=actor,
        )
    elif owner is None and own is not None:
        emails = [email.address for email in own.emails.all()]
        owner = customer_update(
            customer=own,
            data=CustomerData(emails=[*emails, address]),
            expected_version=None,
            actor=actor,
        )
    elif owner is not None and own is not None and own.pk != owner.pk:
        owner = customer_merge(target=owner, duplicate=own, actor=actor)
    assert owner is not None  # noqa: S101 - every branch above gives one
    visitor.customer = owner
    visitor.save(update_fields=["customer", "updated_at"])
    return owner
