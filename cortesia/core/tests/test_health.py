from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from cortesia.core.heartbeat import heartbeat_record, worker_alive_cache_clear
from cortesia.core.models import WorkerHeartbeat
from cortesia.testing.processes import run_python

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    worker_alive_cache_clear()


def test_health_without_a_worker_is_late() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "worker": "late"}


def test_health_with_a_recent_heartbeat_is_ok() -> None:
    heartbeat_record(worker_id="w1")
    assert Client().get("/healthz").json()["worker"] == "ok"


def test_stale_heartbeat_is_late() -> None:
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="h", pid=1, beat_at=timezone.now() - timedelta(minutes=5)
    )
    assert Client().get("/healthz").json()["worker"] == "late"


def test_health_is_public_and_not_cached() -> None:
    response = Client().get("/healthz")
    assert "no-cache" in response["Cache-Control"]


def test_unreachable_database_gives_a_generic_503(tmp_path: Path) -> None:
    # A real server process configured with a database nobody listens on.
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json(), r['Retry-After']]))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "cortesia.settings",
        "CORTESIA_DATABASE_URL": "postgres://nobody@127.0.0.1:9/none?connect_timeout=2",
        "CORTESIA_ALLOWED_HOSTS": "testserver",
        "CORTESIA_LOG_LEVEL": "critical",
    }
    result = run_python(["-c", script], data_dir=tmp_path, env=env, timeout=60)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [
        503,
        {"status": "unavailable"},
        "30",
    ]


def test_health_reads_the_heartbeats_once_every_few_seconds(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with django_assert_num_queries(1) as first:
            assert client.get("/healthz").json()["worker"] == "late"
        heartbeat_record(worker_id="w1")
        # Within five seconds the answer is the remembered one, and the database is still
        # asked something: one SELECT 1.
        clock.shift(4.9)
        with django_assert_num_queries(1) as second:
            assert client.get("/healthz").json()["worker"] == "late"
        clock.shift(0.2)
        with django_assert_num_queries(1):
            assert client.get("/healthz").json()["worker"] == "ok"
    assert "core_workerheartbeat" in first.captured_queries[0]["sql"]
    assert second.captured_queries[0]["sql"] == "SELECT 1"
