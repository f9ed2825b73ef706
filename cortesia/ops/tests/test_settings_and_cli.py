from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from cortesia.accounts.models import ApiToken, Team, TeamMembership, User
from cortesia.audit.models import AuditEvent
from cortesia.customers.models import Customer, CustomerEmail, CustomerEvent, Order, Segment
from cortesia.customers.segment_rules import compile_rules
from cortesia.customers.segments import segment_count
from cortesia.demo.chat import CHATS as DEMO_CHATS
from cortesia.demo.customers import CUSTOMERS, DEMO_SEGMENTS
from cortesia.demo.dataset import AGENTS, TEAMS, load_demo
from cortesia.demo.feedback import ANSWERS, MENTIONS
from cortesia.demo.knowledge_articles import ARTICLES as KB_ARTICLES
from cortesia.demo.knowledge_articles import CATEGORIES as KB_CATEGORIES
from cortesia.demo.knowledge_articles import SECTIONS as KB_SECTIONS
from cortesia.demo.mail import MAILS as DEMO_MAILS
from cortesia.demo.tickets import DEMO_CANNED, POLICIES, TICKETS
from cortesia.feedback.models import SurveyInvitation, SurveyResponse
from cortesia.mail.models import InboundMail, OutboundMail
from cortesia.reports.models import AcquisitionSpend
from cortesia.testing.processes import run_python
from cortesia.tickets.models import Ticket, TicketEvent

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cortesia.settings",
    "CORTESIA_HTTPS": "true",
    "CORTESIA_SECRET_KEY": "k3y-F0r-Pr0duct10n-Ch3cks-0nly-9f8e7d6c5b4a3210zyxw",
    "CORTESIA_ALLOWED_HOSTS": "support.example.com",
}


def _manage(
    args: list[str], env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    return run_python(["manage.py", *args], data_dir=tmp_path, env=env)


def test_production_settings_pass_check_deploy_without_warnings(tmp_path: Path) -> None:
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CORTESIA_PORT", "http", "CORTESIA_PORT must be a whole number; got 'http'."),
        ("CORTESIA_DEBUG", "perhaps", "CORTESIA_DEBUG must be one of true/false"),
        (
            "CORTESIA_DATABASE_URL",
            "mysql://db/x",
            "CORTESIA_DATABASE_URL must start with postgres://",
        ),
        ("CORTESIA_TIME_ZONE", "Mars/Base", "CORTESIA_TIME_ZONE must be an IANA time zone name"),
        ("CORTESIA_SECRET_KEY", "short", "CORTESIA_SECRET_KEY must be at least 50"),
        ("CORTESIA_REDIS_URL", "http://x", "CORTESIA_REDIS_URL must start with redis://"),
    ],
)
def test_bad_environment_stops_start_up_naming_the_variable(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    result = _manage(
        ["check"], {"DJANGO_SETTINGS_MODULE": "cortesia.settings", name: value}, tmp_path
    )
    assert result.returncode != 0
    assert f"EnvError: {message}" in result.stderr


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    script = (
        "import django; django.setup(); from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode');"
        "print(c.fetchone()[0], connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = run_python(
        ["-c", script], data_dir=tmp_path, env={"DJANGO_SETTINGS_MODULE": "cortesia.settings"}
    )
    assert result.stdout.split() == ["wal", "IMMEDIATE"]


@pytest.mark.django_db
def test_token_create_prints_once_and_stores_a_digest(alice: User) -> None:
    out = StringIO()
    call_command("token", "create", "--user", "alice", "--scope", "read", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("ctk_")
    token = ApiToken.objects.get()
    assert (token.user, token.scope, token.prefix) == (alice, "read", raw[4:12])
    assert raw not in token.digest
    assert AuditEvent.objects.filter(action="token_create").count() == 1
    revoked = StringIO()
    call_command("token", "revoke", raw[:12], stdout=revoked)
    assert revoked.getvalue().strip() == f"Revoked token {token.prefix}."


@pytest.mark.django_db
def test_token_create_for_unknown_user_is_an_error() -> None:
    with pytest.raises(CommandError, match="No user is called 'ghost'."):
        call_command("token", "create", "--user", "ghost", "--scope", "write")
    assert ApiToken.objects.count() == 0


def _history_records() -> int:
    """The records of the demo history (``cortesia.demo.history``), counted in the
    database: how many depends on the day and hour the demo is loaded."""
    history = "@history.example.com"
    return (
        CustomerEmail.objects.filter(address__endswith=history).count()
        + Ticket.objects.filter(customer__emails__address__endswith=history).count()
        + SurveyInvitation.objects.filter(dedupe_key__startswith="history:").count()
        + SurveyResponse.objects.filter(invitation__dedupe_key__startswith="history:").count()
        + Order.objects.filter(source="history").count()
        + AcquisitionSpend.objects.count()
    )


@pytest.mark.django_db
def test_demo_data_is_complete_and_idempotent() -> None:
    created = load_demo(password="demo-pass-123")
    # admin, calendars, teams, agents, customers
    assert created == (
        1
        + 2 * len(TEAMS)
        + len(AGENTS)
        + len(CUSTOMERS)
        + 1
        + len(DEMO_SEGMENTS)
        + len(POLICIES)
        + len(DEMO_CANNED)
        + len(TICKETS)
        + 1  # the demo mailbox
        + len(DEMO_MAILS)
        + 3  # the surveys: CSAT, CES, NPS
        + len(ANSWERS)  # a solved request each
        + sum(1 for answer in ANSWERS if answer.score is not None)  # and its answer
        + len(MENTIONS)
        + 2  # the demo's chat sites, without and with the answer bot
        + len(DEMO_CHATS)
        + 2  # the demo's WhatsApp number and Telegram bot
        + len(KB_CATEGORIES)
        + len(KB_SECTIONS)
        + len(KB_ARTICLES)
        + 1  # the answer bot's chat
        + _history_records()
    )
    assert _history_records() > 300  # three months of tickets, orders and answers
    counts = (
        User.objects.count(),
        Team.objects.count(),
        TeamMembership.objects.count(),
        AuditEvent.objects.count(),
        Customer.objects.count(),
        Order.objects.count(),
        CustomerEvent.objects.count(),
        Ticket.objects.count(),
        TicketEvent.objects.count(),
    )
    stamps = list(User.objects.order_by("pk").values_list("updated_at", flat=True))
    assert load_demo(password="demo-pass-123") == 0
    assert (
        User.objects.count(),
        Team.objects.count(),
        TeamMembership.objects.count(),
        AuditEvent.objects.count(),
        Customer.objects.count(),
        Order.objects.count(),
        CustomerEvent.objects.count(),
        Ticket.objects.count(),
        TicketEvent.objects.count(),
    ) == counts
    statuses = dict(
        Ticket.objects.filter(subject__in=[spec.subject for spec in TICKETS]).values_list(
            "customer__emails__address", "status"
        )
    )
    assert sorted(statuses.values()) == [
        "closed", "new", "new", "new", "on_hold", "open", "pending", "solved"
    ]  # fmt: skip
    # The requests the demo's survey answers are about are solved.
    answered = Ticket.objects.filter(subject__in=[spec.subject for spec in ANSWERS])
    assert set(answered.values_list("status", flat=True)) == {"solved"}
    # The demo mails open tickets in their senders' languages, each acknowledged.
    mailed = Ticket.objects.filter(pk__in=InboundMail.objects.values("ticket")).order_by("language")
    assert [t.language for t in mailed] == ["ar", "bg", "fi", "it", "ro"]
    assert OutboundMail.objects.filter(kind="ack", ticket__in=mailed).count() == len(DEMO_MAILS)
    assert InboundMail.objects.filter(state="ingested").count() == len(DEMO_MAILS)
    languages = set(Ticket.objects.values_list("language", flat=True))
    assert languages == {"it", "fi", "bg", "ro", "ar", "en", "de", "ja"}
    # three days without an answer are always past a 4-hour first response in Riyadh
    breached = TicketEvent.objects.filter(kind="sla_breached").values_list(
        "ticket__customer__emails__address", flat=True
    )
    assert "mohammed.alotaibi@example.com" in set(breached)
    assert list(User.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    zones = set(Team.objects.values_list("time_zone", flat=True))
    assert zones == {
        "Europe/Rome",
        "Europe/Helsinki",
        "Europe/Sofia",
        "Europe/Bucharest",
        "Asia/Riyadh",
        "America/New_York",
    }
    assert User.objects.get(username="admin").check_password("demo-pass-123")
    with time_machine.travel(datetime(2026, 11, 24, tzinfo=UTC), tick=False):
        # the demo's own customers (the history's lapse and order relative to today)
        history = Customer.objects.filter(emails__address__endswith="@history.example.com")
        counts_by_segment = {
            segment.name: segment_count(segment.rules)
            - history.filter(compile_rules(segment.rules)).count()
            for segment in Segment.objects.all()
        }
    assert counts_by_segment == {
        # two of them wrote by mail, one chatted, one wrote on Telegram
        "Arabic or Bulgarian speakers": 6,
        "Euro customers who spent 100 or more this year": 2,
        # with the five who wrote by mail, the three who chatted, the two on WhatsApp
        # and Telegram and the one the answer bot talked to
        "No order yet": 12,
    }
    assert set(Customer.objects.values_list("language", flat=True)) == {
        "it",
        "fi",
        "bg",
        "ro",
        "ar",
        "en",
        "de",
        "ja",
    }
    currencies = set(Order.objects.values_list("currency", flat=True))
    assert currencies == {"EUR", "SAR", "USD", "JPY", "RON"}  # RON: the history's Romanians
    riyadh = Team.objects.select_related("calendar").get(time_zone="Asia/Riyadh")
    assert riyadh.calendar is not None
    assert sorted(riyadh.calendar.weekly) == ["mon", "sun", "thu", "tue", "wed"]
    assert set(User.objects.exclude(language="").values_list("language", flat=True)) == {
        "it",
        "fi",
        "bg",
        "ro",
        "ar",
        "en",
    }


def test_cli_without_arguments_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    from cortesia.cli import main

    main([])
    assert capsys.readouterr().out.startswith("usage: cortesia <command> [options]")


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [
        ("", "django.contrib.sessions.backends.db"),
        ("redis://127.0.0.1:9/0", "django.contrib.sessions.backends.cached_db"),
    ],
)
def test_sessions_are_cached_only_in_a_cache_every_process_shares(
    tmp_path: Path, redis_url: str, engine: str
) -> None:
    script = (
        "import django; django.setup(); from django.conf import settings;"
        "print(settings.SESSION_ENGINE)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "cortesia.settings", "CORTESIA_REDIS_URL": redis_url}
    result = run_python(["-c", script], data_dir=tmp_path, env=env)
    assert result.stdout.strip() == engine, result.stderr
