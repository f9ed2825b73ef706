from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core import mail
from django.test import Client

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]


def test_reset_mail_is_sent_after_commit_in_the_users_language(
    alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    User.objects.filter(pk=alice.pk).update(language="fi")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = Client().post("/password-reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Valitse uusi Cortesia-salasana"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    link = re.search(r"http://testserver(/password-reset/\S+/)", str(message.body))
    assert link is not None
    client = Client()
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-pass-42", "new_password2": "a-brand-new-pass-42"},
    )
    assert done["Location"] == "/password-reset/complete/"
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-pass-42")
    change = AuditEvent.objects.get(action=AuditEvent.Action.PASSWORD_CHANGE)
    assert (change.actor, change.client_ip, change.result) == (alice, "127.0.0.1", "ok")
    reused = Client().get(link.group(1), follow=True)
    assert b'data-testid="invalid-link"' in reused.content


def test_unknown_address_gets_the_same_answer_and_no_mail(
    db: None, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_reset_requests_are_limited_per_account(
    alice: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            Client(REMOTE_ADDR=f"10.0.0.{n}")
            .post("/password-reset/", {"email": "alice@example.com"})
            .status_code
            for n in range(6)
        ]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5
