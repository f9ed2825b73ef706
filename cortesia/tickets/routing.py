"""Which team a new ticket goes to: routing rules first, then, with follow-the-sun, a team
that is open now and speaks the ticket's language (the one that stays open longest), or
else the one that opens soonest. The choice and its reason are kept on the ticket's
"created" event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cortesia.accounts.models import Team
from cortesia.calendars.conversion import business_calendar
from cortesia.culture.business_time import is_open, next_open, open_intervals
from cortesia.culture.local_formats import language_of
from cortesia.customers.models import Customer
from cortesia.customers.segment_rules import compile_rules
from cortesia.tickets.models import RoutingRule, RoutingSettings


@dataclass(frozen=True)
class Routed:
    team: Team | None
    reason: str  # "rule:<name>", "follow_the_sun", "opens_soonest" or "none"
    skills: tuple[str, ...] = ()  # what the matching rule says the ticket needs
    rule: RoutingRule | None = None  # the rule that matched, even when another team won


def _base(language: str) -> str:
    return language_of(language)


def _matches(
    rule: RoutingRule, customer: Customer, language: str, channel: str, tags: list[str]
) -> bool:
    if rule.languages and _base(language) not in {_base(code) for code in rule.languages}:
        return False
    if rule.countries and customer.country not in rule.countries:
        return False
    if rule.channels and channel not in rule.channels:
        return False
    if rule.tags and not set(rule.tags) & set(tags):
        return False
    if rule.segment is not None:
        if customer.pk is None:
            return False
        in_segment = Customer.objects.filter(pk=customer.pk).filter(
            compile_rules(rule.segment.rules)
        )
        return in_segment.exists()
    return True


def speaks(team: Team, language: str) -> bool:
    return _base(language) in {_base(code) for code in team.languages}


def has_skills(skills: list[str], needed: tuple[str, ...]) -> bool:
    return set(needed) <= set(skills)


def closes_at(team: Team, now: datetime) -> datetime | None:
    """Return when the team's current open interval ends, or None when it is closed now."""
    if team.calendar is None:
        return None
    calendar = business_calendar(team.calendar)
    if not is_open(calendar, now):
        return None
    intervals = open_intervals(calendar, now, now + timedelta(days=2))
    return intervals[0][1] if intervals else None


def opens_at(team: Team, now: datetime) -> datetime:
    """Return when the team next opens (``now`` when open; far future without a calendar)."""
    if team.calendar is None:
        return datetime.max.replace(tzinfo=now.tzinfo)
    return next_open(business_calendar(team.calendar), now)


def route(
    *,
    customer: Customer,
    language: str,
    channel: str,
    tags: list[str],
    now: datetime,
    follow_the_sun: bool | None = None,
) -> Routed:
    """Return the team for a new ticket and why it was chosen. ``follow_the_sun`` None
    reads the stored switch; True or False asks what either setting would do (the "test
    this rule" form). A customer not saved yet is in no segment."""
    rule = next(
        (
            rule
            for rule in RoutingRule.objects.filter(is_active=True).select_related(
                "team__calendar", "segment"
            )
            if _matches(rule, customer, language, channel, tags)
        ),
        None,
    )
    needed = tuple(rule.skills) if rule else ()
    by_rule = Routed(rule.team, f"rule:{rule.name}", needed, rule) if rule else Routed(None, "none")
    if follow_the_sun is None:
        settings = RoutingSettings.objects.first()
        follow_the_sun = settings is not None and settings.follow_the_sun
    if not follow_the_sun or not language:
        return by_rule
    if rule and speaks(rule.team, language) and closes_at(rule.team, now):
        return by_rule
    speakers = [
        team
        for team in Team.objects.select_related("calendar").order_by("name")
        if speaks(team, language)
    ]
    # Teams with the skills the ticket needs come first; without any, the language decides.
    skilled = [team for team in speakers if has_skills(team.skills, needed)] or speakers
    open_now = [(closes, team) for team in skilled if (closes := closes_at(team, now))]
    if open_now:
        team = max(open_now, key=lambda pair: pair[0])[1]
        return Routed(team, "follow_the_sun", needed, rule)
    if skilled:
        soonest = min(skilled, key=lambda t: opens_at(t, now))
        return Routed(soonest, "opens_soonest", needed, rule)
    return by_rule
