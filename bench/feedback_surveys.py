"""A relationship NPS survey to a 100,000-customer segment: scheduling, then rendering and
queueing its mails, beside a one-row commit on the same database as the floor.

The script migrates a database of its own (``bench_feedback_surveys`` on the PostgreSQL
cluster it is given; a temporary SQLite file without one, labelled so), seeds once the
customers (``--customers``, 100,000 by default, bulk inserts through the ORM: IT, FI, BG,
RO, SA, US and GB with their languages, some with a zone of their own, some with only a
country or a phone to place them, some with their own contact hours, 2 % without an
e-mail address, 4 % who said no to surveys, 2 % who said yes), a segment of the seven
countries (``segment_create``) and an active mailbox (``mailbox_create``). Each run
clears the previous run's invitations, mails and queued tasks, then:

* **schedule**: ``survey_create`` of a relationship NPS survey on the segment (delay 0),
  then ``relationship_run(survey, run_at=now, now=now)`` once: invitations per second,
  scheduled and suppressed counts (by reason), the distinct contact-window computations
  (calls of ``triggering._when``, counted by wrapping it), the SQL statements, and the
  CPU seconds of this process and of the database's processes;
* **dispatch, one worker**: ``invitations_dispatch(now=run_at + 8 days, limit=200)`` in a
  loop in this process until nothing is due: mails per second, per-batch p50/p99, the
  statements per batch and CPU. The mails' send task is enqueued with the real task
  backend of the settings (``django_tasks_db``: a row in the same transaction); no worker
  runs, so the mails stay queued and nothing leaves the machine;
* **dispatch, two workers** (``--workers 2``, the default): ``--parallel-sample`` sent
  invitations (10,000) are put back to "scheduled" and two subprocesses of this script
  dispatch them at once: mails per second together, and a check that no customer got
  two mails.

Measured on 2026-12-06 over two runs (durable PostgreSQL 15, a 2-core machine shared with
other work, 893–1,251 one-row commits/s): scheduling 100,000 invitations 5,771–7,553/s
wall clock, 0.06–0.08 ms of this process's CPU and 0.07–0.09 ms of the database's per
invitation (56 contact-window computations; customers read as tuples, one ``INSERT …
SELECT … FROM unnest`` per 2,000); sending 612–723 mails/s with one worker and
1,079–1,331/s with two, 0.87–0.94 ms of this process's CPU and 0.47–0.70 ms of the
database's per mail, of which rendering (wording, links, text and html) is 0.33 ms, the
outbox insert 0.23 ms and the invitations' update 0.03 ms. On SQLite (20,000 customers):
12,270 invitations/s, 895 mails/s. Progress goes to stderr; one JSON object goes to
stdout. The customers are kept with the cluster::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-feedback -- \\
        timeout 900 .venv/bin/python bench/feedback_surveys.py

    .venv/bin/python bench/feedback_surveys.py --customers 20000   # SQLite, labelled
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

SEED = 20261206
DATABASE = "bench_feedback_surveys"
BATCH = 200  # the dispatcher's batch (dispatch.BATCH)
DISPATCH_AHEAD = timedelta(days=8)  # past every contact window, weekend and holiday
SEGMENT_NAME = "Bench: seven markets"
MAILBOX_NAME = "bench-surveys"
PREFIX = "feedback_surveys"


def log(message: str) -> None:
    print(f"[{PREFIX}] {message}", file=sys.stderr, flush=True)


# --- The customers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Market:
    country: str
    weight: int
    languages: tuple[tuple[str, float], ...]
    zones: tuple[str, ...]  # "" = no zone of their own
    subdivisions: tuple[str, ...]
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    phone_prefix: str
    phone_zone: str


MARKETS = (
    Market("IT", 25, (("it", 1.0),), ("Europe/Rome", ""), ("", "", "RM", "MI"),
           ("Giulia", "Marco", "Francesca", "Luca"), ("Rossi", "Bianchi", "Esposito", "Greco"),
           "+39347", "Europe/Rome"),
    Market("FI", 10, (("fi", 0.9), ("sv", 0.1)), ("Europe/Helsinki", ""), ("",),
           ("Aino", "Juhani", "Emilia", "Mikko"), ("Virtanen", "Korhonen", "Mäkinen", "Nieminen"),
           "+35840", "Europe/Helsinki"),
    Market("BG", 10, (("bg", 1.0),), ("Europe/Sofia", ""), ("",),
           ("Мария", "Георги", "Елена", "Иван"), ("Иванова", "Петров", "Димитрова", "Георгиев"),
           "+35988", "Europe/Sofia"),
    Market("RO", 10, (("ro", 1.0),), ("Europe/Bucharest", ""), ("",),
           ("Ioana", "Andrei", "Elena", "Mihai"), ("Popescu", "Ionescu", "Dumitru", "Stan"),
           "+40722", "Europe/Bucharest"),
    Market("SA", 10, (("ar", 0.9), ("en", 0.1)), ("Asia/Riyadh", ""), ("",),
           ("ليلى", "محمد", "نورة", "عبدالله"), ("حداد", "العتيبي", "القحطاني", "الشهري"),
           "+96650", "Asia/Riyadh"),
    Market("US", 25, (("en", 0.85), ("es", 0.15)),
           ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", ""),
           ("NY", "IL", "CO", "CA", ""),
           ("Emily", "James", "Sofia", "Michael"), ("Smith", "Johnson", "Garcia", "Miller"),
           "+1212555", "America/New_York"),
    Market("GB", 10, (("en", 1.0),), ("Europe/London", ""), ("",),
           ("Olivia", "Harry", "Amelia", "George"), ("Smith", "Jones", "Taylor", "Brown"),
           "+447700", "Europe/London"),
)  # fmt: skip
HOURS = ("",) * 17 + ("10:00-20:00", "09:00-17:00", "08:00-21:00")


def _weighted(rng: random.Random, choices: Sequence[tuple[str, float]]) -> str:
    return rng.choices([c for c, _w in choices], [w for _c, w in choices])[0]


def customers_seed(count: int, *, label: str, seed: int = SEED) -> list[int]:
    """Create ``count`` customers (bulk inserts) with e-mails, phones and consents; return
    their ids. ``label`` makes e-mails and phone numbers unique across calls."""
    from django.db import transaction

    from cortesia.customers.models import ConsentRecord, Customer, CustomerEmail, CustomerPhone

    rng = random.Random(f"{seed}:{label}")
    markets = rng.choices(MARKETS, [m.weight for m in MARKETS], k=count)
    ids: list[int] = []
    chunk = 5000
    for start in range(0, count, chunk):
        rows, extras = [], []
        for number in range(start, min(count, start + chunk)):
            market = markets[number]
            zone = rng.choice(market.zones)
            subdivision = ""
            if market.country == "US" and zone:
                subdivision = market.subdivisions[market.zones.index(zone)]
            elif market.country == "IT":
                subdivision = rng.choice(market.subdivisions)
            rows.append(
                Customer(
                    given_name=rng.choice(market.given),
                    surname=rng.choice(market.surnames),
                    country=market.country,
                    subdivision=subdivision,
                    language=_weighted(rng, market.languages),
                    time_zone=zone,
                    contact_hours=rng.choice(HOURS),
                )
            )
            extras.append((market, zone, rng.random()))
        with transaction.atomic():
            made = Customer.objects.bulk_create(rows, batch_size=1000)
            emails, phones, consents = [], [], []
            for customer, (market, zone, draw) in zip(made, extras, strict=True):
                ids.append(customer.pk)
                tag = f"{label}-{customer.pk}"
                if draw >= 0.02:  # 2 % without an e-mail address
                    emails.append(
                        CustomerEmail(
                            customer=customer,
                            address=f"c{tag}@{market.country.lower()}.example.com",
                            is_primary=True,
                        )
                    )
                if not zone and draw < 0.5:  # a phone places half of those without a zone
                    phones.append(
                        CustomerPhone(
                            customer=customer,
                            e164=f"{market.phone_prefix}{customer.pk % 10**7:07d}",
                            region=market.country,
                            time_zone=market.phone_zone,
                            is_primary=True,
                        )
                    )
                if 0.02 <= draw < 0.06 or 0.06 <= draw < 0.08:
                    consents.append(
                        ConsentRecord(
                            customer=customer,
                            purpose=ConsentRecord.Purpose.SURVEYS,
                            channel=ConsentRecord.Channel.EMAIL
                            if draw < 0.05 or draw >= 0.06
                            else ConsentRecord.Channel.ANY,
                            status=ConsentRecord.Status.WITHDRAWN
                            if draw < 0.06
                            else ConsentRecord.Status.GRANTED,
                            source=ConsentRecord.Source.IMPORT,
                        )
                    )
            CustomerEmail.objects.bulk_create(emails, batch_size=2000)
            CustomerPhone.objects.bulk_create(phones, batch_size=2000, ignore_conflicts=True)
            ConsentRecord.objects.bulk_create(consents, batch_size=2000)
        log(f"  customers: {len(ids)} of {count}")
    return ids


# --- Django and the database ----------------------------------------------------------------


def vendor_url() -> str:
    """The cluster's URL (CORTESIA_DATABASE_URL), or "" for SQLite."""
    url = os.environ.get("CORTESIA_DATABASE_URL", "")
    if url and urlsplit(url).scheme not in ("postgres", "postgresql"):
        raise SystemExit("CORTESIA_DATABASE_URL must be a postgres:// URL (or unset: SQLite).")
    return url


def own_database(url: str, name: str, *, fresh: bool) -> str:
    """Create database ``name`` on the cluster of ``url`` when missing; return its URL."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url, autocommit=True) as connection:
        if fresh:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            log(f"create database {name}")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def prepare_django(database: str, *, fresh: bool = False, migrate: bool = True) -> str:
    """Point the settings at this bench's own database, ``django.setup()`` and migrate.
    Return the vendor ("postgresql" or "sqlite")."""
    url = vendor_url()
    if url:
        os.environ["CORTESIA_DATABASE_URL"] = own_database(url, database, fresh=fresh)
    os.environ.setdefault("CORTESIA_DATA_DIR", tempfile.mkdtemp(prefix="cortesia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "cortesia.settings"
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if migrate:
        log(f"migrate ({connection.vendor})")
        call_command("migrate", interactive=False, verbosity=0)
    return str(connection.vendor)


def database_facts() -> dict[str, Any]:
    from django.db import connection

    if connection.vendor != "postgresql":
        return {"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"])}
    facts: dict[str, Any] = {"vendor": "postgresql"}
    with connection.cursor() as cursor:
        for name in ("server_version", "fsync", "synchronous_commit", "shared_buffers"):
            cursor.execute("SELECT current_setting(%s)", [name])
            facts[name] = cursor.fetchone()[0]
    return facts


def commit_rate(seconds: float = 5.0) -> dict[str, Any]:
    """One-row INSERT commits a second from this process's one connection (the durable
    floor of any write: each commit waits for its WAL flush, or SQLite's fsync)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_commit (id integer, at varchar(40))")
    count = 0
    began = time.perf_counter()
    ends = began + seconds
    while time.perf_counter() < ends:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_commit (id, at) VALUES (%s, %s)", [count, "x"])
        count += 1
    elapsed = time.perf_counter() - began
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_commit")
    return {"commits_per_s": round(count / elapsed, 1), "connections": 1}


def database_pids() -> list[int]:
    """The PostgreSQL cluster's processes (postmaster and children); [] on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == postmaster:
                children.append(int(entry.name))
    return [postmaster, *children]


def process_cpu_s(pids: Sequence[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


@dataclass
class Meter:
    """Wall and CPU seconds (this process, the database) and SQL statements of a phase."""

    statements: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    database_cpu_s: float = 0.0

    def as_dict(self, count: int) -> dict[str, Any]:
        per = max(count, 1)
        return {
            "wall_s": round(self.wall_s, 3),
            "cpu_s_this_process": round(self.cpu_s, 3),
            "cpu_s_database": round(self.database_cpu_s, 3),
            "cpu_ms_per_item": round((self.cpu_s + self.database_cpu_s) * 1000 / per, 3),
            "statements": self.statements,
        }


@contextmanager
def metered() -> Iterator[Meter]:
    from django.db import connection

    meter = Meter()
    pids = database_pids()

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        meter.statements += 1
        return execute(sql, params, many, context)

    database_before = process_cpu_s(pids)
    cpu_before, began = time.process_time(), time.perf_counter()
    with connection.execute_wrapper(count):
        yield meter
    meter.wall_s = time.perf_counter() - began
    meter.cpu_s = time.process_time() - cpu_before
    meter.database_cpu_s = process_cpu_s(pids) - database_before


@contextmanager
def timed_steps(targets: Sequence[tuple[Any, str, str]], spent: dict[str, float]) -> Iterator[None]:
    """Wrap each ``(owner, attribute, step)`` so its calls add their CPU seconds to
    ``spent[step]`` (a nested step also counts in its caller); restore them on exit."""
    originals = []

    def wrapper(function: Callable[..., Any], step: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[step] = spent.get(step, 0.0) + time.process_time() - began

        return timed

    for owner, attribute, step in targets:
        original = getattr(owner, attribute)
        originals.append((owner, attribute, original))
        setattr(owner, attribute, wrapper(original, step))
    try:
        yield
    finally:
        for owner, attribute, original in originals:
            setattr(owner, attribute, original)


def per_item_ms(spent: dict[str, float], count: int) -> dict[str, float]:
    return {step: round(s * 1000 / max(count, 1), 4) for step, s in spent.items()}


def percentiles(samples_ms: Sequence[float]) -> dict[str, float | int]:
    if not samples_ms:
        return {"count": 0}
    ordered = sorted(samples_ms)
    return {
        "count": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "max_ms": round(ordered[-1], 2),
    }


# --- The scenario ---------------------------------------------------------------------------


def setting_up(customers: int) -> dict[str, Any]:
    """Seed the customers (once), the segment and the mailbox; clear the last run."""
    from django.db import connection

    from cortesia.core.actor import Actor
    from cortesia.customers.models import Customer, Segment
    from cortesia.customers.segments import SegmentData, segment_create
    from cortesia.feedback.models import Survey, SurveyInvitation
    from cortesia.mail.mailboxes import mailbox_create
    from cortesia.mail.models import Mailbox, OutboundMail

    log("clear the previous run's invitations, mails and tasks")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE feedback_surveyresponse, feedback_surveyinvitation, "
                "mail_outboundmail, django_tasks_database_dbtaskresult CASCADE"
            )
    else:
        SurveyInvitation.objects.all().delete()
        OutboundMail.objects.all().delete()
        tasks_model().objects.all().delete()
    Survey.objects.filter(name__startswith="Bench NPS").delete()
    have = Customer.objects.count()
    seeded_s = None
    if have < customers:
        log(f"seed {customers - have} customers")
        began = time.perf_counter()
        customers_seed(customers - have, label=f"s{have}")
        seeded_s = round(time.perf_counter() - began, 1)
    system = Actor.system()
    if not Segment.objects.filter(name=SEGMENT_NAME).exists():
        rules = {
            "op": "and",
            "rules": [
                {"field": "country", "operator": "in", "value": [m.country for m in MARKETS]}
            ],
        }
        segment_create(data=SegmentData(name=SEGMENT_NAME, rules=rules), actor=system)
    if not Mailbox.objects.filter(name=MAILBOX_NAME).exists():
        mailbox_create(name=MAILBOX_NAME, address="feedback@example.com", team=None, actor=system)
    return {"customers": Customer.objects.count(), "seed_s": seeded_s}


def tasks_model() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def survey_make() -> Any:
    from cortesia.core.actor import Actor
    from cortesia.customers.models import Segment
    from cortesia.feedback.surveys import SurveyData, survey_create

    segment = Segment.objects.get(name=SEGMENT_NAME)
    data = SurveyData(
        name=f"Bench NPS {time.time_ns()}",
        kind="nps",
        trigger="relationship",
        delay_minutes=0,
        segment_uid=str(segment.uid),
    )
    return survey_create(data=data, actor=Actor.system())


def states() -> dict[str, int]:
    from django.db.models import Count

    from cortesia.feedback.models import SurveyInvitation

    rows = SurveyInvitation.objects.values_list("state", "suppressed_reason").annotate(
        n=Count("id")
    )
    return {f"{state}{':' + reason if reason else ''}": n for state, reason, n in sorted(rows)}


def schedule(survey: Any, run_at: datetime) -> dict[str, Any]:
    from cortesia.feedback import triggering

    windows = 0
    original = triggering._when  # noqa: SLF001 - counted, not changed

    def counted(*args: Any, **kwargs: Any) -> datetime:
        nonlocal windows
        windows += 1
        return original(*args, **kwargs)

    steps = [
        (triggering, "_phone_places", "phones of customers without a zone"),
        (triggering, "consent_refusals", "consent check"),
        (triggering, "recently_invited", "throttle check"),
        (triggering, "_place", "placement per distinct zone, country, hours and phone"),
        (triggering, "_run_rows", "invitation rows (the four above included)"),
        (triggering, "_invitations_insert", "insert (SQL included)"),
    ]
    nested = {step for _owner, _attribute, step in steps[:4]}
    spent: dict[str, float] = {}
    triggering._when = counted  # noqa: SLF001
    try:
        with timed_steps(steps, spent), metered() as meter:
            summary = triggering.relationship_run(survey, run_at=run_at, now=run_at)
    finally:
        triggering._when = original  # noqa: SLF001
    made = summary.scheduled + summary.suppressed
    rate = made / meter.wall_s
    steps_ms = per_item_ms(spent, made)
    steps_ms["rest (segment query, loop)"] = round(
        meter.cpu_s * 1000 / max(made, 1) - sum(v for k, v in steps_ms.items() if k not in nested),
        4,
    )
    log(f"schedule: {made} invitations in {meter.wall_s:.2f} s = {rate:.0f}/s, {windows} windows")
    return {
        "invitations": made,
        "invitations_per_s": round(rate, 1),
        "scheduled": summary.scheduled,
        "suppressed": summary.suppressed,
        "by_state": states(),
        "contact_window_computations": windows,
        **meter.as_dict(made),
        "cpu_ms_per_invitation_by_step": steps_ms,
    }


def dispatch_steps() -> list[tuple[Any, str, str]]:

    from cortesia.feedback import dispatch, mailing

    return [
        (dispatch, "_batch", "batch reads (texts, addresses, consents, mailboxes)"),
        (dispatch, "_refusal", "eligibility again"),
        (dispatch, "customer_wording", "mail: wording in language and register"),
        (dispatch, "mail_values", "mail: placeholder values"),
        (mailing, "answer_url", "mail: reverse() answer link"),
        (mailing, "unsubscribe_url", "mail: reverse() unsubscribe link"),
        (dispatch, "survey_mail", "mail: render text and html (links included)"),
        (dispatch, "outbound_queue_generated", "outbox insert + send task row"),
        (
            dispatch,
            "_invitations_mark",
            "update of the invitations (per reason + one for the sent)",
        ),
    ]


def dispatch_loop(
    now: datetime, limit: int, spent: dict[str, float] | None = None
) -> tuple[int, list[float], Meter]:
    from cortesia.feedback.dispatch import invitations_dispatch

    handled, batches = 0, []
    steps = dispatch_steps() if spent is not None else []
    with timed_steps(steps, spent if spent is not None else {}), metered() as meter:
        while True:
            began = time.perf_counter()
            done = invitations_dispatch(now=now, limit=limit)
            if not done:
                break
            batches.append((time.perf_counter() - began) * 1000)
            handled += done
    return handled, batches, meter


def outbox() -> dict[str, int]:
    from cortesia.mail.models import OutboundMail

    return {
        "mails": OutboundMail.objects.count(),
        "send_tasks_queued": tasks_model().objects.count(),
    }


def dispatch_one(now: datetime) -> dict[str, Any]:
    spent: dict[str, float] = {}
    handled, batches, meter = dispatch_loop(now, BATCH, spent)
    queued = outbox()
    steps_ms = per_item_ms(spent, queued["mails"])
    nested = ("mail: reverse() answer link", "mail: reverse() unsubscribe link")
    steps_ms["rest (select for update, Django, commit)"] = round(
        meter.cpu_s * 1000 / max(queued["mails"], 1)
        - sum(v for k, v in steps_ms.items() if k not in nested),
        4,
    )
    rate = queued["mails"] / meter.wall_s
    log(f"dispatch, 1 worker: {queued['mails']} mails in {meter.wall_s:.2f} s = {rate:.0f}/s")
    return {
        "workers": 1,
        "invitations_handled": handled,
        **queued,
        "mails_per_s": round(rate, 1),
        "batch": percentiles(batches),
        "statements_per_batch": round(meter.statements / max(len(batches), 1), 1),
        "by_state": states(),
        **meter.as_dict(queued["mails"]),
        "cpu_ms_per_mail_by_step": steps_ms,
    }


def reschedule(sample: int) -> int:
    """Put ``sample`` sent invitations back to "scheduled" (their mails stay in the outbox,
    told apart by id)."""
    from cortesia.feedback.models import InvitationState, SurveyInvitation

    ids = list(
        SurveyInvitation.objects.filter(state=InvitationState.SENT)
        .order_by("id")
        .values_list("id", flat=True)[:sample]
    )
    return SurveyInvitation.objects.filter(pk__in=ids).update(
        state=InvitationState.SCHEDULED,
        sent_at=None,
        expires_at=None,
        token_digest=None,
        language="",
        register="",
        outbound=None,
    )


def dispatch_many(now: datetime, workers: int, sample: int) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count

    from cortesia.mail.models import OutboundMail

    again = reschedule(sample)
    log(f"dispatch, {workers} workers: {again} invitations scheduled again")
    last_mail = OutboundMail.objects.order_by("-id").values_list("id", flat=True).first() or 0
    tasks_before = tasks_model().objects.count()
    connection.close()
    command = [sys.executable, __file__, "--dispatch-worker", now.isoformat()]
    began = time.perf_counter()
    processes = [
        subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        for _ in range(workers)
    ]
    for process in processes:  # each waits for this line once Django is set up
        assert process.stdin is not None  # noqa: S101 - opened with PIPE
        process.stdin.write("go\n")
        process.stdin.flush()
    started = time.perf_counter() - began
    reports = [json.loads(process.communicate(timeout=900)[0]) for process in processes]
    wall = max(r["ended"] for r in reports) - min(r["started"] for r in reports)
    new = OutboundMail.objects.filter(id__gt=last_mail)
    mails = new.count()
    recipients = new.aggregate(n=Count("to", distinct=True))["n"]
    rate = mails / wall
    log(f"dispatch, {workers} workers: {mails} mails in {wall:.2f} s = {rate:.0f}/s")
    return {
        "workers": workers,
        "invitations_scheduled_again": again,
        "mails": mails,
        "distinct_recipients": recipients,
        "mails_sent_twice": mails - recipients,
        "send_tasks_queued": tasks_model().objects.count() - tasks_before,
        "mails_per_s": round(rate, 1),
        "wall_s": round(wall, 3),
        "go_signal_s": round(started, 3),
        "per_worker": reports,
    }


def dispatch_worker(now_text: str) -> int:
    """One dispatching subprocess: set up, wait for "go" on stdin, dispatch until nothing
    is due, print what it did."""
    prepare_django(DATABASE, migrate=False)
    from django.db import connection

    connection.ensure_connection()
    sys.stdin.readline()
    started = time.time()
    handled, batches, meter = dispatch_loop(datetime.fromisoformat(now_text), BATCH)
    ended = time.time()
    report = {
        "pid": os.getpid(),
        "handled": handled,
        "batches": len(batches),
        "batch": percentiles(batches),
        "started": started,
        "ended": ended,
        "wall_s": round(ended - started, 3),
        "cpu_s": round(meter.cpu_s, 3),
    }
    print(json.dumps(report))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=100_000, help="the segment's size")
    parser.add_argument("--workers", type=int, default=2, help="the parallel dispatch (0: none)")
    parser.add_argument(
        "--parallel-sample", type=int, default=10_000, help="invitations sent again by them"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument("--dispatch-worker", metavar="NOW", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dispatch_worker:
        return dispatch_worker(args.dispatch_worker)
    vendor = prepare_django(DATABASE, fresh=args.fresh)
    from django.utils import timezone

    report: dict[str, Any] = {"scenario": "feedback_surveys", "database": database_facts()}
    report["data"] = setting_up(args.customers)
    floor = commit_rate()
    log(f"floor: {floor['commits_per_s']} one-row commits/s")
    report["one_row_commits"] = floor
    survey = survey_make()
    run_at = timezone.now().replace(microsecond=0)
    report["schedule"] = scheduled = schedule(survey, run_at)
    scheduled["per_one_row_commit"] = round(
        scheduled["invitations_per_s"] / floor["commits_per_s"], 2
    )
    now = run_at + DISPATCH_AHEAD
    report["dispatch"] = [one := dispatch_one(now)]
    one["per_one_row_commit"] = round(one["mails_per_s"] / floor["commits_per_s"], 2)
    if args.workers > 1:
        many = dispatch_many(now, args.workers, args.parallel_sample)
        many["per_one_row_commit"] = round(many["mails_per_s"] / floor["commits_per_s"], 2)
        report["dispatch"].append(many)
    report["one_row_commits_after"] = commit_rate()
    report["goals"] = {
        "schedule_invitations_per_s": 5000,
        "dispatch_mails_per_s_per_worker": 1000,
    }
    report["label"] = vendor
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
