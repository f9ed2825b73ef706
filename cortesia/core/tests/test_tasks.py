from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult

from cortesia.accounts.forms import QueuedPasswordResetForm
from cortesia.accounts.models import User
from cortesia.accounts.tasks import send_password_reset
from cortesia.core.worker import database_worker

Capture = Callable[..., AbstractContextManager[list[Callable[[], object]]]]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _request_reset() -> None:
    form = QueuedPasswordResetForm({"email": "alice@example.com"})
    assert form.is_valid()
    form.save(domain_override="example.com")


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_enqueues_nothing(alice: User) -> None:
    class Abort(Exception):
        pass

    def request_then_fail() -> None:
        with transaction.atomic():
            _request_reset()
            raise Abort

    with pytest.raises(Abort):
        request_then_fail()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_committed_transaction_runs_the_task(alice: User) -> None:
    with transaction.atomic():
        _request_reset()
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


@pytest.mark.django_db(transaction=True)
def test_database_backend_stores_and_a_worker_runs_the_task(alice: User) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        assert type(task_backends["default"]).__name__ == "DatabaseBackend"
        result = send_password_reset.enqueue(user_id=alice.pk, domain="example.com", use_https=True)
        row = DBTaskResult.objects.get(id=result.id)
        assert (row.status, mail.outbox) == ("READY", [])
        worker = database_worker("test-worker", interval=0)
        worker.batch = True
        worker.run()
        row.refresh_from_db()
        assert (row.status, row.return_value) == ("SUCCESSFUL", True)
        assert row.worker_ids == ["test-worker"]
    assert len(mail.outbox) == 1
    assert "https://example.com/password-reset/" in str(mail.outbox[0].body)
