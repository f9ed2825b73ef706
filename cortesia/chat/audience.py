"""Who may see a conversation event: the same rule as the ticket it belongs to.

A visitor sees the public events of their own conversations. Staff see events as they see
tickets (``tickets.selectors``): an administrator every one, a manager those of their
teams and those with no team, an agent those of their teams. The stream process applies
this to events in memory; the polling endpoints apply :func:`audience_condition` in SQL.
"""

from __future__ import annotations

from typing import Protocol

from django.db.models import Q

from cortesia.accounts.models import Role, User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.chat.tokens import StreamAudience
from cortesia.tickets.permissions import can_work_tickets


class Addressed(Protocol):
    @property
    def team_id(self) -> int | None: ...
    @property
    def visitor_id(self) -> int | None: ...
    @property
    def is_internal(self) -> bool: ...


def staff_audience(user: User) -> StreamAudience | None:
    """Return what ``user`` may follow, or None when their role works on no tickets."""
    if not can_work_tickets(user):
        return None
    return StreamAudience(
        user_id=user.pk,
        team_ids=frozenset(viewer_team_ids(user)),
        no_team=user.role == Role.MANAGER,
        everything=user.role == Role.ADMIN,
    )


def visitor_audience(visitor_id: int) -> StreamAudience:
    return StreamAudience(visitor_id=visitor_id)


def sees(audience: StreamAudience, event: Addressed) -> bool:
    if audience.visitor_id is not None:
        return event.visitor_id == audience.visitor_id and not event.is_internal
    if audience.everything:
        return True
    if event.team_id is None:
        return audience.no_team
    return event.team_id in audience.team_ids


def audience_condition(audience: StreamAudience) -> Q:
    """The condition of :func:`sees` on ChatEvent rows."""
    if audience.visitor_id is not None:
        return Q(visitor_id=audience.visitor_id, is_internal=False)
    if audience.everything:
        return Q()
    condition = Q(team_id__in=sorted(audience.team_ids))
    return condition | Q(team_id__isnull=True) if audience.no_team else condition
