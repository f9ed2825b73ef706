"""Feedback metrics in reports: the reader's responses, groupings by market and kind."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from cortesia.accounts.models import Team, User
from cortesia.core.actor import Actor
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.feedback.answers import response_record
from cortesia.feedback.models import SurveyResponse
from cortesia.feedback.tests.answer_fixtures import invitation_send, open_ticket, survey_of
from cortesia.reports.engine import MetricQuery, Row, metric_run
from cortesia.reports.periods import Interval, ReportPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ROME = ZoneInfo("Europe/Rome")
MARCH = ReportPeriod(date(2026, 3, 1), date(2026, 3, 31), ROME)


def utc(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def _customer(name: str, country: str, language: str) -> Customer:
    return customer_create(
        data=CustomerData(given_name=name, country=country, language=language),
        actor=Actor.system(),
    )


def _answer(customer: Customer, team: Team, kind: str, score: int, sent: datetime) -> None:
    survey = survey_of(kind, name=f"{kind} {customer.pk} {score} {sent}", follow_up_low=False)
    invitation = invitation_send(
        survey=survey,
        customer=customer,
        ticket=open_ticket(customer, team),
        language=customer.language,
        sent_at=sent,
    ).invitation
    response_record(
        invitation=invitation,
        score=score,
        comment="",
        answers={},
        via=SurveyResponse.Via.PAGE,
        now=sent.replace(hour=sent.hour + 1),
    )


@pytest.fixture
def answered(team_rome: Team, team_riyadh: Team) -> None:
    """Rome: CSAT 5 and 2 from Italy on 2 March; Riyadh: CSAT 4 from Saudi Arabia on
    31 March at 22:30 UTC (1 April in Rome: after the period) and NPS 10 on 3 March."""
    giulia = _customer("Giulia", "IT", "it")
    layla = _customer("Layla", "SA", "ar")
    _answer(giulia, team_rome, "csat", 5, utc(2))
    _answer(giulia, team_rome, "csat", 2, utc(2))
    _answer(layla, team_riyadh, "csat", 4, utc(31, 21).replace(minute=30))
    _answer(layla, team_riyadh, "nps", 10, utc(3))


def _ask(viewer: User, metric: str, group_by: str = "", **filters: str) -> list[Row]:
    query = MetricQuery(metric, MARCH, group_by=group_by, filters=filters)
    return metric_run(query, viewer).rows


@pytest.mark.usefixtures("answered")
def test_csat_by_country_in_the_report_zone(admin_user: User) -> None:
    rows = _ask(admin_user, "csat", group_by="country")
    assert [(row.group, row.values) for row in rows] == [
        ("IT", {"percent": 50, "positive": 1, "responses": 2}),
        # Layla answered the NPS in March; her CSAT is April's: no CSAT answer here
        ("SA", {"percent": None, "positive": 0, "responses": 0}),
    ]


@pytest.mark.usefixtures("answered")
def test_an_agent_reads_the_answers_of_the_team(alice: User, admin_user: User) -> None:
    assert _ask(alice, "csat")[0].values == {"percent": 50, "positive": 1, "responses": 2}
    assert _ask(admin_user, "nps", survey_kind="nps")[0].values == {
        "score": 100,
        "promoters": 1,
        "detractors": 0,
        "responses": 1,
    }
    # the team's two answers are CSAT answers: no NPS figure, and no NPS response counted
    assert _ask(alice, "nps")[0].values == {
        "score": None,
        "promoters": 0,
        "detractors": 0,
        "responses": 0,
    }


@pytest.mark.usefixtures("answered")
def test_response_rate_by_language_and_by_week(admin_user: User) -> None:
    rows = _ask(admin_user, "response_rate", group_by="language")
    assert [(row.group, row.values["sent"], row.values["answered"]) for row in rows] == [
        ("ar", 2, 2),
        ("it", 2, 2),
    ]
    weeks = ReportPeriod(date(2026, 3, 2), date(2026, 3, 15), ROME, Interval.WEEK)
    query = MetricQuery("response_rate", weeks)
    assert [(row.period, row.values["sent"]) for row in metric_run(query, admin_user).rows] == [
        (date(2026, 3, 2), 3),
        (date(2026, 3, 9), 0),
    ]
