"""``cortesia serve`` as an operator runs it: web processes plus a supervised task worker
and chat stream server."""

from __future__ import annotations

import gc
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cortesia.culture.language_detection import detect_language, detector
from cortesia.ops.management.commands.serve import (
    freeze_loaded_objects,
    gunicorn_config,
    load_shared_models,
)
from cortesia.testing.processes import free_port, run_python

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
ENV = {"DJANGO_SETTINGS_MODULE": "cortesia.settings", "CORTESIA_LOG_LEVEL": "warning"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite database for the processes of this module."""
    folder = tmp_path_factory.mktemp("serve")
    assert run_python(["manage.py", "migrate", "-v0"], data_dir=folder, env=ENV).returncode == 0
    return folder


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORTESIA_")}
    return environment | ENV | {"CORTESIA_DATA_DIR": str(data_dir)} | extra


def test_one_thread_gives_sync_workers_and_more_give_gthread() -> None:
    assert gunicorn_config(bind="127.0.0.1:1", workers=3, threads=1)["worker_class"] == "sync"
    threaded = gunicorn_config(bind="127.0.0.1:1", workers=2, threads=4)
    assert (threaded["worker_class"], threaded["threads"], threaded["workers"]) == ("gthread", 4, 2)
    assert threaded["accesslog"] is None
    assert threaded["post_worker_init"] is freeze_loaded_objects


def test_a_web_process_freezes_what_it_loaded_at_start_up() -> None:
    gc.unfreeze()
    try:
        freeze_loaded_objects(None)  # the hook does not use the worker
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_the_master_builds_the_detector_only_when_detection_is_on(settings: Any) -> None:
    detector.cache_clear()
    settings.CORTESIA_LANGUAGE_DETECTION = "off"
    load_shared_models()
    assert detector.cache_info().currsize == 0
    settings.CORTESIA_LANGUAGE_DETECTION = "fast"
    load_shared_models()
    assert detector.cache_info().currsize == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks like gunicorn's master")
def test_a_process_forked_after_the_detector_was_built_detects_with_it() -> None:
    # Given the detector built before a fork, as the master builds it
    detector.cache_clear()
    detector(accurate=False)
    texts = {
        "it": "Buongiorno, il mio ordine non è ancora arrivato. Potete verificare?",
        "bg": "Здравейте, поръчката ми все още не е пристигнала. Можете ли да проверите?",
        "ar": "مرحبا، لم يصل طلبي بعد. هل يمكنكم التحقق من ذلك من فضلكم؟",
    }
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the web process: detect, report, leave without running pytest's exit
        signal.alarm(30)  # a hang kills the child, and the test fails instead of hanging
        found = ",".join(detect_language(text).language for text in texts.values())
        os.write(write_end, found.encode())
        os._exit(0)
    os.close(write_end)
    # Then the forked process detects every text's language, and does not hang
    _, status = os.waitpid(child, 0)
    with os.fdopen(read_end) as answer:
        assert (status, answer.read()) == (0, ",".join(texts))


MASTER_WARM_UP = """
import json, sys
import django
django.setup()
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.culture.public_holidays import public_holiday_dates
from django.db import connections
from cortesia.ops.management.commands.serve import load_application, warm_calendars
calendar_create(name="Roma", time_zone="Europe/Rome", country="IT", actor=Actor.system())
calendar_create(name="Anywhere", time_zone="UTC", actor=Actor.system())
public_holiday_dates.cache_clear()
before = "cortesia.tickets.api" in sys.modules
load_application()
warm_calendars()
print(json.dumps({
    "api_before": before,
    "api_after": "cortesia.tickets.api" in sys.modules,
    "holiday_years_built": public_holiday_dates.cache_info().currsize,
    "connection_open": connections["default"].connection is not None,
}))
"""


def test_the_master_loads_the_url_map_and_the_calendars_then_closes_its_connection(
    data_dir: Path,
) -> None:
    # Given a database with an Italian calendar and one without a country
    # When a fresh process does what the master does before it forks
    done = run_python(["-c", MASTER_WARM_UP], data_dir=data_dir, env=ENV)
    # Then it imported the API modules, built Italy's holidays of two years, and holds no
    # connection a web process could inherit
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == {
        "api_before": False,
        "api_after": True,
        "holiday_years_built": 2,
        "connection_open": False,
    }


SILENT_DATABASE_WARM_UP = """
import json, time
import django
django.setup()
from django.db import connections
from cortesia.ops.management.commands.serve import warm_calendars
started = time.monotonic()
warm_calendars()
print(json.dumps({
    "waited_seconds": round(time.monotonic() - started),
    "options": connections["default"].settings_dict["OPTIONS"],
}))
"""


def test_the_master_waits_for_a_silent_database_only_a_few_seconds(tmp_path: Path) -> None:
    # Given a PostgreSQL address where connections are taken but never answered
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        url = f"postgresql://cortesia:secret@127.0.0.1:{port}/cortesia"
        # When the master prepares the calendars
        done = run_python(
            ["-c", SILENT_DATABASE_WARM_UP],
            data_dir=tmp_path,
            env=ENV | {"CORTESIA_DATABASE_URL": url, "CORTESIA_LOG_LEVEL": "warning"},
            timeout=60,
        )
    # Then it gives up after the connect timeout, says so, and leaves the settings as they were
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report == {
        "waited_seconds": report["waited_seconds"],
        "options": {"options": "-c jit=off"},  # as configured: no connect timeout left behind
    }
    assert 4 <= report["waited_seconds"] <= 15
    assert "Could not prepare the business calendars" in done.stderr


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append((int(entry.name), command))
    return found


def _task_workers(pid: int) -> list[int]:
    return [child for child, command in _children(pid) if "cortesia.cli worker" in command]


def _stream_servers(pid: int) -> list[int]:
    return [child for child, command in _children(pid) if "cortesia.cli stream" in command]


def _stream_health(port: int) -> dict[str, int]:
    url = f"http://127.0.0.1:{port}/chat/stream/healthz"
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
        return dict(json.loads(response.read()))


def _until(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} within {seconds} s")


def _health(port: int) -> dict[str, str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
        return dict(json.loads(response.read()))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_runs_a_task_worker_process_restarts_it_and_stops_it(data_dir: Path) -> None:
    port, stream_port = free_port(), free_port()
    environment = _environment(
        data_dir, CORTESIA_PORT=str(port), CORTESIA_STREAM_PORT=str(stream_port)
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "cortesia.cli", "serve", "--workers", "1", "--threads", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(lambda: len(_task_workers(server.pid)) == 1, 30, "one task worker started")
        _until(lambda: len(_stream_servers(server.pid)) == 1, 30, "one stream server started")
        first = _task_workers(server.pid)[0]
        streams = _stream_servers(server.pid)[0]
        # The worker and the stream server are processes of their own beside the web one.
        web = [pid for pid, _ in _children(server.pid) if pid not in (first, streams)]
        assert len(web) == 1
        _until(lambda: _health(port)["worker"] == "ok", 30, "the worker's heartbeat seen")
        _until(lambda: _stream_health(stream_port) == {"streams": 0}, 30, "the streams served")

        os.kill(first, signal.SIGKILL)
        _until(lambda: _task_workers(server.pid) not in ([], [first]), 30, "the worker restarted")
        second = _task_workers(server.pid)[0]
        assert second != first
        os.kill(streams, signal.SIGKILL)
        _until(
            lambda: _stream_servers(server.pid) not in ([], [streams]),
            30,
            "the stream server restarted",
        )
        restarted = _stream_servers(server.pid)[0]

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        _until(lambda: not _alive(second), 10, "the worker stopped with the server")
        _until(lambda: not _alive(restarted), 10, "the stream server stopped with the server")
        assert not _alive(web[0])
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_task_worker_stops_when_its_server_is_killed(data_dir: Path) -> None:
    environment = _environment(data_dir)
    # A stand-in for the server: a shell that starts the worker, then is killed with -9,
    # so it cannot stop its child.
    parent = subprocess.Popen(
        ["/bin/sh", "-c", f'"{sys.executable}" -m cortesia.cli worker --parent-pid $$ & wait'],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(lambda: _task_workers(parent.pid), 30, "the worker started")
        worker = _task_workers(parent.pid)[0]
        time.sleep(1.5)
        assert _alive(worker)  # its parent lives: it keeps working
    finally:
        parent.kill()
        parent.wait()
    _until(lambda: not _alive(worker), 15, "the orphaned worker stopped")
