"""The CSV of a report table: exact bytes (BOM, header, ISO dates, plain numbers), the
file name, formula-safe text cells, bad parameters and refusals."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import team_create
from cortesia.core.actor import Actor
from cortesia.reports.engine import METRICS, MetricQuery, Result, Row, ensure_loaded
from cortesia.reports.export import csv_filename, result_csv
from cortesia.reports.periods import Interval, ReportPeriod
from cortesia.reports.tests.page_fixtures import NOW, WEEK, Week, week_of_tickets
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
SMALL = "from=2026-11-02&to=2026-11-04&tz=UTC&interval=day&group_by=language"


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def week(team_rome: Team, alice: User) -> Week:
    return week_of_tickets(team_rome, alice)


def test_the_csv_of_a_small_table_byte_for_byte(alice_client: Client, week: Week) -> None:
    response = alice_client.get(f"/reports/export.csv?metric=tickets_created&{SMALL}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="tickets_created_2026-11-02_2026-11-04.csv"'
    )
    assert (
        response.content
        == (
            "\ufeffperiod,group,group_label,count\r\n"
            "2026-11-02,en,English,0\r\n"
            "2026-11-02,it,Italian,1\r\n"
            "2026-11-03,en,English,1\r\n"
            "2026-11-03,it,Italian,1\r\n"
            "2026-11-04,en,English,0\r\n"
            "2026-11-04,it,Italian,0\r\n"
        ).encode()
    )


def test_the_csv_follows_the_filters(alice_client: Client, week: Week) -> None:
    response = alice_client.get(f"/reports/export.csv?metric=tickets_created&{WEEK}&language=it")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["period", "group", "group_label", "count"], ["", "", "", "3"]]


def test_times_are_written_plainly_and_missing_values_empty(
    alice_client: Client, week: Week
) -> None:
    response = alice_client.get(
        f"/reports/export.csv?metric=first_resolution_time&{WEEK}&interval=week"
    )

    assert response.content.decode("utf-8-sig").splitlines() == [
        "period,group,group_label,median,p90,mean,count",
        "2026-11-02,,,120.0,120.0,120.0,1",
    ]


def test_text_cells_that_start_like_a_formula_are_neutralized(db: None) -> None:
    ensure_loaded()
    team = team_create(
        name="=HYPERLINK(1)", languages=["it"], time_zone="UTC", actor=Actor.system()
    )
    period = ReportPeriod(date(2026, 11, 2), date(2026, 11, 2), ZoneInfo("UTC"), Interval.NONE)
    query = MetricQuery("sla_attainment", period, group_by="team")
    rows = [Row(None, str(team.uid), {"percent": Decimal("-1.5"), "met": 3}), Row(None, "-x", {})]
    result = Result(query=query, metric=METRICS["sla_attainment"], rows=rows)

    lines = result_csv(result, "en").decode("utf-8-sig").splitlines()

    assert lines == [
        "period,group,group_label,percent,met,missed,active_breaches",
        f",{team.uid},'=HYPERLINK(1),-1.5,3,,",
        ",'-x,'-x,,,,",
    ]
    assert csv_filename(query) == "sla_attainment_2026-11-02_2026-11-02.csv"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("metric=nope", "metric"),
        ("metric=backlog&group_by=survey_kind", "group_by"),
        ("metric=csat&from=2026-13-01", "from"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(
    alice_client: Client, query: str, field: str
) -> None:
    response = alice_client.get(f"/reports/export.csv?{query}")

    assert response.status_code == 400
    assert f"<code>{field}</code>:" in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [(Role.MARKETER, 403), (Role.AGENT, 200)])
def test_a_metric_the_viewer_may_not_see_is_refused(db: None, role: Role, status: int) -> None:
    client = Client()
    client.force_login(make_user("someone", role))

    response = client.get("/reports/export.csv?metric=tickets_created")

    assert response.status_code == status
    assert ("text/csv" in response["Content-Type"]) == (status == 200)
