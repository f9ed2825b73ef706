"""The inbox, the ticket page, the tickets API and the SLA scanner at scale on PostgreSQL.

The script migrates the database it is given, loads the demo data set (teams with business
calendars, agents, the "Urgent" and "Standard" SLA policies) and then, with PostgreSQL
``COPY`` in bounded chunks:

* ``--customers`` customers (default 100,000) and ``--orders`` orders, with the seeding of
  ``bench/customers_scale.py`` (imported, not copied);
* ``--tickets`` tickets (default 1,000,000) created over two years, numbered in creation
  order (the numbering continues after the last one), in the customer's language
  and routed to the team that speaks it, assigned to the team's agents; young tickets are
  mostly open, old ones mostly closed (about 10 % are new, open, pending or on hold);
* ``--messages`` messages (default 5,000,000) in the customers' languages, the first one
  from the customer, then agent replies, customer follow-ups and internal notes, stored as
  sanitized HTML (``cortesia.lib.html.sanitize_html``) with their plain text;
* one "created" ``TicketEvent`` per ticket (version 1) and one per status change, with the
  ticket's ``version`` and reply counters consistent with them;
* ``SlaClock`` rows: running (or paused, for pending tickets) first-response, next-response
  and resolution clocks of the open tickets, met ones of the solved and closed tickets. Due
  instants are the policy's target in business time, approximated as wall time times
  ``BUSINESS_FACTOR``. Alarms older than ``--sla-backlog-hours`` are recorded as already
  scanned; the newer ones are left for the scanner, as after a scanner outage that long.

Columns come from the models' ``_meta`` (``customers_scale.CopyTable``): a column the
script does not know gets the field's default, NULL or "". After ``VACUUM (ANALYZE)`` it
measures, after a warm-up, with ``time.perf_counter``:

* the inbox (``GET /tickets/?view=…``, first page) through ``django.test.Client`` for two
  agents, a manager and the administrator, with the SQL query count of every case;
* the ticket page (``GET /tickets/<uid>/``) of random tickets of the agent's team, with the
  query count for a long conversation, a one-message ticket, an open and a closed ticket;
* ``GET /api/v1/tickets?status=open`` (first page) with an administrator's and an agent's
  bearer token;
* one pass of ``cortesia.tickets.sla_scanner.sla_scan`` over the backlog: its duration,
  alarms recorded, and the time of every ``clock_claim_due`` call;
* ``POST /api/v1/tickets`` against ``cortesia serve`` (2 gunicorn processes) with four
  client threads for ``--create-seconds``: tickets per second, latency, errors, database
  transactions per ticket (``pg_stat_database.xact_commit``, less the idle rate), then the
  RSS of the web processes and of a ``cortesia worker`` started after the load.

It prints one JSON object to stdout. Progress goes to stderr, and so do the
``EXPLAIN (ANALYZE, BUFFERS)`` plans of the slowest query of the slowest inbox case, of
the ticket page, of the API list and of the scanner's claim (also written to ``--plans``).

PostgreSQL only (SQLite is refused), on an empty database; it leaves the data it loaded.
Against a throwaway cluster, from the project folder::

    .venv/bin/python -m cortesia.testing.postgres -- \\
        timeout 3000 .venv/bin/python bench/tickets_scale.py --tickets 1000000 --messages 5000000

Smaller runs (``--tickets 20000 --messages 100000``) take a few minutes. To seed once and
measure again after a change, keep the cluster (``--durable --data FOLDER``) and run the
script again with ``--measure-only inbox,api_list,api_create``: it seeds nothing then.
Put ``timeout`` after the ``--``: a ``timeout`` around the cluster runner stops it before
it can remove its cluster.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from django.db.models import Model

    from cortesia.accounts.models import User

BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_SEED = 20261125
SPAN = timedelta(days=2 * 365)  # tickets are created over the last two years
CUSTOMER_SPAN = timedelta(days=3 * 365)  # customers_scale.SPAN
DEMO_PASSWORD = "bench-pass-123"  # noqa: S105 - the throwaway instance's demo login
BUSINESS_FACTOR = 4.2  # wall time per business second: 168 h a week over 40 open hours
MAX_MESSAGES_PER_TICKET = 80
SAMPLE_PER_TEAM = 2000
CREATE_CLIENTS = 4
TICKET_LINK = re.compile(rb"/tickets/([0-9a-f-]{36})/")

# The team that answers each customer language (the demo teams); others go to New York.
LANGUAGE_TEAM = {
    "it": "Roma",
    "fi": "Helsinki",
    "bg": "София",
    "ro": "București",
    "ar": "الرياض",
}
DEFAULT_TEAM = "New York"


def bench_module(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the bench folder is no package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH_DIR / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench/{name}.py is missing.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


cs = bench_module("customers_scale")
ht = bench_module("http_throughput")
BenchError = cs.BenchError


def log(message: str) -> None:
    print(f"[tickets_scale] {message}", file=sys.stderr, flush=True)


cs.log = log  # the imported helpers report under this script's name
ht.log = log


# --- Texts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Texts:
    subjects: tuple[str, ...]
    question: str  # the customer's first message, HTML; {order} is replaced
    follow_up: str
    answer: str  # an agent's reply
    note: str  # an internal note


TEXTS: dict[str, Texts] = {
    "it": Texts(
        (
            "Il pacco {order} non è arrivato",
            "Rimborso per l'ordine {order}",
            "Fattura errata per l'ordine {order}",
        ),
        "<p>Buongiorno,</p><p>il mio ordine <strong>{order}</strong> risulta spedito da una "
        "settimana ma non è ancora arrivato. Potete verificare?</p><p>Grazie</p>",
        "<p>Scusate, ci sono novità sull'ordine {order}? Non ho ricevuto nulla.</p>",
        "<p>Gentile cliente,</p><p>abbiamo aperto una verifica con il corriere per l'ordine "
        '{order}. Può seguire la spedizione <a href="https://example.com/track/{order}">'
        "qui</a>.</p><p>Cordiali saluti</p>",
        "<p>Corriere contattato, attendo risposta entro 48 ore.</p>",
    ),
    "fi": Texts(
        ("Laskussa väärä osoite ({order})", "Tilaus {order} puuttuu", "Palautus: {order}"),
        "<p>Hei,</p><p>tilauksen <strong>{order}</strong> laskussa on vanha osoitteeni. "
        "Voitteko korjata sen?</p>",
        "<p>Hei taas, onko tilauksesta {order} uutta tietoa?</p>",
        "<p>Hei,</p><p>kiitos viestistä! Korjasimme tilauksen {order} laskun ja lähetimme "
        "sen uudelleen.</p><p>Ystävällisin terveisin</p>",
        "<p>Osoite päivitetty asiakastietoihin.</p>",
    ),
    "bg": Texts(
        ("Поръчка {order} не е пристигнала", "Връщане на стока {order}", "Фактура {order}"),
        "<p>Здравейте,</p><p>поръчката ми <strong>{order}</strong> все още не е пристигнала. "
        "Можете ли да проверите?</p>",
        "<p>Има ли новини за поръчка {order}?</p>",
        "<p>Здравейте,</p><p>проверихме поръчка {order} при куриера и тя ще бъде доставена "
        "утре.</p><p>Поздрави</p>",
        "<p>Куриерът потвърди доставка утре.</p>",
    ),
    "ro": Texts(
        ("Comanda {order} nu a sosit", "Retur pentru comanda {order}", "Factură {order}"),
        "<p>Bună ziua,</p><p>comanda mea <strong>{order}</strong> nu a sosit încă. Puteți "
        "verifica, vă rog?</p>",
        "<p>Revin: sunt noutăți despre comanda {order}?</p>",
        "<p>Bună ziua,</p><p>am verificat comanda {order}: curierul o livrează mâine.</p>"
        "<p>Cu stimă</p>",
        "<p>Ștefan de la curier confirmă livrarea.</p>",
    ),
    "ar": Texts(
        ("لم يصل الطلب {order}", "استرجاع الطلب {order}", "فاتورة الطلب {order}"),
        "<p>مرحباً،</p><p>طلبي <strong>{order}</strong> لم يصل بعد. هل يمكنكم التحقق؟</p>",
        "<p>هل من جديد بخصوص الطلب {order}؟</p>",
        "<p>مرحباً،</p><p>تحققنا من الطلب {order} وسيصل غداً.</p><p>مع التحية</p>",
        "<p>تم التواصل مع شركة الشحن.</p>",
    ),
    "en": Texts(
        ("Order {order} has not arrived", "Refund for order {order}", "Wrong invoice {order}"),
        "<p>Hello,</p><p>my order <strong>{order}</strong> shipped a week ago but has not "
        "arrived yet. Could you check?</p><p>Thanks</p>",
        "<p>Any news about order {order}? I still have nothing.</p>",
        "<p>Hello,</p><p>we asked the carrier about order {order}; you can follow it "
        '<a href="https://example.com/track/{order}">here</a>.</p><p>Kind regards</p>',
        "<p>Carrier contacted, expecting an answer within 48 hours.</p>",
    ),
    "de": Texts(
        ("Bestellung {order} nicht angekommen", "Rückerstattung {order}", "Rechnung {order}"),
        "<p>Guten Tag,</p><p>meine Bestellung <strong>{order}</strong> ist noch nicht "
        "angekommen. Können Sie das prüfen?</p><p>Grüße</p>",
        "<p>Gibt es Neuigkeiten zur Bestellung {order}?</p>",
        "<p>Guten Tag,</p><p>wir haben beim Versand nachgefragt: Bestellung {order} kommt "
        "morgen.</p><p>Freundliche Grüße</p>",
        "<p>Spediteur angeschrieben.</p>",
    ),
    "ja": Texts(
        ("注文 {order} が届きません", "注文 {order} の返品", "注文 {order} の請求書"),
        "<p>こんにちは。</p><p>注文 <strong>{order}</strong> がまだ届きません。確認して"
        "いただけますか。</p>",
        "<p>注文 {order} について何か進展はありますか。</p>",
        "<p>お問い合わせありがとうございます。</p><p>注文 {order} は明日お届けします。</p>",
        "<p>配送業者に確認済み。</p>",
    ),
}


@dataclass(frozen=True)
class Body:
    html: str
    text: str

    def render(self, order: str) -> tuple[str, str]:
        return self.html.replace("{order}", order), self.text.replace("{order}", order)


def sanitized_bodies() -> dict[str, dict[str, Body]]:
    """Every template through the application's sanitizer, once: rows then get its output."""
    from cortesia.lib.html import html_to_text, sanitize_html

    bodies: dict[str, dict[str, Body]] = {}
    for language, texts in TEXTS.items():
        bodies[language] = {}
        for name in ("question", "follow_up", "answer", "note"):
            markup = sanitize_html(getattr(texts, name))
            bodies[language][name] = Body(markup, html_to_text(markup))
    return bodies


# --- Seeding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    id: int
    name: str
    first: int | None  # minutes
    next: int | None
    resolution: int | None
    warn_percent: int
    business_hours: bool


@dataclass
class Seeded:
    customers: int
    tickets: int
    messages: int
    rows: dict[str, int]
    copy_seconds: dict[str, float]
    seconds: dict[str, float]
    first_ticket_id: int
    statuses: dict[str, int] = field(default_factory=dict)
    clock_states: dict[str, int] = field(default_factory=dict)
    backlog_alarms: int = 0
    samples: dict[int, list[int]] = field(default_factory=dict)  # team id → ticket ids
    probes: dict[int, dict[str, int]] = field(default_factory=dict)  # team id → kind → id


def customer_languages(customers: int) -> bytearray:
    """The seeded customers' languages (index into ``LANGUAGES``) by id - 1."""
    languages = bytearray(customers)
    codes = {code: index for index, code in enumerate(LANGUAGES)}
    with cs.raw_connection().cursor() as cursor:
        cursor.execute("SELECT id, language FROM customers_customer WHERE id <= %s", [customers])
        for customer_id, language in cursor:
            languages[customer_id - 1] = codes.get(language, codes["en"])
    return languages


LANGUAGES = tuple(TEXTS)
CHANNELS = ("email",) * 10 + ("web",) * 5 + ("chat",) * 2 + ("phone", "social", "api")
PRIORITIES = ("normal",) * 14 + ("low",) * 3 + ("high",) * 2 + ("urgent",)
TICKET_TAGS = ("shipping", "billing", "returns", "damaged", "invoice", "vip")


def pick_status(rng: random.Random, age: timedelta) -> str:
    """Young tickets are mostly open; of the old ones about 7.5 % were never finished."""
    if age < timedelta(days=3):
        unsolved = 0.8
    elif age < timedelta(days=30):
        unsolved = 0.35
    else:
        unsolved = 0.075
    if rng.random() < unsolved:
        return rng.choices(("new", "open", "pending", "on_hold"), weights=(15, 45, 30, 10))[0]
    if age < timedelta(days=7):
        return "solved"
    return "closed" if rng.random() < 0.97 else "solved"


def later(rng: random.Random, at: datetime, low_s: float, high_s: float, now: datetime) -> datetime:
    """A moment ``low_s``–``high_s`` after ``at``, squeezed to stay before ``now``."""
    candidate = at + timedelta(seconds=rng.uniform(low_s, high_s))
    if candidate < now - timedelta(seconds=60):
        return candidate
    room = max((now - at).total_seconds() - 60.0, 1.0)
    return at + timedelta(seconds=room * rng.uniform(0.2, 0.6))


def _fill_sla_due() -> None:
    """Copy each open ticket's nearest running clock onto it, as the ticket services do
    (COPY bypassed them); skipped when the schema has no such column."""
    from django.db.models import OuterRef, Subquery

    from cortesia.sla.models import SlaClock
    from cortesia.tickets.models import Ticket

    if not any(field.name == "sla_due_at" for field in Ticket._meta.concrete_fields):
        return
    began = time.perf_counter()
    nearest = (
        SlaClock.objects.filter(ticket=OuterRef("pk"), state="running")
        .order_by("due_at")
        .values("due_at")[:1]
    )
    updated = Ticket.objects.filter(status__in=("new", "open", "pending", "on_hold")).update(
        sla_due_at=Subquery(nearest)
    )
    log(f"next SLA deadline on {updated:,} open tickets in {time.perf_counter() - began:.0f} s")


def seed_tickets(
    *,
    tickets: int,
    messages: int,
    customers: int,
    chunk: int,
    seed_value: int,
    now: datetime,
    backlog: timedelta,
    closed_clocks: bool,
    deadline: Any,
) -> Seeded:
    from django.db import connection
    from psycopg import sql

    from cortesia.accounts.models import Role, Team, TeamMembership
    from cortesia.sla.models import SlaClock, SlaPolicy
    from cortesia.tickets.models import Ticket, TicketEvent, TicketMessage
    from cortesia.tickets.numbering import FIRST_NUMBER, numbers_continue_after

    rng = random.Random(seed_value)

    def new_uuid() -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def plan(model: type[Model], provided: Sequence[str]) -> Any:
        table = cs.CopyTable(
            model,
            provided,
            now=now,
            new_uuid=new_uuid,
            db_columns=cs.table_columns(model._meta.db_table),
        )
        if table.defaults:
            defaults = ", ".join(f"{k}={v}" for k, v in sorted(table.defaults.items()))
            log(f"{table.table}: defaults for {defaults}")
        return table

    ticket_table = plan(
        Ticket,
        (
            "id",
            "uid",
            "created_at",
            "updated_at",
            "number",
            "subject",
            "status",
            "priority",
            "channel",
            "customer_id",
            "team_id",
            "assignee_id",
            "language",
            "tags",
            "version",
            "first_response_at",
            "solved_at",
            "agent_reply_count",
            "customer_reply_count",
            "reopen_count",
        ),
    )
    message_table = plan(
        TicketMessage,
        ("uid", "ticket_id", "kind", "author_kind", "author_id", "body_html", "body_text",
         "created_at"),
    )  # fmt: skip
    event_table = plan(
        TicketEvent,
        ("uid", "ticket_id", "kind", "occurred_at", "actor_id", "version", "fields", "data"),
    )
    clock_table = plan(
        SlaClock,
        (
            "ticket_id",
            "policy_id",
            "target",
            "calendar_id",
            "target_seconds",
            "warn_at_percent",
            "state",
            "started_at",
            "running_since",
            "spent_seconds",
            "due_at",
            "warn_due_at",
            "warned_at",
            "breached_at",
            "stopped_at",
            "next_check_at",
        ),
    )

    teams = {team.name: team for team in Team.objects.all()}
    missing = {DEFAULT_TEAM, *LANGUAGE_TEAM.values()} - set(teams)
    if missing:
        raise BenchError(f"The demo data set has no team {', '.join(sorted(missing))}.")
    team_of_language = [teams[LANGUAGE_TEAM.get(code, DEFAULT_TEAM)] for code in LANGUAGES]
    agents: dict[int, list[int]] = {team.pk: [] for team in teams.values()}
    for team_id, user_id in (
        TeamMembership.objects.filter(
            user__is_active=True, user__role__in=(Role.AGENT, Role.MANAGER)
        )
        .order_by("team_id", "user_id")
        .values_list("team_id", "user_id")
    ):
        agents.setdefault(team_id, []).append(user_id)
    policies = {
        p.name: Policy(
            p.pk,
            p.name,
            p.first_response_minutes,
            p.next_response_minutes,
            p.resolution_minutes,
            p.warn_at_percent,
            p.business_hours,
        )
        for p in SlaPolicy.objects.filter(is_active=True)
    }
    if "Standard" not in policies or "Urgent" not in policies:
        raise BenchError("The demo SLA policies (Urgent, Standard) are missing.")
    bodies = sanitized_bodies()
    languages = customer_languages(customers)
    first_id = (Ticket.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    first_number = max(
        FIRST_NUMBER,
        (Ticket.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1,
    )
    created_event = json.dumps(["status"])

    seeded = Seeded(
        customers=customers,
        tickets=tickets,
        messages=0,
        rows={},
        copy_seconds={},
        seconds={},
        first_ticket_id=first_id,
    )
    stats = cs.CopyStats()
    start = now - SPAN
    span_s = SPAN.total_seconds()
    customer_start = now - CUSTOMER_SPAN
    customer_span_s = CUSTOMER_SPAN.total_seconds()
    messages_left = messages
    sample_rate = min(1.0, SAMPLE_PER_TEAM * len(teams) / tickets)
    scanned_before = now - backlog
    statuses: dict[str, int] = {}
    clock_states: dict[str, int] = {}
    most_messages: dict[int, int] = {}
    began = time.perf_counter()

    def clock_row(
        ticket_id: int,
        policy: Policy,
        target: str,
        minutes: int,
        calendar_id: int | None,
        started: datetime,
        state: str,
        ended: datetime | None,
    ) -> tuple[object, ...]:
        """A clock; running ones get due and warning instants and the scanner's state."""
        factor = BUSINESS_FACTOR if policy.business_hours and calendar_id else 1.0
        target_s = minutes * 60
        due = started + timedelta(seconds=target_s * factor)
        warn_due = started + timedelta(seconds=target_s * policy.warn_percent / 100 * factor)
        warned = breached = next_check = running_since = None
        spent = 0
        if state == "running":
            running_since = started
            if warn_due > now:
                next_check = warn_due
            elif due > now:
                if warn_due < scanned_before:
                    warned, next_check = warn_due, due
                else:
                    next_check = warn_due
                    seeded.backlog_alarms += 1
            elif due < scanned_before:
                warned, breached = warn_due, due
            elif warn_due < scanned_before:
                warned, next_check = warn_due, due
                seeded.backlog_alarms += 1
            else:
                next_check = warn_due  # one claim records the breach (and the warning)
                seeded.backlog_alarms += 1
        else:
            stop = ended or now
            spent = min(int((stop - started).total_seconds() / factor), 10 * target_s)
            if state == "paused":
                due = warn_due = None  # clocks._pause clears the due instant
            elif stop > warn_due:
                warned = warn_due
                if stop > due:
                    breached = due
        clock_states[state] = clock_states.get(state, 0) + 1
        return (
            ticket_id,
            policy.id,
            target,
            calendar_id if factor != 1.0 else None,
            target_s,
            policy.warn_percent,
            state,
            started,
            running_since,
            spent,
            due,
            warn_due,
            warned,
            breached,
            ended if state in ("met", "stopped") else None,
            next_check,
        )

    log(f"seeding {tickets:,} tickets and {messages:,} messages in chunks of {chunk:,}")
    for first in range(0, tickets, chunk):
        deadline.check("seeding tickets")
        ticket_rows: list[tuple[object, ...]] = []
        message_rows: list[tuple[object, ...]] = []
        event_rows: list[tuple[object, ...]] = []
        clock_rows: list[tuple[object, ...]] = []
        for index in range(first, min(first + chunk, tickets)):
            ticket_id = first_id + index
            number = first_number + index
            order = f"W{rng.randrange(1, 10**9):09d}"
            created = start + timedelta(seconds=(index + rng.random()) * span_s / tickets)
            existing = int(customers * (created - customer_start).total_seconds() / customer_span_s)
            customer_index = rng.randrange(max(1, min(customers, existing - 1)))
            language_index = languages[customer_index]
            language = LANGUAGES[language_index]
            team = team_of_language[language_index]
            team_agents = agents.get(team.pk) or [None]
            texts = TEXTS[language]
            body = bodies[language]
            status = pick_status(rng, now - created)
            statuses[status] = statuses.get(status, 0) + 1
            assignee = rng.choice(team_agents)
            if status == "new" and rng.random() < 0.5 or rng.random() < 0.05:
                assignee = None
            priority = PRIORITIES[rng.randrange(len(PRIORITIES))]
            policy = policies["Urgent" if priority == "urgent" else "Standard"]

            # The conversation: its length keeps the total near --messages.
            tickets_left = tickets - index
            mean = messages_left / tickets_left
            count = 1 + int(rng.expovariate(1.0 / (mean - 1.0))) if mean > 1.0 else 1
            if status == "new":
                count = min(count, 2)
            elif status in ("pending", "solved", "closed"):
                count = max(count, 2)
            count = max(1, min(count, MAX_MESSAGES_PER_TICKET, messages_left - tickets_left + 1))
            messages_left -= count
            at = created
            first_response = last_customer = None
            agent_replies = customer_replies = 0
            last_public = "customer"
            for position in range(count):
                if position == 0:
                    kind, author_kind, name = "reply", "customer", "question"
                elif status == "new":
                    kind, author_kind, name = "reply", "customer", "follow_up"
                elif rng.random() < 0.1:
                    kind, author_kind, name = "note", "agent", "note"
                elif last_public == "customer" or status == "pending" and position == count - 1:
                    kind, author_kind, name = "reply", "agent", "answer"
                else:
                    kind, author_kind, name = "reply", "customer", "follow_up"
                if position:
                    at = later(rng, at, 300, 36 * 3600, now)
                if kind == "reply":
                    last_public = author_kind
                    if author_kind == "agent":
                        agent_replies += 1
                        first_response = first_response or at
                    elif position:
                        customer_replies += 1
                        last_customer = at
                html, text = body[name].render(order)
                message_rows.append(
                    (
                        new_uuid(),
                        ticket_id,
                        kind,
                        author_kind,
                        (assignee or team_agents[0]) if author_kind == "agent" else None,
                        html,
                        text,
                        at,
                    )
                )
            last_message = at
            solved_at = None
            if status in ("solved", "closed"):
                solved_at = later(rng, last_message, 600, 2 * 86400, now)

            # Events: created (v1), then each status change one version up.
            version = 1
            event_rows.append(
                (
                    new_uuid(),
                    ticket_id,
                    "created",
                    created,
                    None,
                    1,
                    "[]",
                    json.dumps(
                        {
                            "number": number,
                            "routing": f"rule:{team.name}",
                            "auto_assigned": assignee is not None,
                            "sla_policy": policy.name,
                        },
                        ensure_ascii=False,
                    ),
                )
            )
            changes: list[tuple[str, datetime]] = []
            if first_response is not None:
                changes.append(("replied", first_response))  # new → open
            if status in ("pending", "on_hold"):
                changes.append(("updated", later(rng, last_message, 60, 3600, now)))
            elif status in ("solved", "closed") and solved_at is not None:
                changes.append(("updated", solved_at))
                if status == "closed":
                    changes.append(("updated", later(rng, solved_at, 86400, 4 * 86400, now)))
            for kind, when in changes:
                version += 1
                event_rows.append(
                    (new_uuid(), ticket_id, kind, when, assignee, version, created_event, "{}")
                )
            updated = max([last_message, *(when for _kind, when in changes)])
            tags = rng.sample(TICKET_TAGS, rng.choice((0, 0, 0, 1, 1, 2)))
            ticket_rows.append(
                (
                    ticket_id,
                    new_uuid(),
                    created,
                    updated,
                    number,
                    texts.subjects[rng.randrange(len(texts.subjects))].replace("{order}", order),
                    status,
                    priority,
                    CHANNELS[rng.randrange(len(CHANNELS))],
                    customer_index + 1,
                    team.pk,
                    assignee,
                    language,
                    json.dumps(tags),
                    version,
                    first_response,
                    solved_at,
                    agent_replies,
                    customer_replies,
                    0,
                )
            )

            # SLA clocks.
            calendar_id = team.calendar_id
            is_open = status not in ("solved", "closed")
            if is_open or closed_clocks:
                if policy.first:
                    state = "met" if first_response else "running"
                    clock_rows.append(
                        clock_row(
                            ticket_id, policy, "first_response", policy.first, calendar_id,
                            created, state, first_response,
                        )
                    )  # fmt: skip
                if policy.resolution:
                    if status in ("solved", "closed"):
                        state, ended = "met", solved_at
                    elif status == "pending":
                        state, ended = "paused", None
                    else:
                        state, ended = "running", None
                    clock_rows.append(
                        clock_row(
                            ticket_id, policy, "resolution", policy.resolution, calendar_id,
                            created, state, ended,
                        )
                    )  # fmt: skip
                if (
                    policy.next
                    and status == "open"
                    and last_customer is not None
                    and last_public == "customer"
                ):
                    clock_rows.append(
                        clock_row(
                            ticket_id, policy, "next_response", policy.next, calendar_id,
                            last_customer, "running", None,
                        )
                    )  # fmt: skip

            # Tickets the page measurements pick.
            if rng.random() < sample_rate:
                seeded.samples.setdefault(team.pk, []).append(ticket_id)
            probes = seeded.probes.setdefault(team.pk, {})
            if count > most_messages.get(team.pk, 0):
                most_messages[team.pk] = count
                probes["most_messages"] = ticket_id
            if count == 1:
                probes.setdefault("one_message", ticket_id)
            if status == "open" and agent_replies:
                probes["open_with_clocks"] = ticket_id
            if status == "closed":
                probes.setdefault("closed", ticket_id)
        cs.copy_rows(ticket_table, ticket_rows, stats)
        cs.copy_rows(message_table, message_rows, stats)
        cs.copy_rows(event_table, event_rows, stats)
        cs.copy_rows(clock_table, clock_rows, stats)
        seeded.messages += len(message_rows)
        done = min(first + chunk, tickets)
        if done % (chunk * 10) == 0 or done == tickets:
            log(
                f"  {done:,} tickets, {seeded.messages:,} messages "
                f"({time.perf_counter() - began:.0f} s)"
            )

    last_number = first_number + tickets - 1
    numbers_continue_after(last_number)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('tickets_ticket', 'id'),"
            " (SELECT coalesce(max(id), 0) + 1 FROM tickets_ticket), false)"
        )
    seeded.seconds["tickets"] = time.perf_counter() - began
    seeded.rows = dict(stats.rows)
    seeded.copy_seconds = {table: round(s, 1) for table, s in stats.seconds.items()}
    seeded.statuses = statuses
    seeded.clock_states = clock_states
    log(f"loaded {sum(stats.rows.values()):,} rows in {seeded.seconds['tickets']:.0f} s")
    _fill_sla_due()
    log("VACUUM (ANALYZE)")
    vacuum_began = time.perf_counter()
    with cs.raw_connection().cursor() as cursor:
        for table in stats.rows:
            deadline.check("VACUUM (ANALYZE)")
            cursor.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(table)))
    seeded.seconds["vacuum_analyze"] = time.perf_counter() - vacuum_began
    return seeded


# --- Measuring ------------------------------------------------------------------------------


@dataclass
class Plans:
    """EXPLAIN output: printed to stderr, kept for ``--plans``, summarised in the JSON."""

    texts: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def explain(self, title: str, captured: Any) -> None:
        if captured is None:
            return
        connection = cs.raw_connection()
        with connection.transaction(force_rollback=True), connection.cursor() as cursor:
            for setting in captured.settings:
                cursor.execute(cs.SET_RE.sub("SET LOCAL ", setting, count=1).encode())
            cursor.execute(b"EXPLAIN (ANALYZE, BUFFERS) " + captured.sql.encode())
            lines = [str(row[0]) for row in cursor.fetchall()]
        settings = "".join(f"{setting};\n" for setting in captured.settings)
        text = f"\n=== {title}\n{settings}{captured.sql}\n\n" + "\n".join(lines) + "\n"
        print(text, file=sys.stderr, flush=True)
        self.texts.append(text)
        execution = next((line for line in lines if line.startswith("Execution Time")), "")
        self.summary[title] = {
            "execution": execution.split(":", 1)[-1].strip(),
            "top": [line.rstrip() for line in lines[:8]],
        }


def first_query(action: Callable[[], object]) -> Any:
    """The first query ``action`` runs (parameters inlined), as ``captured_slowest`` gives."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    if not context.captured_queries:
        return None
    return cs.Captured(str(context.captured_queries[0]["sql"]), ())


def query_count(action: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def logged_in(user: User) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def fetch(client: Any, path: str, expected: int = 200, **extra: Any) -> Any:
    response = client.get(path, **extra)
    if response.status_code != expected:
        raise BenchError(
            f"GET {path} answered {response.status_code}; expected {expected}: "
            f"{response.content[:300]!r}"
        )
    return response


def measure_inbox(users: dict[str, User], timing: Any, plans: Plans) -> dict[str, Any]:
    cases = (
        ("agent_roma", "team"),
        ("agent_roma", "breaching"),
        ("agent_roma", "mine"),
        ("agent_helsinki", "team"),
        ("agent_helsinki", "breaching"),
        ("manager_roma", "all"),
        ("manager_roma", "breaching"),
        ("admin", "all"),
    )
    results: dict[str, Any] = {}
    clients = {name: logged_in(user) for name, user in users.items()}
    for who, view in cases:
        client = clients[who]
        path = f"/tickets/?view={view}"
        response = fetch(client, path)
        rows = len(set(TICKET_LINK.findall(response.content)))
        queries = query_count(lambda client=client, path=path: fetch(client, path))
        samples = timing.series(f"inbox {who} {view}", lambda c=client, p=path: fetch(c, p))
        name = f"{who}:{view}"
        results[name] = {
            "path": path,
            "queries": queries,
            "tickets_listed": rows,
            **cs.summary(samples),
        }
        log(f"  inbox {name}: {results[name].get('p50_ms')} ms p50, {queries} queries")
    counts = {entry["queries"] for entry in results.values()}
    if len(counts) != 1:
        log(f"  the inbox's query count varies: { {k: v['queries'] for k, v in results.items()} }")
    slowest = max(results, key=lambda name: float(results[name].get("p50_ms", 0.0)))
    who, view = slowest.split(":")
    plans.explain(
        f"slowest inbox query: {slowest}",
        cs.captured_slowest(lambda: fetch(clients[who], f"/tickets/?view={view}")),
    )
    return {
        "cases": results,
        "query_count_constant": len(counts) == 1,
        "query_counts": sorted(counts),
        "slowest": slowest,
    }


def measure_ticket_page(
    viewer: User, team_id: int, seeded: Seeded, timing: Any, plans: Plans, seed_value: int
) -> dict[str, Any]:
    from cortesia.tickets.models import Ticket

    client = logged_in(viewer)
    ids = list(seeded.samples.get(team_id, []))
    random.Random(seed_value + 2).shuffle(ids)
    uids = dict(Ticket.objects.filter(id__in=ids).values_list("id", "uid"))
    paths = [f"/tickets/{uids[i]}/" for i in ids if i in uids]
    if not paths:
        return {"skipped": "no sampled ticket in the agent's team"}
    position = iter(range(10**9))

    def next_page() -> None:
        fetch(client, paths[next(position) % len(paths)])

    samples = timing.series("ticket page", next_page)
    probes = seeded.probes.get(team_id, {})
    probe_rows = {
        row["id"]: row
        for row in Ticket.objects.filter(id__in=probes.values()).values(
            "id", "uid", "status", "agent_reply_count", "customer_reply_count"
        )
    }
    counts: dict[str, Any] = {}
    for label, ticket_id in probes.items():
        row = probe_rows[ticket_id]
        path = f"/tickets/{row['uid']}/"
        fetch(client, path)
        counts[label] = {
            "status": row["status"],
            "messages": Ticket.objects.get(pk=ticket_id).messages.count(),
            "queries": query_count(lambda path=path: fetch(client, path)),
        }
    distinct = {entry["queries"] for entry in counts.values()}
    if len(distinct) != 1:
        log(f"  the ticket page's query count varies: {counts}")
    slow_label = max(counts, key=lambda label: counts[label]["messages"])
    slow_path = f"/tickets/{probe_rows[probes[slow_label]]['uid']}/"
    plans.explain(
        f"ticket page, slowest query ({slow_label})",
        cs.captured_slowest(lambda: fetch(client, slow_path)),
    )
    result = {
        **cs.summary(samples),
        "distinct_tickets": len(paths),
        "query_count_constant": len(distinct) == 1,
        "query_counts": counts,
    }
    log(f"  ticket page: {result.get('p50_ms')} ms p50, queries {sorted(distinct)}")
    return result


def measure_api_list(tokens: dict[str, str], timing: Any, plans: Plans) -> dict[str, Any]:
    from django.test import Client

    results: dict[str, Any] = {}
    path = "/api/v1/tickets?status=open"
    for who, token in tokens.items():
        client = Client(headers={"Authorization": f"Bearer {token}"})
        items = len(fetch(client, path).json()["items"])
        queries = query_count(lambda client=client: fetch(client, path))
        cpu_began = time.process_time()
        samples = timing.series(f"api list {who}", lambda client=client: fetch(client, path))
        cpu_ms = (time.process_time() - cpu_began) * 1000.0 / max(1, len(samples) + timing.warmup)
        # The floor: the same client's smallest authenticated request, timed alike.
        floor = timing.series(f"api me {who}", lambda client=client: fetch(client, "/api/v1/me"))
        results[who] = {
            "items": items,
            "queries": queries,
            **cs.summary(samples),
            "cpu_ms_per_request": round(cpu_ms, 2),
            "floor_api_me": cs.summary(floor),
        }
        log(
            f"  api list {who}: {results[who].get('p50_ms')} ms p50, {cpu_ms:.1f} CPU ms, "
            f"{queries} queries "
            f"(GET /api/v1/me: {results[who]['floor_api_me'].get('p50_ms')} ms p50)"
        )
        plans.explain(
            f"API list ?status=open as {who}, slowest query",
            cs.captured_slowest(lambda client=client: fetch(client, path)),
        )
    return {"path": path, "tokens": results}


def measure_scanner(limit: int, plans: Plans) -> dict[str, Any]:
    from django.db import transaction
    from django.db.models import Count
    from django.utils import timezone

    from cortesia.sla.clocks import clock_claim_due
    from cortesia.sla.models import SlaClock
    from cortesia.tickets import sla_scanner
    from cortesia.tickets.models import TicketEvent

    now = timezone.now()
    due = SlaClock.objects.filter(state="running", next_check_at__lte=now).count()
    running = SlaClock.objects.filter(state="running").count()
    with transaction.atomic():
        captured = first_query(lambda: clock_claim_due(now))
        transaction.set_rollback(True)
    plans.explain("SLA scanner: clock_claim_due's SELECT", captured)
    before = dict(
        TicketEvent.objects.filter(kind__in=("sla_warning", "sla_breached"))
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    claims: list[float] = []
    alarm_ends: list[float] = []
    original = sla_scanner.clock_claim_due

    def timed_claim(moment: datetime) -> Any:
        began = time.perf_counter()
        try:
            return original(moment)
        finally:
            ended = time.perf_counter()
            claims.append((ended - began) * 1000.0)
            alarm_ends.append(ended)

    sla_scanner.clock_claim_due = timed_claim
    error = None
    began = time.perf_counter()
    recorded = 0
    try:
        recorded = sla_scanner.sla_scan(now=now, limit=limit)
    except Exception as failure:  # noqa: BLE001 - reported in the result, not worked around
        import traceback

        error = "".join(traceback.format_exception(failure))[-3000:]
        log(f"  sla_scan failed:\n{error}")
    finally:
        sla_scanner.clock_claim_due = original
    seconds = time.perf_counter() - began
    after = dict(
        TicketEvent.objects.filter(kind__in=("sla_warning", "sla_breached"))
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    # Time per alarm: from one claim's end to the next (the event, the escalation, commit).
    per_alarm = [(b - a) * 1000.0 for a, b in zip(alarm_ends, alarm_ends[1:], strict=False)] or [
        0.0
    ]
    result = {
        "running_clocks": running,
        "due_before_pass": due,
        "alarms_recorded": recorded,
        "events_added": {k: after.get(k, 0) - before.get(k, 0) for k in after},
        "pass_seconds": round(seconds, 3),
        "alarms_per_s": round(recorded / seconds, 1) if seconds else None,
        "clock_claim_due": cs.summary(claims),
        "per_alarm": cs.summary(per_alarm),
        "limit": limit,
    }
    if error:
        result["error"] = error
    log(f"  sla_scan: {recorded} alarms in {seconds:.2f} s, claim p50 {result['clock_claim_due']}")
    return result


def process_rss_kb(pid: int) -> int:
    completed = subprocess.run(
        ["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True, check=False
    )
    text = completed.stdout.strip()
    return int(text) if text.isdigit() else 0


def child_pids(pid: int) -> list[int]:
    completed = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(word) for word in completed.stdout.split() if word.isdigit()]


def xact_commits() -> int:
    with cs.raw_connection().cursor() as cursor:
        cursor.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@dataclass
class LoadResult:
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def post_tickets(port: int, token: str, payloads: list[bytes], seconds: float) -> LoadResult:
    """``CREATE_CLIENTS`` threads, each with its own keep-alive connection, for ``seconds``."""
    result = LoadResult()
    ends = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(ht.HOST, port, timeout=60)
        position = number
        statuses: dict[int, int] = {}
        latencies: list[float] = []
        errors: list[str] = []
        while time.monotonic() < ends:
            body = payloads[position % len(payloads)]
            position += CREATE_CLIENTS
            began = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/tickets", body=body, headers=headers)
                response = connection.getresponse()
                content = response.read()
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
                connection.close()
                connection = http.client.HTTPConnection(ht.HOST, port, timeout=60)
                continue
            latencies.append((time.perf_counter() - began) * 1000.0)
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status != 201 and len(errors) < 5:
                errors.append(f"{response.status}: {content[:300]!r}")
        connection.close()
        with result.lock:
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count
            result.latencies_ms.extend(latencies)
            result.errors.extend(errors)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CREATE_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return result


def creation_payloads(customers: int, seed_value: int) -> list[bytes]:
    from cortesia.accounts.models import Team
    from cortesia.customers.models import Customer

    rng = random.Random(seed_value + 3)
    ids = [rng.randrange(1, customers + 1) for _ in range(2000)]
    teams = {team.name: str(team.uid) for team in Team.objects.all()}
    payloads = []
    for uid, language in Customer.objects.filter(id__in=ids).values_list("uid", "language"):
        code = language if language in TEXTS else "en"
        order = f"W{rng.randrange(1, 10**9):09d}"
        payload = {
            "subject": TEXTS[code].subjects[0].replace("{order}", order),
            "customer": str(uid),
            "team": teams[LANGUAGE_TEAM.get(code, DEFAULT_TEAM)],
            "channel": "email",
            "message": {
                "body_html": TEXTS[code].question.replace("{order}", order),
                "author": "customer",
            },
        }
        payloads.append(json.dumps(payload, ensure_ascii=False).encode())
    return payloads


def measure_creation(
    *,
    database_url: str,
    data_dir: str,
    token: str,
    customers: int,
    seconds: float,
    seed_value: int,
) -> dict[str, Any]:
    from django.test import Client

    from cortesia.tickets.models import Ticket

    payloads = creation_payloads(customers, seed_value)
    # One creation in process first: its query count, and a loud failure if it fails.
    client = Client(headers={"Authorization": f"Bearer {token}"})
    statuses: list[int] = []

    def create_one() -> None:
        response = client.post(
            "/api/v1/tickets", data=payloads[-1], content_type="application/json"
        )
        statuses.append(response.status_code)
        if response.status_code != 201:
            raise BenchError(f"POST /api/v1/tickets answered {response.status_code}: "
                             f"{response.content[:500]!r}")  # fmt: skip

    create_one()
    queries = query_count(create_one)

    cortesia = ht.executable("cortesia")
    port = ht.free_port()
    environment = ht.server_environment(Path(data_dir), port, database_url)
    # One token makes every request: lift its per-minute limit (600 by default), which
    # would otherwise answer most of the load with 429.
    environment["CORTESIA_API_REQUESTS_PER_MINUTE"] = "1000000"
    log_path = Path(data_dir) / "server.log"
    result: dict[str, Any] = {"queries_per_create_in_process": queries}
    with log_path.open("wb") as server_log:
        server = ht.start_server(cortesia, environment, port, server_log)
        worker: subprocess.Popen[bytes] | None = None
        try:
            ht.wait_until_ready(server, port)
            time.sleep(3.0)  # let the task worker's start-up scans settle
            idle_began, idle_before = time.perf_counter(), xact_commits()
            time.sleep(5.0)
            idle_rate = (xact_commits() - idle_before) / (time.perf_counter() - idle_began)
            tickets_before = Ticket.objects.count()
            commits_before = xact_commits()
            load_began = time.perf_counter()
            log(f"POST /api/v1/tickets, {CREATE_CLIENTS} clients, {seconds:.0f} s")
            load = post_tickets(port, token, payloads, seconds)
            load_seconds = time.perf_counter() - load_began
            time.sleep(2.0)  # backends report their counters at most once a second
            commits = xact_commits() - commits_before
            commit_seconds = time.perf_counter() - load_began
            created = Ticket.objects.count() - tickets_before
            ok = load.statuses.get(201, 0)
            server_rss = {"master": process_rss_kb(server.pid)}
            for pid in child_pids(server.pid):
                server_rss[f"web_{pid}"] = process_rss_kb(pid)
            log("cortesia worker (RSS after the load)")
            worker = subprocess.Popen(
                [cortesia, "worker"],
                cwd=ht.ROOT,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=server_log,
                start_new_session=True,
            )
            rss_samples = []
            for _ in range(10):
                time.sleep(1.0)
                rss_samples.append(process_rss_kb(worker.pid))
            worker_alive = worker.poll() is None
            ht.stop_server(worker)
            result.update(
                {
                    "clients": CREATE_CLIENTS,
                    "server": f"cortesia serve, {ht.WORKERS} gunicorn gthread processes",
                    "seconds": round(load_seconds, 1),
                    "tickets_per_s": round(ok / load_seconds, 1),
                    "responses": {str(k): v for k, v in sorted(load.statuses.items())},
                    "errors": sum(v for k, v in load.statuses.items() if k != 201)
                    + sum(1 for e in load.errors if not e[:3].isdigit()),
                    "error_samples": load.errors[:5],
                    "tickets_created_in_db": created,
                    "latency": cs.summary(load.latencies_ms),
                    "xact_commit_delta": commits,
                    "idle_commits_per_s": round(idle_rate, 1),
                    "transactions_per_ticket": round(
                        (commits - idle_rate * commit_seconds) / created, 2
                    )
                    if created
                    else None,
                    "rss_mb": {
                        "serve": {k: round(v / 1024, 1) for k, v in server_rss.items()},
                        "worker_after_10s": round(max(rss_samples) / 1024, 1),
                        "worker_alive": worker_alive,
                    },
                }
            )
        finally:
            if worker is not None and worker.poll() is None:
                ht.stop_server(worker)
            ht.stop_server(server)
    if result.get("errors"):
        log("server log:\n" + log_path.read_text(errors="replace")[-6000:])
    log(
        f"  create: {result.get('tickets_per_s')} tickets/s, {result.get('errors')} errors, "
        f"{result.get('transactions_per_ticket')} transactions per ticket"
    )
    return result


# --- Main -----------------------------------------------------------------------------------


def bench_users() -> tuple[dict[str, User], dict[str, str], int]:
    """The demo users the pages are measured as, API tokens, and the agent's team id."""
    from cortesia.accounts.models import TokenScope, User
    from cortesia.accounts.services import token_create
    from cortesia.core.actor import Actor

    names = {
        "agent_roma": "marco",
        "agent_helsinki": "aino",
        "manager_roma": "giulia",
        "admin": "admin",
    }
    users = {key: User.objects.get(username=name) for key, name in names.items()}
    actor = Actor.system()
    tokens = {
        "admin": token_create(
            user=users["admin"], scope=TokenScope.WRITE, actor=actor, name="bench"
        ).raw,
        "agent_roma": token_create(
            user=users["agent_roma"], scope=TokenScope.READ, actor=actor, name="bench"
        ).raw,
    }
    team_id = users["agent_roma"].teams.values_list("pk", flat=True).get()
    return users, tokens, team_id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tickets", type=cs.positive, default=1_000_000)
    parser.add_argument("--messages", type=cs.positive, default=5_000_000)
    parser.add_argument("--customers", type=cs.positive, default=100_000)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--chunk", type=cs.positive, default=10_000, help="tickets per COPY")
    parser.add_argument("--iterations", type=cs.positive, default=200, help="timed runs")
    parser.add_argument("--warmup", type=int, default=10, help="untimed runs before a series")
    parser.add_argument("--budget", type=float, default=40.0, help="seconds at most per series")
    parser.add_argument("--sla-backlog-hours", type=float, default=6.0)
    parser.add_argument("--sla-limit", type=cs.positive, default=20_000)
    parser.add_argument(
        "--closed-clocks",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="met clocks on solved and closed tickets too (default: yes)",
    )
    parser.add_argument("--create-seconds", type=float, default=20.0)
    parser.add_argument("--statement-timeout", type=float, default=600.0)
    parser.add_argument("--time-limit", type=float, default=2700.0, help="seconds for the run")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--plans", help="also write the EXPLAIN output to this file")
    parser.add_argument("--output", help="also write the JSON result to this file")
    parser.add_argument(
        "--database-url", help="postgres://… (default: CORTESIA_DATABASE_URL from the environment)"
    )
    parser.add_argument(
        "--measure-only",
        help="comma-separated phases (inbox, api_list, api_create) to measure on a database "
        "this script seeded before (e.g. a kept durable cluster), without seeding",
    )
    args = parser.parse_args(argv)
    if args.measure_only:
        return measure_only(args, args.measure_only.split(","))
    if args.messages < args.tickets:
        parser.error("--messages must be at least --tickets (every ticket has a first message)")
    database_url: str = args.database_url or os.environ.get("CORTESIA_DATABASE_URL", "")
    if urlsplit(database_url).scheme not in ("postgres", "postgresql"):
        raise BenchError(
            "This bench runs on PostgreSQL only; SQLite (the default) is refused. Set "
            "CORTESIA_DATABASE_URL=postgres://… or run it under a throwaway cluster: "
            ".venv/bin/python -m cortesia.testing.postgres -- .venv/bin/python "
            "bench/tickets_scale.py"
        )
    deadline = cs.Deadline(args.time_limit)
    started = time.perf_counter()
    own_data_dir = "CORTESIA_DATA_DIR" not in os.environ
    data_dir = (
        tempfile.mkdtemp(prefix="cortesia-bench-")
        if own_data_dir
        else os.environ["CORTESIA_DATA_DIR"]
    )
    os.environ["CORTESIA_DATA_DIR"] = data_dir
    plans = Plans()
    try:
        cs.prepare_django(database_url, args.statement_timeout)
        now = datetime.now(UTC)
        from cortesia.demo.dataset import load_demo

        log(f"customers_scale seeding: {args.customers:,} customers, {args.orders:,} orders")
        customers = cs.seed(
            customers=args.customers,
            orders=args.orders,
            chunk=20_000,
            seed_value=args.seed,
            now=now,
            deadline=deadline,
        )
        log("demo data set (teams, calendars, agents, SLA policies)")
        demo_began = time.perf_counter()
        load_demo(password=DEMO_PASSWORD)
        demo_seconds = time.perf_counter() - demo_began
        seeded = seed_tickets(
            tickets=args.tickets,
            messages=args.messages,
            customers=args.customers,
            chunk=args.chunk,
            seed_value=args.seed,
            now=now,
            backlog=timedelta(hours=args.sla_backlog_hours),
            closed_clocks=args.closed_clocks,
            deadline=deadline,
        )
        users, tokens, team_id = bench_users()
        timing = cs.Timing(args.iterations, args.warmup, args.budget, deadline)
        measurements: dict[str, Any] = {}
        log("inbox")
        measurements["inbox"] = measure_inbox(users, timing, plans)
        log("ticket page")
        measurements["ticket_page"] = measure_ticket_page(
            users["agent_roma"], team_id, seeded, timing, plans, args.seed
        )
        log("API list")
        measurements["api_list"] = measure_api_list(tokens, timing, plans)
        log("SLA scanner")
        measurements["sla_scan"] = measure_scanner(args.sla_limit, plans)
        log("API creation")
        measurements["api_create"] = measure_creation(
            database_url=database_url,
            data_dir=data_dir,
            token=tokens["admin"],
            customers=args.customers,
            seconds=args.create_seconds,
            seed_value=args.seed,
        )
        tables = [
            "tickets_ticket",
            "tickets_ticketmessage",
            "tickets_ticketevent",
            "sla_slaclock",
            "customers_customer",
        ]
        report: dict[str, Any] = {
            "scenario": "tickets_scale",
            "database": {"vendor": "postgresql", **cs.server_facts()},
            "sizes": {
                "customers": args.customers,
                "orders": args.orders,
                "tickets": seeded.tickets,
                "messages": seeded.messages,
                "ticket_statuses": seeded.statuses,
                "sla_clock_states": seeded.clock_states,
                "sla_backlog_alarms_seeded": seeded.backlog_alarms,
                "tables": cs.table_sizes(tables),
            },
            "seed": {
                "customers_seconds": round(customers.seconds + customers.vacuum_seconds, 1),
                "demo_seconds": round(demo_seconds, 1),
                "tickets_seconds": round(seeded.seconds["tickets"], 1),
                "vacuum_analyze_seconds": round(seeded.seconds["vacuum_analyze"], 1),
                "rows_by_table": seeded.rows,
                "copy_seconds_by_table": seeded.copy_seconds,
                "rows_per_s": round(sum(seeded.rows.values()) / seeded.seconds["tickets"]),
                "chunk_tickets": args.chunk,
                "random_seed": args.seed,
            },
            "iterations": args.iterations,
            "warmup": args.warmup,
            "budget_s": args.budget,
            **measurements,
            "plans": plans.summary,
            "bench_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "total_seconds": round(time.perf_counter() - started, 1),
        }
    finally:
        if args.plans and plans.texts:
            Path(args.plans).write_text("".join(plans.texts), encoding="utf-8")
        if own_data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
    text = json.dumps(report, ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def measure_only(args: argparse.Namespace, phases: list[str]) -> int:
    """Measure ``phases`` on data seeded by an earlier run; print the JSON object."""
    unknown = set(phases) - {"inbox", "api_list", "api_create"}
    if unknown:
        raise BenchError(f"Unknown phases: {', '.join(sorted(unknown))}.")
    database_url: str = args.database_url or os.environ.get("CORTESIA_DATABASE_URL", "")
    data_dir = tempfile.mkdtemp(prefix="cortesia-bench-")
    os.environ["CORTESIA_DATA_DIR"] = data_dir
    plans = Plans()
    try:
        cs.prepare_django(database_url, args.statement_timeout)
        from cortesia.tickets.models import Ticket

        tickets = Ticket.objects.count()
        if not tickets:
            raise BenchError("The database has no tickets: seed it first (without --measure-only).")
        users, tokens, _team_id = bench_users()
        timing = cs.Timing(args.iterations, args.warmup, args.budget, cs.Deadline(args.time_limit))
        report: dict[str, Any] = {"scenario": "tickets_scale", "tickets": tickets}
        if "inbox" in phases:
            report["inbox"] = measure_inbox(users, timing, plans)
        if "api_list" in phases:
            report["api_list"] = measure_api_list(tokens, timing, plans)
        if "api_create" in phases:
            report["api_create"] = measure_creation(
                database_url=database_url,
                data_dir=data_dir,
                token=tokens["admin"],
                customers=args.customers,
                seconds=args.create_seconds,
                seed_value=args.seed,
            )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(report, ensure_ascii=False))
    return 0


def stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """``timeout`` sends SIGTERM: leave through ``finally`` blocks (servers, temp folders)."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        raise SystemExit(main())
    except BenchError as error:
        log(f"failed: {error}")
        raise SystemExit(1) from None
