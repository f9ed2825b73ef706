"""The feedback page: who may open it and what each person sees, the filters in the
address (bad values are a 400 with a message), the cost in queries, the exports and the
Arabic page."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from cortesia.accounts.models import Role, Team, User
from cortesia.feedback.models import SurveyKind, SurveyResponse
from cortesia.feedback.tests import staff_rows
from cortesia.feedback.tests.answer_fixtures import open_ticket
from cortesia.testing.fixtures import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
NOW = datetime(2026, 11, 20, 9, tzinfo=UTC)
NOON = datetime(2026, 11, 10, 12, tzinfo=UTC)
LONG = "Il corriere è arrivato in ritardo di tre giorni e nessuno ha risposto al telefono: pessimo."


@pytest.fixture(autouse=True)
def frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def rome_and_riyadh(team_rome: Team, team_riyadh: Team) -> dict[str, SurveyResponse]:
    giulia = staff_rows.customer()
    layla = staff_rows.customer("Layla", "SA", "ar")
    return {
        "rome": staff_rows.response(
            giulia,
            score=2,
            answered_at=NOON,
            team=team_rome,
            language="it",
            country="IT",
            comment=LONG,
        ),
        "riyadh": staff_rows.response(
            layla,
            kind=SurveyKind.NPS,
            score=10,
            answered_at=NOON - timedelta(days=1),
            team=team_riyadh,
            language="ar",
            country="SA",
            comment="خدمة ممتازة، شكرا Ahmed",
        ),
    }


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _person(name: str, team_rome: Team) -> User | None:
    roles = {"agent": Role.AGENT, "manager": Role.MANAGER, "marketer": Role.MARKETER}
    if name == "anonymous":
        return None
    if name == "admin":
        return make_user("root", Role.ADMIN)
    person = make_user(name, roles[name])
    team_rome.members.add(person)
    return person


def _shown(page: str, responses: dict[str, SurveyResponse]) -> set[str]:
    return {name for name, r in responses.items() if f'data-uid="{r.uid}"' in page}


@pytest.mark.parametrize(
    ("name", "status", "shown"),
    [
        ("anonymous", 302, set()),
        ("agent", 200, {"rome"}),
        ("manager", 200, {"rome"}),
        ("marketer", 200, {"rome", "riyadh"}),
        ("admin", 200, {"rome", "riyadh"}),
    ],
)
def test_who_opens_the_page_and_what_they_see(
    name: str,
    status: int,
    shown: set[str],
    rome_and_riyadh: dict[str, SurveyResponse],
    team_rome: Team,
) -> None:
    response = _client(_person(name, team_rome)).get("/feedback/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == "/login/?next=/feedback/"
        return
    assert _shown(response.content.decode(), rome_and_riyadh) == shown


@pytest.mark.parametrize(
    ("name", "status"),
    [("anonymous", 302), ("agent", 404), ("manager", 404), ("marketer", 200), ("admin", 200)],
)
def test_a_hidden_response_is_a_404(
    name: str, status: int, rome_and_riyadh: dict[str, SurveyResponse], team_rome: Team
) -> None:
    uid = rome_and_riyadh["riyadh"].uid
    response = _client(_person(name, team_rome)).get(f"/feedback/responses/{uid}/")
    assert response.status_code == status


def test_the_response_page_shows_the_whole_comment_and_no_edit_control(
    rome_and_riyadh: dict[str, SurveyResponse], alice_client: Client
) -> None:
    page = alice_client.get(f"/feedback/responses/{rome_and_riyadh['rome'].uid}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert LONG.strip() in html
    assert "<bdi>2 / 5</bdi>" in html
    assert "Dissatisfied" in html
    assert "<form" not in html.split("<main", 1)[1]


def test_the_list_shows_score_label_and_comment_in_full(
    rome_and_riyadh: dict[str, SurveyResponse], admin_client: Client
) -> None:
    html = admin_client.get("/feedback/").content.decode()
    assert html.count('data-testid="response"') == 2
    assert "<bdi>10 / 10</bdi></span> Promoter" in html
    assert f'<p dir="auto" data-testid="comment-full">{LONG.strip()}</p>' in html
    assert '<p dir="auto" data-testid="comment">خدمة ممتازة، شكرا Ahmed</p>' in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("kind=nps", {"riyadh"}),
        ("score=low", {"rome"}),
        ("score=9-10", {"riyadh"}),
        ("language=it", {"rome"}),
        ("country=SA", {"riyadh"}),
        ("since=2026-11-10&until=2026-11-10", {"rome"}),
        ("until=2026-11-09", {"riyadh"}),
    ],
)
def test_the_filters_in_the_address(
    query: str,
    shown: set[str],
    rome_and_riyadh: dict[str, SurveyResponse],
    admin_client: Client,
) -> None:
    response = admin_client.get(f"/feedback/?{query}")
    assert response.status_code == 200
    assert _shown(response.content.decode(), rome_and_riyadh) == shown


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("kind=hearts", "kind"),
        ("score=11", "score"),
        ("score=low-ish", "score"),
        ("language=xx-nowhere", "language"),
        ("country=ZZ", "country"),
        ("team=00000000-0000-0000-0000-000000000000", "team"),
        ("agent=bob", "agent"),
        ("since=yesterday", "since"),
        ("since=2026-11-10&until=2026-11-01", "until"),
        ("since=0001-01-01", "since"),
        ("until=9999-12-31", "until"),
    ],
)
def test_bad_filter_values_are_a_400_with_a_message(
    query: str, field: str, rome_and_riyadh: dict[str, SurveyResponse], admin_client: Client
) -> None:
    for path in ("/feedback/", "/feedback/responses.csv"):
        response = admin_client.get(f"{path}?{query}")
        html = response.content.decode()
        assert response.status_code == 400
        assert html.count('data-testid="filter-error"') == 1
        assert f'name="{field}"' in html
        assert 'data-testid="response"' not in html


def test_a_forged_cursor_is_a_400_with_a_message(admin_client: Client) -> None:
    response = admin_client.get("/feedback/?cursor=forged")
    assert response.status_code == 400
    assert "The cursor is not valid. Start again from the first page." in response.content.decode()


def test_an_agents_team_filter_offers_only_their_teams(
    rome_and_riyadh: dict[str, SurveyResponse], alice_client: Client, team_riyadh: Team
) -> None:
    response = alice_client.get(f"/feedback/?team={team_riyadh.uid}")
    assert response.status_code == 400


def _many(team: Team, count: int, *, agent: User | None = None, ticket: bool = False) -> None:
    giulia = staff_rows.customer()
    about = open_ticket(giulia, team) if ticket else None
    for index in range(count):
        staff_rows.response(
            giulia,
            score=index % 5 + 1,
            answered_at=NOON - timedelta(hours=index),
            team=team,
            agent=agent,
            language="it",
            country="IT",
            ticket=about,
        )


@pytest.mark.parametrize("count", [1, 60])
def test_the_page_costs_the_same_queries_whatever_the_rows(
    count: int,
    team_rome: Team,
    alice: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    _many(team_rome, count, agent=alice, ticket=True)
    client = _client(alice)
    client.get("/feedback/")  # the session's first read
    # session, user (with the security policy and the agent's teams), the team and agent
    # filters, one page of responses with their customers, then the page's teams, agents
    # and tickets; the scores load apart
    with django_assert_num_queries(9):
        response = client.get("/feedback/")
    page = response.content.decode()
    assert page.count('data-testid="response"') == min(count, 25)
    assert page.count('data-testid="ticket-link"') == min(count, 25)
    assert page.count(f"<bdi>{alice.display_name}</bdi>") == min(count, 25)


def test_a_page_without_agents_or_tickets_reads_only_its_teams(
    team_rome: Team, alice: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _many(team_rome, 3)
    client = _client(alice)
    client.get("/feedback/")
    with django_assert_num_queries(7):
        response = client.get("/feedback/")
    page = response.content.decode()
    assert (page.count('data-testid="response"'), page.count('data-testid="ticket-link"')) == (
        3,
        0,
    )
    assert page.count(f"<bdi>{team_rome.name}</bdi>") == 3


def test_the_next_page_keeps_the_filters(team_rome: Team, admin_client: Client) -> None:
    _many(team_rome, 30)
    first = admin_client.get("/feedback/?kind=csat").content.decode()
    marker = 'rel="next" data-testid="next-page"'
    assert marker in first
    link = first.split('<a href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert link.startswith("kind=csat&cursor=")
    second = admin_client.get(f"/feedback/?{link}").content.decode()
    assert (second.count('data-testid="response"'), marker in second) == (5, False)


def test_the_page_loads_the_scores_of_the_same_filters(
    rome_and_riyadh: dict[str, SurveyResponse], admin_client: Client
) -> None:
    html = admin_client.get("/feedback/?kind=nps&language=ar").content.decode()
    slot = 'hx-get="/feedback/summary/?kind=nps&amp;language=ar" hx-trigger="load"'
    assert slot in html
    assert 'href="/feedback/summary/?kind=nps&amp;language=ar"' in html


def test_the_scores_show_each_market_with_its_baseline(
    rome_and_riyadh: dict[str, SurveyResponse],
    team_rome: Team,
    admin_client: Client,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    # a Roman CSAT 5 in the baseline: Italy's CSAT went from 100 % to 0 %
    staff_rows.response(
        staff_rows.customer(),
        score=5,
        answered_at=NOON - timedelta(days=40),
        team=team_rome,
        language="it",
        country="IT",
    )
    admin_client.get("/feedback/")
    # session, user, the security policy, the team and agent filters, six aggregates
    with django_assert_num_queries(11):
        response = admin_client.get("/feedback/summary/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert (response.status_code, html.count('data-testid="market"')) == (200, 5)
    italy = html.split('data-market="IT"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num" data-testid="csat"><strong>0 %</strong>' in italy
    assert "baseline 100 % (-100 %)" in italy
    assert "<html" not in html


def test_the_scores_page_without_javascript_and_with_bad_filters(admin_client: Client) -> None:
    page = admin_client.get("/feedback/summary/")
    refused = admin_client.get("/feedback/summary/?kind=hearts", headers={"HX-Request": "true"})
    assert (page.status_code, 'data-testid="feedback-summary"' in page.content.decode()) == (
        200,
        True,
    )
    assert refused.status_code == 400
    assert 'data-testid="summary-error"' in refused.content.decode()


def test_the_csv_export_neutralizes_formulas_and_follows_the_filters(
    team_rome: Team, admin_client: Client
) -> None:
    giulia = staff_rows.customer()
    staff_rows.response(
        giulia, score=1, answered_at=NOON, comment='=HYPERLINK("http://x.example","hi")'
    )
    staff_rows.response(giulia, score=5, answered_at=NOON, comment="+39 fine", team=team_rome)
    response = admin_client.get("/feedback/responses.csv?score=low")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [(r["score"], r["label"], r["comment"]) for r in rows] == [
        ("1", "Very dissatisfied", '\'=HYPERLINK("http://x.example","hi")')
    ]
    every = admin_client.get("/feedback/responses.csv")
    text = b"".join(every.streaming_content).decode()  # type: ignore[attr-defined]
    assert "'+39 fine" in text


def test_the_mention_export_neutralizes_formulas(mia_client: Client) -> None:
    staff_rows.mention(text="@SUM(A1:A9) terrible", published_at=NOON, level="high")
    response = mia_client.get("/feedback/mentions.csv?frustration=high")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [(r["text"], r["author_handle"], r["frustration_level"]) for r in rows] == [
        ("'@SUM(A1:A9) terrible", "'@reader", "high")
    ]


def test_the_arabic_page_is_right_to_left_with_local_dates_and_numbers(
    rome_and_riyadh: dict[str, SurveyResponse], charlie: User
) -> None:
    html = _client(charlie).get("/feedback/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # 11 November, 12:00 UTC, in Riyadh's time, as Arabic writes it
    assert "09‏/11‏/2026، 3:00 م" in html
    assert "<bdi>10 / 10</bdi>" in html
    assert '<p dir="auto" data-testid="comment">خدمة ممتازة، شكرا Ahmed</p>' in html


def test_the_scores_are_written_as_the_viewers_language_writes_numbers(team_rome: Team) -> None:
    giulia = staff_rows.customer()
    for score in (5, 4, 1):
        staff_rows.response(giulia, score=score, answered_at=NOON, language="it", country="IT")
    viewer = make_user("lucia", Role.ADMIN, language="it")
    html = _client(viewer).get("/feedback/summary/", headers={"HX-Request": "true"}).content
    # two positive answers of three: 66.7 in English, 66,7 in Italian
    assert '<td class="num" data-testid="csat"><strong>66,7 %</strong>' in html.decode()
