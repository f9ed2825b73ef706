"""The reports at 1,000,000 tickets on a durable PostgreSQL: the facts' full rebuild, their
upkeep after each ticket change, the metric engine's answers and the report pages, beside a
trivial view (``GET /healthz``) and a one-row commit measured in the same run.

It runs on a database seeded by ``bench/tickets_scale.py`` (1M tickets, 5M messages, the
demo teams and users: the administrator ``admin``, the manager ``giulia`` of one team, the
marketer ``nora``, who sees only customer economics, and the agent ``marco``),
migrates it, and runs the ``--steps`` asked for, in this order (the pages and the engine
first, so that their first answers are cold):

* ``page``: ``GET /reports/?from=…&to=…`` (the dashboard; the process's first request,
  after the URL map is imported as ``cortesia serve`` does before forking, is the cold
  one) and ``GET /reports/service/`` for the 90 local days before today, through
  ``django.test.Client`` signed in as each user: cold, p50/p99 of ``--runs``, the SQL
  statements of one request and their time; then the dashboard once for the same number
  of days 30 and 60 days earlier (new answers in a process past its first request); and
  this process's RSS (VmRSS, VmHWM);
* ``engine``: ``metric_run`` for the same days (Europe/Rome): the dashboard's queries
  in sequence (each headline over this and the previous period, volume, backlog, SLA,
  CSAT and NPS panels, the economics headlines), cold and ``--runs`` times; then every
  registered metric by day and, when it groups by language, by language: cold and
  ``--report-runs`` times. "Cold" is the first answer in this process on a new
  connection to a cluster the runner has just started (the OS page cache is kept);
* ``seed``: ``bench/reports_seed.py`` brings the orders to ``--orders`` (five currencies,
  two years), adds ``--answers`` survey answers (CSAT and CES of solved tickets, a
  relationship NPS) and the exchange rates (the bundled ECB file, synthetic rates where
  it has none);
* ``profile``: ``cProfile`` of the rebuild's work on a ``--profile-tickets`` slice (the
  upkeep's own batches): wall time per part (reading tickets, messages, events and clocks;
  the pure computation; replacing the rows) and the functions with the most own time;
* ``rebuild``: ``cortesia.reports.upkeep.facts_rebuild()`` over every ticket, its wall
  and CPU time (this process and the database's), rows written, then ``VACUUM ANALYZE``;
* ``upkeep``: ``--creates`` tickets made with ``ticket_create`` (each its own transaction;
  they stay in the database) with the reports' receiver connected and disconnected, in
  alternating blocks of 50, and the periodic refresh (``stale_facts_refresh``) of the
  tickets marked.

Measured on 2026-12-06 (a shared 2-core machine; /healthz p50 0.6-1.2 ms and 980-1,600
one-row commits/s in the same runs; each JSON names its commit): the rebuild of 1,001,410
tickets takes 154 s with two processes (2,450 s with the first upkeep, 507 s with COPY
before plain rows and indexes built after loading; goal 300 s), the order links 8.7 s;
the upkeep adds 4.2 % to ``ticket_create`` (15.6 → 16.3 ms mean) since a change marks
its ticket stale instead of queueing a task (+9 to +18 % before), and the periodic
refresh takes 0.27 ms per ticket; every single report answers in at most 0.67 s cold;
the dashboard for a new range in a serving process takes 0.66 s for the administrator
and the manager and 0.70-0.76 s for the marketer (1.43 s before the order links), 44-53
ms repeated (from the answer cache); an agent's dashboard queries 1.0 s cold (3.2 s before
their tallies); web processes stay under 150 MiB. On the side-by-side data (131,241
tickets) through ``cortesia serve``: dashboard 276 ms cold (django-helpdesk: 3.5 s),
service page 316 ms cold (its reports: 8.6 s).
Progress goes to stderr; one JSON object goes to stdout. From the project folder (the
side-by-side data: ``--data /var/tmp/sbs`` and ``--database sbs_cortesia --steps rebuild``
then ``--steps page,engine``)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        nice -n 10 .venv/bin/python bench/reports.py --steps seed
    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        .venv/bin/python bench/reports.py --steps profile,rebuild
    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        .venv/bin/python bench/reports.py --steps page,engine --runs 5 --report-runs 3
    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-1m -- \\
        .venv/bin/python bench/reports.py --steps upkeep --creates 300
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

BENCH_DIR = Path(__file__).resolve().parent
PREFIX = "reports"
ZONE = ZoneInfo("Europe/Rome")
DAYS = 90
HEADLINES = (
    "tickets_created",
    "tickets_solved",
    "tickets_reopened",
    "first_response_time",
    "first_resolution_time",
    "one_touch_resolution",
    "sla_attainment",
    "csat",
    "nps",
)
STEPS = ("seed", "profile", "rebuild", "upkeep", "engine", "page", "serve")
GOALS = {
    "rebuild_1m_s": 300,
    "upkeep_added_to_ticket_create_percent": 10,
    "dashboard_cold_ms": 1000,
    "dashboard_repeated_ms": 200,
    "single_report_ms": 1000,
    "web_worker_rss_mib": 200,
}


def log(message: str) -> None:
    print(f"[{PREFIX}] {message}", file=sys.stderr, flush=True)


def bench_module(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench/{name}.py is missing.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fs = bench_module("feedback_surveys")
seeding = bench_module("reports_seed")


# --- Django, floors, timing -----------------------------------------------------------------


def prepare_django(database: str) -> None:
    """Point the settings at ``database`` on the runner's cluster, set up and migrate."""
    url = os.environ.get("CORTESIA_DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql"):
        raise SystemExit("Run through cortesia.testing.postgres: PostgreSQL only.")
    if database:
        named = urlsplit(url)._replace(path=f"/{database}")
        os.environ["CORTESIA_DATABASE_URL"] = urlunsplit(named)
    os.environ.setdefault("CORTESIA_DATA_DIR", tempfile.mkdtemp(prefix="cortesia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    log("migrate")
    call_command("migrate", interactive=False, verbosity=0)


def today() -> date:
    """Today in the reports' zone (the last day of a period is the day before)."""
    from datetime import datetime

    return datetime.now(tz=ZONE).date()


def percentiles(samples: Sequence[float]) -> dict[str, Any]:
    if not samples:
        return {"count": 0}
    ordered = sorted(samples)
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1),
        "max_ms": round(ordered[-1], 1),
    }


def timed_ms(action: Callable[[], Any]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def trivial_view(runs: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()

    def get() -> None:
        if client.get("/healthz").status_code != 200:
            raise SystemExit("/healthz failed")

    for _ in range(3):
        get()
    samples = [timed_ms(get) for _ in range(runs)]
    return {"view": "GET /healthz (one SELECT)", **percentiles(samples)}


def floors(runs: int) -> dict[str, Any]:
    return {"one_row_commits": fs.commit_rate(3.0), "trivial_view": trivial_view(runs)}


@contextmanager
def wall_parts(targets: Sequence[tuple[Any, str, str]], spent: dict[str, float]) -> Iterator[None]:
    """Wrap each ``(owner, attribute, part)`` to add its calls' wall seconds to
    ``spent[part]``; restore them on exit."""
    originals = []

    def wrapper(function: Callable[..., Any], part: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] = spent.get(part, 0.0) + time.perf_counter() - began

        return timed

    for owner, attribute, part in targets:
        original = getattr(owner, attribute)
        originals.append((owner, attribute, original))
        setattr(owner, attribute, wrapper(original, part))
    try:
        yield
    finally:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)


def table_rows(*tables: str) -> dict[str, int]:
    from django.db import connection

    counted = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our names
            counted[table] = int(cursor.fetchone()[0])
    return counted


# --- Rebuild --------------------------------------------------------------------------------


def rebuild_parts() -> list[tuple[Any, str, str]]:
    from cortesia.reports import upkeep

    return [
        (upkeep, "histories_compute", "histories_compute (reads + computation)"),
        (upkeep, "_tickets", "read tickets (+ team calendar, customer country)"),
        (upkeep, "ticket_fact_compute", "ticket_fact_compute (pure Python)"),
        (upkeep, "_replace", "_replace (3 DELETE + bulk_create of facts, moments, tags)"),
    ]


def profile_slice(count: int) -> dict[str, Any]:
    """The rebuild's work on the first ``count`` tickets, batch by batch, under cProfile."""
    from django.db import transaction

    from cortesia.reports import upkeep
    from cortesia.tickets.models import Ticket

    ids = list(Ticket.objects.order_by("pk").values_list("pk", flat=True)[:count])
    spent: dict[str, float] = {}
    profiler = cProfile.Profile()
    began = time.perf_counter()
    with fs.metered() as meter, wall_parts(rebuild_parts(), spent):
        profiler.enable()
        for start in range(0, len(ids), upkeep.BATCH):
            batch = ids[start : start + upkeep.BATCH]
            with transaction.atomic():
                upkeep._replace(batch, upkeep.histories_compute(batch))
        profiler.disable()
    wall = time.perf_counter() - began
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(25)
    log(f"cProfile of {len(ids)} tickets, by own time:\n{text.getvalue()}")
    reads = spent.get("histories_compute (reads + computation)", 0.0) - spent.get(
        "ticket_fact_compute (pure Python)", 0.0
    )
    own = sorted(
        ((key, value) for key, value in stats.stats.items()),  # type: ignore[attr-defined]
        key=lambda item: -item[1][2],
    )[:12]
    return {
        "tickets": len(ids),
        "wall_s": round(wall, 2),
        "tickets_per_s": round(len(ids) / wall, 1),
        "projected_1m_s": round(wall * 1_000_000 / max(len(ids), 1)),
        "meter": meter.as_dict(len(ids)),
        "wall_s_by_part": {
            **{name: round(value, 2) for name, value in spent.items()},
            "reads of messages, events, clocks + calendars (histories_compute less compute)": round(
                reads, 2
            ),
        },
        "top_own_time_under_profiler": [
            {
                "function": f"{Path(key[0]).name}:{key[1]} {key[2]}",
                "calls": value[1],
                "own_s": round(value[2], 2),
                "cumulative_s": round(value[3], 2),
            }
            for key, value in own
        ],
    }


def rebuild_all(jobs: int) -> dict[str, Any]:
    """``facts_rebuild`` over every ticket (in ``jobs`` processes when more than one: their
    CPU is read from the children's resource usage; the parts are timed with one job)."""
    import inspect
    import resource

    from django.db import connection

    from cortesia.reports.upkeep import facts_rebuild

    spent: dict[str, float] = {}
    takes_jobs = "jobs" in inspect.signature(facts_rebuild).parameters
    log(f"full rebuild of the facts ({jobs if takes_jobs else 1} processes)")
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with fs.metered() as meter, wall_parts(rebuild_parts() if jobs <= 1 else [], spent):
        done = facts_rebuild(jobs=jobs) if takes_jobs else facts_rebuild()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = (children.ru_utime - children_before.ru_utime) + (
        children.ru_stime - children_before.ru_stime
    )
    log(f"rebuilt {done} tickets in {meter.wall_s:.0f} s")
    began = time.perf_counter()
    with connection.cursor() as cursor:
        for table in ("reports_ticketfact", "reports_ticketmoment", "reports_tickettagfact"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {
        "tickets": done,
        "jobs": jobs if takes_jobs else 1,
        "wall_s": round(meter.wall_s, 1),
        "tickets_per_s": round(done / max(meter.wall_s, 0.001), 1),
        "meter": meter.as_dict(done),
        "cpu_s_child_processes": round(children_cpu, 1),
        "wall_s_by_part": {name: round(value, 1) for name, value in spent.items()},
        "vacuum_analyze_s": round(time.perf_counter() - began, 1),
        "rows": table_rows("reports_ticketfact", "reports_ticketmoment", "reports_tickettagfact"),
    }


def code_version() -> str:
    """The commit measured, with "+changes" when the working tree differs in the app."""
    import subprocess

    root = BENCH_DIR.parent

    def git(*words: str) -> str:
        done = subprocess.run(  # noqa: S603 - fixed arguments
            ["git", *words],  # noqa: S607 - git from PATH
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    changed = git("status", "--porcelain", "--", "cortesia/reports")
    return f"{head}+changes" if changed else head


# --- Upkeep ---------------------------------------------------------------------------------


def upkeep_measure(creates: int) -> dict[str, Any]:
    """Ticket creation with the reports' receiver connected and disconnected (alternating
    blocks of 50), then the periodic refresh of the tickets it marked stale (as a worker
    runs it)."""
    from django.db import transaction

    from cortesia.accounts.models import Team
    from cortesia.core.actor import Actor
    from cortesia.customers.models import Customer
    from cortesia.reports.upkeep import on_events_recorded, stale_facts_refresh
    from cortesia.tickets.creation import ticket_create
    from cortesia.tickets.inputs import MessageData, TicketData
    from cortesia.tickets.models import Ticket
    from cortesia.tickets.signals import events_recorded

    team = Team.objects.order_by("pk").first()
    customers = list(Customer.objects.order_by("pk")[:200])
    rng = random.Random(20261206)
    actor = Actor.system()
    made: list[int] = []

    def create_one() -> None:
        with transaction.atomic():
            ticket = ticket_create(
                data=TicketData(
                    subject="Ordine non arrivato",
                    customer=rng.choice(customers),
                    team=team,
                    channel=Ticket.Channel.EMAIL,
                    message=MessageData(
                        body_text="Il mio ordine non è ancora arrivato.", author_kind="customer"
                    ),
                ),
                actor=actor,
            )
        made.append(ticket.pk)

    for _ in range(10):  # warm-up: caches, prepared plans
        create_one()
    samples: dict[str, list[float]] = {"connected": [], "disconnected": []}
    block = 50
    for number in range(max(1, creates // block) * 2):
        connected = number % 2 == 0
        if not connected:
            events_recorded.disconnect(dispatch_uid="reports.events")
        try:
            for _ in range(block):
                samples["connected" if connected else "disconnected"].append(timed_ms(create_one))
        finally:
            if not connected:
                events_recorded.connect(on_events_recorded, dispatch_uid="reports.events")
    began = time.perf_counter()
    refreshed = stale_facts_refresh()
    refresh_s = time.perf_counter() - began
    on = statistics.mean(samples["connected"])
    off = statistics.mean(samples["disconnected"])
    return {
        "creates_each": len(samples["connected"]),
        "ticket_create_connected": {**percentiles(samples["connected"]), "mean_ms": round(on, 2)},
        "ticket_create_disconnected": {
            **percentiles(samples["disconnected"]),
            "mean_ms": round(off, 2),
        },
        "added_percent_mean": round((on - off) * 100 / off, 1),
        "added_percent_p50": round(
            (statistics.median(samples["connected"]) - statistics.median(samples["disconnected"]))
            * 100
            / statistics.median(samples["disconnected"]),
            1,
        ),
        "stale_facts_refresh": {
            "tickets": refreshed,
            "s": round(refresh_s, 2),
            "ms_per_ticket": round(refresh_s * 1000 / max(refreshed, 1), 2),
        },
        "note": "the receiver marks the ticket stale with one upsert in the ticket's "
        "transaction; the periodic refresh is timed apart (as a worker runs it)",
        "tickets_left_in_database": len(made),
    }


# --- Engine ---------------------------------------------------------------------------------


@dataclass
class Asked:
    label: str
    metric: str
    interval: str = ""
    group_by: str = ""
    previous: bool = False
    samples: list[float] = field(default_factory=list)


def period(interval: str, previous: bool = False) -> Any:
    from cortesia.reports.periods import Interval, ReportPeriod

    last = today() - timedelta(days=1)
    chosen = ReportPeriod(
        first=last - timedelta(days=DAYS - 1), last=last, zone=ZONE, interval=Interval(interval)
    )
    return chosen.previous() if previous else chosen


def run(asked: Asked, viewer: Any) -> Any:
    from cortesia.reports.engine import MetricQuery, metric_run

    query = MetricQuery(
        metric=asked.metric,
        period=period(asked.interval, asked.previous),
        group_by=asked.group_by,
    )
    return metric_run(query, viewer)


def dashboard_queries(viewer: Any) -> list[Asked]:
    """What the dashboard page asks (its build of 2026-12-06): each headline over
    this and the previous period, the volume (created, solved) per day, the backlog by
    status and by age, SLA attainment by target, CSAT and NPS per day; the economics
    headlines instead for a viewer who sees those and no service numbers."""
    from cortesia.reports.engine import METRICS, Area
    from cortesia.reports.permissions import can_view_economics, can_view_service_reports

    asked = []
    for name in HEADLINES:
        if name in METRICS:
            asked.append(Asked(name, name))
            asked.append(Asked(f"{name} previous", name, previous=True))
    asked += [
        Asked("tickets_created by day", "tickets_created", interval="day"),
        Asked("tickets_solved by day", "tickets_solved", interval="day"),
        Asked("backlog by status", "backlog", group_by="status"),
        Asked("backlog by age", "backlog", group_by="age"),
        Asked("sla_attainment by target", "sla_attainment", group_by="sla_target"),
        Asked("csat by day", "csat", interval="day"),
        Asked("nps by day", "nps", interval="day"),
    ]
    if can_view_economics(viewer) and not can_view_service_reports(viewer):
        asked = []
        for name, metric in METRICS.items():
            if metric.area == Area.ECONOMICS:
                asked.append(Asked(name, name))
                asked.append(Asked(f"{name} previous", name, previous=True))
    return asked


def engine_measure(viewers: dict[str, Any], runs: int, report_runs: int) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import connection

    from cortesia.core.errors import Forbidden
    from cortesia.reports.engine import METRICS, ensure_loaded
    from cortesia.reports.permissions import require_metric_access

    ensure_loaded()
    result: dict[str, Any] = {
        "period": f"{period('').first} – {period('').last} ({DAYS} days, {ZONE.key})",
        "cold": "first answer in this process, on a new connection to a cluster the runner "
        "had just started (page cache of the OS kept), with the answer cache emptied; "
        "repeated answers may come from the engine's answer cache",
    }
    for role, viewer in viewers.items():
        connection.close()
        cache.clear()  # the engine keeps answers a while: cold means computed
        board = dashboard_queries(viewer)
        cold = timed_ms(lambda: [run(asked, viewer) for asked in board])  # noqa: B023
        repeated = []
        for _ in range(runs):
            repeated.append(timed_ms(lambda: [run(asked, viewer) for asked in board]))  # noqa: B023
        each = {asked.label: round(timed_ms(partial(run, asked, viewer)), 1) for asked in board}
        result[f"dashboard_{role}"] = {
            "queries": len(board),
            "cold_ms": round(cold, 1),
            "repeated": percentiles(repeated),
            "ms_by_query_one_pass": dict(sorted(each.items(), key=lambda item: -item[1])),
        }
        log(f"dashboard as {role}: cold {cold:.0f} ms, repeated {percentiles(repeated)}")
        reports: dict[str, Any] = {}
        for name, metric in sorted(METRICS.items()):
            try:
                require_metric_access(viewer, metric)
            except Forbidden:
                continue
            cases = [Asked(f"{name} by day", name, interval="day")]
            if "language" in metric.dimensions:
                cases.append(Asked(f"{name} by language", name, group_by="language"))
            for asked in cases:
                try:
                    cache.clear()
                    cold_one = timed_ms(partial(run, asked, viewer))
                    samples = [timed_ms(partial(run, asked, viewer)) for _ in range(report_runs)]
                except Exception as error:  # noqa: BLE001 - reported, not hidden
                    reports[asked.label] = {"error": f"{type(error).__name__}: {error}"}
                    continue
                reports[asked.label] = {"cold_ms": round(cold_one, 1), **percentiles(samples)}
        slowest = max(
            (v.get("p99_ms", 0) for v in reports.values() if isinstance(v, dict)), default=0
        )
        result[f"reports_{role}"] = reports
        result[f"slowest_report_p99_ms_{role}"] = slowest
        log(f"reports as {role}: slowest p99 {slowest} ms")
    return result


# --- Page -----------------------------------------------------------------------------------


def rss_mib() -> dict[str, float]:
    found = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def page_once(client: Any, path: str, query: dict[str, str], runs: int) -> dict[str, Any]:
    """The first GET (cold), ``runs`` more, and the statements of one of them."""
    from django.db import connection

    began = time.perf_counter()
    first = client.get(path, query)
    cold = round((time.perf_counter() - began) * 1000, 1)
    if first.status_code != 200:
        return {"status": first.status_code, "cold_ms": cold}

    def get() -> None:
        client.get(path, query)

    statements: list[dict[str, Any]] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = round((time.perf_counter() - began) * 1000, 1)
            statements.append({"ms": took, "sql": sql[:160]})

    with connection.execute_wrapper(record):
        get()
    return {
        "cold_ms": cold,
        **percentiles([timed_ms(get) for _ in range(runs)]),
        "statements": len(statements),
        "statements_total_ms": round(sum(float(q["ms"]) for q in statements), 1),
        "slowest_statements": sorted(statements, key=lambda q: -float(q["ms"]))[:5],
    }


def page_measure(viewers: dict[str, Any], runs: int) -> dict[str, Any]:
    """The dashboard (``reports:dashboard``, the first request of the process is the cold
    one) and the service report page (``reports:service``) for the 90 days, per viewer."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    try:
        paths = {"dashboard": reverse("reports:dashboard"), "service": reverse("reports:service")}
    except NoReverseMatch:
        return {"skipped": "no reports:dashboard or reports:service route yet"}
    from cortesia.ops.management.commands.serve import load_application

    # As ``cortesia serve`` does in its master before forking the web processes: import the
    # URL map and every view module (0.9 s), which a served first request never pays.
    load_application()
    last = today() - timedelta(days=1)
    query = {"from": (last - timedelta(days=DAYS - 1)).isoformat(), "to": last.isoformat()}
    result: dict[str, Any] = {"paths": paths, "query": query, "rss_before_mib": rss_mib()}
    for role, viewer in viewers.items():
        client = Client()
        client.force_login(viewer)
        result[role] = page_once(client, paths["dashboard"], query, runs)
        result[f"{role}_service_page"] = page_once(client, paths["service"], query, runs)
        # A range nobody asked yet, in a process that has served pages: the answers are
        # computed again, the process's own first-request costs are gone.
        for shift in (30, 60):
            other = {
                name: (date.fromisoformat(day) - timedelta(days=shift)).isoformat()
                for name, day in query.items()
            }
            began = time.perf_counter()
            client.get(paths["dashboard"], other)
            result[f"{role}_other_range_{shift}_days_earlier_ms"] = round(
                (time.perf_counter() - began) * 1000, 1
            )
    result["rss_after_mib"] = rss_mib()
    return result


def tree_rss_mib(root: int) -> list[dict[str, Any]]:
    """VmRSS of ``root`` and its descendants, with their command lines."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        pending.extend(children.get(pid, []))
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss = round(int(line.split()[1]) / 1024, 1)
                found.append({"pid": pid, "rss_mib": rss, "command": command.strip()[:80]})
    return found


def serve_measure(viewers: dict[str, Any], runs: int) -> dict[str, Any]:
    """The dashboard through ``cortesia serve`` (2 gunicorn web processes, one client,
    keep-alive off): the first request (cold) and ``runs`` more per viewer, then the RSS of
    every process of the server."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    ht = bench_module("http_throughput")
    last = today() - timedelta(days=1)
    first = last - timedelta(days=DAYS - 1)
    path = f"{reverse('reports:dashboard')}?from={first.isoformat()}&to={last.isoformat()}"
    port = ht.free_port()
    environment = ht.server_environment(
        Path(os.environ["CORTESIA_DATA_DIR"]), port, os.environ["CORTESIA_DATABASE_URL"]
    )
    cookies = {}
    for role, viewer in viewers.items():
        client = Client()
        client.force_login(viewer)
        name = settings.SESSION_COOKIE_NAME
        cookies[role] = f"{name}={client.cookies[name].value}"
    result: dict[str, Any] = {"path": path, "server": f"cortesia serve --workers {ht.WORKERS}"}
    log_path = Path(os.environ["CORTESIA_DATA_DIR"]) / "server.log"
    with log_path.open("wb") as server_log:
        server = ht.start_server(ht.executable("cortesia"), environment, port, server_log)
        try:
            ht.wait_until_ready(server, port)
            time.sleep(2.0)
            result["rss_at_rest"] = tree_rss_mib(server.pid)
            for role, cookie in cookies.items():
                headers = {"Cookie": cookie}
                samples, statuses = [], []
                for _ in range(runs + 1):
                    began = time.perf_counter()
                    statuses.append(ht.http_get(port, path, headers, timeout=120.0))
                    samples.append((time.perf_counter() - began) * 1000)
                result[role] = {
                    "cold_ms": round(samples[0], 1),
                    **percentiles(samples[1:]),
                    "statuses": sorted(set(statuses)),
                }
                log(f"served dashboard as {role}: {result[role]}")
            result["rss_after"] = tree_rss_mib(server.pid)
        finally:
            ht.stop_server(server)
    return result


# --- Main -----------------------------------------------------------------------------------


def viewers_of(admin: str, manager: str, marketer: str, agent: str) -> dict[str, Any]:
    """The viewers measured; the marketer (who sees only customer economics) and the agent
    (their own tickets and their teams') when the database has them."""
    from cortesia.accounts.models import User

    viewers = {
        "admin": User.objects.get(username=admin),
        "manager": User.objects.get(username=manager),
    }
    for role, username in (("marketer", marketer), ("agent", agent)):
        found = User.objects.filter(username=username).first()
        if found is not None:
            viewers[role] = found
    return viewers


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--steps", default="engine", help=f"comma-separated: {','.join(STEPS)}")
    parser.add_argument("--database", default="", help="a database (default: the URL's)")
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=300_000)
    parser.add_argument("--profile-tickets", type=int, default=20_000)
    parser.add_argument("--jobs", type=int, default=1, help="rebuild processes")
    parser.add_argument("--creates", type=int, default=500, help="tickets made per case")
    parser.add_argument("--runs", type=int, default=20, help="dashboards and pages per viewer")
    parser.add_argument("--report-runs", type=int, default=10, help="answers per report")
    parser.add_argument("--admin", default="admin")
    parser.add_argument("--manager", default="giulia")
    parser.add_argument("--marketer", default="nora")
    parser.add_argument("--agent", default="marco")
    args = parser.parse_args(argv)
    steps = [step for step in args.steps.split(",") if step]
    if unknown := set(steps) - set(STEPS):
        raise SystemExit(f"Unknown steps: {sorted(unknown)}")
    began = time.perf_counter()
    prepare_django(args.database)
    report: dict[str, Any] = {"scenario": "reports", "steps": steps, "goals": GOALS}
    report["code"] = code_version()
    report["database"] = fs.database_facts()
    viewers = viewers_of(args.admin, args.manager, args.marketer, args.agent)
    if "page" in steps:  # first: its first request is the cold one
        report["page"] = page_measure(viewers, args.runs)
    if "engine" in steps:  # before anything else warms the cluster's buffers
        report["engine"] = engine_measure(viewers, args.runs, args.report_runs)
    report["floors"] = floors(200)
    if "seed" in steps:
        report["seed"] = {
            "orders": seeding.orders_seed(args.orders, log),
            "answers": seeding.answers_seed(args.answers, log),
            "rates": seeding.rates_seed(log),
        }
    report["data"] = table_rows(
        "tickets_ticket",
        "tickets_ticketmessage",
        "customers_order",
        "feedback_surveyresponse",
        "reports_exchangerate",
        "reports_ticketfact",
    )
    if "profile" in steps:
        report["profile"] = profile_slice(args.profile_tickets)
    if "rebuild" in steps:
        report["rebuild"] = rebuild_all(args.jobs)
    if "serve" in steps:
        report["serve"] = serve_measure(viewers, args.runs)
    if "upkeep" in steps:
        report["upkeep"] = upkeep_measure(args.creates)
    report["rss_mib_this_process"] = rss_mib()
    report["total_s"] = round(time.perf_counter() - began, 1)
    print(json.dumps(report, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
