"""What the widget says to a visitor before anyone answers: the greeting, the tagline, and,
when the team that would take the chat is closed, when it is back in the visitor's own
time, with the offer to leave a message.

Each text is the site's own wording for the visitor's language and register when it has
one (``WidgetText``, chosen by ``localization.fallback.choose``), else the built-in
default, a catalogue string in both registers. The visitor's register is the business's
choice for their language (``localization``), else the culture engine's default. The team
is the site's, else the one the routing rules would choose for the visitor's language now
(follow-the-sun included); it is closed when its business calendar says so (weekends,
holidays and split shifts count); a team without a calendar never closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext, pgettext

from cortesia.accounts.models import Team
from cortesia.calendars.conversion import business_calendar
from cortesia.chat.models import WidgetSite, WidgetText
from cortesia.culture.address_forms import DEFAULT_REGISTER, Register
from cortesia.culture.business_time import is_open, next_open
from cortesia.culture.return_times import back_phrase
from cortesia.customers.models import Customer
from cortesia.localization.fallback import choose
from cortesia.localization.selectors import business_register_defaults
from cortesia.tickets.models import Ticket
from cortesia.tickets.routing import route

Kind = WidgetText.Kind
BACK = "{{ back }}"


def default_text(kind: str, register: str) -> str:
    """The built-in wording in the active language (the two registers differ where the
    language addresses people differently)."""
    informal = register == Register.INFORMAL
    if kind == Kind.GREETING:
        if informal:
            return pgettext("informal", "Hello! How can we help you?")
        return pgettext("formal", "Hello! How can we help you?")
    if kind == Kind.TAGLINE:
        return gettext("We usually answer within a few minutes.")
    if informal:
        return pgettext(
            "informal",
            "Our team is away right now. We are back {{ back }}, your time. Leave a message "
            "and we will answer by e-mail.",
        )
    return pgettext(
        "formal",
        "Our team is away right now. We are back {{ back }}, your time. Leave a message "
        "and we will answer by e-mail.",
    )


def visitor_register(language: str) -> str:
    chosen = business_register_defaults().get(language) or DEFAULT_REGISTER.get(language)
    return str(chosen or Register.FORMAL)


def site_text(site: WidgetSite, kind: str, language: str, register: str) -> str:
    variants = [text for text in site.texts.all() if text.kind == kind]
    chosen = choose(variants, language, register)
    if chosen is not None and chosen.variant.language.split("-")[0] == language.split("-")[0]:
        return chosen.variant.text
    with translation.override(language):
        return default_text(kind, register)


def chat_team(site: WidgetSite, language: str, now: datetime) -> Team | None:
    """The team that would take a chat in ``language`` started now."""
    if site.team is not None:
        return site.team
    visitor = Customer(language=language)
    return route(
        customer=visitor, language=language, channel=Ticket.Channel.CHAT, tags=[], now=now
    ).team


def back_at(team: Team | None, now: datetime) -> datetime | None:
    """When the team opens again, or None when it is open now (or has no calendar)."""
    if team is None or team.calendar is None:
        return None
    calendar = business_calendar(team.calendar)
    return None if is_open(calendar, now) else next_open(calendar, now)


@dataclass(frozen=True)
class VisitorTexts:
    greeting: str
    tagline: str
    away: str  # "" while the team is open

    def as_dict(self) -> dict[str, str]:
        return {"greeting": self.greeting, "tagline": self.tagline, "away": self.away}


def visitor_texts(site: WidgetSite, language: str, zone: str, now: datetime) -> VisitorTexts:
    """The site's greeting, tagline and away text for a visitor in ``language`` whose
    browser is in ``zone`` (UTC when unknown)."""
    register = visitor_register(language)
    back = back_at(chat_team(site, language, now), now)
    away = ""
    if back is not None:
        phrase = back_phrase(back, zone or "UTC", language, now)
        away = site_text(site, Kind.AWAY, language, register).replace(BACK, phrase)
    return VisitorTexts(
        greeting=site_text(site, Kind.GREETING, language, register),
        tagline=site_text(site, Kind.TAGLINE, language, register),
        away=away,
    )
