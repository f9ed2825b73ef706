"""SLA clocks of a ticket: started, met, paused and resumed as the ticket moves.

Time is counted on a business calendar when the policy says so (holidays, weekends and
DST included), otherwise around the clock: the ticket team's calendar, or the customer's
organization's when the policy chooses it and the organization has one. A clock keeps the
counted seconds spent before its current run; its due instant is recomputed whenever it
starts running again, so a pause never eats into the target.

The ticket services call these functions in their own transaction; the breach scanner
claims due clocks with ``clock_claim_due``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from django.db.models import Min, Q

from cortesia.calendars.conversion import business_calendar
from cortesia.culture.business_time import (
    BusinessCalendar,
    add_business_time,
    business_time_between,
)
from cortesia.sla.models import PolicyVersion, SlaClock, SlaPolicy

if TYPE_CHECKING:
    from cortesia.accounts.models import Team
    from cortesia.calendars.models import Calendar
    from cortesia.customers.models import Organization
    from cortesia.tickets.models import Ticket

Target = SlaClock.Target
State = SlaClock.State
LIVE = (State.RUNNING, State.PAUSED)


def _calendar(clock: SlaClock) -> BusinessCalendar | None:
    return business_calendar(clock.calendar) if clock.calendar else None


def _counted(calendar: BusinessCalendar | None, a: datetime, b: datetime) -> int:
    if b <= a:
        return 0
    span = business_time_between(calendar, a, b) if calendar else b - a
    return int(span.total_seconds())


def _after(calendar: BusinessCalendar | None, start: datetime, seconds: int) -> datetime:
    duration = timedelta(seconds=max(seconds, 0))
    return add_business_time(calendar, start, duration) if calendar else start + duration


def spent_seconds(clock: SlaClock, now: datetime) -> int:
    """Return the counted seconds the clock has run up to ``now``."""
    if clock.state != State.RUNNING or clock.running_since is None:
        return clock.spent_seconds
    return clock.spent_seconds + _counted(_calendar(clock), clock.running_since, now)


def _schedule(clock: SlaClock) -> None:
    """Set due and warning instants of a running clock and when the scanner looks next."""
    assert clock.running_since is not None  # noqa: S101 - only called on running clocks
    calendar = _calendar(clock)
    left = clock.target_seconds - clock.spent_seconds
    warn_left = clock.target_seconds * clock.warn_at_percent // 100 - clock.spent_seconds
    clock.due_at = _after(calendar, clock.running_since, left)
    clock.warn_due_at = _after(calendar, clock.running_since, warn_left)
    if clock.warned_at is None:
        clock.next_check_at = clock.warn_due_at
    elif clock.breached_at is None:
        clock.next_check_at = clock.due_at
    else:
        clock.next_check_at = None


def next_due(ticket: Ticket) -> datetime | None:
    """Return the nearest due time of the ticket's running clocks (None: nothing runs)."""
    running = SlaClock.objects.filter(ticket=ticket, state=State.RUNNING)
    due: datetime | None = running.aggregate(due=Min("due_at"))["due"]
    return due


@dataclass(frozen=True)
class _Active:
    """The active policies by position, each with the ids of the teams it names, as they
    were stored when the policies' version token was ``token``."""

    token: str | None
    policies: tuple[tuple[SlaPolicy, frozenset[int]], ...]


class _Kept:
    """This process's copy of the active policies (shared by its threads, never changed:
    a new read replaces it whole)."""

    active: _Active | None = None


Policies = tuple[tuple[SlaPolicy, frozenset[int]], ...]
# The policies read inside policies_read_once() (empty until read), else None.
_read_once: ContextVar[list[Policies] | None] = ContextVar("sla_read_once", default=None)


@contextmanager
def policies_read_once() -> Iterator[None]:
    """Read the active policies (their token included) at most once inside the block, for
    many tickets opened in one transaction. On SQLite no other writer commits while the
    transaction holds the write lock, so the token cannot change meanwhile; on PostgreSQL
    a change committed meanwhile applies from the next block, a moment later."""
    token = _read_once.set([])
    try:
        yield
    finally:
        _read_once.reset(token)


def _active_policies() -> Policies:
    read = _read_once.get()
    if read:
        return read[0]
    active = _active_policies_now()
    if read is not None:
        read.append(active)
    return active


def _active_policies_now() -> Policies:
    """The active policies, read again only when the stored token differs from the one
    kept beside them: one single-row read per call otherwise.

    Every write to the policies or their teams changes the token in its own transaction
    (database triggers, see ``PolicyVersion``), so a token equal to the kept one means the
    kept policies are the ones this transaction would read. The token is read before the
    policies: a change committed between the two reads makes what is kept newer than its
    token, never older, and the next call sees the new token and reads again.
    """
    token = PolicyVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    kept = _Kept.active
    if kept is not None and kept.token == token:
        return kept.policies
    policies = list(SlaPolicy.objects.filter(is_active=True))
    teams: dict[int, set[int]] = {}
    links = SlaPolicy.teams.through.objects.filter(slapolicy__in=[p.pk for p in policies])
    for policy_id, team_id in links.values_list("slapolicy_id", "team_id"):
        teams.setdefault(policy_id, set()).add(team_id)
    active = tuple((policy, frozenset(teams.get(policy.pk, ()))) for policy in policies)
    # No row (tables emptied by hand or by a test's flush) is a token too: the next write
    # to the policies creates the row with a new token, so the copy is read again then.
    _Kept.active = _Active(token, active)
    return active


class Matchable(Protocol):
    """What a policy's conditions read of a ticket (a real one, or a sample to try a rule)."""

    @property
    def priority(self) -> str: ...

    @property
    def channel(self) -> str: ...

    @property
    def team_id(self) -> int | None: ...

    @property
    def tags(self) -> list[str]: ...


def policy_matches(policy: SlaPolicy, teams: frozenset[int], ticket: Matchable) -> bool:
    """Whether ``ticket`` meets every condition of ``policy`` (whose teams are ``teams``);
    an empty condition is met by every ticket."""
    return (
        (not policy.priorities or ticket.priority in policy.priorities)
        and (not policy.channels or ticket.channel in policy.channels)
        and (not teams or ticket.team_id in teams)
        and (not policy.tags or bool(set(policy.tags) & set(ticket.tags)))
    )


def policy_for(ticket: Matchable) -> SlaPolicy | None:
    """Return the first active policy (by position) whose conditions the ticket meets.

    The returned policy may be shared with other calls of this process: read it, never
    change it."""
    for policy, teams in _active_policies():
        if policy_matches(policy, teams, ticket):
            return policy
    return None


def clock_calendar(
    policy: SlaPolicy, team: Team | None, organization: Organization | None
) -> Calendar | None:
    """Return the calendar whose open hours the policy's clocks count, None for every hour.

    The team's calendar, or, when the policy says so, the customer's organization's
    calendar when it has one (else the team's)."""
    if not policy.business_hours:
        return None
    if (
        policy.clock_calendar == SlaPolicy.ClockCalendar.ORGANIZATION
        and organization is not None
        and organization.calendar is not None
    ):
        return organization.calendar
    return team.calendar if team is not None else None


def _ticket_calendar(ticket: Ticket, policy: SlaPolicy) -> Calendar | None:
    # The customer's organization is read only for a policy that may use it.
    uses_organization = (
        policy.business_hours and policy.clock_calendar == SlaPolicy.ClockCalendar.ORGANIZATION
    )
    organization = ticket.customer.organization if uses_organization else None
    return clock_calendar(policy, ticket.team, organization)


@dataclass(frozen=True)
class DueTime:
    """When one target of a policy is due for a clock started at ``started_at``."""

    target: str
    minutes: int
    due_at: datetime


def policy_due_times(
    policy: SlaPolicy, calendar: Calendar | None, started_at: datetime
) -> tuple[DueTime, ...]:
    """Return the due instants of the policy's targets for clocks started at ``started_at``
    on ``calendar`` (None: every hour), computed as a running clock computes them."""
    engine = business_calendar(calendar) if calendar else None
    return tuple(
        DueTime(target, minutes, _after(engine, started_at, minutes * 60))
        for target, minutes in (
            (Target.FIRST_RESPONSE, policy.first_response_minutes),
            (Target.NEXT_RESPONSE, policy.next_response_minutes),
            (Target.RESOLUTION, policy.resolution_minutes),
        )
        if minutes
    )


def _clock(ticket: Ticket, policy: SlaPolicy, target: str, minutes: int, at: datetime) -> SlaClock:
    """Return a new running clock (not saved) with its due and warning instants."""
    calendar = _ticket_calendar(ticket, policy)
    clock = SlaClock(
        ticket=ticket,
        policy=policy,
        target=target,
        calendar=calendar,
        target_seconds=minutes * 60,
        warn_at_percent=policy.warn_at_percent,
        state=State.RUNNING,
        started_at=at,
        running_since=at,
    )
    _schedule(clock)
    return clock


def _restart_clock(
    ticket: Ticket, policy: SlaPolicy, target: str, minutes: int, at: datetime
) -> None:
    """Run the ``target`` clock again from ``at`` (replacing a finished one)."""
    clock = _clock(ticket, policy, target, minutes, at)
    SlaClock.objects.update_or_create(
        ticket=ticket,
        target=target,
        defaults={
            field.name: getattr(clock, field.name)
            for field in SlaClock._meta.concrete_fields
            if field.name not in {"id", "ticket", "target"}
        },
    )


@dataclass(frozen=True)
class Planned:
    """The clocks a new ticket starts (not saved yet) and the policy they come from."""

    policy: SlaPolicy | None
    clocks: tuple[SlaClock, ...]

    @property
    def due_at(self) -> datetime | None:
        """The nearest due instant of the clocks still running."""
        running = (clock.due_at for clock in self.clocks if clock.state == State.RUNNING)
        return min((due for due in running if due is not None), default=None)


def clocks_plan(ticket: Ticket, at: datetime, *, answered: bool = False) -> Planned:
    """Plan the first-response and resolution clocks of a new ticket from the matching
    policy (if any), started at ``at``. ``answered``: its first message is an agent's
    public reply, which meets the first response at once (as :func:`on_agent_reply`)."""
    policy = policy_for(ticket)
    if policy is None:
        return Planned(None, ())
    clocks = [
        _clock(ticket, policy, target, minutes, at)
        for target, minutes in (
            (Target.FIRST_RESPONSE, policy.first_response_minutes),
            (Target.RESOLUTION, policy.resolution_minutes),
        )
        if minutes
    ]
    for clock in clocks:
        if answered and clock.target in (Target.FIRST_RESPONSE, Target.NEXT_RESPONSE):
            _stop(clock, State.MET, at)
    return Planned(policy, tuple(clocks))


def clocks_insert(planned: Planned, ticket: Ticket) -> None:
    """Save the planned clocks of ``ticket`` (saved since they were planned), in one insert."""
    for clock in planned.clocks:
        clock.ticket = ticket
    SlaClock.objects.bulk_create(planned.clocks)


def _live(ticket: Ticket, *targets: str) -> list[SlaClock]:
    clocks = SlaClock.objects.select_related("calendar").filter(ticket=ticket, state__in=LIVE)
    return list(clocks.filter(target__in=targets) if targets else clocks)


def _stop(clock: SlaClock, state: str, now: datetime) -> None:
    clock.spent_seconds = spent_seconds(clock, now)
    clock.state = state
    clock.running_since = None
    clock.stopped_at = now
    clock.next_check_at = None


def _finish(clock: SlaClock, state: str, now: datetime) -> None:
    _stop(clock, state, now)
    clock.save()


def _pause(clock: SlaClock, now: datetime) -> None:
    clock.spent_seconds = spent_seconds(clock, now)
    clock.state = State.PAUSED
    clock.running_since = None
    clock.due_at = None
    clock.next_check_at = None
    clock.save()


def on_agent_reply(ticket: Ticket, now: datetime) -> None:
    """A public agent reply meets the first and the next response."""
    for clock in _live(ticket, Target.FIRST_RESPONSE, Target.NEXT_RESPONSE):
        _finish(clock, State.MET, now)


def on_customer_reply(ticket: Ticket, now: datetime) -> bool:
    """A customer writing after an agent reply starts the next-response clock again.
    Return True when a clock was started."""
    if ticket.agent_reply_count == 0 or _live(ticket, Target.NEXT_RESPONSE):
        return False
    first = SlaClock.objects.filter(ticket=ticket).select_related("policy").first()
    policy = first.policy if first else None
    if policy is None or not policy.next_response_minutes:
        return False
    _restart_clock(ticket, policy, Target.NEXT_RESPONSE, policy.next_response_minutes, now)
    return True


def on_status(ticket: Ticket, previous: str, status: str, now: datetime) -> None:
    """Pause while waiting on the customer, resume after, finish on solve and close, and
    resume resolution when a solved ticket is reopened."""
    if status == "pending":
        for clock in _live(ticket):
            if clock.state == State.RUNNING:
                _pause(clock, now)
    elif status in ("solved", "closed"):
        for clock in _live(ticket):
            _finish(clock, State.MET if clock.target == Target.RESOLUTION else State.STOPPED, now)
    elif previous in ("pending", "solved"):
        resumable = Q(state=State.PAUSED)
        if previous == "solved":
            resumable = Q(target=Target.RESOLUTION, state__in=(State.MET, State.PAUSED))
        for clock in SlaClock.objects.select_related("calendar").filter(resumable, ticket=ticket):
            clock.state = State.RUNNING
            clock.running_since = now
            clock.stopped_at = None
            _schedule(clock)
            clock.save()


@dataclass(frozen=True)
class Alarm:
    clock: SlaClock
    kind: str  # "warning" or "breach"


def clock_claim_due(now: datetime) -> Alarm | None:
    """Claim one running clock whose warning or due time has passed and record which;
    None when there is nothing due. Safe with several scanners: the claim is a
    conditional update on ``next_check_at``."""
    while True:
        clock = (
            SlaClock.objects.filter(state=State.RUNNING, next_check_at__lte=now)
            .order_by("next_check_at")
            .first()
        )
        if clock is None:
            return None
        breached = clock.due_at is not None and clock.due_at <= now
        changes: dict[str, object] = {}
        if breached:
            changes.update(breached_at=now, next_check_at=None)
            if clock.warned_at is None:
                changes["warned_at"] = now
        else:
            changes.update(warned_at=now, next_check_at=clock.due_at)
        claimed = SlaClock.objects.filter(pk=clock.pk, next_check_at=clock.next_check_at).update(
            **changes
        )
        if claimed:
            for name, value in changes.items():
                setattr(clock, name, value)
            return Alarm(clock=clock, kind="breach" if breached else "warning")
