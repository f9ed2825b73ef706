"""What the widget says before anyone answers: the greeting in the visitor's language and
register, and, when the team is closed, when it is back in the visitor's own time, with
split shifts and public holidays counted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cortesia.accounts.models import Team
from cortesia.accounts.services import team_set_calendar
from cortesia.calendars.services import calendar_create
from cortesia.chat.models import WidgetSite, WidgetText
from cortesia.chat.site_texts import visitor_texts
from cortesia.core.actor import Actor
from cortesia.localization.models import RegisterDefault

pytestmark = pytest.mark.django_db

SPLIT_SHIFT = [["09:00", "13:00"], ["14:00", "18:00"]]
# Friday 4 December 2026, 18:30 in Rome: the team closed at 18:00.
FRIDAY_AFTER_CLOSING = datetime(2026, 12, 4, 17, 30, tzinfo=UTC)


@pytest.fixture
def rome_hours(site: WidgetSite, team_rome: Team) -> WidgetSite:
    calendar = calendar_create(
        name="Roma",
        time_zone="Europe/Rome",
        country="IT",
        weekly={day: SPLIT_SHIFT for day in ("mon", "tue", "wed", "thu", "fri")},
        actor=Actor.system(),
    )
    team_set_calendar(team=team_rome, calendar=calendar, actor=Actor.system())
    site.team = Team.objects.get(pk=team_rome.pk)
    return site


AWAY = [
    (
        "it_formal",
        "it",
        "Europe/Rome",
        "Il nostro team al momento non è disponibile. Siamo di nuovo qui lunedì alle 09:00, "
        "ora Sua. Ci lasci un messaggio e Le risponderemo via e-mail.",
    ),
    (
        "fi_informal_helsinki",
        "fi",
        "Europe/Helsinki",
        "Tiimimme ei ole nyt paikalla. Olemme taas tavoitettavissa maanantaina klo 10.00 "
        "sinun aikaasi. Jätä viesti, niin vastaamme sähköpostitse.",
    ),
    (
        "bg_formal_sofia",
        "bg",
        "Europe/Sofia",
        "В момента екипът ни не е на линия. Отново сме тук в понеделник в 10:00 ч. по Вашето "
        "време. Оставете ни съобщение и ще Ви отговорим по имейл.",
    ),
    (
        "ro_formal_bucharest",
        "ro",
        "Europe/Bucharest",
        "Echipa noastră nu este disponibilă acum. Revenim luni la ora 10:00, ora "
        "dumneavoastră. Lăsați-ne un mesaj și vă vom răspunde prin e-mail.",
    ),
    (
        "ar_riyadh",
        "ar",
        "Asia/Riyadh",
        "فريقنا غير متاح الآن. سنعود يوم الاثنين الساعة 11:00 ص بتوقيتكم. اتركوا لنا رسالة "
        "وسنرد عليكم بالبريد الإلكتروني.",
    ),
    (
        "en_new_york",
        "en",
        "America/New_York",
        "Our team is away right now. We are back on Monday at 3:00 AM, your time. Leave a "
        "message and we will answer by e-mail.",
    ),
]


@pytest.mark.parametrize(("_case", "language", "zone", "expected"), AWAY)
def test_a_closed_team_says_when_it_is_back_in_the_visitors_time(
    rome_hours: WidgetSite, _case: str, language: str, zone: str, expected: str
) -> None:
    texts = visitor_texts(rome_hours, language, zone, FRIDAY_AFTER_CLOSING)
    assert texts.away == expected


def test_the_business_register_gives_the_informal_italian(rome_hours: WidgetSite) -> None:
    RegisterDefault.objects.create(language="it", register="informal")
    texts = visitor_texts(rome_hours, "it", "Europe/Rome", FRIDAY_AFTER_CLOSING)
    assert texts.away == (
        "Il nostro team al momento non è disponibile. Siamo di nuovo qui lunedì alle 09:00, "
        "ora tua. Lasciaci un messaggio e ti risponderemo via e-mail."
    )
    assert texts.greeting == "Ciao! Come possiamo aiutarti?"


def test_the_lunch_break_of_a_split_shift_is_closed_until_the_afternoon(
    rome_hours: WidgetSite,
) -> None:
    lunch = datetime(2026, 12, 7, 12, 30, tzinfo=UTC)  # Monday 13:30 in Rome
    texts = visitor_texts(rome_hours, "en", "Europe/London", lunch)
    assert "We are back today at 1:00 PM, your time." in texts.away


def test_a_public_holiday_is_skipped(rome_hours: WidgetSite) -> None:
    # Monday 7 December, 18:30 in Rome; Tuesday 8 December is the Immaculate Conception.
    evening = datetime(2026, 12, 7, 17, 30, tzinfo=UTC)
    texts = visitor_texts(rome_hours, "it", "Europe/Rome", evening)
    assert "Siamo di nuovo qui mercoledì alle 09:00, ora Sua." in texts.away


def test_an_open_team_is_not_away(rome_hours: WidgetSite) -> None:
    monday_morning = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    texts = visitor_texts(rome_hours, "it", "Europe/Rome", monday_morning)
    assert texts.as_dict() == {
        "greeting": "Buongiorno! Come possiamo aiutarLa?",
        "tagline": "Di solito rispondiamo in pochi minuti.",
        "away": "",
    }


@pytest.mark.parametrize(
    ("language", "greeting"),
    [
        ("en", "Hello! How can we help you?"),
        ("it", "Buongiorno! Come possiamo aiutarLa?"),
        ("fi", "Hei! Miten voimme auttaa?"),
        ("bg", "Здравейте! С какво можем да Ви помогнем?"),
        ("ro", "Bună ziua! Cu ce vă putem ajuta?"),
        ("ar", "مرحبًا بكم! كيف يمكننا مساعدتكم؟"),
    ],
)
def test_the_greeting_speaks_each_language_in_its_default_register(
    site: WidgetSite, language: str, greeting: str
) -> None:
    assert visitor_texts(site, language, "", FRIDAY_AFTER_CLOSING).greeting == greeting


def test_the_sites_own_wording_wins_for_its_language_only(rome_hours: WidgetSite) -> None:
    WidgetText.objects.create(
        site=rome_hours, kind="away", language="it", register="", text="Torniamo {{ back }}!"
    )
    WidgetText.objects.create(site=rome_hours, kind="greeting", language="en", text="Hi there!")
    italian = visitor_texts(rome_hours, "it", "Europe/Rome", FRIDAY_AFTER_CLOSING)
    assert italian.away == "Torniamo lunedì alle 09:00!"
    assert italian.greeting == "Buongiorno! Come possiamo aiutarLa?"  # no Italian greeting
    english = visitor_texts(rome_hours, "en", "Europe/Rome", FRIDAY_AFTER_CLOSING)
    assert english.greeting == "Hi there!"
