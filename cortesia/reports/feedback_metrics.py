"""Feedback metrics in reports: CSAT %, NPS, CES (share ≥ 5 and the labelled mean) and the
response rate, by interval and by any dimension a response carries.

The formulas and the counts are the feedback app's (``feedback.metrics``): the same
conditional counts, grouped here by local day and group in the database and summed into
intervals. Responses count where ``answered_at`` falls, invitations where ``sent_at``
falls. The viewer's scope is the feedback page's (``feedback.selectors``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from cortesia.accounts.models import User
from cortesia.customers.models import Customer
from cortesia.customers.segment_rules import compile_rules
from cortesia.feedback.metrics import Scores, response_counts, scores_from_counts
from cortesia.feedback.selectors import invitations_visible, responses_visible
from cortesia.reports import dimensions as dims
from cortesia.reports.answer_cache import cached_part
from cortesia.reports.engine import Area, Metric, MetricQuery, Row, Unit, metric_register
from cortesia.reports.service_metrics import Keys

# The field of each dimension on a response and on an invitation.
FIELDS = {
    dims.TEAM.key: "team_id",
    dims.AGENT.key: "agent_id",
    dims.CHANNEL.key: "channel",
    dims.LANGUAGE.key: "language",
    dims.COUNTRY.key: "country",
    dims.SURVEY_KIND.key: "kind",
}
INVITATION_FIELDS = {**FIELDS, dims.CHANNEL.key: "ticket_channel"}
FEEDBACK_DIMENSIONS = frozenset({*FIELDS, dims.SEGMENT.key})

Counts = dict[str, int]


def _condition(name: str, value: str, fields: dict[str, str]) -> Q:
    if name == dims.TEAM.key:
        if not value:
            return Q(team_id__isnull=True)
        team = dims.team_id_of(value)
        return Q(team_id=team) if team else dims.nothing()
    if name == dims.AGENT.key:
        if not value:
            return Q(agent_id__isnull=True)
        agent = dims.agent_id_of(value)
        return Q(agent_id=agent) if agent else dims.nothing()
    if name == dims.SEGMENT.key:
        rules = dims.segment_rules_of(value)
        if rules is None:
            return dims.nothing()
        return Q(customer_id__in=Customer.objects.filter(compile_rules(rules)).values("pk"))
    return Q(**{fields[name]: value})


def _filtered(rows: QuerySet[Any], query: MetricQuery, fields: dict[str, str]) -> QuerySet[Any]:
    for name, value in query.filters.items():
        rows = rows.filter(_condition(name, value, fields))
    return rows


def _passes(
    query: MetricQuery, fields: dict[str, str]
) -> Iterator[tuple[str | None, Q, str | None]]:
    if query.group_by == dims.SEGMENT.key:
        from cortesia.customers.models import Segment

        for uid, rules in Segment.objects.order_by("name").values_list("uid", "rules"):
            members = Customer.objects.filter(compile_rules(rules)).values("pk")
            yield str(uid), Q(customer_id__in=members), None
        return
    yield None, Q(), fields.get(query.group_by) if query.group_by else None


def _grouped(
    query: MetricQuery,
    rows: QuerySet[Any],
    at: str,
    aggregates: dict[str, Any],
    fields: dict[str, str],
) -> dict[tuple[date | None, str | None], Counts]:
    period = query.period
    rows = _filtered(rows, query, fields).filter(
        **{f"{at}__gte": period.start, f"{at}__lt": period.end}
    )
    out: dict[tuple[date | None, str | None], Counts] = defaultdict(lambda: defaultdict(int))
    for group_key, extra, field in _passes(query, fields):
        selected = rows.filter(extra).annotate(day=TruncDate(at, tzinfo=period.zone))
        names = ["day"] + ([field] if field else [])
        data = list(selected.values(*names).annotate(**aggregates).order_by())
        keys = Keys(query.group_by, [row[field] for row in data] if field else [])
        for row in data:
            group = keys(row[field]) if field else group_key
            target = out[(period.bucket(row["day"]), group)]
            for name in aggregates:
                target[name] += int(row[name] or 0)
    return out


GroupedCounts = dict[tuple[date | None, str | None], Counts]


def _feedback_counts(query: MetricQuery, viewer: User) -> tuple[GroupedCounts, GroupedCounts]:
    """The responses' counts of every kind and the invitations sent and answered, by
    interval and group: what every feedback metric is computed from."""
    answers = _grouped(
        query, responses_visible(viewer), "answered_at", response_counts(Q(), "now"), FIELDS
    )
    # COUNT(answered_at) counts the answered ones; neither count reads the rows (the
    # invitation_sent index holds what they need)
    invited = _grouped(
        query,
        invitations_visible(viewer).filter(sent_at__isnull=False),
        "sent_at",
        {"now_sent": Count("*"), "now_answered": Count("answered_at")},
        INVITATION_FIELDS,
    )
    plain = {key: dict(counts) for key, counts in answers.items()}
    return plain, {key: dict(counts) for key, counts in invited.items()}


def feedback_rows(
    query: MetricQuery, viewer: User, make: Callable[[Scores, Counted], dict[str, Any]]
) -> list[Row]:
    """Rows of ``make(scores, counted)`` per interval and group; ``counted`` names the
    responses of each kind (``csat``, ``nps``, ``promoters``, ``detractors``, ``ces``)."""
    answers, invited = cached_part(
        "feedback_counts", query, viewer, lambda: _feedback_counts(query, viewer)
    )
    groups: list[str | None] = sorted(
        {group for (_b, group) in (*answers, *invited)}, key=lambda key: key or ""
    )

    if not query.group_by:
        groups = [None]
    rows = []
    for bucket in query.period.buckets():
        for group in groups:
            counts: dict[str, int | None] = dict(answers.get((bucket, group), {}))
            invitations: dict[str, int | None] = dict(invited.get((bucket, group), {}))
            scores = scores_from_counts(counts, invitations, "now")
            rows.append(Row(bucket, group, make(scores, Counted(counts))))
    return rows


class Counted:
    """The responses of one kind in a row's counts (each response counts for its own
    kind's figure only: a CSAT row's responses are CSAT answers)."""

    def __init__(self, counts: dict[str, int | None]) -> None:
        self._counts = counts

    def __call__(self, name: str) -> int:
        return int(self._counts.get(f"now_{name}") or 0)


def _csat(query: MetricQuery, viewer: User) -> list[Row]:
    return feedback_rows(
        query,
        viewer,
        lambda s, n: {"percent": s.csat, "positive": n("csat_positive"), "responses": n("csat")},
    )


def _nps(query: MetricQuery, viewer: User) -> list[Row]:
    return feedback_rows(
        query,
        viewer,
        lambda s, n: {
            "score": s.nps,
            "promoters": n("promoters"),
            "detractors": n("detractors"),
            "responses": n("nps"),
        },
    )


def _ces(query: MetricQuery, viewer: User) -> list[Row]:
    return feedback_rows(
        query,
        viewer,
        lambda s, n: {"percent": s.ces, "mean": s.ces_mean, "responses": n("ces")},
    )


def _response_rate(query: MetricQuery, viewer: User) -> list[Row]:
    return feedback_rows(
        query,
        viewer,
        lambda s, _n: {"percent": s.response_rate, "answered": s.answered, "sent": s.sent},
    )


for metric in (
    Metric(
        "csat",
        Area.FEEDBACK,
        _("CSAT"),
        Unit.PERCENT,
        ("percent", "positive", "responses"),
        FEEDBACK_DIMENSIONS,
        _csat,
        _("Positive CSAT answers ÷ CSAT answers (4–5 of 5, or good)."),
    ),
    Metric(
        "nps",
        Area.FEEDBACK,
        _("NPS"),
        Unit.SCORE,
        ("score", "promoters", "detractors", "responses"),
        FEEDBACK_DIMENSIONS,
        _nps,
        _("% promoters (9–10) − % detractors (0–6)."),
    ),
    Metric(
        "ces",
        Area.FEEDBACK,
        _("CES"),
        Unit.PERCENT,
        ("percent", "mean", "responses"),
        FEEDBACK_DIMENSIONS,
        _ces,
        _("CES answers of 5 or more ÷ CES answers (1–7); the CES mean beside it."),
    ),
    Metric(
        "response_rate",
        Area.FEEDBACK,
        _("Survey response rate"),
        Unit.PERCENT,
        ("percent", "answered", "sent"),
        FEEDBACK_DIMENSIONS,
        _response_rate,
        _("Invitations sent in the period and answered by now ÷ invitations sent."),
    ),
):
    metric_register(metric)
