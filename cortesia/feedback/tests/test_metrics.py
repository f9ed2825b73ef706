"""The reporting basics on a hand-built set: exact CSAT %, NPS, CES and response rates,
overall and per market, each against its own 90-day baseline; None where nothing counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.feedback.metrics import (
    MarketScores,
    Period,
    Scores,
    feedback_scores,
    market_scores,
    percent,
    score_label,
)
from cortesia.feedback.models import SurveyInvitation, SurveyKind, SurveyResponse
from cortesia.feedback.selectors import ResponseFilters, feedback_summary
from cortesia.feedback.tests import staff_rows
from cortesia.testing.fixtures import make_user

pytestmark = pytest.mark.usefixtures("english")

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)
PERIOD = Period(start=START, end=END)
IN_PERIOD = START + timedelta(days=3)
IN_BASELINE = START - timedelta(days=10)
CSAT, CSAT2, NPS, CES = SurveyKind.CSAT, SurveyKind.CSAT2, SurveyKind.NPS, SurveyKind.CES
D = Decimal


def test_the_baseline_is_the_90_days_before_the_period() -> None:
    assert PERIOD.baseline_start == datetime(2026, 8, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("_case", "part", "whole", "expected"),
    [
        ("nothing to count is None, not 0", 0, 0, None),
        ("none of some is 0", 0, 4, D("0.0")),
        ("thirds round half up", 2, 3, D("66.7")),
        ("a half", 1, 8, D("12.5")),
        ("all", 5, 5, D("100.0")),
    ],
)
def test_percent(_case: str, part: int, whole: int, expected: Decimal | None) -> None:
    assert percent(part, whole) == expected


@pytest.mark.parametrize(
    ("kind", "score", "label"),
    [
        (CSAT, 5, "Very satisfied"),
        (CSAT, 3, "Neither satisfied nor dissatisfied"),
        (CSAT2, 2, "Good"),
        (CSAT2, 1, "Bad"),
        (NPS, 10, "Promoter"),
        (NPS, 7, "Passive"),
        (NPS, 6, "Detractor"),
        (NPS, 0, "Detractor"),
        (CES, 7, "Strongly agree"),
        (CES, 4, "Neither agree nor disagree"),
        (CES, 8, ""),
        (NPS, 11, ""),
    ],
)
def test_each_score_is_named_on_its_scale(kind: str, score: int, label: str) -> None:
    assert str(score_label(kind, score)) == label


@pytest.fixture
def market_set(db: None) -> None:
    """Italy: a full current period and a small baseline; Finland: one detractor now and
    unanswered invitations; Saudi Arabia: only a baseline; plus rows outside both windows
    and an invitation never sent."""
    giulia = staff_rows.customer("Giulia")
    aino = staff_rows.customer("Aino", "FI", "fi")
    layla = staff_rows.customer("Layla", "SA", "ar")

    def answer(who: object, kind: str, score: int, at: datetime, market: tuple[str, str]) -> None:
        staff_rows.response(
            who,  # type: ignore[arg-type]
            kind=kind,
            score=score,
            answered_at=at,
            language=market[0],
            country=market[1],
        )

    italy, finland, arabia = ("it", "IT"), ("fi", "FI"), ("ar", "SA")
    for kind, score in [(CSAT, 5), (CSAT, 4), (CSAT, 2), (CSAT2, 2)]:
        answer(giulia, kind, score, IN_PERIOD, italy)
    for score in (10, 9, 9, 7, 3):
        answer(giulia, NPS, score, IN_PERIOD, italy)
    for score in (7, 5, 4):
        answer(giulia, CES, score, IN_PERIOD, italy)
    for score in (1, 5):
        answer(giulia, CSAT, score, IN_BASELINE, italy)
    answer(aino, NPS, 6, IN_PERIOD, finland)
    answer(layla, CSAT, 5, IN_BASELINE, arabia)
    # outside: before the baseline, and at the period's (excluded) end
    answer(giulia, CSAT, 1, PERIOD.baseline_start - timedelta(seconds=1), italy)
    answer(giulia, CSAT, 1, END, italy)
    for answered in (True, True, True, False):
        staff_rows.invitation(
            giulia,
            sent_at=IN_PERIOD,
            answered_at=IN_PERIOD + timedelta(hours=1) if answered else None,
            language="it",
            country="IT",
        )
    staff_rows.invitation(
        giulia,
        sent_at=IN_BASELINE,
        answered_at=START + timedelta(days=1),
        language="it",
        country="IT",
    )
    for _ in range(2):
        staff_rows.invitation(aino, sent_at=IN_PERIOD, language="fi", country="FI")


def _all() -> tuple[object, object]:
    return SurveyResponse.objects.all(), SurveyInvitation.objects.all()


def _figures(scores: Scores) -> tuple[object, ...]:
    return (
        scores.responses,
        scores.csat,
        scores.nps,
        scores.ces,
        scores.ces_mean,
        scores.sent,
        scores.answered,
        scores.response_rate,
    )


@pytest.mark.usefixtures("market_set")
def test_the_overall_figures_and_their_baseline() -> None:
    responses, invitations = _all()
    [overall] = market_scores(responses, invitations, PERIOD, None)  # type: ignore[arg-type]
    # CSAT 3 positive of 4; NPS 3 promoters and 2 detractors of 6 → 50 − 33.3;
    # CES 2 of 3 at 5 or more, mean 16 / 3; 3 of the 6 invitations sent were answered.
    assert _figures(overall.current) == (
        13,
        D("75.0"),
        D("16.7"),
        D("66.7"),
        D("5.33"),
        6,
        3,
        D("50.0"),
    )
    # CSAT 1, 5 (Italy) and 5 (Saudi Arabia); the one baseline invitation was answered
    # after the baseline ended: answered by now counts.
    assert _figures(overall.baseline) == (3, D("66.7"), None, None, None, 1, 1, D("100.0"))
    assert overall.differences == {
        "csat": D("8.3"),
        "nps": None,
        "ces": None,
        "ces_mean": None,
        "response_rate": D("-50.0"),
    }


@pytest.mark.usefixtures("market_set")
def test_each_country_against_its_own_baseline() -> None:
    responses, invitations = _all()
    markets = market_scores(responses, invitations, PERIOD, "country")  # type: ignore[arg-type]
    by_code = {market.market: market for market in markets}
    assert list(by_code) == ["FI", "IT", "SA"]
    italy, finland, arabia = by_code["IT"], by_code["FI"], by_code["SA"]
    assert _figures(italy.current) == (
        12,
        D("75.0"),
        D("40.0"),
        D("66.7"),
        D("5.33"),
        4,
        3,
        D("75.0"),
    )
    assert _figures(italy.baseline) == (2, D("50.0"), None, None, None, 1, 1, D("100.0"))
    assert (italy.difference("csat"), italy.difference("response_rate")) == (D("25.0"), D("-25.0"))
    # Finland: one detractor is −100; two invitations, none answered, is 0 %, not None.
    assert _figures(finland.current) == (1, None, D("-100.0"), None, None, 2, 0, D("0.0"))
    assert _figures(finland.baseline) == (0, None, None, None, None, 0, 0, None)
    assert finland.differences == dict.fromkeys(finland.differences)
    # Saudi Arabia answered only in the baseline: an empty period, never zeros.
    assert _figures(arabia.current) == (0, None, None, None, None, 0, 0, None)
    assert (arabia.baseline.csat, arabia.difference("csat")) == (D("100.0"), None)


@pytest.mark.usefixtures("market_set")
def test_by_language_groups_the_same_markets_by_their_language() -> None:
    responses, invitations = _all()
    markets = market_scores(responses, invitations, PERIOD, "language")  # type: ignore[arg-type]
    assert [(m.market, m.current.responses, m.baseline.responses) for m in markets] == [
        ("ar", 0, 1),
        ("fi", 1, 0),
        ("it", 12, 2),
    ]


def test_no_responses_at_all_give_none_everywhere(db: None) -> None:
    responses, invitations = _all()
    summary = feedback_scores(responses, invitations, PERIOD)  # type: ignore[arg-type]
    assert summary.overall == MarketScores(
        "*",
        Scores(0, None, None, None, None, 0, 0, None),
        Scores(0, None, None, None, None, 0, 0, None),
    )
    assert (summary.by_language, summary.by_country) == ([], [])


@pytest.mark.usefixtures("market_set")
def test_the_summary_costs_six_queries(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    responses, invitations = _all()
    with django_assert_num_queries(6):
        summary = feedback_scores(responses, invitations, PERIOD)  # type: ignore[arg-type]
    assert (len(summary.by_language), len(summary.by_country)) == (3, 3)


@pytest.fixture
def two_teams(team_rome: Team, team_riyadh: Team) -> tuple[User, User]:
    """One CSAT 5 for Rome and one CSAT 1 for Riyadh in the period; an agent of Rome and
    a marketer."""
    giulia = staff_rows.customer()
    staff_rows.response(giulia, score=5, answered_at=IN_PERIOD, team=team_rome)
    staff_rows.response(giulia, score=1, answered_at=IN_PERIOD, team=team_riyadh)
    agent = make_user("rome_agent")
    team_rome.members.add(agent)
    return agent, make_user("marketer", Role.MARKETER)


def test_the_summary_counts_only_what_the_viewer_may_see(two_teams: tuple[User, User]) -> None:
    agent, marketer = two_teams
    seen = {
        viewer.username: feedback_summary(
            viewer=viewer, filters=ResponseFilters(), period=PERIOD
        ).overall.current.csat
        for viewer in (agent, marketer)
    }
    assert seen == {"rome_agent": D("100.0"), "marketer": D("50.0")}


def test_the_summary_follows_the_kind_and_score_filters(two_teams: tuple[User, User]) -> None:
    _agent, marketer = two_teams
    only_nps = feedback_summary(
        viewer=marketer, filters=ResponseFilters(kind=NPS), period=PERIOD
    ).overall.current
    assert (only_nps.responses, only_nps.csat) == (0, None)
