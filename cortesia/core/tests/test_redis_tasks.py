"""The Redis-backed task backend, against a real redis-server started for the test."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from cortesia.accounts.models import User
from cortesia.accounts.tasks import send_password_reset
from cortesia.testing.processes import free_port, wait_for_port


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CORTESIA_REQUIRE_SERVICES"):
            pytest.fail("redis-server is required (apt-get install redis-server).")
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_rq_backend_enqueues_to_redis_and_a_worker_runs_it(alice: User, redis_url: str) -> None:
    import django_rq
    from django_tasks import task_backends
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    queues = {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 60}}
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    with override_settings(
        RQ_QUEUES=queues, TASKS=tasks, INSTALLED_APPS=["django_rq", *_installed_apps()]
    ):
        assert type(task_backends["default"]).__name__ == "RQBackend"
        result = send_password_reset.enqueue(
            user_id=alice.pk, domain="example.com", use_https=False
        )
        queue = django_rq.get_queue("default")
        assert queue.count == 1
        assert mail.outbox == []
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
        assert queue.count == 0
        assert send_password_reset.get_result(result.id).status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def _installed_apps() -> list[str]:
    from django.conf import settings

    return list(settings.INSTALLED_APPS)
