"""The demo data set: one business with teams on three continents.

Loading is idempotent: rows are looked up by natural keys and only missing ones are
created, so a second run changes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.services import (
    team_create,
    team_member_add,
    team_set_calendar,
    user_create,
)
from cortesia.calendars.models import Calendar
from cortesia.calendars.services import calendar_create
from cortesia.core.actor import Actor
from cortesia.culture.business_time import WEEKDAY_KEYS
from cortesia.culture.weeks import weekend_days
from cortesia.demo.bot import load_demo_bot_chat
from cortesia.demo.chat import load_demo_chat
from cortesia.demo.customers import load_demo_customers, load_demo_segments
from cortesia.demo.feedback import load_demo_feedback
from cortesia.demo.history import load_demo_history
from cortesia.demo.knowledge import load_demo_knowledge
from cortesia.demo.mail import load_demo_mail
from cortesia.demo.messaging import load_demo_messaging
from cortesia.demo.tickets import load_demo_tickets
from cortesia.tickets.staffing import ShiftData, shifts_replace


@dataclass(frozen=True)
class DemoTeam:
    name: str
    languages: tuple[str, ...]
    time_zone: str
    country: str
    hours: tuple[tuple[str, str], ...] = (("09:00", "17:00"),)


@dataclass(frozen=True)
class DemoAgent:
    username: str
    first_name: str
    last_name: str
    language: str
    time_zone: str
    team: str
    role: Role = Role.AGENT


TEAMS = (
    DemoTeam("Roma", ("it", "en"), "Europe/Rome", "IT", (("09:00", "13:00"), ("14:00", "18:00"))),
    DemoTeam("Helsinki", ("fi", "en"), "Europe/Helsinki", "FI", (("08:00", "16:00"),)),
    DemoTeam("София", ("bg", "en"), "Europe/Sofia", "BG", (("09:00", "18:00"),)),
    DemoTeam("București", ("ro", "en"), "Europe/Bucharest", "RO", (("09:00", "17:30"),)),
    DemoTeam("الرياض", ("ar", "en"), "Asia/Riyadh", "SA"),
    DemoTeam("New York", ("en",), "America/New_York", "US"),
)

AGENTS = (
    DemoAgent("giulia", "Giulia", "Romano", "it", "Europe/Rome", "Roma", Role.MANAGER),
    DemoAgent("marco", "Marco", "Esposito", "it", "Europe/Rome", "Roma"),
    DemoAgent("aino", "Aino", "Virtanen", "fi", "Europe/Helsinki", "Helsinki"),
    DemoAgent("mikko", "Mikko", "Korhonen", "fi", "Europe/Helsinki", "Helsinki"),
    DemoAgent("elena", "Елена", "Петрова", "bg", "Europe/Sofia", "София"),
    DemoAgent("georgi", "Георги", "Иванов", "bg", "Europe/Sofia", "София"),
    DemoAgent("andreea", "Andreea", "Popescu", "ro", "Europe/Bucharest", "București"),
    DemoAgent("mihai", "Mihai", "Ionescu", "ro", "Europe/Bucharest", "București"),
    DemoAgent("layla", "ليلى", "الحربي", "ar", "Asia/Riyadh", "الرياض"),
    DemoAgent("omar", "عمر", "القحطاني", "ar", "Asia/Riyadh", "الرياض"),
    DemoAgent("sarah", "Sarah", "Miller", "en", "America/New_York", "New York", Role.MANAGER),
    DemoAgent("james", "James", "Walker", "en", "America/New_York", "New York"),
    DemoAgent("nora", "Nora", "Lindqvist", "en", "Europe/Helsinki", "Helsinki", Role.MARKETER),
)


def _weekly(spec: DemoTeam) -> dict[str, list[list[str]]]:
    """Open ``spec.hours`` on the country's working days."""
    weekend = weekend_days(spec.country)
    return {
        key: [list(pair) for pair in spec.hours]
        for index, key in enumerate(WEEKDAY_KEYS)
        if index not in weekend
    }


def _shifts(spec: DemoTeam) -> list[ShiftData]:
    """An agent works their team's hours on the country's working days (their own zone is
    the team's): so they are on shift for chats when their team is open."""
    weekend = weekend_days(spec.country)
    return [
        ShiftData(weekday=day, starts=time.fromisoformat(start), ends=time.fromisoformat(end))
        for day in range(7)
        if day not in weekend
        for start, end in spec.hours
    ]


def demo_password(configured: str | None) -> str:
    """Return the demo password: the configured one, or one generated once and kept in var/."""
    if configured:
        return configured
    path = Path(settings.DATA_DIR) / "demo_password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(12), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


@transaction.atomic
def load_demo(*, password: str) -> int:
    """Create whatever part of the demo data set is missing; return the number of new rows."""
    actor = Actor.system()
    created = 0
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = user_create(
            username="admin",
            email="admin@example.com",
            role=Role.ADMIN,
            password=password,
            first_name="Ada",
            last_name="Admin",
            actor=actor,
        )
        created += 1
    elif not admin.check_password(password):
        admin.set_password(password)
        admin.save(update_fields=["password"])
    teams = {team.name: team for team in Team.objects.all()}
    calendars = {calendar.name: calendar for calendar in Calendar.objects.all()}
    for spec in TEAMS:
        if spec.name not in calendars:
            calendars[spec.name] = calendar_create(
                name=spec.name,
                time_zone=spec.time_zone,
                country=spec.country,
                weekly=_weekly(spec),
                actor=actor,
            )
            created += 1
        if spec.name not in teams:
            teams[spec.name] = team_create(
                name=spec.name,
                languages=list(spec.languages),
                time_zone=spec.time_zone,
                actor=actor,
            )
            team_set_calendar(team=teams[spec.name], calendar=calendars[spec.name], actor=actor)
            created += 1
    existing = set(User.objects.values_list("username", flat=True))
    hours = {spec.name: spec for spec in TEAMS}
    for agent in AGENTS:
        if agent.username in existing:
            continue
        user = user_create(
            username=agent.username,
            email=f"{agent.username}@example.com",
            role=agent.role,
            password=password,
            first_name=agent.first_name,
            last_name=agent.last_name,
            language=agent.language,
            time_zone=agent.time_zone,
            actor=actor,
        )
        team_member_add(team=teams[agent.team], user=user, actor=actor)
        if agent.role != Role.MARKETER:
            shifts_replace(user=user, shifts=_shifts(hours[agent.team]), actor=actor)
        created += 1
    admin = User.objects.get(username="admin")
    return (
        created
        + load_demo_customers()
        + load_demo_segments(admin)
        + load_demo_tickets()
        + load_demo_mail()
        + load_demo_feedback()
        + load_demo_chat()
        + load_demo_messaging()
        + load_demo_knowledge(admin)
        + load_demo_bot_chat()
        + load_demo_history()
    )
