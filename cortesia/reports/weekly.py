"""The weekly report mail: who receives it, when, what it says, and sending it once.

Rules:
1. Managers and administrators (``permissions.can_receive_weekly_report``) opt in and out
   themselves; a deactivated user, or one who lost the role, gets nothing and the
   subscription waits unused (it resumes if the role comes back).
2. Each subscriber's report is due on Monday at 08:00 in their time zone (the user's, else
   the site's ``TIME_ZONE``), or at the first run of the job after that in the same week.
   It covers the previous ISO week, Monday to Sunday in that zone, compared with the week
   before.
3. A week is mailed once: ``last_week`` holds the ISO week last reported ("2026-W49") and
   sending claims the row with a conditional UPDATE (``last_week < week``) in the
   transaction that sends. A second worker's UPDATE matches no row; a mail that fails
   rolls the claim back, so the next run tries again.
4. The mail is in the subscriber's language and zone, numbers and dates as CLDR writes
   them, scoped to what the subscriber may see (the engine scopes by the viewer).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from babel.numbers import format_percent, get_minus_sign_symbol, get_plus_sign_symbol
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.automatic_mail import send_automatic
from cortesia.core.errors import Forbidden
from cortesia.culture.local_formats import babel_locale, format_number, writing_direction
from cortesia.reports.engine import MetricQuery, TimeBasis, Unit, Value, metric_get, metric_run
from cortesia.reports.inputs import viewer_zone
from cortesia.reports.models import WeeklyReportSubscription
from cortesia.reports.periods import ReportPeriod
from cortesia.reports.permissions import REPORT_MANAGERS, can_receive_weekly_report

logger = logging.getLogger(__name__)

SEND_WEEKDAY = 0  # Monday
SEND_TIME = time(8, 0)


@dataclass(frozen=True)
class Headline:
    """One number of the mail: this week's value, the week before and the change."""

    metric: str
    column: str
    time_basis: TimeBasis = TimeBasis.CALENDAR


# The dashboard's headline numbers, in the dashboard's order; the backlog is "now".
HEADLINES = (
    Headline("tickets_created", "count"),
    Headline("tickets_solved", "count"),
    Headline("tickets_reopened", "count"),
    Headline("first_response_time", "median", TimeBasis.BUSINESS),
    Headline("one_touch_resolution", "percent"),
    Headline("sla_attainment", "percent"),
    Headline("csat", "percent"),
    Headline("nps", "score"),
    Headline("backlog", "count"),
)


@dataclass(frozen=True)
class WeekSlot:
    """The report a local week sends: the reported ``period`` (the week before), its ISO
    ``week`` label and the instant (UTC) the mail is due."""

    week: str
    period: ReportPeriod
    due_at: datetime


def iso_week(day: date) -> str:
    """The ISO week of ``day`` as stored in ``last_week``: "2026-W49"."""
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def week_slot(now: datetime, zone: ZoneInfo) -> WeekSlot:
    """The slot of the local week (Monday to Sunday in ``zone``) that ``now`` falls in.

    The due instant is Monday 08:00 on the wall clock of ``zone``, converted to UTC after
    the wall-clock date is found (no zone changes its clocks at 08:00 on a Monday).
    """
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=(today.weekday() - SEND_WEEKDAY) % 7)
    due_at = datetime.combine(monday, SEND_TIME, tzinfo=zone).astimezone(ZoneInfo("UTC"))
    first = monday - timedelta(days=7)
    period = ReportPeriod(first, monday - timedelta(days=1), zone)
    return WeekSlot(iso_week(first), period, due_at)


def next_mail_at(subscription: WeeklyReportSubscription, now: datetime) -> datetime:
    """When ``subscription``'s next mail is due: this week's slot while its report has
    not gone (even if the slot has passed: the next run sends it), else next week's."""
    zone = viewer_zone(subscription.user)
    slot = week_slot(now, zone)
    if subscription.last_week < slot.week:
        return slot.due_at
    return week_slot(now + timedelta(days=7), zone).due_at


# --- Opting in and out ------------------------------------------------------------------


def subscription_of(*, user: User) -> WeeklyReportSubscription | None:
    """The user's subscription, or None when they have not opted in. Raises Forbidden for
    anyone who may not receive the report."""
    if not can_receive_weekly_report(user):
        raise Forbidden(_("Only managers and administrators receive the weekly report."))
    return WeeklyReportSubscription.objects.filter(user=user).select_related("user").first()


@transaction.atomic
def weekly_report_subscribe(*, user: User, subscribed: bool, actor: Actor) -> bool:
    """Opt ``user`` in (``subscribed``) or out of the weekly report; return whether it
    changed (audited then, not when it was already so). Only the person themself chooses,
    and only a manager or administrator may receive it. Raises Forbidden."""
    if actor.user is None or actor.user.pk != user.pk:
        raise Forbidden(_("Only the person themself chooses to receive the weekly report."))
    if subscribed and not can_receive_weekly_report(user):
        raise Forbidden(_("Only managers and administrators receive the weekly report."))
    if subscribed:
        # Opting in after this week's Monday 08:00 waits for the next Monday, so the
        # first mail never arrives in the middle of a week.
        now = timezone.now()
        current = week_slot(now, viewer_zone(user))
        last_week = current.week if now >= current.due_at else ""
        try:
            with transaction.atomic():
                _row, changed = WeeklyReportSubscription.objects.get_or_create(
                    user=user, defaults={"last_week": last_week}
                )
        except IntegrityError:  # a double submit's twin created it first
            changed = False
    else:
        changed = WeeklyReportSubscription.objects.filter(user=user).delete()[0] > 0
    if changed:
        audit_record(
            action=AuditEvent.Action.SETTING_CHANGE,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type="weekly_report_subscription",
            object_uid=str(user.uid),
            object_label=user.get_username(),
            data={"subscribed": subscribed},
        )
    return changed


# --- The numbers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One headline as the mail shows it (texts already in the reader's language)."""

    label: str | Promise
    value: str
    previous: str
    change: str


@dataclass(frozen=True)
class WeeklyReport:
    subscriber: User
    period: ReportPeriod
    lines: list[Line]
    created: Value
    link: str


def _value(headline: Headline, period: ReportPeriod, viewer: User) -> Value:
    query = MetricQuery(headline.metric, period, time_basis=headline.time_basis)
    row = metric_run(query, viewer).total()
    return row.value(headline.column) if row else None


def _number(value: Decimal | int, unit: Unit, language: str) -> str:
    if unit == Unit.PERCENT:
        return format_percent(Decimal(value) / 100, "#,##0.#%", locale=babel_locale(language))
    text = format_number(value, language)
    if unit == Unit.MINUTES:
        return _("%(number)s min") % {"number": text}
    return text


def _shown(value: Value, unit: Unit, language: str) -> str:
    return "—" if value is None else _number(value, unit, language)


def _change(now: Value, before: Value, unit: Unit, language: str) -> str:
    """The signed change; percentages change by percentage points."""
    if now is None or before is None:
        return "—"
    delta = Decimal(now) - Decimal(before)
    if delta == 0:
        return format_number(0, language)
    sign = get_plus_sign_symbol(language) if delta > 0 else get_minus_sign_symbol(language)
    magnitude = format_number(abs(delta), language)
    if unit == Unit.PERCENT:
        return _("%(sign)s%(number)s points") % {"sign": sign, "number": magnitude}
    if unit == Unit.MINUTES:
        return _("%(sign)s%(number)s min") % {"sign": sign, "number": magnitude}
    return f"{sign}{magnitude}"


def dashboard_link(period: ReportPeriod) -> str:
    """The dashboard showing ``period`` (absolute, for a mail)."""
    path = reverse("reports:dashboard")
    query = {"from": period.first.isoformat(), "to": period.last.isoformat(), "tz": period.zone.key}
    return f"{settings.BASE_URL}{path}?{urlencode(query)}"


def weekly_report_build(*, subscriber: User, period: ReportPeriod, language: str) -> WeeklyReport:
    """The headline numbers of ``period`` and the week before, as ``subscriber`` may see
    them, written in ``language`` (call it with that language active). A metric the
    subscriber may not see is left out."""
    lines = []
    created: Value = None
    previous = period.previous()
    for headline in HEADLINES:
        metric = metric_get(headline.metric)
        try:
            now = _value(headline, period, subscriber)
            before = _value(headline, previous, subscriber) if metric.timed else None
        except Forbidden:
            continue
        if headline.metric == "tickets_created":
            created = now
        lines.append(
            Line(
                label=metric.label,
                value=_shown(now, metric.unit, language),
                previous=_shown(before, metric.unit, language) if metric.timed else "",
                change=_change(now, before, metric.unit, language) if metric.timed else "",
            )
        )
    return WeeklyReport(subscriber, period, lines, created, dashboard_link(period))


def weekly_report_render(report: WeeklyReport) -> EmailMultiAlternatives:
    """The mail of ``report``: subject, plain text and HTML (no images, no tracking), in
    the subscriber's language and zone."""
    subscriber = report.subscriber
    language = subscriber.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(report.period.zone):
        context = {
            "report": report,
            "person": subscriber,
            "language": language,
            "direction": writing_direction(language),
            "created": format_number(report.created or 0, language),
            "preferences": settings.BASE_URL + reverse("weekly-report:subscription"),
        }
        subject = render_to_string("reports/mail/weekly_subject.txt", context)
        body = render_to_string("reports/mail/weekly.txt", context)
        markup = render_to_string("reports/mail/weekly.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[subscriber.email])
    message.attach_alternative(markup, "text/html")
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    message.extra_headers["X-Auto-Response-Suppress"] = "All"
    message.extra_headers["Content-Language"] = language
    return message


# --- Sending ------------------------------------------------------------------------------


def _eligible() -> list[WeeklyReportSubscription]:
    return list(
        WeeklyReportSubscription.objects.filter(
            user__is_active=True, user__role__in=REPORT_MANAGERS
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def weekly_report_send(*, subscription: WeeklyReportSubscription, slot: WeekSlot) -> bool:
    """Build the report of ``slot`` for the subscriber, claim the week and send it in one
    transaction; return whether this call sent it (False: another run had claimed it)."""
    user = subscription.user
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        report = weekly_report_build(subscriber=user, period=slot.period, language=language)
    message = weekly_report_render(report)
    with transaction.atomic():
        claimed = WeeklyReportSubscription.objects.filter(
            pk=subscription.pk, last_week__lt=slot.week
        ).update(last_week=slot.week)
        if claimed != 1:
            return False
        send_automatic(message)
    return True


def weekly_reports_send(*, now: datetime | None = None) -> int:
    """Send every subscriber whose report is due (the worker's timer); return how many
    mails went. A subscriber whose mail fails is tried again at the next run."""
    now = now or timezone.now()
    sent = 0
    for subscription in _eligible():
        slot = week_slot(now, viewer_zone(subscription.user))
        if now < slot.due_at or subscription.last_week >= slot.week:
            continue
        try:
            sent += weekly_report_send(subscription=subscription, slot=slot)
        except Exception:  # one subscriber's failure must not hold back the others
            logger.exception("The weekly report to user %s failed.", subscription.user_id)
    return sent
