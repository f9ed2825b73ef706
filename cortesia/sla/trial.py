"""Try a policy as typed on a sample ticket, without saving anything.

The answer comes from the code the clocks run: the same condition check
(``clocks.policy_matches``), the same choice of calendar (``clocks.clock_calendar``) and
the same business-time arithmetic (``clocks.policy_due_times``); the saved policy that
applies is ``clocks.policy_for``, as for a ticket opened now.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from cortesia.accounts.models import Team
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.core.errors import FieldErrors
from cortesia.customers.models import Organization
from cortesia.sla.clocks import (
    DueTime,
    clock_calendar,
    policy_due_times,
    policy_for,
    policy_matches,
)
from cortesia.sla.models import SlaPolicy
from cortesia.sla.permissions import require_sla_manager
from cortesia.sla.policies import PolicyData, policy_apply, policy_errors


@dataclass(frozen=True)
class SampleTicket:
    """A ticket as the policies would see it, opened at ``created_at`` (aware)."""

    priority: str
    channel: str
    team: Team | None
    organization: Organization | None
    created_at: datetime
    tags: list[str] = field(default_factory=list)

    @property
    def team_id(self) -> int | None:
        return self.team.pk if self.team is not None else None


@dataclass(frozen=True)
class Trial:
    """The answer: whether the typed policy applies, which saved one applies now, and the
    due instants of the typed policy's targets (UTC) on ``calendar`` (None: every hour)."""

    applies: bool
    is_active: bool
    saved_policy: SlaPolicy | None
    calendar: Calendar | None
    due: tuple[DueTime, ...]


def policy_try(
    *, policy: SlaPolicy | None, data: PolicyData, sample: SampleTicket, actor: Actor
) -> Trial:
    """Check ``data`` as ``policy_save`` would (FieldErrors), then answer for ``sample``.

    ``policy`` is the stored policy being edited (None: a new one); nothing is written.
    Raises Forbidden unless the actor may change policies.
    """
    require_sla_manager(actor)
    errors = policy_errors(policy=policy, data=data)
    if errors:
        raise FieldErrors(errors)
    typed = copy.copy(policy) if policy is not None else SlaPolicy()
    policy_apply(typed, data)
    if data.teams is not None:
        teams = frozenset(team.pk for team in data.teams)
    else:
        teams = frozenset(policy.teams.values_list("pk", flat=True)) if policy else frozenset()
    calendar = clock_calendar(typed, sample.team, sample.organization)
    return Trial(
        applies=typed.is_active and policy_matches(typed, teams, sample),
        is_active=typed.is_active,
        saved_policy=policy_for(sample),
        calendar=calendar,
        due=policy_due_times(typed, calendar, sample.created_at),
    )
