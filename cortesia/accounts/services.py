"""Every write to staff accounts, teams and tokens. Each one checks the actor's role
(:mod:`cortesia.accounts.permissions`) and is audited.

Staff are deactivated, never deleted: the audit log keeps who did what. Deactivation
ends the user's sessions and revokes their API tokens at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import (
    ApiToken,
    Role,
    SecurityPolicy,
    Team,
    TeamMembership,
    TokenScope,
    User,
)
from cortesia.accounts.permissions import (
    require_self_or_staff_manager,
    require_staff_manager,
    require_team_manager,
)
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.calendars.models import Calendar
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError

TOKEN_PREFIX = "ctk_"  # noqa: S105 (a public marker, not a secret)
Action = AuditEvent.Action
Result = AuditEvent.Result


def token_digest(raw: str) -> str:
    """Return the stored digest of a raw token (tokens carry 256 random bits: no slow hash)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def _audit_user(
    action: AuditEvent.Action, user: User, actor: Actor, data: dict[str, JsonValue] | None = None
) -> None:
    audit_record(
        action=action,
        result=Result.OK,
        actor=actor,
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
        data=data,
    )


def _audit_team(
    action: AuditEvent.Action, team: Team, actor: Actor, data: dict[str, JsonValue] | None = None
) -> None:
    audit_record(
        action=action,
        result=Result.OK,
        actor=actor,
        object_type="team",
        object_uid=str(team.uid),
        object_label=team.name,
        data=data,
    )


def _full_clean(instance: User | Team) -> None:
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=["password"])
    except ValidationError as error:
        messages = [str(m) for field_errors in error.message_dict.values() for m in field_errors]
        raise DomainError(" ".join(messages), code="validation_error") from None


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    role: Role,
    actor: Actor,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    language: str = "",
    time_zone: str = "",
) -> User:
    """Create a staff user; without a password the user sets one through a reset link.

    Raises Forbidden unless the actor is an administrator (or the system).
    """
    require_staff_manager(actor)
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("A user with this username already exists."))
    user = User(
        username=username,
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        language=language,
        time_zone=time_zone,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    _full_clean(user)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    _audit_user(Action.USER_CREATE, user, actor, data={"role": role})
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    actor: Actor,
    role: Role | None = None,
    language: str | None = None,
    time_zone: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    is_active: bool | None = None,
) -> User:
    """Change the given fields of ``user``; a role change and (de)activation are audited on
    their own. Raises Forbidden unless the actor is an administrator (or the system), and
    Conflict when a person would deactivate themselves or leave no active administrator
    (see :func:`_require_admins_remain`)."""
    require_staff_manager(actor)
    _require_admins_remain(user=user, actor=actor, role=role, is_active=is_active)
    changes = {
        name: value
        for name, value in {
            "language": language,
            "time_zone": time_zone,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "is_active": is_active,
        }.items()
        if value is not None and getattr(user, name) != value
    }
    previous_role = user.role
    for name, value in changes.items():
        setattr(user, name, value)
    if role is not None and role != previous_role:
        user.role = role
        user.is_staff = user.is_superuser = role == Role.ADMIN
        changes.update({"role": role, "is_staff": user.is_staff, "is_superuser": user.is_staff})
    if not changes:
        return user
    _full_clean(user)
    user.save(update_fields=[*changes, "updated_at"])
    if "role" in changes:
        _audit_user(Action.ROLE_CHANGE, user, actor, data={"from": previous_role, "to": user.role})
    if "is_active" in changes:
        _activation_changed(user, actor)
    other = sorted(set(changes) - {"role", "is_staff", "is_superuser", "is_active"})
    if other:
        _audit_user(Action.USER_UPDATE, user, actor, data={"fields": list[JsonValue](other)})
    return user


def _require_admins_remain(
    *, user: User, actor: Actor, role: Role | None, is_active: bool | None
) -> None:
    """Refuse a person deactivating their own account, and any change by a person that
    would leave no active administrator (raises Conflict).

    The system actor (the command line) is not held to this: it is how an instance whose
    administrators are all gone is repaired. The other active administrators' rows are
    locked, so two administrators demoting each other at once cannot both succeed.
    """
    if actor.user is None:
        return
    deactivating = is_active is False and user.is_active
    if deactivating and actor.user.pk == user.pk:
        raise Conflict(_("You cannot deactivate your own account. Ask another administrator."))
    demoting = role is not None and role != Role.ADMIN
    if not (deactivating or demoting) or not (user.is_active and user.role == Role.ADMIN):
        return
    others = User.objects.select_for_update().filter(role=Role.ADMIN, is_active=True)
    if not [pk for pk in others.values_list("pk", flat=True) if pk != user.pk]:
        raise Conflict(
            _("This is the last active administrator. Make someone else an administrator first.")
        )


def _activation_changed(user: User, actor: Actor) -> None:
    if user.is_active:
        _audit_user(Action.USER_REACTIVATE, user, actor)
        return
    # Deactivation takes effect at once: sessions are deleted (not merely refused, so they
    # do not come back with a reactivation) and tokens are revoked.
    tokens = list(user.api_tokens.filter(revoked_at__isnull=True).values_list("uid", flat=True))
    ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    sessions = _sessions_end(user)
    _audit_user(
        Action.USER_DEACTIVATE,
        user,
        actor,
        data={"tokens_revoked": [str(uid) for uid in tokens], "sessions_ended": sessions},
    )


def _sessions_end(user: User) -> int:
    """Delete the user's signed-in sessions and return how many there were.

    Sessions are stored signed, not indexed by user: each live one is read. This runs only
    when someone is deactivated. Each one is deleted through the configured session
    store, so a copy kept in the cache (the ``cached_db`` engine used with Redis) goes too
    and cannot come back with a reactivation.
    """
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    store: type[SessionBase] = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in ended:
        store().delete(session_key)
    return len(ended)


def user_set_language(*, user: User, language: str) -> None:
    """Remember the interface language a user picked in the switcher (not audited)."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language", "updated_at"])


def clean_skills(skills: list[str]) -> list[str]:
    """Return skills trimmed, lower-cased, without repeats; empty ones dropped."""
    return list(dict.fromkeys(" ".join(skill.split()).lower() for skill in skills if skill.strip()))


@transaction.atomic
def team_create(
    *,
    name: str,
    languages: list[str],
    time_zone: str,
    actor: Actor,
    skills: list[str] | None = None,
) -> Team:
    """Create a team; names are unique (case-insensitively). Admins and managers only."""
    require_team_manager(actor)
    if Team.objects.filter(name__iexact=name).exists():
        raise Conflict(_("A team with this name already exists."))
    team = Team(
        name=name, languages=languages, time_zone=time_zone, skills=clean_skills(skills or [])
    )
    _full_clean(team)
    team.save()
    _audit_team(
        Action.TEAM_CREATE,
        team,
        actor,
        data={"languages": list[JsonValue](languages), "time_zone": time_zone},
    )
    return team


@transaction.atomic
def team_update(
    *,
    team: Team,
    actor: Actor,
    name: str | None = None,
    languages: list[str] | None = None,
    time_zone: str | None = None,
    skills: list[str] | None = None,
) -> Team:
    """Change the given fields of ``team``. Admins and managers only."""
    require_team_manager(actor)
    changes: dict[str, str | list[str]] = {
        key: value
        for key, value in {
            "name": name,
            "languages": languages,
            "time_zone": time_zone,
            "skills": clean_skills(skills) if skills is not None else None,
        }.items()
        if value is not None and getattr(team, key) != value
    }
    if not changes:
        return team
    if name is not None and Team.objects.filter(name__iexact=name).exclude(pk=team.pk).exists():
        raise Conflict(_("A team with this name already exists."))
    for key, value in changes.items():
        setattr(team, key, value)
    _full_clean(team)
    team.save(update_fields=[*changes, "updated_at"])
    _audit_team(Action.TEAM_UPDATE, team, actor, data={"fields": list[JsonValue](sorted(changes))})
    return team


@transaction.atomic
def team_set_calendar(*, team: Team, calendar: Calendar | None, actor: Actor) -> Team:
    """Give ``team`` a business calendar (its SLA clocks and shifts follow it), or none.
    Admins and managers only."""
    require_team_manager(actor)
    if team.calendar_id == (calendar.pk if calendar else None):
        return team
    team.calendar = calendar
    team.save(update_fields=["calendar", "updated_at"])
    _audit_team(
        Action.TEAM_UPDATE, team, actor, data={"calendar": str(calendar.uid) if calendar else None}
    )
    return team


@transaction.atomic
def team_member_add(*, team: Team, user: User, actor: Actor) -> bool:
    """Add ``user`` to ``team``; return False when already a member (nothing changes).
    Admins and managers only."""
    require_team_manager(actor)
    try:
        with transaction.atomic():
            TeamMembership.objects.create(team=team, user=user)
    except IntegrityError:
        return False
    _audit_team(Action.TEAM_MEMBER_ADD, team, actor, data={"user": str(user.uid)})
    return True


@transaction.atomic
def team_member_remove(*, team: Team, user: User, actor: Actor) -> bool:
    """Remove ``user`` from ``team``; return False when not a member (nothing changes).
    Admins and managers only."""
    require_team_manager(actor)
    deleted, _rows = TeamMembership.objects.filter(team=team, user=user).delete()
    if not deleted:
        return False
    _audit_team(Action.TEAM_MEMBER_REMOVE, team, actor, data={"user": str(user.uid)})
    return True


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def token_create(*, user: User, scope: TokenScope, actor: Actor, name: str = "") -> IssuedToken:
    """Issue a new API token for ``user``; the raw value is returned once and not stored.
    Users issue their own tokens; administrators anyone's."""
    require_self_or_staff_manager(actor, user)
    if not user.is_active:
        raise DomainError(_("Tokens cannot be issued for a deactivated user."))
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, scope=scope, name=name, prefix=prefix, digest=token_digest(raw)
    )
    audit_record(
        action=Action.TOKEN_CREATE,
        result=Result.OK,
        actor=actor,
        object_type="token",
        object_uid=str(token.uid),
        object_label=f"{prefix} ({user.username})",
        data={"scope": scope},
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: Actor) -> bool:
    """Revoke ``token`` at once; return False when it was already revoked.
    Users revoke their own tokens; administrators anyone's."""
    require_self_or_staff_manager(actor, token.user)
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if changed != 1:
        return False
    audit_record(
        action=Action.TOKEN_REVOKE,
        result=Result.OK,
        actor=actor,
        object_type="token",
        object_uid=str(token.uid),
        object_label=token.prefix,
    )
    return True


def token_touch(*, token: ApiToken) -> None:
    """Record use of ``token``, at most once a minute, to keep reads from writing."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def security_policy_get() -> SecurityPolicy:
    policy, _created = SecurityPolicy.objects.get_or_create(pk=1)
    return policy


@transaction.atomic
def security_policy_set_two_factor(*, required: bool, actor: Actor) -> SecurityPolicy:
    """Make two-factor authentication mandatory (or optional) for all staff."""
    require_staff_manager(actor)
    policy = security_policy_get()
    if policy.require_two_factor != required:
        policy.require_two_factor = required
        policy.save(update_fields=["require_two_factor", "updated_at"])
        audit_record(
            action=Action.TWO_FACTOR_POLICY,
            result=Result.OK,
            actor=actor,
            object_type="policy",
            data={"require_two_factor": required},
        )
    return policy
