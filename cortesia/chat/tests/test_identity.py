"""A visitor's chats join a customer's profile only after the visitor proves the address
with the code mailed to it: never on a claim alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager as ContextManager
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from cortesia.chat.conversations import conversation_start
from cortesia.chat.identity import visitor_email_claim, visitor_email_verify
from cortesia.chat.models import EmailVerification, Visitor
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.tickets.models import Ticket

from .conftest import new_visitor

pytestmark = [pytest.mark.django_db]

CODE = re.compile(r"\b(\d{6})\b")
Claim = Callable[[Visitor, str], None]


@pytest.fixture
def known(db: None) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giovanna", surname="De Luca", emails=["gio@example.it"]),
        actor=Actor.system(),
    )


def chatting(visitor: Visitor) -> Ticket:
    conversation = conversation_start(
        visitor=visitor, name="Gio", text="Ciao", client_id="c1", actor=Actor.system()
    ).conversation
    return Ticket.objects.get(pk=conversation.ticket_id)


@pytest.fixture
def claim(
    django_capture_on_commit_callbacks: Callable[..., ContextManager[object]],
) -> Callable[[Visitor, str], None]:
    """Claim an address as the widget does: the code is mailed once the request commits."""

    def claiming(visitor: Visitor, address: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            visitor_email_claim(visitor=visitor, address=address)

    return claiming


def mailed_code() -> str:
    match = CODE.search(str(mail.outbox[-1].body))
    assert match is not None
    return match.group(1)


def test_a_claim_alone_links_nothing_and_mails_a_code_in_the_visitors_language(
    giovanna: Visitor, known: Customer, claim: Claim
) -> None:
    ticket = chatting(giovanna)
    claim(giovanna, " Gio@Example.it ")

    ticket.refresh_from_db()
    giovanna.refresh_from_db()
    assert ticket.customer_id != known.pk
    assert giovanna.customer_id == ticket.customer_id
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["gio@example.it"]
    assert message.subject == f"Codice di verifica: {mailed_code()}"
    stored = EmailVerification.objects.get()
    assert mailed_code() not in stored.code_hash
    assert stored.expires_at - stored.created_at == timedelta(minutes=15)


def test_the_right_code_merges_the_chat_into_the_known_customer(
    giovanna: Visitor, known: Customer, claim: Claim
) -> None:
    ticket = chatting(giovanna)
    provisional = ticket.customer_id
    claim(giovanna, "gio@example.it")

    linked = visitor_email_verify(visitor=giovanna, code=mailed_code())

    assert linked.pk == known.pk
    ticket.refresh_from_db()
    giovanna.refresh_from_db()
    assert (ticket.customer_id, giovanna.customer_id) == (known.pk, known.pk)
    assert Customer.objects.get(pk=provisional).merged_into_id == known.pk
    with pytest.raises(FieldErrors):  # a code works once
        visitor_email_verify(visitor=giovanna, code=mailed_code())


def test_an_address_nobody_has_joins_the_visitors_own_profile(
    giovanna: Visitor, claim: Claim
) -> None:
    ticket = chatting(giovanna)
    claim(giovanna, "nuova@example.it")
    linked = visitor_email_verify(visitor=giovanna, code=mailed_code())
    assert linked.pk == ticket.customer_id
    assert list(linked.emails.values_list("address", flat=True)) == ["nuova@example.it"]


def test_wrong_codes_are_counted_and_the_sixth_try_is_refused(
    giovanna: Visitor, known: Customer, claim: Claim
) -> None:
    ticket = chatting(giovanna)
    claim(giovanna, "gio@example.it")
    right = mailed_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(FieldErrors) as refused:
            visitor_email_verify(visitor=giovanna, code=wrong)
        assert refused.value.errors == {"code": "This code is not the one we sent."}
    with pytest.raises(FieldErrors) as refused:
        visitor_email_verify(visitor=giovanna, code=right)
    assert refused.value.errors == {"code": "Too many wrong codes: ask for a new one."}
    assert EmailVerification.objects.get().attempts == 5
    ticket.refresh_from_db()
    assert ticket.customer_id != known.pk


def test_an_expired_code_is_refused(giovanna: Visitor, known: Customer, claim: Claim) -> None:
    chatting(giovanna)
    claim(giovanna, "gio@example.it")
    later = timezone.now() + timedelta(minutes=16)
    with time_machine.travel(later), pytest.raises(FieldErrors) as refused:
        visitor_email_verify(visitor=giovanna, code=mailed_code())
    assert refused.value.errors == {"code": "This code has expired: ask for a new one."}


def test_another_visitor_cannot_use_the_code(
    giovanna: Visitor, known: Customer, claim: Claim
) -> None:
    chatting(giovanna)
    claim(giovanna, "gio@example.it")
    intruder = new_visitor(giovanna.site)
    with pytest.raises(FieldErrors):
        visitor_email_verify(visitor=intruder, code=mailed_code())
    intruder.refresh_from_db()
    assert intruder.customer_id is None
