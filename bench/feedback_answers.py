"""Recording a survey answer and reading the staff feedback page at 1,000,000 responses,
beside the trivial view (``GET /healthz``) and a one-row commit on the same database.

The script migrates a database of its own (``bench_feedback_answers`` on the PostgreSQL
cluster it is given; a temporary SQLite file without one, labelled so) and seeds once
(resumable: a run that hits ``--seed-budget`` goes on where the last one stopped):
100,000 customers of seven markets (the mix of ``feedback_surveys.py``, ORM bulk
inserts), six teams with three agents each, an administrator, three surveys (CSAT and
CES after a ticket, a relationship NPS) made through the services, and ``--responses``
answered invitations with their responses (1,000,000 by default), answered over the last
two years, 90 % of them with a team: set-based ``INSERT … SELECT generate_series`` on
PostgreSQL (about 20 s per 100,000 pairs; ``bulk_create`` took about 1 ms a pair),
``bulk_create`` on SQLite. Then, all through ``django.test.Client`` in this process
(the whole middleware stack, no HTTP server):

* **answer**: ``--answers`` new customers get an invitation of the NPS survey
  (``invitation_schedule``) and the dispatcher sends them (``invitations_dispatch``);
  each answer link's token is read back from the mail in the outbox, as the customer's
  mail client shows it. Each customer, with a browser of their own (a new client that
  checks CSRF) and an address of their own (the answer limit counts per address), opens
  the link with a score chosen (GET), then sends the form with the page's CSRF token
  (POST, 302 expected): p50/p99 of the POST, of its answer service
  (``answer_submit``, timed by wrapping it) and of the GET; split by low scores (which
  queue a follow-up) and the others. Scores follow an NPS mix (20 % detractors). Then the
  follow-up task of each low score runs as the worker would run it, timed apart, and
  once more (which must open nothing);
* **staff page**: ``GET /feedback/`` (the first page, no filter) signed in as the
  administrator (every response) and as an agent of one team (scoped), and the API's
  ``GET /api/v1/survey-responses`` first page with each one's read token: p50/p99, the
  SQL statements of one request, and ``EXPLAIN ANALYZE`` of the list query (stderr).

Measured on 2026-12-06 (durable PostgreSQL 15, a shared 2-core machine under another
benchmark, /healthz p50 0.6-1.7 ms), two runs each, before → after the follow-up moved to
a task and the list and API stopped joining what they show: an answer's POST p99 74-78 →
43-49 ms (p50 25-27 ms both; low scores p99 94-107 → 44-57 ms, their follow-up task p50
30-35 ms outside the request); the feedback page p50 37-41 → 31-36 ms, p99 81-143 → 54-72
ms as the administrator, 68-87 → 93-105 ms as an agent (its list selector p50 13-18 → 6-8
ms; the p99s follow the machine's load); the API's first page p50 63-85 → 19-20 ms, p99
207-339 → 46-50 ms (an eight-table join cost PostgreSQL 33 ms of planning).
Progress goes to stderr; one JSON object goes to stdout. Keep the cluster (seeding
takes minutes)::

    .venv/bin/python -m cortesia.testing.postgres --durable --data /var/tmp/bench-feedback -- \\
        timeout 900 .venv/bin/python bench/feedback_answers.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
DATABASE = "bench_feedback_answers"
SEED = 20261206
TEAMS = (
    ("Roma", ["it"], "Europe/Rome"),
    ("Helsinki", ["fi"], "Europe/Helsinki"),
    ("Sofia", ["bg"], "Europe/Sofia"),
    ("Bucuresti", ["ro"], "Europe/Bucharest"),
    ("Riyadh", ["ar"], "Asia/Riyadh"),
    ("New York", ["en"], "America/New_York"),
)
AGENTS_PER_TEAM = 3
SURVEYS = (("Bench CSAT", "csat", "ticket_solved"), ("Bench CES", "ces", "ticket_solved"))
NPS_SURVEY = "Bench NPS relationship"
SEED_CHUNK = 10_000
TOKEN_RE = re.compile(r"/survey/([A-Za-z0-9_-]+)/\?score=")
CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LIMIT_VARIABLE = "CORTESIA_API_REQUESTS_PER_MINUTE"


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
setattr(fs, "PREFIX", "feedback_answers")  # the shared helpers report under this name  # noqa: B010
log = fs.log


# --- Seeding --------------------------------------------------------------------------------


def people() -> dict[str, Any]:
    """The teams, agents, administrator and surveys (made once through the services)."""
    from cortesia.accounts.models import Role, Team, User
    from cortesia.accounts.services import team_create, team_member_add, user_create
    from cortesia.core.actor import Actor
    from cortesia.customers.models import Segment
    from cortesia.customers.segments import SegmentData, segment_create
    from cortesia.feedback.models import Survey
    from cortesia.feedback.surveys import SurveyData, survey_create
    from cortesia.mail.mailboxes import mailbox_create
    from cortesia.mail.models import Mailbox

    system = Actor.system()
    if not User.objects.filter(username="bench-admin").exists():
        user_create(
            username="bench-admin", email="admin@example.com", role=Role.ADMIN, actor=system
        )
    for name, languages, zone in TEAMS:
        if Team.objects.filter(name=name).exists():
            continue
        team = team_create(name=name, languages=languages, time_zone=zone, actor=system)
        for number in range(AGENTS_PER_TEAM):
            username = f"{name.split()[0].lower()}{number}"
            agent = user_create(
                username=username, email=f"{username}@example.com", role=Role.AGENT, actor=system
            )
            team_member_add(team=team, user=agent, actor=system)
    for name, kind, trigger in SURVEYS:
        if not Survey.objects.filter(name=name).exists():
            survey_create(data=SurveyData(name=name, kind=kind, trigger=trigger), actor=system)
    if not Survey.objects.filter(name=NPS_SURVEY).exists():
        segment = Segment.objects.filter(name=fs.SEGMENT_NAME).first()
        if segment is None:
            rules = {
                "op": "and",
                "rules": [
                    {"field": "country", "operator": "in", "value": [m.country for m in fs.MARKETS]}
                ],
            }
            segment = segment_create(
                data=SegmentData(name=fs.SEGMENT_NAME, rules=rules), actor=system
            )
        survey_create(
            data=SurveyData(
                name=NPS_SURVEY,
                kind="nps",
                trigger="relationship",
                delay_minutes=0,
                segment_uid=str(segment.uid),
            ),
            actor=system,
        )
    if not Mailbox.objects.filter(name=fs.MAILBOX_NAME).exists():
        mailbox_create(
            name=fs.MAILBOX_NAME, address="feedback@example.com", team=None, actor=system
        )
    teams = list(Team.objects.filter(name__in=[t[0] for t in TEAMS]).order_by("name"))
    return {
        "admin": User.objects.get(username="bench-admin"),
        "agent": User.objects.get(username="roma0"),
        "teams": teams,
        "agents": {
            team.pk: list(User.objects.filter(teams=team).values_list("pk", flat=True))
            for team in teams
        },
        "surveys": list(Survey.objects.filter(name__in=[s[0] for s in SURVEYS] + [NPS_SURVEY])),
    }


def score_of(rng: random.Random, kind: str) -> int:
    if kind == "nps":
        return rng.choices(range(11), [2, 1, 1, 2, 2, 4, 6, 10, 20, 25, 27])[0]
    if kind == "csat":
        return rng.choices(range(1, 6), [5, 5, 10, 30, 50])[0]
    return rng.choices(range(1, 8), [3, 4, 6, 10, 20, 30, 27])[0]


INVITATIONS_SQL = """
INSERT INTO feedback_surveyinvitation (
    uid, survey_id, kind, customer_id, channel, dedupe_key, state, suppressed_reason,
    trigger_at, scheduled_for, time_zone, zone_source, sent_at, expires_at, answered_at,
    language, register, team_id, agent_id, ticket_channel, country, created_at)
SELECT gen_random_uuid(), (%(surveys)s::bigint[])[1 + n %% 3], (%(kinds)s::text[])[1 + n %% 3],
    c.id, 'email', 'seed:' || n, 'answered', '', b.sent, b.sent, 'UTC', 'country', b.sent,
    b.sent + interval '30 days', a.answered, c.language, 'formal',
    CASE WHEN n %% 10 = 0 THEN NULL ELSE (%(teams)s::bigint[])[1 + n %% 6] END,
    CASE WHEN n %% 10 = 0 THEN NULL
         ELSE (%(agents)s::bigint[])[1 + (n %% 6) * 3 + (n / 6) %% 3] END,
    CASE WHEN (%(kinds)s::text[])[1 + n %% 3] = 'nps' THEN '' ELSE 'email' END,
    c.country, now()
FROM generate_series(%(low)s::bigint, %(high)s::bigint - 1) AS n
CROSS JOIN LATERAL (SELECT now() - random() * interval '730 days' + n * interval '0' AS answered) a
CROSS JOIN LATERAL (SELECT a.answered - random() * interval '7 days' AS sent) b
JOIN customers_customer c ON c.id = %(first)s + (n * 7919) %% %(count)s
"""
RESPONSES_SQL = """
INSERT INTO feedback_surveyresponse (
    uid, invitation_id, survey_id, kind, score, comment, answers, customer_id, team_id,
    agent_id, channel, language, country, via, sent_at, answered_at, is_low)
SELECT gen_random_uuid(), i.id, i.survey_id, i.kind, sc.score,
    CASE WHEN random() < 0.3 THEN 'Servizio rapido, grazie.' ELSE '' END, '{}'::jsonb,
    i.customer_id, i.team_id, i.agent_id, i.ticket_channel, i.language, i.country, 'page',
    i.sent_at, i.answered_at,
    sc.score <= CASE i.kind WHEN 'nps' THEN 6 WHEN 'csat' THEN 2 ELSE 3 END
FROM feedback_surveyinvitation i
CROSS JOIN LATERAL (SELECT (CASE i.kind WHEN 'nps' THEN floor(random() * 11)
    WHEN 'csat' THEN 1 + floor(random() * 5) ELSE 1 + floor(random() * 7) END
    + i.id * 0)::int AS score) sc
WHERE i.id > %(after)s AND i.dedupe_key LIKE 'seed:%%'
"""


def responses_seed_sql(target: int, have: int, cast: dict[str, Any], budget_s: float) -> int:
    """The PostgreSQL seeding: set-based INSERT … SELECT over generate_series, 100,000 rows
    a transaction (bulk_create of a million rows would take most of the CPU budget)."""
    from django.db import connection, transaction

    from cortesia.customers.models import Customer
    from cortesia.feedback.models import SurveyInvitation

    first = Customer.objects.order_by("id").values_list("id", flat=True).first() or 0
    count = min(Customer.objects.count(), 100_000)
    if not Customer.objects.filter(id__gte=first, id__lt=first + count).count() == count:
        raise SystemExit("The first customers' ids are not contiguous: seed a fresh database.")
    teams = cast["teams"]
    params: dict[str, Any] = {
        "surveys": [survey.pk for survey in cast["surveys"]],
        "kinds": [survey.kind for survey in cast["surveys"]],
        "teams": [team.pk for team in teams],
        "agents": [agent for team in teams for agent in cast["agents"][team.pk][:3]],
        "first": first,
        "count": count,
    }
    began = time.perf_counter()
    while have < target and time.perf_counter() - began < budget_s:
        high = min(target, have + 100_000)
        with transaction.atomic(), connection.cursor() as cursor:
            after = SurveyInvitation.objects.order_by("-id").values_list("id", flat=True).first()
            cursor.execute(INVITATIONS_SQL, {**params, "low": have, "high": high})
            cursor.execute(RESPONSES_SQL, {"after": after or 0})
        have = high
        log(f"  responses: {have} of {target} ({time.perf_counter() - began:.0f} s)")
    return have


def responses_seed(target: int, cast: dict[str, Any], budget_s: float) -> dict[str, Any]:
    """Bring the seeded answered invitations and responses up to ``target`` (resumable);
    stop after ``budget_s`` seconds."""
    from django.db import connection, transaction
    from django.utils import timezone

    from cortesia.customers.models import Customer
    from cortesia.feedback.models import InvitationState, SurveyInvitation, SurveyResponse
    from cortesia.feedback.models.surveys import LOW_SCORE_MAX

    have = SurveyInvitation.objects.filter(dedupe_key__startswith="seed:").count()
    if have >= target:
        return {"responses_seeded": have, "seed_s": None, "complete": True}
    log(f"seed responses: {have} of {target}")
    began = time.perf_counter()
    if connection.vendor == "postgresql":
        have = responses_seed_sql(target, have, cast, budget_s)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE feedback_surveyinvitation")
            cursor.execute("VACUUM ANALYZE feedback_surveyresponse")
        return {
            "responses_seeded": have,
            "seed_s": round(time.perf_counter() - began, 1),
            "complete": have >= target,
        }
    customers = list(
        Customer.objects.order_by("id").values_list("id", "country", "language")[:100_000]
    )
    teams, agents, surveys = cast["teams"], cast["agents"], cast["surveys"]
    now = timezone.now()
    began = time.perf_counter()
    rng = random.Random(f"{SEED}:{have}")
    while have < target and time.perf_counter() - began < budget_s:
        invitations, facts = [], []
        for number in range(have, min(target, have + SEED_CHUNK)):
            customer_id, country, language = rng.choice(customers)
            survey = rng.choice(surveys)
            team = rng.choice(teams) if rng.random() < 0.9 else None
            agent_id = rng.choice(agents[team.pk]) if team is not None else None
            answered = now - timedelta(seconds=rng.randrange(730 * 86400))
            sent = answered - timedelta(seconds=rng.randrange(7 * 86400))
            score = score_of(rng, survey.kind)
            invitations.append(
                SurveyInvitation(
                    survey=survey,
                    kind=survey.kind,
                    customer_id=customer_id,
                    channel="email",
                    dedupe_key=f"seed:{number}",
                    state=InvitationState.ANSWERED,
                    trigger_at=sent,
                    scheduled_for=sent,
                    time_zone="UTC",
                    zone_source="country",
                    sent_at=sent,
                    expires_at=sent + timedelta(days=30),
                    answered_at=answered,
                    language=language,
                    register="formal",
                    team_id=team.pk if team else None,
                    agent_id=agent_id,
                    ticket_channel="email" if survey.kind != "nps" else "",
                    country=country,
                )
            )
            comment = "Servizio rapido, grazie." if rng.random() < 0.3 else ""
            facts.append((score, comment, score <= LOW_SCORE_MAX[survey.kind]))
        with transaction.atomic():
            made = SurveyInvitation.objects.bulk_create(invitations, batch_size=2000)
            SurveyResponse.objects.bulk_create(
                [
                    SurveyResponse(
                        invitation=invitation,
                        survey=invitation.survey,
                        kind=invitation.kind,
                        score=score,
                        comment=comment,
                        customer_id=invitation.customer_id,
                        team_id=invitation.team_id,
                        agent_id=invitation.agent_id,
                        channel=invitation.ticket_channel,
                        language=invitation.language,
                        country=invitation.country,
                        via="page",
                        sent_at=invitation.sent_at,
                        answered_at=invitation.answered_at or now,
                        is_low=low,
                    )
                    for invitation, (score, comment, low) in zip(made, facts, strict=True)
                ],
                batch_size=2000,
            )
        have += len(made)
        elapsed = time.perf_counter() - began
        log(f"  responses: {have} of {target} ({elapsed:.0f} s)")
    return {
        "responses_seeded": have,
        "seed_s": round(time.perf_counter() - began, 1),
        "complete": have >= target,
    }


# --- Measuring ------------------------------------------------------------------------------


def series(action: Callable[[], Any], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def trivial_view(runs: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()

    def get() -> None:
        response = client.get("/healthz")
        if response.status_code != 200:
            raise SystemExit(f"/healthz answered {response.status_code}")

    return {"view": "GET /healthz (one SELECT)", **fs.percentiles(series(get, runs))}


@contextmanager
def wall_steps(targets: Sequence[tuple[Any, str, str]], parts: dict[str, list[float]]) -> Any:
    """Wrap each ``(owner, attribute, part)`` so each call adds its wall milliseconds to
    ``parts[part]`` (a nested part also counts in its caller); restore them on exit."""
    originals = []

    def wrapper(function: Callable[..., Any], part: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts.setdefault(part, []).append((time.perf_counter() - began) * 1000)

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


def answers_measure(count: int, cast: dict[str, Any]) -> dict[str, Any]:
    """Invite ``count`` new customers, dispatch, then answer each through the page."""
    from django.test import Client
    from django.utils import timezone

    from cortesia.feedback import public_views
    from cortesia.feedback.dispatch import invitations_dispatch
    from cortesia.feedback.models import Survey, SurveyResponse
    from cortesia.feedback.triggering import Occasion, invitation_schedule
    from cortesia.mail.models import OutboundMail

    run = time.time_ns()
    ids = fs.customers_seed(count, label=f"a{run}")
    from cortesia.customers.models import Customer

    survey = Survey.objects.get(name=NPS_SURVEY)
    trigger_at = timezone.now() - timedelta(days=10)
    for customer in Customer.objects.filter(pk__in=ids).order_by("id"):
        invitation_schedule(
            Occasion(
                survey=survey,
                customer=customer,
                dedupe_key=f"bench-answer:{run}:{customer.uid}",
                trigger_at=trigger_at,
            )
        )
    first_mail = OutboundMail.objects.order_by("-id").values_list("id", flat=True).first() or 0
    sent = 0
    while done := invitations_dispatch():
        sent += done
    bodies = OutboundMail.objects.filter(id__gt=first_mail, kind=OutboundMail.Kind.SURVEY)
    tokens = []
    for body in bodies.values_list("body_text", flat=True):
        found = TOKEN_RE.search(body)
        if found:
            tokens.append(found.group(1))
    log(f"answer: {sent} invitations handled, {len(tokens)} mails with a link")
    service_ms: list[float] = []
    original = getattr(public_views, "answer_submit")  # noqa: B009 - wrapped to be timed

    def timed_submit(**kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            service_ms.append((time.perf_counter() - began) * 1000)

    from cortesia.feedback import answers as answers_module

    parts: dict[str, list[float]] = {}
    steps = [
        (public_views, "invitation_by_token", "invitation by token (digest lookup)"),
        (public_views, "invitation_wording", "survey wording"),
        (public_views, "AnswerForm", "answer form built"),
        (answers_module, "_limit", "rate limit per address (a counter write)"),
        (answers_module, "response_record", "response_record (transaction, all below)"),
        (answers_module, "_timeline", "customer timeline entry"),
        (answers_module, "follow_up_enqueue", "follow-up queued (low scores)"),
    ]
    rng = random.Random(f"{SEED}:{run}")
    gets: list[float] = []
    posts: list[float] = []
    low_posts: list[float] = []
    other_posts: list[float] = []
    statuses: dict[str, int] = {}
    setattr(public_views, "answer_submit", timed_submit)  # noqa: B010
    try:
        for number, token in enumerate(tokens):
            address = f"10.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}"
            browser = Client(enforce_csrf_checks=True, REMOTE_ADDR=address)
            score = score_of(rng, "nps")
            began = time.perf_counter()
            page = browser.get(f"/survey/{token}/", {"score": score})
            gets.append((time.perf_counter() - began) * 1000)
            csrf = CSRF_RE.search(page.content.decode())
            if page.status_code != 200 or csrf is None:
                statuses[f"get {page.status_code}"] = statuses.get(f"get {page.status_code}", 0) + 1
                continue
            form = {"csrfmiddlewaretoken": csrf.group(1), "score": str(score)}
            if rng.random() < 0.3:
                form["comment"] = (
                    "La consegna è arrivata in ritardo, ma il servizio è stato gentile."
                )
            began = time.perf_counter()
            with wall_steps(steps, parts):
                answer = browser.post(f"/survey/{token}/", form)
            took = (time.perf_counter() - began) * 1000
            key = f"post {answer.status_code}"
            statuses[key] = statuses.get(key, 0) + 1
            posts.append(took)
            (low_posts if score <= 6 else other_posts).append(took)
    finally:
        setattr(public_views, "answer_submit", original)  # noqa: B010
    recorded = SurveyResponse.objects.filter(
        invitation__dedupe_key__startswith=f"bench-answer:{run}:"
    )
    follow_ups = follow_ups_run(recorded)
    return {
        "through": "django.test.Client in process (whole middleware stack, CSRF enforced)",
        "customers": count,
        "invitations_handled_by_dispatcher": sent,
        "mails_with_link": len(tokens),
        "statuses": statuses,
        "responses_recorded": recorded.count(),
        "follow_up_tickets_opened": recorded.exclude(follow_up_ticket=None).count(),
        "follow_up_task": follow_ups,
        "post_answer": fs.percentiles(posts),
        "post_answer_low_score": fs.percentiles(low_posts),
        "post_answer_other_scores": fs.percentiles(other_posts),
        "answer_service_inside_post": fs.percentiles(service_ms),
        "get_page": fs.percentiles(gets),
        "post_parts_ms": {name: fs.percentiles(samples) for name, samples in parts.items()},
    }


def follow_ups_run(recorded: Any) -> dict[str, Any]:
    """Run the follow-up task of each low response, as the task worker does after the
    answer's commit (outside the customer's request): its time apart, and a second run
    of each, which must open nothing."""
    from cortesia.feedback.follow_up import follow_up_run

    low = list(recorded.filter(is_low=True).order_by("pk").values_list("pk", flat=True))
    took: list[float] = []
    for pk in low:
        began = time.perf_counter()
        follow_up_run.call(response_id=pk)
        took.append((time.perf_counter() - began) * 1000)
    again = sum(follow_up_run.call(response_id=pk) is not None for pk in low)
    return {**fs.percentiles(took), "opened_by_a_second_run": again}


def explain_list(viewer: Any) -> list[str]:
    """EXPLAIN ANALYZE of the feedback page's list query for ``viewer`` (PostgreSQL)."""
    from django.db import connection

    from cortesia.feedback.selectors import ResponseFilters, response_list_rows

    if connection.vendor != "postgresql":
        return []
    rows = response_list_rows(viewer=viewer, filters=ResponseFilters()).order_by(
        "-answered_at", "-uid"
    )
    sql, params = rows[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return [str(row[0]) for row in cursor.fetchall()]


def page_measure(
    path: str, client: Any, runs: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get() -> None:
        response = client.get(path, headers=headers or {})
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    with CaptureQueriesContext(connection) as captured:
        get()
    statements: list[dict[str, Any]] = [
        {"ms": round(float(query["time"]) * 1000, 2), "sql": query["sql"][:140]}
        for query in captured.captured_queries
    ]
    return {
        **fs.percentiles(series(get, runs)),
        "statements": len(statements),
        "slowest_statements": sorted(statements, key=lambda s: -s["ms"])[:3],
    }


def page_breakdown(viewer: Any, runs: int) -> dict[str, Any]:
    """Where a first page's time goes, part by part, as the view does it: the filter
    form (its team and agent queries), each of its fields rendered (with the options it
    draws), the list selector, and the lines."""
    from datetime import UTC

    from django.http import QueryDict

    from cortesia.feedback.forms import ResponseFilterForm
    from cortesia.feedback.selectors import ResponseFilters, ResponseLine, response_list

    def form() -> Any:
        return ResponseFilterForm(QueryDict(), viewer=viewer, zone=UTC, language="en")

    made = form()
    made.is_valid()
    parts: dict[str, Any] = {"form built (team and agent queries)": form}
    for name, field in made.fields.items():
        bound = made[name]
        parts[f"field {name} rendered ({len(getattr(field, 'choices', []))} options)"] = (
            lambda bound=bound: str(bound)
        )
    page = response_list(viewer=viewer, filters=ResponseFilters())
    parts["list selector (50 + 1 rows, joins)"] = lambda: response_list(
        viewer=viewer, filters=ResponseFilters()
    )
    parts["lines (labels)"] = lambda: [ResponseLine.of(r) for r in page.items]
    return {
        name: fs.percentiles(series(action, max(10, runs // 4)))["p50_ms"]
        for name, action in parts.items()
    }


def staff_measure(cast: dict[str, Any], runs: int) -> dict[str, Any]:
    from django.test import Client

    from cortesia.accounts.models import TokenScope
    from cortesia.accounts.services import token_create
    from cortesia.core.actor import Actor

    result: dict[str, Any] = {"through": "django.test.Client in process, signed in (force_login)"}
    for role in ("admin", "agent"):
        user = cast[role]
        client = Client()
        client.force_login(user)
        log(f"staff page as {role} ({user.username})")
        result[f"feedback_page_{role}"] = page_measure("/feedback/", client, runs)
        result[f"feedback_page_{role}"]["p50_ms_by_part"] = page_breakdown(user, runs)
        token = token_create(user=user, scope=TokenScope.READ, actor=Actor.system(), name="bench")
        api = Client()
        bearer = {"Authorization": f"Bearer {token.raw}"}
        result[f"api_list_{role}"] = page_measure("/api/v1/survey-responses", api, runs, bearer)
        plan = explain_list(user)
        log(f"EXPLAIN ANALYZE, list query as {role}:\n" + "\n".join(plan))
        result[f"list_query_plan_{role}"] = [
            line for line in plan if "Execution" in line or "Scan" in line
        ][:6]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--answers", type=int, default=500, help="customers who answer")
    parser.add_argument("--runs", type=int, default=200, help="requests per page measured")
    parser.add_argument("--seed-budget", type=float, default=480.0, help="seconds of seeding")
    args = parser.parse_args(argv)
    os.environ[LIMIT_VARIABLE] = "10000000"
    vendor = fs.prepare_django(DATABASE)
    from cortesia.customers.models import Customer

    report: dict[str, Any] = {"scenario": "feedback_answers", "database": fs.database_facts()}
    have = Customer.objects.count()
    if have < args.customers:
        log(f"seed {args.customers - have} customers")
        fs.customers_seed(args.customers - have, label=f"s{have}")
    cast = people()
    seeded = responses_seed(args.responses, cast, args.seed_budget)
    report["data"] = {"customers": Customer.objects.count(), **seeded}
    if not seeded["complete"]:
        log("seeding goes on in the next run; nothing measured")
        print(json.dumps(report))
        return 3
    report["one_row_commits"] = floor = fs.commit_rate()
    report["trivial_view"] = trivial = trivial_view(args.runs)
    log(f"floors: {floor['commits_per_s']} commits/s, /healthz p50 {trivial['p50_ms']} ms")
    if args.answers:
        report["answer"] = answer = answers_measure(args.answers, cast)
        answer["post_p99_per_trivial_p50"] = round(
            answer["post_answer"].get("p99_ms", 0) / trivial["p50_ms"], 1
        )
        log(f"answer POST: {answer['post_answer']}")
    if args.runs:
        report["staff"] = staff = staff_measure(cast, args.runs)
        for key in [k for k in staff if k.startswith(("feedback_page_", "api_list_"))]:
            staff[key]["p99_per_trivial_p50"] = round(staff[key]["p99_ms"] / trivial["p50_ms"], 1)
            log(f"{key}: p50 {staff[key]['p50_ms']} ms, p99 {staff[key]['p99_ms']} ms")
    report["goals"] = {"answer_post_p99_ms": 30, "feedback_page_p99_ms": 50}
    report["label"] = vendor
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
