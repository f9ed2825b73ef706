"""REST endpoints for staff: ``/me``, ``/users``, ``/teams``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from cortesia.accounts.api_auth import api_user
from cortesia.accounts.models import Team, User
from cortesia.accounts.schemas import (
    TeamCreateIn,
    TeamMemberOut,
    TeamOut,
    TeamPageOut,
    TeamUpdateIn,
    UserCreateIn,
    UserOut,
    UserPageOut,
    UserUpdateIn,
)
from cortesia.accounts.selectors import team_get, team_list, user_get, user_list
from cortesia.accounts.services import (
    team_create,
    team_member_add,
    team_member_remove,
    team_set_calendar,
    team_update,
    user_create,
    user_update,
)
from cortesia.calendars.selectors import calendar_get
from cortesia.core.actor import Actor
from cortesia.core.pagination import DEFAULT_LIMIT, paginate

router = Router(tags=["accounts"])


def _user_out(user: User) -> UserOut:
    return UserOut.model_validate(user, from_attributes=True)


def _team_out(team: Team) -> TeamOut:
    return TeamOut(
        uid=team.uid,
        name=team.name,
        languages=list(team.languages),
        skills=list(team.skills),
        time_zone=team.time_zone,
        calendar=team.calendar.uid if team.calendar else None,
        members=[TeamMemberOut(uid=m.uid, username=m.username) for m in team.members.all()],
        created_at=team.created_at,
    )


@router.get("/me", response=UserOut, summary="The user behind the token")
def me(request: HttpRequest) -> UserOut:
    return _user_out(api_user(request))


@router.get(
    "/users",
    response=UserPageOut,
    summary="List staff users (deactivated ones too with include_inactive, for admins)",
)
def users_list(
    request: HttpRequest,
    cursor: Query[str | None] = None,
    limit: int = DEFAULT_LIMIT,
    include_inactive: bool = False,
) -> UserPageOut:
    users = user_list(viewer=api_user(request), include_inactive=include_inactive)
    page = paginate(users, cursor=cursor, limit=limit, serialize=_user_out)
    return UserPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/users", response={201: UserOut}, summary="Create a staff user (admins)")
def users_create(request: HttpRequest, payload: UserCreateIn) -> Status[UserOut]:
    user = user_create(actor=Actor.from_request(request), **payload.model_dump())
    return Status(201, _user_out(user))


@router.get("/users/{uid}", response=UserOut, summary="One staff user")
def users_get(request: HttpRequest, uid: str) -> UserOut:
    return _user_out(user_get(viewer=api_user(request), uid=uid))


@router.patch(
    "/users/{uid}",
    response=UserOut,
    summary="Change, deactivate or reactivate a staff user (admins)",
)
def users_update(request: HttpRequest, uid: str, payload: UserUpdateIn) -> UserOut:
    # Deactivated users are found too, so that they can be reactivated (admins only).
    user = user_get(viewer=api_user(request), uid=uid, include_inactive=True)
    user = user_update(
        user=user, actor=Actor.from_request(request), **payload.model_dump(exclude_unset=True)
    )
    return _user_out(user)


@router.get("/teams", response=TeamPageOut, summary="List teams with their members")
def teams_list(
    request: HttpRequest, cursor: Query[str | None] = None, limit: int = DEFAULT_LIMIT
) -> TeamPageOut:
    page = paginate(
        team_list(viewer=api_user(request)), cursor=cursor, limit=limit, serialize=_team_out
    )
    return TeamPageOut(items=list(page.items), next_cursor=page.next_cursor)


@router.post("/teams", response={201: TeamOut}, summary="Create a team (admins, managers)")
def teams_create(request: HttpRequest, payload: TeamCreateIn) -> Status[TeamOut]:
    team = team_create(actor=Actor.from_request(request), **payload.model_dump())
    return Status(201, _team_out(team_get(viewer=api_user(request), uid=str(team.uid))))


@router.get("/teams/{uid}", response=TeamOut, summary="One team")
def teams_get(request: HttpRequest, uid: str) -> TeamOut:
    return _team_out(team_get(viewer=api_user(request), uid=uid))


@router.patch("/teams/{uid}", response=TeamOut, summary="Change a team (admins, managers)")
def teams_update(request: HttpRequest, uid: str, payload: TeamUpdateIn) -> TeamOut:
    viewer = api_user(request)
    changes = payload.model_dump(exclude_unset=True)
    actor = Actor.from_request(request)
    team = team_get(viewer=viewer, uid=uid)
    if "calendar" in changes:
        calendar_uid = changes.pop("calendar")
        calendar = calendar_get(uid=str(calendar_uid)) if calendar_uid else None
        team_set_calendar(team=team, calendar=calendar, actor=actor)
    team = team_update(team=team, actor=actor, **changes)
    return _team_out(team_get(viewer=viewer, uid=str(team.uid)))


@router.put(
    "/teams/{uid}/members/{user_uid}",
    response=TeamOut,
    summary="Add a member to a team (admins, managers)",
)
def teams_member_add(request: HttpRequest, uid: str, user_uid: str) -> TeamOut:
    viewer = api_user(request)
    team = team_get(viewer=viewer, uid=uid)
    team_member_add(
        team=team, user=user_get(viewer=viewer, uid=user_uid), actor=Actor.from_request(request)
    )
    return _team_out(team_get(viewer=viewer, uid=uid))


@router.delete(
    "/teams/{uid}/members/{user_uid}",
    response=TeamOut,
    summary="Remove a member from a team (admins, managers)",
)
def teams_member_remove(request: HttpRequest, uid: str, user_uid: str) -> TeamOut:
    viewer = api_user(request)
    team = team_get(viewer=viewer, uid=uid)
    team_member_remove(
        team=team, user=user_get(viewer=viewer, uid=user_uid), actor=Actor.from_request(request)
    )
    return _team_out(team_get(viewer=viewer, uid=uid))
