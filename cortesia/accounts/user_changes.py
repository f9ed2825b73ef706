"""One person's staff page saved at once: role, language, time zone and teams.

Each part goes through the service that owns it (``user_update`` for the account,
``team_member_add``/``team_member_remove`` for the teams), in one transaction, so a
refusal of any part leaves everything as it was and every change has its audit row.
"""

from __future__ import annotations

from django.db import transaction

from cortesia.accounts.models import Role, Team, User
from cortesia.accounts.permissions import require_staff_manager
from cortesia.accounts.services import team_member_add, team_member_remove, user_update
from cortesia.core.actor import Actor


@transaction.atomic
def user_change(
    *,
    user: User,
    actor: Actor,
    role: Role,
    language: str,
    time_zone: str,
    teams: list[Team],
) -> User:
    """Give ``user`` this role, language, time zone and exactly these teams
    (administrators). Raises what ``user_update`` raises, e.g. Conflict when the last
    active administrator would lose the role; nothing changes then."""
    require_staff_manager(actor)
    user = user_update(user=user, actor=actor, role=role, language=language, time_zone=time_zone)
    current = {team.pk: team for team in user.teams.all()}
    wanted = {team.pk: team for team in teams}
    for pk in sorted(set(current) - set(wanted)):
        team_member_remove(team=current[pk], user=user, actor=actor)
    for pk in sorted(set(wanted) - set(current)):
        team_member_add(team=wanted[pk], user=user, actor=actor)
    return user
