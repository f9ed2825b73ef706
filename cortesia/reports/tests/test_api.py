"""``GET /api/v1/metrics`` and ``/api/v1/metrics/catalogue``: rows scoped to the token's
user, refusals per parameter, enums in the OpenAPI description."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, TokenScope, User
from cortesia.accounts.services import token_create
from cortesia.api import api
from cortesia.core.actor import Actor
from cortesia.culture.local_formats import language_name
from cortesia.customers.models import Customer
from cortesia.customers.services import CustomerData, customer_create
from cortesia.reports.dimensions import ALL as DIMENSIONS
from cortesia.reports.engine import METRICS, Area, Unit, ensure_loaded
from cortesia.reports.models import ReportSettings
from cortesia.reports.schemas import MetricsQueryIn
from cortesia.reports.upkeep import facts_refresh
from cortesia.testing.fixtures import bearer, make_user
from cortesia.tickets.inputs import MessageData, TicketData
from cortesia.tickets.models import Ticket, TicketMessage
from cortesia.tickets.services import message_add, ticket_create

pytestmark = pytest.mark.django_db

ensure_loaded()
ECONOMICS = sorted(name for name, metric in METRICS.items() if metric.area == Area.ECONOMICS)
SERVICE = sorted(name for name, metric in METRICS.items() if metric.area != Area.ECONOMICS)
DAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
PERIOD = {"from": "2026-11-01", "to": "2026-11-07", "tz": "UTC"}
TOKEN_QUERIES = 1 if connection.vendor == "postgresql" else 2


def _customer(language: str) -> Customer:
    return customer_create(
        data=CustomerData(given_name="Giulia", country="IT", language=language),
        actor=Actor.system(),
    )


def _ticket(
    team: Team | None, at: datetime, *, language: str = "it", assignee: User | None = None
) -> Ticket:
    data = TicketData(
        subject="Pacco",
        customer=_customer(language),
        team=team,
        assignee=assignee,
        language=language,
        created_at=at,
        message=MessageData(body_text="Dov'è il mio pacco?", author_kind="customer"),
    )
    return ticket_create(data=data, actor=Actor.system())


@pytest.fixture
def tickets(team_rome: Team, team_riyadh: Team, alice: User) -> dict[str, list[Ticket]]:
    """Rome: 3 Italian tickets (Mon, Mon, Wed); Riyadh: 2 Arabic tickets (Tue); no team:
    2 English tickets (Thu), one of them assigned to alice."""
    made = {
        "rome": [
            _ticket(team_rome, DAY),
            _ticket(team_rome, DAY + timedelta(hours=2)),
            _ticket(team_rome, DAY + timedelta(days=2)),
        ],
        "riyadh": [
            _ticket(team_riyadh, DAY + timedelta(days=1), language="ar"),
            _ticket(team_riyadh, DAY + timedelta(days=1), language="ar"),
        ],
        "none": [
            _ticket(None, DAY + timedelta(days=3), language="en"),
            _ticket(None, DAY + timedelta(days=3), language="en", assignee=alice),
        ],
    }
    facts_refresh([ticket.pk for group in made.values() for ticket in group])
    return made


def _token(user: User) -> str:
    return token_create(user=user, scope=TokenScope.READ, actor=Actor.system()).raw


def _get(token: str, path: str = "/api/v1/metrics", **params: str) -> Any:
    return Client().get(path, params, headers=bearer(token), HTTP_ACCEPT_LANGUAGE="en")


def _counts(body: dict[str, Any]) -> list[tuple[str | None, str | None, int]]:
    return [(row["period"], row["group"], row["values"]["count"]) for row in body["rows"]]


@pytest.mark.usefixtures("tickets")
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("admin", 7),  # every ticket
        ("manager", 4),  # Riyadh's 2 and the 2 with no team
        ("alice", 4),  # Rome's 3 and the one with no team assigned to her
        ("charlie", 2),  # Riyadh's 2
    ],
)
def test_each_user_counts_only_the_tickets_they_may_see(
    who: str, expected: int, admin_user: User, alice: User, charlie: User, team_riyadh: Team
) -> None:
    users = {"admin": admin_user, "alice": alice, "charlie": charlie}
    if who == "manager":
        from cortesia.accounts.services import team_member_add

        users["manager"] = make_user("maurizio", Role.MANAGER)
        team_member_add(team=team_riyadh, user=users["manager"], actor=Actor.system())
    response = _get(_token(users[who]), metric="tickets_created", **PERIOD)
    assert response.status_code == 200
    assert _counts(response.json()) == [(None, None, expected)]


@pytest.mark.usefixtures("tickets")
def test_rows_per_day_and_language_with_names(alice: User) -> None:
    response = _get(
        _token(alice), metric="tickets_created", group_by="language", interval="day", **PERIOD
    )
    body = response.json()
    assert {key: body[key] for key in body if key != "rows"} == {
        "metric": "tickets_created",
        "unit": "count",
        "columns": ["count"],
        "time_basis": "calendar",
        "from": "2026-11-01",
        "to": "2026-11-07",
        "time_zone": "UTC",
        "interval": "day",
        "group_by": "language",
        "currency": None,
        "notes": [],
    }
    seen = [(row["period"], row["group"], row["label"], row["values"]) for row in body["rows"]]
    english, italian = language_name("en", "en"), language_name("it", "en")
    assert [row for row in seen if row[3] != {"count": 0}] == [
        ("2026-11-02", "it", italian, {"count": 2}),
        ("2026-11-04", "it", italian, {"count": 1}),
        ("2026-11-05", "en", english, {"count": 1}),
    ]
    assert len(seen) == 7 * 2  # every day, for each group seen


@pytest.mark.usefixtures("tickets")
def test_filter_by_team_and_group_by_team(alice: User, team_rome: Team) -> None:
    token = _token(alice)
    filtered = _get(token, metric="tickets_created", team=str(team_rome.uid), **PERIOD).json()
    grouped = _get(token, metric="tickets_created", group_by="team", **PERIOD).json()
    assert _counts(filtered) == [(None, None, 3)]
    assert [(row["group"], row["label"], row["values"]) for row in grouped["rows"]] == [
        ("", "No team", {"count": 1}),
        (str(team_rome.uid), "Roma", {"count": 3}),
    ]


def test_decimals_are_strings_and_counts_integers(alice: User, team_rome: Team) -> None:
    # given a ticket answered 90 s and one answered 5 min after it was opened
    tickets = []
    for delay in (90, 300):
        with time_machine.travel(DAY, tick=False):
            ticket = _ticket(team_rome, DAY)
        with time_machine.travel(DAY + timedelta(seconds=delay), tick=False):
            message_add(
                ticket=ticket,
                data=MessageData(body_text="Il pacco arriva domani, Alice."),
                actor=Actor(user=alice),
            )
        tickets.append(ticket)
    facts_refresh([ticket.pk for ticket in tickets])
    # when
    body = _get(_token(alice), metric="first_response_time", **PERIOD).json()
    # then
    assert TicketMessage.objects.filter(author_kind="agent").count() == 2
    assert body["rows"] == [
        {
            "period": None,
            "group": None,
            "label": None,
            "values": {"median": "3.3", "p90": "4.7", "mean": "3.3", "count": 2},
        }
    ]


@pytest.mark.parametrize(
    ("params", "details"),
    [
        ({"metric": "nope"}, {"metric": "Unknown metric: nope."}),
        ({"metric": "backlog", "from": "2026-13-01"}, {"from": "Enter a date as YYYY-MM-DD."}),
        ({"metric": "backlog", "to": "yesterday"}, {"to": "Enter a date as YYYY-MM-DD."}),
        ({"metric": "backlog", "to": "2026-11-01T00:00"}, {"to": "Enter a date as YYYY-MM-DD."}),
        (
            {"metric": "backlog", "from": "2026-11-05", "to": "2026-11-01"},
            {"to": "The end date is before the start date."},
        ),
        (
            {"metric": "backlog", "from": "2020-01-01", "to": "2026-11-01"},
            {"from": "A report covers at most three years."},
        ),
        (
            {"metric": "backlog", "interval": "year"},
            {"interval": "Choose day, week, locale_week, month or quarter."},
        ),
        (
            {"metric": "backlog", "time_basis": "moon"},
            {"time_basis": "Choose calendar or business."},
        ),
        (
            {"metric": "backlog", "tz": "Mars/Olympus"},
            {"tz": "Unknown time zone: use an IANA name such as Europe/Rome."},
        ),
        ({"metric": "backlog", "group_by": "mood"}, {"group_by": "Unknown dimension: mood."}),
        (
            {"metric": "tickets_created", "group_by": "survey_kind"},
            {"group_by": "tickets_created cannot be grouped by survey_kind."},
        ),
        (
            {"metric": "csat", "priority": "high"},
            {"priority": "csat cannot be filtered by priority."},
        ),
        (
            {"metric": "nope", "to": "x", "interval": "year"},
            {
                "metric": "Unknown metric: nope.",
                "to": "Enter a date as YYYY-MM-DD.",
                "interval": "Choose day, week, locale_week, month or quarter.",
            },
        ),
    ],
)
def test_bad_parameters_are_refused_one_message_each(
    alice_read_token: str, params: dict[str, str], details: dict[str, str]
) -> None:
    response = _get(alice_read_token, **params)
    assert (response.status_code, response.json()) == (
        400,
        {
            "error": {
                "code": "validation_error",
                "message": "Some fields are not valid.",
                "details": details,
            }
        },
    )


def test_a_missing_metric_is_a_missing_field(alice_read_token: str) -> None:
    response = _get(alice_read_token)
    assert (response.status_code, response.json()["error"]["code"]) == (422, "validation_error")


@pytest.mark.parametrize("metric", SERVICE)
def test_a_marketer_may_not_read_service_or_feedback_metrics(mia: User, metric: str) -> None:
    response = _get(_token(mia), metric=metric)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "forbidden")


@pytest.mark.skipif(not ECONOMICS, reason="no customer-economics metric is registered")
@pytest.mark.parametrize("metric", ECONOMICS)
def test_a_marketer_reads_economics_and_an_agent_does_not(
    mia: User, alice_read_token: str, metric: str
) -> None:
    ReportSettings.objects.get_or_create(defaults={"reporting_currency": "EUR"})
    marketer = _get(_token(mia), metric=metric, **PERIOD)
    agent = _get(alice_read_token, metric=metric, **PERIOD)
    money = METRICS[metric].unit == Unit.MONEY
    assert marketer.status_code == 200
    assert (marketer.json()["metric"], marketer.json()["currency"]) == (
        metric,
        "EUR" if money else None,
    )
    assert (agent.status_code, agent.json()["error"]["code"]) == (403, "forbidden")


@pytest.mark.usefixtures("tickets")
def test_a_read_token_suffices_and_no_token_is_refused(alice_read_token: str) -> None:
    anonymous = Client().get("/api/v1/metrics", {"metric": "backlog"})
    assert anonymous.status_code == 401
    assert _get(alice_read_token, metric="backlog").status_code == 200


@pytest.mark.usefixtures("tickets")
def test_query_count_of_a_grouped_report(
    admin_user: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    token = _token(admin_user)
    params = {"metric": "tickets_created", "group_by": "team", "interval": "week", **PERIOD}
    # the token found and counted (one statement on PostgreSQL), the token's use
    # recorded; the counts per day and team; the teams' keys; the teams' names
    with django_assert_num_queries(TOKEN_QUERIES + 4):
        response = _get(token, **params)
    assert response.status_code == 200


@pytest.mark.usefixtures("tickets")
def test_labels_speak_the_request_language_else_the_users(charlie: User) -> None:
    token = _token(charlie)  # charlie's saved language is Arabic
    params = {"metric": "tickets_created", "group_by": "language", **PERIOD}
    italian = Client().get(
        "/api/v1/metrics", params, headers=bearer(token), HTTP_ACCEPT_LANGUAGE="it"
    )
    saved = Client().get("/api/v1/metrics", params, headers=bearer(token))
    assert [row["label"] for row in italian.json()["rows"]] == [language_name("ar", "it")]
    assert [row["label"] for row in saved.json()["rows"]] == [language_name("ar", "ar")]
    assert (language_name("ar", "it"), language_name("ar", "ar")) == ("arabo", "العربية")


def test_locale_week_starts_on_the_request_languages_first_weekday(
    alice: User, tickets: dict[str, list[Ticket]]
) -> None:
    params = {"metric": "tickets_created", "interval": "locale_week", "tz": "UTC"}
    params |= {"from": "2026-10-31", "to": "2026-11-07"}
    token = _token(alice)
    weeks = {
        language: [
            (row["period"], row["values"]["count"])
            for row in Client()
            .get("/api/v1/metrics", params, headers=bearer(token), HTTP_ACCEPT_LANGUAGE=language)
            .json()["rows"]
        ]
        for language in ("en", "it", "ar")
    }
    assert weeks == {
        "en": [("2026-10-31", 0), ("2026-11-01", 4)],  # Sunday
        "it": [("2026-10-31", 0), ("2026-11-02", 4)],  # Monday
        "ar": [("2026-10-31", 4), ("2026-11-07", 0)],  # Saturday
    }


def test_catalogue_lists_what_the_user_may_read(alice_read_token: str, mia: User) -> None:
    agent = _get(alice_read_token, "/api/v1/metrics/catalogue").json()
    marketer = _get(_token(mia), "/api/v1/metrics/catalogue").json()
    assert [metric["name"] for metric in agent["metrics"]] == SERVICE
    assert [metric["name"] for metric in marketer["metrics"]] == ECONOMICS
    assert [dimension["key"] for dimension in agent["dimensions"]] == list(DIMENSIONS)
    first_response = next(m for m in agent["metrics"] if m["name"] == "first_response_time")
    assert first_response == {
        "name": "first_response_time",
        "label": "First response time",
        "description": "From the customer's request to the first public agent reply.",
        "area": "service",
        "unit": "minutes",
        "columns": ["median", "p90", "mean", "count"],
        "dimensions": sorted(METRICS["first_response_time"].dimensions),
        "business_time": True,
        "timed": True,
        "higher_is_better": False,
    }


def test_openapi_lists_every_metric_and_dimension() -> None:
    schema = api.get_openapi_schema()
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in schema["paths"]["/api/v1/metrics"]["get"]["parameters"]
    }
    assert parameters["metric"]["enum"] == sorted(METRICS)
    assert parameters["group_by"]["enum"] == ["", *DIMENSIONS]
    assert set(DIMENSIONS) <= set(parameters)  # one filter per dimension
    assert set(DIMENSIONS) <= set(MetricsQueryIn.model_fields)


@time_machine.travel(datetime(2026, 11, 30, 22, 0, tzinfo=UTC), tick=False)
def test_the_period_defaults_to_30_days_ending_today_in_the_users_zone(charlie: User) -> None:
    # 22:00 UTC on 30 November is already 1 December in Riyadh, charlie's zone
    body = _get(_token(charlie), metric="tickets_created").json()
    assert (body["from"], body["to"], body["time_zone"]) == (
        "2026-11-02",
        "2026-12-01",
        "Asia/Riyadh",
    )
