"""Reads of the automations app, limited to what the viewer may see: the rules for
administrators and managers, the macros each person may use or change."""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.automations.models import Macro, TimedAutomation, Trigger
from cortesia.automations.permissions import (
    can_keep_macros,
    can_manage_automations,
    require_automation_manager,
)
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound


def trigger_list(*, viewer: User) -> QuerySet[Trigger]:
    """The triggers in the order they run. Raises Forbidden unless viewer manages them."""
    require_automation_manager(Actor(user=viewer))
    return Trigger.objects.order_by("position", "pk")


def automation_list(*, viewer: User) -> QuerySet[TimedAutomation]:
    require_automation_manager(Actor(user=viewer))
    return TimedAutomation.objects.order_by("position", "pk")


Row = TypeVar("Row", Trigger, TimedAutomation, Macro)


def _by_uid(rows: QuerySet[Row], uid: str) -> Row:
    try:
        return rows.get(uid=uuid.UUID(str(uid)))
    except (ValueError, rows.model.DoesNotExist):
        raise NotFound("automation") from None


def trigger_get(*, viewer: User, uid: str) -> Trigger:
    return _by_uid(trigger_list(viewer=viewer), uid)


def automation_get(*, viewer: User, uid: str) -> TimedAutomation:
    return _by_uid(automation_list(viewer=viewer), uid)


def macros_usable(*, viewer: User) -> QuerySet[Macro]:
    """The active macros ``viewer`` may apply: their own, their teams', everyone's."""
    if not can_keep_macros(viewer):
        return Macro.objects.none()
    shared = Q(owner__isnull=True, team__isnull=True)
    teams = Q(team__in=Team.objects.filter(members=viewer).values("pk"))
    return Macro.objects.filter(Q(owner=viewer) | teams | shared, is_active=True).order_by(
        "name", "pk"
    )


def macro_usable_get(*, viewer: User, uid: str) -> Macro:
    """A macro ``viewer`` may apply; NotFound for one they may not (or none)."""
    return _by_uid(macros_usable(viewer=viewer).select_related("canned"), uid)


def macros_editable(*, viewer: User) -> QuerySet[Macro]:
    """The macros ``viewer`` may change: their personal ones, and for administrators and
    managers every shared and team macro."""
    if not can_keep_macros(viewer):
        return Macro.objects.none()
    mine = Q(owner=viewer)
    if can_manage_automations(viewer):
        mine |= Q(owner__isnull=True)
    return (
        Macro.objects.filter(mine).select_related("team", "owner", "canned").order_by("name", "pk")
    )


def macro_editable_get(*, viewer: User, uid: str) -> Macro:
    return _by_uid(macros_editable(viewer=viewer), uid)


def macro_scopes(*, viewer: User) -> list[tuple[str, str]]:
    """Who a macro ``viewer`` saves may be for: only them; for administrators and
    managers also everyone or one team (by uid)."""
    scopes = [("me", str(_("Only me")))]
    if can_manage_automations(viewer):
        scopes.append(("all", str(_("Everyone"))))
        scopes += [
            (str(uid), name)
            for uid, name in Team.objects.order_by("name").values_list("uid", "name")
        ]
    return scopes
