"""Reads of staff accounts, teams and tokens, scoped by who asks."""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Prefetch, QuerySet, TextChoices
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy

from cortesia.accounts.models import (
    ApiToken,
    Role,
    SecurityPolicy,
    Team,
    TeamMembership,
    User,
)
from cortesia.accounts.permissions import (
    can_manage_staff,
    require_staff_manager,
    require_team_manager,
)
from cortesia.accounts.services import TOKEN_PREFIX, token_digest
from cortesia.core.actor import Actor
from cortesia.core.errors import NotFound

MANAGING_ROLES = frozenset({Role.ADMIN, Role.MANAGER})


def _parse_uid(uid: str, kind: str) -> uuid.UUID:
    try:
        return uuid.UUID(uid)
    except ValueError:
        raise NotFound(kind) from None


def user_list(*, viewer: User, include_inactive: bool = False) -> QuerySet[User]:
    """Return the staff a viewer may see: everyone for staff (colleagues are not secret).

    Deactivated users are left out unless ``include_inactive`` is asked for by someone who
    manages staff (they are the only ones who can reactivate them); others never see them.
    """
    if not viewer.is_active:
        return User.objects.none()
    if include_inactive and can_manage_staff(viewer):
        return User.objects.all()
    return User.objects.filter(is_active=True)


def user_get(*, viewer: User, uid: str, include_inactive: bool = False) -> User:
    """Return one user by public id, or raise NotFound (see :func:`user_list`)."""
    try:
        return user_list(viewer=viewer, include_inactive=include_inactive).get(
            uid=_parse_uid(uid, "user")
        )
    except User.DoesNotExist:
        raise NotFound("user") from None


class StaffStatus(TextChoices):
    """Which accounts the staff settings page lists."""

    ALL = "all", gettext_lazy("Everyone")
    ACTIVE = "active", gettext_lazy("Active")
    INACTIVE = "inactive", gettext_lazy("Deactivated")


def staff_directory(*, viewer: User, status: StaffStatus = StaffStatus.ALL) -> QuerySet[User]:
    """Return the staff accounts of the staff settings page, by name, with their teams
    prefetched (one extra query). Raise Forbidden unless ``viewer`` manages staff: only
    they see deactivated accounts (see :func:`user_list`)."""
    require_staff_manager(Actor(user=viewer))
    users = User.objects.prefetch_related(
        Prefetch("teams", queryset=Team.objects.order_by("name"))
    ).order_by(Lower("first_name"), Lower("last_name"), Lower("username"), "pk")
    if status == StaffStatus.ACTIVE:
        return users.filter(is_active=True)
    if status == StaffStatus.INACTIVE:
        return users.filter(is_active=False)
    return users


def staff_member_get(*, viewer: User, uid: str) -> User:
    """Return one account for its staff settings page, deactivated ones too, with its
    teams; raise Forbidden unless ``viewer`` manages staff, NotFound for an unknown id."""
    try:
        return staff_directory(viewer=viewer).get(uid=_parse_uid(uid, "user"))
    except User.DoesNotExist:
        raise NotFound("user") from None


def user_by_username(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


@lru_cache(maxsize=4)
def _two_factor_and_teams_sql(vendor: str) -> str:
    """The query of :func:`two_factor_required`, built once per database vendor."""
    quote = connection.ops.quote_name
    policy, membership = SecurityPolicy._meta, TeamMembership._meta
    # Names from the models' metadata; the viewer's id is a parameter.
    return (
        f"SELECT {quote(policy.get_field('require_two_factor').column)}, NULL"  # noqa: S608
        f" FROM {quote(policy.db_table)} WHERE {quote(policy.pk.column)} = 1"
        f" UNION ALL SELECT NULL, {quote(membership.get_field('team').column)}"
        f" FROM {quote(membership.db_table)}"
        f" WHERE {quote(membership.get_field('user').column)} = %s"
    )


def two_factor_required(*, viewer: User) -> bool:
    """Return the instance's "two-factor authentication required" switch (False while it
    was never set), and keep ``viewer``'s team ids for :func:`viewer_team_ids`.

    A staff page asks for the switch first and for the viewer's teams next, so one query
    (a UNION of the policy row and the viewer's memberships) answers both. It is written
    as SQL: the ORM took ten times as long to put this UNION together as the database to
    answer it."""
    required = False
    team_ids: list[int] = []
    with connection.cursor() as cursor:
        cursor.execute(_two_factor_and_teams_sql(connection.vendor), [viewer.pk])
        for flag, team_id in cursor.fetchall():
            if team_id is None:
                required = bool(flag)
            else:
                team_ids.append(team_id)
    if getattr(viewer, "_team_ids", None) is None:
        viewer._team_ids = sorted(team_ids)  # type: ignore[attr-defined]  # per-request cache
    return required


def viewer_team_ids(viewer: User) -> list[int]:
    """Return the ids of the viewer's teams, read once per user object (one request)."""
    cached: list[int] | None = getattr(viewer, "_team_ids", None)
    if cached is None:
        cached = list(viewer.teams.order_by("pk").values_list("pk", flat=True))
        viewer._team_ids = cached  # type: ignore[attr-defined]  # per-request cache
    return cached


def team_list(*, viewer: User) -> QuerySet[Team]:
    """Return teams with their members prefetched (one extra query per page)."""
    if not viewer.is_active:
        return Team.objects.none()
    return Team.objects.select_related("calendar").prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("username"))
    )


def team_directory(*, viewer: User) -> QuerySet[Team]:
    """Return the teams of the team settings pages, by name, with their calendar and
    member count (one query). Raise Forbidden unless ``viewer`` manages teams."""
    require_team_manager(Actor(user=viewer))
    return (
        Team.objects.select_related("calendar")
        .annotate(member_count=Count("members", distinct=True))
        .order_by(Lower("name"), "pk")
    )


def team_settings_get(*, viewer: User, uid: str) -> Team:
    """Return one team for its settings page, its members prefetched by name; raise
    Forbidden unless ``viewer`` manages teams, NotFound for an unknown id."""
    members = User.objects.order_by(Lower("first_name"), Lower("last_name"), Lower("username"))
    try:
        return (
            team_directory(viewer=viewer)
            .prefetch_related(Prefetch("members", queryset=members))
            .get(uid=_parse_uid(uid, "team"))
        )
    except Team.DoesNotExist:
        raise NotFound("team") from None


def team_member_candidates(*, viewer: User, team: Team) -> QuerySet[User]:
    """Return the active staff not yet in ``team``, by name, to add to it."""
    return (
        user_list(viewer=viewer)
        .exclude(teams=team)
        .order_by(Lower("first_name"), Lower("last_name"), Lower("username"))
    )


def team_choices(*, viewer: User) -> QuerySet[Team]:
    """Return the teams to choose from in a form, by name, without their members."""
    if not viewer.is_active:
        return Team.objects.none()
    return Team.objects.order_by("name")


def team_get(*, viewer: User, uid: str) -> Team:
    try:
        return team_list(viewer=viewer).get(uid=_parse_uid(uid, "team"))
    except Team.DoesNotExist:
        raise NotFound("team") from None


def token_authenticate(raw: str) -> ApiToken | None:
    """Return the active token for a raw bearer value, or None (unknown, revoked, inactive)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token


def token_by_prefix(*, prefix: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(prefix=prefix).first()
