"""Every staff page in a left-to-right and a right-to-left language."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import team_set_calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor

pytestmark = pytest.mark.django_db


def _html_tag(content: bytes) -> str:
    match = re.search(r"<html [^>]*>", content.decode())
    assert match is not None
    return match.group(0)


def test_arabic_user_gets_rtl_layout_and_arabic_text(charlie: User) -> None:
    client = Client()
    client.force_login(charlie)
    page = client.get("/")
    assert _html_tag(page.content) == '<html lang="ar" dir="rtl">'
    assert "الرئيسية" in page.content.decode()
    assert "تسجيل الخروج" in page.content.decode()


# The team Roma's local time (13:30 UTC is 14:30 in Rome) in the product's CLDR style.
@pytest.mark.parametrize(
    ("language", "direction", "expected"),
    [
        ("en", "ltr", "Mar 1, 2026, 2:30\u202fPM"),
        ("it", "ltr", "1 mar 2026, 14:30"),
        ("fi", "ltr", "1.3.2026 14.30"),
        ("bg", "ltr", "1.03.2026\u202fг., 14:30"),
        ("ro", "ltr", "1 mar. 2026, 14:30"),
        ("ar", "rtl", "01\u200f/03\u200f/2026، 2:30 م"),
    ],
)
def test_home_page_dates_are_localized(
    alice: User, language: str, direction: str, expected: str
) -> None:
    User.objects.filter(pk=alice.pk).update(language=language, time_zone="UTC")
    client = Client()
    client.force_login(alice)
    with time_machine.travel(datetime(2026, 3, 1, 13, 30, tzinfo=UTC), tick=False):
        page = client.get("/")
    assert _html_tag(page.content) == f'<html lang="{language}" dir="{direction}">'
    assert f'<td data-testid="team-local-time">{expected}</td>' in page.content.decode()


def test_switcher_saves_the_language_on_the_profile(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/i18n/language/", {"language": "bg", "next": "/"})
    assert response["Location"] == "/"
    alice.refresh_from_db()
    assert alice.language == "bg"
    assert 'lang="bg"' in alice_client.get("/").content.decode()


def test_switcher_ignores_unknown_languages(alice_client: Client, alice: User) -> None:
    alice_client.post("/i18n/language/", {"language": "xx", "next": "/"})
    alice.refresh_from_db()
    assert alice.language == ""


@pytest.mark.parametrize(
    ("language", "title", "direction"),
    [
        ("en", "Page not found", "ltr"),
        ("it", "Pagina non trovata", "ltr"),
        ("ar", "الصفحة غير موجودة", "rtl"),
    ],
)
def test_404_page_is_in_the_visitors_language(
    db: None, language: str, title: str, direction: str
) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/no/such/page/")
    assert response.status_code == 404
    assert _html_tag(response.content) == f'<html lang="{language}" dir="{direction}">'
    assert f'<h1 data-testid="error-title">{title}</h1>' in response.content.decode()


def test_403_page_is_localized(alice: User) -> None:
    User.objects.filter(pk=alice.pk).update(language="fi")
    client = Client()
    client.force_login(alice)
    response = client.get("/audit/")
    assert response.status_code == 403
    assert 'lang="fi"' in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "Aperto"),  # Monday 10:00 in Rome
        (datetime(2026, 3, 1, 9, 0, tzinfo=UTC), "Chiuso"),  # Sunday
        (datetime(2026, 4, 6, 9, 0, tzinfo=UTC), "Chiuso"),  # Easter Monday
    ],
)
def test_home_shows_whether_each_team_is_open(
    alice: User, team_rome: Team, moment: datetime, expected: str
) -> None:
    calendar = calendar_create(
        name="Roma", time_zone="Europe/Rome", country="IT", actor=Actor.system()
    )
    team_set_calendar(team=team_rome, calendar=calendar, actor=Actor.system())
    User.objects.filter(pk=alice.pk).update(language="it")
    client = Client()
    client.force_login(alice)
    with time_machine.travel(moment, tick=False):
        page = client.get("/")
    assert f'<td data-testid="team-open">{expected}</td>' in page.content.decode()


@pytest.mark.parametrize(
    ("path", "language", "title", "home"),
    [
        ("/login/", "it", "Il modulo è scaduto", 'href="/"'),
        ("/portal/sign-in/", "ar", "انتهت صلاحية النموذج", 'href="/portal/"'),
    ],
)
def test_a_form_without_its_token_gets_a_page_in_the_visitors_language(
    db: None, path: str, language: str, title: str, home: str
) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(path, {"email": "giulia@example.it"})
    assert response.status_code == 403
    assert f'<h1 data-testid="error-title">{title}</h1>' in response.content.decode()
    assert home in response.content.decode()
