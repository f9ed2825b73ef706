"""The report pages: who opens which page, the exact numbers of a small week, filters in
the address changing them, bad parameters (400 with the form), the Arabic dashboard and
the cost in queries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.culture.local_formats import format_number
from cortesia.feedback.tests import staff_rows
from cortesia.reports.tests.page_fixtures import NOW, WEEK, Week, week_of_tickets
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def week(team_rome: Team, alice: User) -> Week:
    return week_of_tickets(team_rome, alice)


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _person(name: str, team: Team, **extra: str) -> User | None:
    if name == "anonymous":
        return None
    person = make_user(name, Role(name), **extra)
    team.members.add(person)
    return person


def _headline(html: str, metric: str) -> str:
    found = re.search(
        rf'data-testid="headline-{metric}">.*?data-testid="headline-value"><bdi>([^<]*)</bdi>',
        html,
        re.S,
    )
    assert found, metric
    return found.group(1)


def _table(html: str, panel: str) -> list[tuple[str, ...]]:
    """The rows of a panel's table: (period key, group key, cells…)."""
    section = html.split(f'data-testid="panel-{panel}"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr data-period="([^"]*)" data-group="([^"]*)">(.*?)</tr>', section, re.S)
    return [
        (p, g, *re.findall(r"<td class=\"num\"><bdi>([^<]*)</bdi>", cells)) for p, g, cells in rows
    ]


PAGES = [
    "/reports/",
    "/reports/service/",
    "/reports/feedback/",
    "/reports/customers/",
    "/reports/metric/?metric=tickets_created",
    f"/reports/export.csv?metric=tickets_created&{WEEK}",
]


@pytest.mark.parametrize(
    ("name", "statuses"),
    [
        ("anonymous", [302, 302, 302, 302, 302, 302]),
        ("agent", [200, 200, 200, 403, 200, 200]),
        ("manager", [200, 200, 200, 200, 200, 200]),
        ("marketer", [200, 403, 403, 200, 403, 403]),
        ("admin", [200, 200, 200, 200, 200, 200]),
    ],
)
def test_who_opens_which_report(name: str, statuses: list[int], team_rome: Team) -> None:
    client = _client(_person(name, team_rome))

    answered = [client.get(page).status_code for page in PAGES]

    assert answered == statuses
    if name == "anonymous":
        assert client.get("/reports/")["Location"] == "/login/?next=/reports/"


def test_a_marketer_sees_only_the_economics_headlines(team_rome: Team, week: Week) -> None:
    html = _client(_person("marketer", team_rome)).get(f"/reports/?{WEEK}").content.decode()

    assert 'data-testid="headlines"' not in html
    assert 'data-testid="panel-volume"' not in html
    assert 'data-testid="tab-service"' not in html
    assert 'data-testid="economics"' in html
    assert 'data-testid="tab-customers"' in html


def test_an_agent_sees_no_economics(alice: User, week: Week) -> None:
    html = _client(alice).get(f"/reports/?{WEEK}").content.decode()

    assert 'data-testid="headlines"' in html
    assert 'data-testid="economics"' not in html
    assert 'data-testid="tab-customers"' not in html


def test_the_dashboard_shows_the_weeks_numbers_and_the_change(team_rome: Team, week: Week) -> None:
    html = _client(_person("manager", team_rome)).get(f"/reports/?{WEEK}").content.decode()

    assert (_headline(html, "tickets_created"), _headline(html, "tickets_solved")) == ("4", "1")
    assert _headline(html, "first_resolution_time") == "120 min"
    created = html.split('data-testid="headline-tickets_created"')[1].split("</section>")[0]
    assert "Previous period: 1" in created
    change = '<span class="badge is-ok" data-testid="headline-change">'
    assert f"{change}<bdi>+3 against the previous period</bdi>" in created
    assert _table(html, "volume") == [
        ("2026-11-02", "", "1", "0"),
        ("2026-11-03", "", "2", "0"),
        ("2026-11-04", "", "0", "0"),
        ("2026-11-05", "", "1", "1"),
        ("2026-11-06", "", "0", "0"),
        ("2026-11-07", "", "0", "0"),
        ("2026-11-08", "", "0", "0"),
    ]
    assert _table(html, "backlog-status") == [("", "new", "4")]


def test_filtering_by_language_changes_the_numbers(team_rome: Team, week: Week) -> None:
    client = _client(_person("manager", team_rome))

    html = client.get(f"/reports/?{WEEK}&language=it").content.decode()

    assert _headline(html, "tickets_created") == "3"
    assert [row[2] for row in _table(html, "volume")] == ["1", "1", "0", "1", "0", "0", "0"]
    export = "/reports/export.csv?from=2026-11-02&amp;to=2026-11-08&amp;interval=day&amp;tz=UTC"
    assert f'href="{export}&amp;language=it&amp;metric=tickets_created"' in html
    assert '<option value="it" selected>' in html


def test_an_agent_of_another_team_counts_none_of_them(team_riyadh: Team, week: Week) -> None:
    html = _client(_person("agent", team_riyadh)).get(f"/reports/?{WEEK}").content.decode()

    assert _headline(html, "tickets_created") == "0"


def test_the_service_page_groups_and_links_each_metric(team_rome: Team, week: Week) -> None:
    html = (
        _client(_person("manager", team_rome))
        .get(f"/reports/service/?{WEEK}&interval=&group_by=language")
        .content.decode()
    )

    assert _table(html, "tickets_created") == [("", "en", "1"), ("", "it", "3")]
    assert 'href="/reports/metric/?metric=tickets_created&amp;from=2026-11-02' in html
    assert "<rect x=" in html.split('data-testid="panel-tickets_created"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2026-11-09&to=2026-11-02", "to", "The end date is before the start date."),
        ("from=yesterday", "from", "Enter a date as YYYY-MM-DD."),
        ("tz=Mars/Olympus", "tz", "Unknown time zone: use an IANA name such as Europe/Rome."),
        (
            "language=xx",
            "language",
            "Select a valid choice. xx is not one of the available choices.",
        ),
    ],
)
def test_bad_parameters_are_a_400_with_the_message_on_the_field(
    team_rome: Team, query: str, field: str, message: str
) -> None:
    response = _client(_person("manager", team_rome)).get(f"/reports/?{query}")

    html = response.content.decode()
    assert response.status_code == 400
    assert f'<p class="error" role="alert" data-testid="filter-error">{message}</p>' in html
    assert f'id="id_{field}"' in html.split(message)[0].rsplit('<div class="field">', 1)[1]
    assert 'data-testid="headlines"' not in html


def test_a_metric_page_for_an_unknown_metric_is_a_404(team_rome: Team) -> None:
    assert (
        _client(_person("manager", team_rome)).get("/reports/metric/?metric=nope").status_code
        == 404
    )


def test_the_arabic_dashboard_is_right_to_left_with_the_time_axis_mirrored(
    team_rome: Team, week: Week
) -> None:
    html = (
        _client(_person("manager", team_rome, language="ar"))
        .get(f"/reports/?{WEEK}")
        .content.decode()
    )

    assert '<html lang="ar" dir="rtl">' in html
    volume = html.split('data-testid="panel-volume"')[1].split("</section>")[0]
    first = re.search(r'<text x="([\d.]+)"[^>]*data-key="2026-11-02">([^<]*)</text>', volume)
    last = re.search(r'<text x="([\d.]+)"[^>]*data-key="2026-11-08">([^<]*)</text>', volume)
    assert first
    assert last
    assert float(first.group(1)) > float(last.group(1))  # the first day is on the right
    assert first.group(2) == "2 نوفمبر"
    assert 'direction="rtl"' in volume
    # the value axis (0 to 2 by 0.5) in the digits and decimal sign CLDR gives Arabic
    assert f'font-size="12" fill="#52525b">{format_number(Decimal("1.5"), "ar")}</text>' in volume
    assert '<th scope="row">2 نوفمبر</th>' in volume


def test_the_dashboard_costs_a_bounded_number_of_queries(
    alice: User, week: Week, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # An agent sees the service and feedback numbers (the economics ones ask their own).
    client = _client(alice)
    client.get(f"/reports/?{WEEK}")  # sessions and caches warm

    with django_assert_max_num_queries(50):
        response = client.get(f"/reports/?{WEEK}&language=it")

    assert response.status_code == 200


@pytest.mark.parametrize("page", ["/reports/metric/", "/reports/export.csv"])
def test_without_a_metric_the_pages_lead_to_the_dashboard(alice_client: Client, page: str) -> None:
    response = alice_client.get(page)

    assert (response.status_code, response["Location"]) == (302, "/reports/")


def test_the_metric_page_keeps_its_metric_in_the_filter_form(team_rome: Team, week: Week) -> None:
    client = _client(_person("manager", team_rome))

    html = client.get(
        f"/reports/metric/?metric=tickets_created&{WEEK}&language=it"
    ).content.decode()

    assert '<input type="hidden" name="metric" value="tickets_created"' in html
    assert [row[2] for row in _table(html, "tickets_created")][:2] == ["1", "1"]


def test_a_filter_a_metric_cannot_take_is_said_instead_of_ignored(
    team_rome: Team, week: Week
) -> None:
    html = (
        _client(_person("manager", team_rome))
        .get(f"/reports/?{WEEK}&priority=high")
        .content.decode()
    )

    csat = html.split('data-testid="headline-csat"')[1].split("</section>")[0]
    assert '<p class="hint">CSAT cannot be broken down by Priority.</p>' in csat
    assert _headline(html, "csat") == "–"
    assert _headline(html, "tickets_created") == "0"
    panel = html.split('data-testid="panel-nps"')[1].split("</section>")[0]
    assert 'data-testid="panel-note">NPS cannot be broken down by Priority.</p>' in panel
    assert 'data-testid="export"' not in panel


@pytest.fixture
def answers(team_rome: Team) -> None:
    """Three CSAT answers of the week: Italian 5 and 2, English 4."""
    giulia = staff_rows.customer()
    emma = staff_rows.customer("Emma", "GB", "en")
    for who, score, day, language in (
        (giulia, 5, 3, "it"),
        (giulia, 2, 4, "it"),
        (emma, 4, 4, "en"),
    ):
        staff_rows.response(
            who,
            score=score,
            answered_at=datetime(2026, 11, day, 12, tzinfo=UTC),
            team=team_rome,
            language=language,
            country=who.country,
        )


@pytest.mark.usefixtures("answers")
def test_the_feedback_report_counts_the_answers_of_the_week(team_rome: Team) -> None:
    client = _client(_person("manager", team_rome))

    week = client.get(f"/reports/feedback/?{WEEK}&interval=").content.decode()
    italian = client.get(f"/reports/feedback/?{WEEK}&interval=&language=it").content.decode()
    dashboard = client.get(f"/reports/?{WEEK}").content.decode()

    assert _table(week, "csat") == [("", "", "66.7%", "2", "3")]
    assert _table(italian, "csat") == [("", "", "50%", "1", "2")]
    assert _headline(dashboard, "csat") == "66.7%"


@pytest.mark.usefixtures("answers")
def test_a_percentage_changes_by_points_and_a_fall_is_marked(team_rome: Team) -> None:
    staff_rows.response(
        staff_rows.customer("Aino", "FI", "fi"),
        score=5,
        answered_at=datetime(2026, 10, 28, 12, tzinfo=UTC),
        team=team_rome,
        language="fi",
    )

    html = _client(_person("manager", team_rome)).get(f"/reports/?{WEEK}").content.decode()

    csat = html.split('data-testid="headline-csat"')[1].split("</section>")[0]
    assert "Previous period: 100%" in csat
    change = '<span class="badge is-danger" data-testid="headline-change">'
    assert f"{change}<bdi>-33.3 points against the previous period</bdi>" in csat


def test_a_manager_finds_the_customer_figures_on_their_own_report(
    team_rome: Team, week: Week
) -> None:
    client = _client(_person("manager", team_rome))
    html = client.get(f"/reports/?{WEEK}").content.decode()

    assert 'data-testid="headlines"' in html
    assert 'data-testid="economics"' not in html  # kept off the quick dashboard
    assert 'data-testid="tab-customers"' in html
    assert client.get(f"/reports/customers/?{WEEK}").status_code == 200


def test_every_bad_parameter_is_named_at_once(team_rome: Team) -> None:
    query = "from=2026-12-10&to=2026-12-01&tz=Mars/Olympus&interval=fortnight"
    response = _client(_person("manager", team_rome)).get(f"/reports/?{query}")

    html = response.content.decode()
    assert response.status_code == 400
    errors = html.count('data-testid="filter-error"')
    assert errors == 3  # the interval, the zone, and the end before the start
    assert "fortnight" in html
    assert "Unknown time zone" in html
    assert "The end date is before the start date." in html
