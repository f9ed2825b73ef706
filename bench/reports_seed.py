"""The reports benchmark's data on top of ``bench/tickets_scale.py``'s tickets: orders in
five currencies, answered surveys of solved tickets, and exchange rates.

Set-based ``INSERT … SELECT generate_series`` on PostgreSQL, 100,000 rows a transaction,
each part resumable (it counts its own rows first and adds only what is missing):

* orders up to ``target`` (1,000,000 with the orders already there), placed over the last
  two years by the first 100,000 customers, in EUR, USD, SEK, GBP and JPY (half in euros),
  numbered ``bench-reports:<n>``, 92 % delivered, 5 % returned, 3 % cancelled;
* answered invitations and their responses (300,000): a CSAT and a CES survey of a solved
  or closed ticket (its team, agent, channel, language and the customer's country),
  answered 0-7 days after the solve, and a relationship NPS of the same customers;
* exchange rates: the bundled ECB file (``cortesia/reports/data/eurofxref-recent.csv``)
  when present, then synthetic daily rates for every order currency and day the file does
  not cover (source ``bench synthetic``), so that every order converts.
"""

from __future__ import annotations

import csv
import math
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

CHUNK = 100_000
ORDER_SOURCE = "bench-reports"
DEDUPE_PREFIX = "bench-reports:"
RATES_FILE = Path(__file__).resolve().parent.parent / "cortesia/reports/data/eurofxref-recent.csv"
SYNTHETIC = "bench synthetic"
# Units per euro used where no published rate exists (pegged or outside the file's span).
BASE_RATES = {
    "USD": Decimal("1.08"),
    "JPY": Decimal("160"),
    "SEK": Decimal("11.4"),
    "GBP": Decimal("0.85"),
    "RON": Decimal("4.97"),
    "BGN": Decimal("1.95583"),
    "SAR": Decimal("4.05"),
}

ORDERS_SQL = """
INSERT INTO customers_order (
    uid, created_at, updated_at, source, number, placed_at, currency, total, status, customer_id)
SELECT gen_random_uuid(), now(), now(), %(source)s, %(prefix)s || n, p.placed, k.currency,
    round((8 + random() * 240)::numeric * CASE k.currency WHEN 'JPY' THEN 160
        WHEN 'SEK' THEN 11 ELSE 1 END, CASE k.currency WHEN 'JPY' THEN 0 ELSE 2 END),
    CASE WHEN n %% 100 < 92 THEN 'delivered' WHEN n %% 100 < 97 THEN 'returned'
         ELSE 'cancelled' END,
    c.id
FROM generate_series(%(low)s::bigint, %(high)s::bigint - 1) AS n
CROSS JOIN LATERAL (SELECT now() - random() * interval '730 days' + n * interval '0' AS placed) p
CROSS JOIN LATERAL (SELECT (ARRAY['EUR', 'EUR', 'EUR', 'EUR', 'EUR', 'USD', 'USD', 'SEK',
    'GBP', 'JPY'])[1 + n %% 10] AS currency) k
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM customers_customer
      ORDER BY id LIMIT 100000) c ON c.k = (n * 7919) %% %(customers)s
"""

INVITATIONS_SQL = """
INSERT INTO feedback_surveyinvitation (
    uid, survey_id, kind, customer_id, channel, dedupe_key, state, suppressed_reason,
    trigger_at, scheduled_for, time_zone, zone_source, sent_at, expires_at, answered_at,
    language, register, team_id, agent_id, ticket_channel, country, created_at, ticket_id)
SELECT gen_random_uuid(), (%(surveys)s::bigint[])[1 + t.n %% 3],
    (%(kinds)s::text[])[1 + t.n %% 3], t.customer_id, 'email', %(prefix)s || t.n, 'answered',
    '', t.sent, t.sent, 'UTC', 'country', t.sent, t.sent + interval '30 days',
    t.sent + random() * interval '7 days', t.language, 'formal', t.team_id, t.assignee_id,
    CASE WHEN t.n %% 3 = 2 THEN '' ELSE t.channel END, coalesce(c.country, ''), now(),
    CASE WHEN t.n %% 3 = 2 THEN NULL ELSE t.id END
FROM (SELECT s.*, %(low)s + row_number() OVER (ORDER BY s.id) - 1 AS n,
             coalesce(s.solved_at, s.updated_at) AS sent
      FROM tickets_ticket s
      WHERE s.status IN ('solved', 'closed') AND s.id %% 3 = 0 AND s.id > %(after)s
      ORDER BY s.id LIMIT %(count)s) t
JOIN customers_customer c ON c.id = t.customer_id
"""

RESPONSES_SQL = """
INSERT INTO feedback_surveyresponse (
    uid, invitation_id, survey_id, kind, score, comment, answers, customer_id, team_id,
    agent_id, channel, language, country, via, sent_at, answered_at, is_low, ticket_id)
SELECT gen_random_uuid(), i.id, i.survey_id, i.kind, sc.score,
    CASE WHEN random() < 0.3 THEN 'Servizio rapido, grazie.' ELSE '' END, '{}'::jsonb,
    i.customer_id, i.team_id, i.agent_id, i.ticket_channel, i.language, i.country, 'page',
    i.sent_at, i.answered_at,
    sc.score <= CASE i.kind WHEN 'nps' THEN 6 WHEN 'csat' THEN 2 ELSE 3 END, i.ticket_id
FROM feedback_surveyinvitation i
CROSS JOIN LATERAL (SELECT (CASE i.kind
    WHEN 'nps' THEN (ARRAY[0,1,2,3,4,5,6,6,7,7,8,8,8,9,9,9,9,10,10,10])[1 + floor(random() * 20)]
    WHEN 'csat' THEN (ARRAY[1,2,3,3,4,4,4,5,5,5,5,5])[1 + floor(random() * 12)]
    ELSE (ARRAY[1,2,3,4,5,5,6,6,6,7,7,7])[1 + floor(random() * 12)] END
    + i.id * 0)::int AS score) sc
WHERE i.id > %(after)s AND i.dedupe_key LIKE %(pattern)s
"""


def _scalar(sql: str, params: Any = None) -> Any:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def orders_seed(target: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Add orders until there are ``target``; return what was done."""
    from django.db import connection, transaction

    have = int(_scalar("SELECT count(*) FROM customers_order"))
    ours = int(_scalar("SELECT count(*) FROM customers_order WHERE source = %s", [ORDER_SOURCE]))
    customers = min(int(_scalar("SELECT count(*) FROM customers_customer")), 100_000)
    began = time.perf_counter()
    low = ours
    while have < target:
        high = low + min(CHUNK, target - have)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                ORDERS_SQL,
                {
                    "source": ORDER_SOURCE,
                    "prefix": DEDUPE_PREFIX,
                    "low": low,
                    "high": high,
                    "customers": customers,
                },
            )
        have += high - low
        low = high
        log(f"  orders: {have} of {target} ({time.perf_counter() - began:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE customers_order")
    return {"orders": have, "added_by_this_run": low - ours, "seed_s": _since(began)}


def _surveys() -> list[Any]:
    """The CSAT, CES and NPS surveys of the benchmark (made once through the services)."""
    from cortesia.core.actor import Actor
    from cortesia.customers.models import Segment
    from cortesia.customers.segments import SegmentData, segment_create
    from cortesia.feedback.models import Survey
    from cortesia.feedback.surveys import SurveyData, survey_create

    system = Actor.system()
    wanted = (
        ("Reports bench CSAT", "csat", "ticket_solved"),
        ("Reports bench CES", "ces", "ticket_solved"),
    )
    for name, kind, trigger in wanted:
        if not Survey.objects.filter(name=name).exists():
            survey_create(data=SurveyData(name=name, kind=kind, trigger=trigger), actor=system)
    nps = "Reports bench NPS"
    if not Survey.objects.filter(name=nps).exists():
        segment = Segment.objects.filter(name="Reports bench: everyone").first()
        if segment is None:
            countries = _column(
                "SELECT DISTINCT country FROM customers_customer WHERE country <> ''"
            )
            rules = {
                "op": "and",
                "rules": [{"field": "country", "operator": "in", "value": sorted(countries)}],
            }
            segment = segment_create(
                data=SegmentData(name="Reports bench: everyone", rules=rules), actor=system
            )
        survey_create(
            data=SurveyData(
                name=nps,
                kind="nps",
                trigger="relationship",
                delay_minutes=0,
                segment_uid=str(segment.uid),
            ),
            actor=system,
        )
    names = [name for name, _kind, _trigger in wanted] + [nps]
    return sorted(Survey.objects.filter(name__in=names), key=lambda s: names.index(s.name))


def answers_seed(target: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Add answered invitations with their responses until there are ``target``."""
    from django.db import connection, transaction

    pattern = f"{DEDUPE_PREFIX}%"
    count_sql = "SELECT count(*) FROM feedback_surveyinvitation WHERE dedupe_key LIKE %s"
    have = int(_scalar(count_sql, [pattern]))
    if have >= target:
        return {"responses": have, "added_by_this_run": 0}
    surveys = _surveys()
    began = time.perf_counter()
    start = have
    while have < target:
        count = min(CHUNK, target - have)
        last_ticket = _scalar(
            "SELECT coalesce(max(ticket_id), 0) FROM feedback_surveyinvitation "
            "WHERE dedupe_key LIKE %s",
            [pattern],
        )
        with transaction.atomic(), connection.cursor() as cursor:
            after = _scalar("SELECT coalesce(max(id), 0) FROM feedback_surveyinvitation")
            cursor.execute(
                INVITATIONS_SQL,
                {
                    "surveys": [survey.pk for survey in surveys],
                    "kinds": [survey.kind for survey in surveys],
                    "prefix": DEDUPE_PREFIX,
                    "low": have,
                    "count": count,
                    "after": last_ticket,
                },
            )
            made = cursor.rowcount
            cursor.execute(RESPONSES_SQL, {"after": after, "pattern": pattern})
        if made <= 0:
            log("  answers: no more solved tickets to answer")
            break
        have += made
        log(f"  answers: {have} of {target} ({time.perf_counter() - began:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE feedback_surveyinvitation")
        cursor.execute("VACUUM ANALYZE feedback_surveyresponse")
    return {"responses": have, "added_by_this_run": have - start, "seed_s": _since(began)}


def _file_rates() -> dict[tuple[str, date], Decimal]:
    """The ECB CSV's rates (``Date,USD,JPY,…``; ``N/A`` where none was published)."""
    rates: dict[tuple[str, date], Decimal] = {}
    if not RATES_FILE.exists():
        return rates
    with RATES_FILE.open(newline="") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["Date"].strip())
            for currency, value in row.items():
                code = (currency or "").strip()
                if len(code) == 3 and code != "Dat" and value and value.strip() not in ("N/A", ""):
                    rates[(code, day)] = Decimal(value.strip())
    return rates


def rates_seed(log: Callable[[str], None]) -> dict[str, Any]:
    """Import the bundled file's rates, then fill every order currency's days outside it
    with synthetic rates (a slow wave around a fixed rate)."""
    from cortesia.reports.models import ExchangeRate

    first_order = _scalar("SELECT min(placed_at)::date FROM customers_order")
    currencies = [
        row for row in _column("SELECT DISTINCT currency FROM customers_order") if row != "EUR"
    ]
    published = _file_rates()
    rows = [
        ExchangeRate(day=day, currency=code, per_euro=value, source=RATES_FILE.name)
        for (code, day), value in published.items()
    ]
    covered = {key for key in published}
    span_end = datetime.now(tz=UTC).date()
    day = first_order or span_end
    synthetic = 0
    while day <= span_end:
        for code in currencies:
            if (code, day) in covered or _inside_file(code, day, published):
                continue
            base = BASE_RATES.get(code, Decimal(1))
            wave = Decimal(str(round(1 + 0.03 * math.sin(day.toordinal() / 40), 6)))
            rows.append(
                ExchangeRate(
                    day=day,
                    currency=code,
                    per_euro=(base * wave).quantize(Decimal("0.000001")),
                    source=SYNTHETIC,
                )
            )
            synthetic += 1
        day += timedelta(days=1)
    made = ExchangeRate.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    log(f"  rates: {len(published)} from the file, {synthetic} synthetic")
    return {
        "file": RATES_FILE.name if published else None,
        "from_file": len(published),
        "synthetic": synthetic,
        "written": len(made),
        "currencies": sorted(currencies),
    }


_SPANS: dict[str, tuple[date, date]] = {}


def _inside_file(code: str, day: date, published: dict[tuple[str, date], Decimal]) -> bool:
    """Whether the file publishes ``code`` and ``day`` lies within its span (a weekend or a
    holiday there takes the last earlier rate, as the converter does)."""
    if not _SPANS:
        for currency, published_day in published:
            first, last = _SPANS.get(currency, (published_day, published_day))
            _SPANS[currency] = (min(first, published_day), max(last, published_day))
    span = _SPANS.get(code)
    return span is not None and span[0] <= day <= span[1] + timedelta(days=5)


def _column(sql: str) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def _since(began: float) -> float:
    return round(time.perf_counter() - began, 1)
