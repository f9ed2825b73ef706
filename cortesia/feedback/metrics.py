"""The reporting basics of feedback: CSAT %, NPS, CES and the response rate, overall, by
language and by country, each market against its own trailing 90-day baseline.

The formulas (docs/metrics.md states them for people):

- CSAT % = positive CSAT responses ÷ all CSAT responses × 100. The 5-point scale counts 4
  and 5 as positive; the 2-point scale counts 2 ("good"). Both variants count together.
- NPS = % promoters (9–10) − % detractors (0–6) of the NPS responses, from −100 to 100.
- CES % = CES responses scoring 5, 6 or 7 ÷ all CES responses × 100 (1–7 scale); the CES
  mean is the plain mean of the CES scores, and is labelled as a mean.
- Response rate = invitations answered by now ÷ invitations sent in the period × 100.

Time basis: a response counts in the period its ``answered_at`` falls in; an invitation
counts in the period its ``sent_at`` falls in, answered whenever (so a recent period's
rate still grows). A figure with nothing to count is None, never 0.

Every figure is computed in the database: one aggregate query of conditional counts per
grouping (overall, by language, by country) over the current period and the baseline
together; Python only divides the counts. Callers hand in querysets already scoped to the
viewer (``selectors.feedback_summary``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cortesia.feedback.models import SurveyInvitation, SurveyKind, SurveyResponse

BASELINE_DAYS = 90
DEFAULT_PERIOD_DAYS = 30
HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
TWO_DECIMALS = Decimal("0.01")

CSAT_KINDS = (SurveyKind.CSAT, SurveyKind.CSAT2)
POSITIVE_CSAT = Q(kind=SurveyKind.CSAT, score__gte=4) | Q(kind=SurveyKind.CSAT2, score=2)
PROMOTERS = Q(kind=SurveyKind.NPS, score__gte=9)
DETRACTORS = Q(kind=SurveyKind.NPS, score__lte=6)
EASY = Q(kind=SurveyKind.CES, score__gte=5)


def high_scores() -> Q:
    """The positive scores of every kind: CSAT 4–5, CSAT good, NPS 9–10, CES 5–7."""
    return POSITIVE_CSAT | PROMOTERS | EASY


# What each score means, in the staff member's language (the survey's own labels are
# the customer's words, in the customer's language).
_CSAT_LABELS = {
    1: _("Very dissatisfied"),
    2: _("Dissatisfied"),
    3: _("Neither satisfied nor dissatisfied"),
    4: _("Satisfied"),
    5: _("Very satisfied"),
}
_CES_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Somewhat disagree"),
    4: _("Neither agree nor disagree"),
    5: _("Somewhat agree"),
    6: _("Agree"),
    7: _("Strongly agree"),
}


def score_label(kind: str, score: int) -> str | Promise:
    """Return what ``score`` means on ``kind``'s scale ("Satisfied", "Promoter"); "" for
    a score off the scale."""
    if kind == SurveyKind.CSAT:
        return _CSAT_LABELS.get(score, "")
    if kind == SurveyKind.CSAT2:
        return {1: _("Bad"), 2: _("Good")}.get(score, "")
    if kind == SurveyKind.NPS and 0 <= score <= 10:
        return _("Promoter") if score >= 9 else _("Passive") if score >= 7 else _("Detractor")
    if kind == SurveyKind.CES:
        return _CES_LABELS.get(score, "")
    return ""


@dataclass(frozen=True)
class Period:
    """The period ``[start, end)`` and its baseline ``[start − 90 days, start)`` (UTC)."""

    start: datetime
    end: datetime

    @property
    def baseline_start(self) -> datetime:
        return self.start - timedelta(days=BASELINE_DAYS)


@dataclass(frozen=True)
class Scores:
    """The figures of one market over one period; each None when nothing counts."""

    responses: int
    csat: Decimal | None  # percent, one decimal
    nps: Decimal | None  # −100 to 100, one decimal
    ces: Decimal | None  # percent scoring ≥ 5, one decimal
    ces_mean: Decimal | None  # two decimals
    sent: int
    answered: int
    response_rate: Decimal | None  # percent, one decimal


FIGURES = ("csat", "nps", "ces", "ces_mean", "response_rate")


@dataclass(frozen=True)
class MarketScores:
    """A market (a language or country code; "" for unknown, "*" for all) in the period
    and in its baseline."""

    market: str
    current: Scores
    baseline: Scores

    def difference(self, figure: str) -> Decimal | None:
        """Return current − baseline of ``figure``; None when either is None."""
        now, before = getattr(self.current, figure), getattr(self.baseline, figure)
        return None if now is None or before is None else now - before

    @property
    def differences(self) -> dict[str, Decimal | None]:
        return {figure: self.difference(figure) for figure in FIGURES}


@dataclass(frozen=True)
class Summary:
    period: Period
    overall: MarketScores
    by_language: list[MarketScores]
    by_country: list[MarketScores]

    @property
    def overall_rows(self) -> list[MarketScores]:
        """The overall figures as a one-row list (tables draw rows)."""
        return [self.overall]


def percent(part: int, whole: int) -> Decimal | None:
    """Return ``part`` ÷ ``whole`` × 100 to one decimal (half up); None when whole is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def _mean(total: int | None, count: int) -> Decimal | None:
    if count == 0 or total is None:
        return None
    return (Decimal(total) / Decimal(count)).quantize(TWO_DECIMALS, ROUND_HALF_UP)


def response_counts(when: Q, prefix: str) -> dict[str, Count | Sum]:
    """The conditional counts of responses answered ``when``, named ``<prefix>_<count>``."""
    counts: dict[str, Q] = {
        "all": Q(),
        "csat": Q(kind__in=CSAT_KINDS),
        "csat_positive": POSITIVE_CSAT,
        "nps": Q(kind=SurveyKind.NPS),
        "promoters": PROMOTERS,
        "detractors": DETRACTORS,
        "ces": Q(kind=SurveyKind.CES),
        "ces_easy": EASY,
    }
    aggregates: dict[str, Count | Sum] = {
        f"{prefix}_{name}": Count("pk", filter=when & condition)
        for name, condition in counts.items()
    }
    aggregates[f"{prefix}_ces_sum"] = Sum("score", filter=when & Q(kind=SurveyKind.CES))
    return aggregates


def scores_from_counts(
    row: dict[str, int | None], invited: dict[str, int | None], prefix: str
) -> Scores:
    """The figures of one period from its counts (``row``) and invitations (``invited``)."""

    def count(name: str, of: dict[str, int | None] = row) -> int:
        return int(of.get(f"{prefix}_{name}") or 0)

    nps_total = count("nps")
    nps = None
    if nps_total:
        promoters = Decimal(count("promoters")) * HUNDRED / Decimal(nps_total)
        detractors = Decimal(count("detractors")) * HUNDRED / Decimal(nps_total)
        nps = (promoters - detractors).quantize(ONE_DECIMAL, ROUND_HALF_UP)
    sent, answered = count("sent", invited), count("answered", invited)
    return Scores(
        responses=count("all"),
        csat=percent(count("csat_positive"), count("csat")),
        nps=nps,
        ces=percent(count("ces_easy"), count("ces")),
        ces_mean=_mean(row.get(f"{prefix}_ces_sum"), count("ces")),
        sent=sent,
        answered=answered,
        response_rate=percent(answered, sent),
    )


def _periods(period: Period, field: str) -> tuple[Q, Q]:
    current = Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})
    baseline = Q(**{f"{field}__gte": period.baseline_start, f"{field}__lt": period.start})
    return current, baseline


def _grouped_responses(
    responses: QuerySet[SurveyResponse], period: Period, group: str | None
) -> dict[str, dict[str, int | None]]:
    current, baseline = _periods(period, "answered_at")
    rows = responses.filter(
        answered_at__gte=period.baseline_start, answered_at__lt=period.end
    ).order_by()
    aggregates = {**response_counts(current, "now"), **response_counts(baseline, "before")}
    if group is None:
        return {"*": rows.aggregate(**aggregates)}
    return {row[group]: row for row in rows.values(group).annotate(**aggregates)}


def _grouped_invitations(
    invitations: QuerySet[SurveyInvitation], period: Period, group: str | None
) -> dict[str, dict[str, int | None]]:
    current, baseline = _periods(period, "sent_at")
    answered = Q(answered_at__isnull=False)
    aggregates = {
        "now_sent": Count("pk", filter=current),
        "now_answered": Count("pk", filter=current & answered),
        "before_sent": Count("pk", filter=baseline),
        "before_answered": Count("pk", filter=baseline & answered),
    }
    rows = invitations.filter(sent_at__gte=period.baseline_start, sent_at__lt=period.end).order_by()
    if group is None:
        return {"*": rows.aggregate(**aggregates)}
    return {row[group]: row for row in rows.values(group).annotate(**aggregates)}


def market_scores(
    responses: QuerySet[SurveyResponse],
    invitations: QuerySet[SurveyInvitation],
    period: Period,
    group: str | None,
) -> list[MarketScores]:
    """Return each market's figures (grouped by the field ``group``, or one "*" market
    for None) in ``period`` and its baseline, sorted by market code: two queries. A
    market with invitations but no response, or with responses only in the baseline,
    is listed with None for what it lacks."""
    answers = _grouped_responses(responses, period, group)
    invited = _grouped_invitations(invitations, period, group)
    return [
        MarketScores(
            market=market,
            current=scores_from_counts(answers.get(market, {}), invited.get(market, {}), "now"),
            baseline=scores_from_counts(answers.get(market, {}), invited.get(market, {}), "before"),
        )
        for market in sorted(set(answers) | set(invited))
    ]


def feedback_scores(
    responses: QuerySet[SurveyResponse],
    invitations: QuerySet[SurveyInvitation],
    period: Period,
) -> Summary:
    """Return the figures overall, by language and by country (six queries)."""
    return Summary(
        period=period,
        overall=market_scores(responses, invitations, period, None)[0],
        by_language=market_scores(responses, invitations, period, "language"),
        by_country=market_scores(responses, invitations, period, "country"),
    )
