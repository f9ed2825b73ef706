"""The demo history: three months of past tickets with their answers, solves, reopens,
SLA outcomes and survey answers, orders over two years and a year of spend — loaded once,
with the report facts rebuilt from it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from cortesia.demo.dataset import load_demo
from cortesia.demo.history import DAYS
from cortesia.feedback.models import SurveyResponse
from cortesia.reports.models import AcquisitionSpend, ExchangeRate, TicketFact, TicketMoment
from cortesia.sla.models import SlaClock
from cortesia.tickets.models import Ticket

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_demo_history_spreads_over_three_months_and_feeds_the_reports(data_dir: Path) -> None:
    load_demo(password="demo-password-123")
    now = timezone.now()

    history = Ticket.objects.filter(customer__emails__address__endswith="@history.example.com")
    created = list(history.values_list("created_at", flat=True))
    assert len(created) > 150
    assert min(created) >= now - timedelta(days=DAYS + 1)
    assert len({moment.date() for moment in created}) > 60  # most days have tickets
    solved = history.filter(status="solved").count()
    assert solved > len(created) * 0.7
    assert history.filter(reopen_count__gt=0).exists()
    # nothing past is left running overdue: every overdue clock is marked missed
    overdue = SlaClock.objects.filter(ticket__in=history, state="running", due_at__lt=now)
    assert not overdue.filter(breached_at=None).exists()
    assert not SlaClock.objects.filter(ticket__in=history, next_check_at__isnull=False).exists()
    # the report facts cover every ticket, the history's replies, solves and reopens
    assert TicketFact.objects.count() == Ticket.objects.count()
    kinds = set(TicketMoment.objects.values_list("kind", flat=True))
    assert kinds == {"reply", "solve", "reopen", "sla"}
    assert SurveyResponse.objects.filter(
        invitation__dedupe_key__startswith="history:", answered_at__lt=now - timedelta(days=30)
    ).exists()
    assert AcquisitionSpend.objects.count() == 12 * 5
    assert set(ExchangeRate.objects.filter(currency="SAR").values_list("source", flat=True)) <= {
        "USD × 3.75"
    }

    assert load_demo(password="demo-password-123") == 0
    assert TicketFact.objects.count() == Ticket.objects.count()
