"""Writes of agents' shifts, leave and languages and of teams' assignment settings.

Administrators and managers change anyone's; an agent may change their own shifts,
languages and skills. Every change writes one audit row per agent or team changed, in the
same transaction; a write that changes nothing writes none.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cortesia.accounts.models import Team, User
from cortesia.accounts.services import clean_skills
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import require_choice
from cortesia.core.errors import FieldErrors, Forbidden, NotFound
from cortesia.customers.validation import ProfileCheck, check_language
from cortesia.tickets.models import AgentLeave, AgentProfile, AgentShift, TeamRouting
from cortesia.tickets.routing_admin import can_change_routing

LONGEST_LEAVE = timedelta(days=366)


@dataclass(frozen=True)
class ShiftData:
    weekday: int
    starts: time
    ends: time


def _require_lead_or_self(actor: Actor, user: User | None = None) -> None:
    if actor.user is None or can_change_routing(actor.user):
        return
    if user is None or actor.user.pk != user.pk:
        raise Forbidden(_("Only administrators, managers and the agent themself change this."))


def _require_lead(actor: Actor) -> None:
    if actor.user is not None and not can_change_routing(actor.user):
        raise Forbidden(_("Only administrators and managers change this."))


def _audit(actor: Actor, subject: User | Team, data: dict[str, JsonValue]) -> None:
    label = subject.get_username() if isinstance(subject, User) else subject.name
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="user" if isinstance(subject, User) else "team",
        object_uid=str(subject.uid),
        object_label=label,
        data=data,
    )


def agent_profile_of(user: User) -> AgentProfile:
    """The agent's routing profile (an unsaved empty one when none was ever set)."""
    return AgentProfile.objects.filter(user=user).first() or AgentProfile(user=user)


def team_routing_of(team: Team) -> TeamRouting:
    """The team's assignment settings (the defaults, unsaved, when none were ever set)."""
    return TeamRouting.objects.filter(team=team).first() or TeamRouting(team=team)


def shifts_of_user(user: User) -> list[AgentShift]:
    return list(AgentShift.objects.filter(user=user).order_by("weekday", "starts"))


def _pattern(shifts: list[AgentShift] | list[ShiftData]) -> list[JsonValue]:
    texts: list[JsonValue] = [f"{s.weekday} {s.starts:%H:%M}-{s.ends:%H:%M}" for s in shifts]
    return sorted(texts, key=str)


def _replace(
    user: User, shifts: list[ShiftData], actor: Actor, extra: dict[str, JsonValue]
) -> bool:
    """Make ``shifts`` the user's week; return whether anything changed (then audited)."""
    before = _pattern(shifts_of_user(user))
    after = _pattern(shifts)
    if before == after:
        return False
    AgentShift.objects.filter(user=user).delete()
    AgentShift.objects.bulk_create(
        [AgentShift(user=user, weekday=s.weekday, starts=s.starts, ends=s.ends) for s in shifts]
    )
    _audit(actor, user, {"shifts": [before, after], **extra})
    return True


@transaction.atomic
def shifts_replace(*, user: User, shifts: list[ShiftData], actor: Actor) -> list[AgentShift]:
    """Make ``shifts`` the agent's weekly shifts (in the agent's time zone). Raises
    Forbidden or FieldErrors (``shifts.<index>``: a bad weekday, or one that does not
    start before it ends)."""
    _require_lead_or_self(actor, user)
    errors = {
        f"shifts.{index}": _(
            "A shift needs a weekday from 0 (Monday) to 6 and starts before it ends."
        )
        for index, shift in enumerate(shifts)
        if not 0 <= shift.weekday <= 6 or shift.starts >= shift.ends
    }
    if errors:
        raise FieldErrors(errors)
    _replace(user, shifts, actor, {})
    return shifts_of_user(user)


@transaction.atomic
def shifts_copy(*, source: User, team: Team, targets: list[User], actor: Actor) -> int:
    """Give each of ``targets`` the weekly shifts of ``source`` (all in ``team``); return
    how many agents changed. All or nothing. Raises Forbidden, or FieldErrors
    (``targets``) when nobody is chosen or someone is not in the team."""
    _require_lead(actor)
    members = set(team.members.values_list("pk", flat=True))
    others = [user for user in targets if user.pk != source.pk]
    if not others:
        raise FieldErrors({"targets": _("Choose at least one other agent of the team.")})
    if source.pk not in members or any(user.pk not in members for user in others):
        raise FieldErrors({"targets": _("Copy a week only between agents of the same team.")})
    pattern = [ShiftData(s.weekday, s.starts, s.ends) for s in shifts_of_user(source)]
    origin: dict[str, JsonValue] = {"copied_from": str(source.uid)}
    return sum(_replace(user, pattern, actor, origin) for user in others)


@dataclass(frozen=True)
class LeaveData:
    first_day: date
    last_day: date
    reason: str = ""


def leave_list(*, user: User, since: date | None = None) -> list[AgentLeave]:
    """The agent's leave ending on or after ``since`` (all without), earliest first."""
    leave = AgentLeave.objects.filter(user=user)
    if since is not None:
        leave = leave.filter(last_day__gte=since)
    return list(leave.order_by("first_day", "last_day"))


def leave_get(*, viewer: User, uid: str) -> AgentLeave:
    """Return one leave span for those who manage leave; NotFound for anyone else."""
    try:
        if not can_change_routing(viewer):
            raise AgentLeave.DoesNotExist
        return AgentLeave.objects.select_related("user").get(uid=uuid.UUID(str(uid)))
    except (ValueError, AgentLeave.DoesNotExist):
        raise NotFound("leave") from None


def _check_leave(data: LeaveData) -> LeaveData:
    reason = " ".join(data.reason.split())
    errors: dict[str, str] = {}
    if data.last_day < data.first_day:
        errors["last_day"] = _("The last day cannot come before the first day.")
    elif data.last_day - data.first_day >= LONGEST_LEAVE:
        errors["last_day"] = _("Record leave of at most a year at a time.")
    if len(reason) > 200:
        errors["reason"] = _("Give a reason of at most 200 characters.")
    if errors:
        raise FieldErrors(errors)
    return LeaveData(data.first_day, data.last_day, reason)


@transaction.atomic
def leave_create(*, user: User, data: LeaveData, actor: Actor) -> AgentLeave:
    """Record that ``user`` is away from the first to the last day (their local dates).

    The same span sent twice returns the first row (a double click records it once).
    Raises Forbidden, or FieldErrors for a bad span, a long reason or a span that
    overlaps other leave of the agent."""
    _require_lead(actor)
    data = _check_leave(data)
    span = Q(user=user, first_day=data.first_day, last_day=data.last_day)
    if (same := AgentLeave.objects.filter(span).first()) is not None:
        return same
    overlap = AgentLeave.objects.filter(
        user=user, first_day__lte=data.last_day, last_day__gte=data.first_day
    ).exists()
    if overlap:
        raise FieldErrors({"first_day": _("This agent already has leave on some of these days.")})
    try:
        with transaction.atomic():
            leave = AgentLeave.objects.create(
                user=user, first_day=data.first_day, last_day=data.last_day, reason=data.reason
            )
    except IntegrityError:  # the same span recorded meanwhile by another request
        return AgentLeave.objects.get(span)
    _audit(actor, user, {"leave": [str(data.first_day), str(data.last_day)], "created": True})
    return leave


@transaction.atomic
def leave_delete(*, leave: AgentLeave, actor: Actor) -> None:
    """Remove a leave span. Raises Forbidden, or NotFound when it is already gone."""
    _require_lead(actor)
    deleted, _rows = AgentLeave.objects.filter(pk=leave.pk).delete()
    if not deleted:
        raise NotFound("leave")
    span: list[JsonValue] = [str(leave.first_day), str(leave.last_day)]
    _audit(actor, leave.user, {"leave": span, "deleted": True})


def _profile_set(user: User, field: str, values: list[str], actor: Actor) -> AgentProfile:
    profile = AgentProfile.objects.select_for_update().filter(user=user).first()
    before: list[str] = getattr(profile, field) if profile else []
    profile, _created = AgentProfile.objects.update_or_create(user=user, defaults={field: values})
    if before != values:
        _audit(actor, user, {field: [list(before), list(values)]})
    return profile


@transaction.atomic
def agent_languages_set(*, user: User, languages: list[str], actor: Actor) -> AgentProfile:
    """Set the languages the agent answers in (empty: their teams' languages). Raises
    Forbidden or FieldErrors (``languages``)."""
    _require_lead_or_self(actor, user)
    check = ProfileCheck()
    cleaned = [check_language(check, code).lower() for code in languages]
    if "language" in check.errors:
        raise FieldErrors({"languages": check.errors["language"]})
    return _profile_set(user, "languages", list(dict.fromkeys(c for c in cleaned if c)), actor)


@transaction.atomic
def agent_skills_set(*, user: User, skills: list[str], actor: Actor) -> AgentProfile:
    """Set what the agent can handle (empty: their team's skills)."""
    _require_lead_or_self(actor, user)
    return _profile_set(user, "skills", clean_skills(skills), actor)


@transaction.atomic
def team_assignment_set(
    *, team: Team, assignment: str, return_on_shift_end: bool, actor: Actor
) -> TeamRouting:
    """Set how the team hands new tickets to its agents. Raises Forbidden or FieldErrors."""
    _require_lead_or_self(actor)
    require_choice(assignment, TeamRouting.Assignment.values, "assignment")
    before = TeamRouting.objects.select_for_update().filter(team=team).first()
    routing, _created = TeamRouting.objects.update_or_create(
        team=team,
        defaults={"assignment": assignment, "return_on_shift_end": return_on_shift_end},
    )
    was = (before.assignment, before.return_on_shift_end) if before else None
    if was != (assignment, return_on_shift_end):
        _audit(
            actor,
            team,
            {
                "assignment": [was[0] if was else None, assignment],
                "return_on_shift_end": [was[1] if was else None, return_on_shift_end],
            },
        )
    return routing


@transaction.atomic
def agent_profile_set(
    *, user: User, languages: list[str], skills: list[str], actor: Actor
) -> AgentProfile:
    """Set the agent's languages and skills together (one page saves both): all or
    nothing. Raises Forbidden or FieldErrors (``languages``)."""
    agent_languages_set(user=user, languages=languages, actor=actor)
    return agent_skills_set(user=user, skills=skills, actor=actor)
