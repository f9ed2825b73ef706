"""Who sees which numbers. The rules of the tickets: administrators see every team;
managers their teams and the tickets with no team yet; agents their teams' and their own.
Customer economics (orders, spend, CLTV, CAC) are the business's, not a team's:
administrators, managers and marketers see them; agents do not. Acquisition spend and the
report settings are changed by administrators and managers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.accounts.selectors import viewer_team_ids
from cortesia.core.errors import Forbidden

if TYPE_CHECKING:
    from cortesia.reports.engine import Metric

REPORT_READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT, Role.MARKETER})
ECONOMICS_READERS = frozenset({Role.ADMIN, Role.MANAGER, Role.MARKETER})
REPORT_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})


def _has_role(user: object, roles: frozenset[str]) -> bool:
    return isinstance(user, User) and user.is_active and user.role in roles


def can_view_reports(user: object) -> bool:
    return _has_role(user, REPORT_READERS)


def can_view_service_reports(user: object) -> bool:
    """Ticket and feedback numbers: staff who work tickets."""
    return _has_role(user, frozenset({Role.ADMIN, Role.MANAGER, Role.AGENT}))


def can_view_economics(user: object) -> bool:
    return _has_role(user, ECONOMICS_READERS)


def can_manage_reports(user: object) -> bool:
    """Change the report settings and the acquisition spend."""
    return _has_role(user, REPORT_MANAGERS)


def can_receive_weekly_report(user: object) -> bool:
    return _has_role(user, REPORT_MANAGERS)


def require_metric_access(viewer: User, metric: Metric) -> None:
    """Raise Forbidden unless ``viewer`` may read ``metric``."""
    from cortesia.reports.engine import Area

    allowed = (
        can_view_economics(viewer)
        if metric.area == Area.ECONOMICS
        else can_view_service_reports(viewer)
    )
    if not allowed:
        raise Forbidden(_("You may not see this report."))


def ticket_scope(viewer: User, prefix: str = "") -> Q:
    """The condition of the ticket facts ``viewer`` may count (``prefix`` reaches the fact
    from another row, e.g. ``"ticket__"`` from a moment)."""
    if not can_view_service_reports(viewer):
        return Q(pk__in=[])
    if viewer.role == Role.ADMIN:
        return Q()
    teams = Q(**{f"{prefix}team_id__in": viewer_team_ids(viewer)})
    if viewer.role == Role.MANAGER:
        return teams | Q(**{f"{prefix}team_id__isnull": True})
    return teams | Q(**{f"{prefix}assignee_id": viewer.pk})


def team_scope(viewer: User) -> Q | None:
    """:func:`ticket_scope` on rows that carry only a team id (0: no team), or None when
    the scope needs more than the team (an agent also sees their own tickets of other
    teams)."""
    if not can_view_service_reports(viewer):
        return Q(pk__in=[])
    if viewer.role == Role.ADMIN:
        return Q()
    if viewer.role == Role.MANAGER:
        return Q(team_id__in=viewer_team_ids(viewer)) | Q(team_id=0)
    return None
