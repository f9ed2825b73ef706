"""Self-service metrics in reports: the answer bot's resolution rate and the deflection rate
of the articles suggested where customers ask (formulas in docs/metrics.md).

- Bot resolution rate = sessions resolved by the bot ÷ sessions started, where a session
  is the bot's part of one chat (``knowledge.BotSession``) and resolved means the
  customer said an answer helped and the chat was not handed over afterwards. Sessions
  count where they start; their chats' tickets carry the viewer's scope.
- Deflection rate = sessions that opened a suggested article and sent no request ÷
  sessions that opened one (``knowledge.SuggestionOpen``; a session is one visit of the
  portal's new-request form or one chat-widget visitor, on the day it first opened a
  suggestion). Opens name no customer and no team: every viewer of service reports sees
  the same figure.

Both group by language (the customer's) and by interval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.knowledge.models import BotSession, SuggestionOpen
from cortesia.reports import dimensions as dims
from cortesia.reports.engine import (
    Area,
    Metric,
    MetricQuery,
    Row,
    Unit,
    Value,
    metric_register,
    percent,
)
from cortesia.reports.permissions import can_view_service_reports, ticket_scope

DIMENSIONS = frozenset({dims.LANGUAGE.key})
Grouped = dict[tuple[date | None, str | None], dict[str, int]]
Make = Callable[[dict[str, int]], dict[str, Value]]


def _language(query: MetricQuery) -> Q:
    value = query.filters.get(dims.LANGUAGE.key)
    return Q(language=value) if value else Q()


def _rows(query: MetricQuery, grouped: Grouped, make: Make) -> list[Row]:
    seen: set[str | None] = {group or "" for (_bucket, group) in grouped}
    groups: list[str | None] = sorted(seen, key=lambda key: key or "")
    if not query.group_by:
        groups = [None]
    rows = []
    for bucket in query.period.buckets():
        for group in groups:
            counts = grouped.get((bucket, group), {})
            rows.append(Row(bucket, group, make(counts)))
    return rows


def _bot_sessions(query: MetricQuery, viewer: User) -> Grouped:
    period = query.period
    sessions = BotSession.objects.filter(
        ticket_scope(viewer, "conversation__ticket__"),
        _language(query),
        started_at__gte=period.start,
        started_at__lt=period.end,
    ).annotate(day=TruncDate("started_at", tzinfo=period.zone))
    names = ["day", "language"] if query.group_by else ["day"]
    data = sessions.values(*names).annotate(
        sessions=Count("pk"), resolved=Count("pk", filter=Q(outcome=BotSession.Outcome.RESOLVED))
    )
    out: Grouped = defaultdict(lambda: defaultdict(int))
    for row in data.order_by():
        key = (period.bucket(row["day"]), row.get("language") if query.group_by else None)
        out[key]["sessions"] += row["sessions"]
        out[key]["resolved"] += row["resolved"]
    return out


def bot_resolution_rate(query: MetricQuery, viewer: User) -> list[Row]:
    def make(counts: dict[str, int]) -> dict[str, Value]:
        sessions, resolved = counts.get("sessions", 0), counts.get("resolved", 0)
        return {"percent": percent(resolved, sessions), "resolved": resolved, "sessions": sessions}

    return _rows(query, _bot_sessions(query, viewer), make)


def _deflection_sessions(query: MetricQuery, viewer: User) -> Grouped:
    out: Grouped = defaultdict(lambda: defaultdict(int))
    if not can_view_service_reports(viewer):
        return out
    period = query.period
    visits = (
        SuggestionOpen.objects.filter(
            _language(query), opened_at__gte=period.start, opened_at__lt=period.end
        )
        .values("place", "session")
        .annotate(
            first=Min("opened_at"),
            language=Min("language"),
            requested=Max("request_at"),
        )
        .order_by()
    )
    for visit in visits:
        day = visit["first"].astimezone(period.zone).date()
        key = (period.bucket(day), visit["language"] if query.group_by else None)
        out[key]["sessions"] += 1
        out[key]["deflected"] += visit["requested"] is None
    return out


def deflection_rate(query: MetricQuery, viewer: User) -> list[Row]:
    def make(counts: dict[str, int]) -> dict[str, Value]:
        sessions, deflected = counts.get("sessions", 0), counts.get("deflected", 0)
        return {
            "percent": percent(deflected, sessions),
            "deflected": deflected,
            "sessions": sessions,
        }

    return _rows(query, _deflection_sessions(query, viewer), make)


for metric in (
    Metric(
        "bot_resolution_rate",
        Area.SERVICE,
        _("Bot resolution rate"),
        Unit.PERCENT,
        ("percent", "resolved", "sessions"),
        DIMENSIONS,
        bot_resolution_rate,
        _("Answer-bot chats the customer said were answered, not handed over ÷ bot chats."),
    ),
    Metric(
        "deflection_rate",
        Area.SERVICE,
        _("Deflection rate"),
        Unit.PERCENT,
        ("percent", "deflected", "sessions"),
        DIMENSIONS,
        deflection_rate,
        _("Visits that opened a suggested article and sent no request ÷ visits that opened one."),
    ),
):
    metric_register(metric)
