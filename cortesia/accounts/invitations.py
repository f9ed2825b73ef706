"""Inviting people onto the staff: create, resend, revoke and accept an invitation.

Why the account is made only at acceptance: staff accounts are never deleted (the audit
log keeps who did what). An account made when the invitation is sent would stay forever
for every revoked, expired or mistyped invitation, would sit among the deactivated staff
and would hold on to its address. So an invitation is a row of its own until the invitee
sets a password; then, in one transaction, the account is made with the invitation's
role, language and teams, and the invitation is closed.

The link's token carries 256 random bits; only its SHA-256 digest is stored. The token is
made by the mail task, in the worker, so it never sits in the task queue either: creating
or resending an invitation empties the digest (an older link stops working at once) and
queues the mail, which issues the new token. A link works once, for seven days.

Every change is audited in its transaction. The audit log has no action of its own for
invitations: sending, resending and revoking one are recorded as a setting change on the
object type "invitation" (``data["change"]`` says which), and accepting one as the
creation of the user, naming the invitation.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import (
    INVITATION_LIFETIME,
    Invitation,
    Role,
    Team,
    TeamMembership,
    User,
)
from cortesia.accounts.permissions import require_staff_manager
from cortesia.accounts.services import token_digest
from cortesia.accounts.tasks import send_invitation
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import require_choice
from cortesia.core.enqueue import enqueue_after_commit
from cortesia.core.errors import Conflict, FieldErrors, NotFound

AUDIT_OBJECT_TYPE = "invitation"
# What ``secrets.token_urlsafe(32)`` makes: 43 characters of the URL-safe alphabet.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
Action = AuditEvent.Action


@dataclass(frozen=True)
class InvitationData:
    email: str
    role: str
    language: str
    first_name: str = ""
    last_name: str = ""
    teams: list[Team] = field(default_factory=list)


def _audit(
    invitation: Invitation, actor: Actor, change: str, data: dict[str, JsonValue] | None = None
) -> None:
    audit_record(
        action=Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(invitation.uid),
        object_label=invitation.email,
        data={"change": change, **(data or {})},
    )


def _open() -> Q:
    return Q(accepted_at__isnull=True, revoked_at__isnull=True)


def _email_taken(email: str) -> bool:
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


def _validate(data: InvitationData) -> str:
    """Return the address to invite, cleaned; raise FieldErrors for a taken one or one
    that cannot be a username."""
    require_choice(data.role, Role.values, "role")
    require_choice(data.language, [code for code, _name in settings.LANGUAGES], "language")
    email = data.email.strip()
    try:  # the address becomes the username: refuse now what acceptance would refuse
        User.username_validator(email.lower())
    except ValidationError:
        raise FieldErrors(
            {
                "email": _(
                    "This address cannot be a username. Use one with only letters, digits"
                    " and @ . + - _ characters."
                )
            }
        ) from None
    if _email_taken(email):
        raise FieldErrors({"email": _("A staff account already uses this e-mail address.")})
    return email


@transaction.atomic
def invitation_create(*, data: InvitationData, actor: Actor) -> Invitation:
    """Invite ``data.email`` to the staff and queue the invitation mail (administrators).

    Raises FieldErrors when a staff account already uses the address (as its e-mail or
    username) or when it already has an open, unexpired invitation: a second submission
    of the same form creates nothing. An expired open invitation of the address is
    revoked and replaced.
    """
    require_staff_manager(actor)
    email = _validate(data)
    now = timezone.now()
    previous = Invitation.objects.select_for_update().filter(_open(), email__iexact=email)
    if previous.filter(expires_at__gt=now).exists():
        raise FieldErrors({"email": _("This address has an open invitation already.")})
    for expired in previous:
        Invitation.objects.filter(pk=expired.pk).update(revoked_at=now, digest=None)
        _audit(expired, actor, "revoke", {"reason": "expired"})
    invitation = Invitation(
        email=email,
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        role=data.role,
        language=data.language,
        invited_by=actor.user,
        expires_at=now + INVITATION_LIFETIME,
    )
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:  # the same address, invited by a request running alongside
        raise FieldErrors({"email": _("This address has an open invitation already.")}) from None
    invitation.teams.set(data.teams)
    team_uids: list[JsonValue] = [str(team.uid) for team in data.teams]
    _audit(invitation, actor, "create", {"role": data.role, "teams": team_uids})
    enqueue_after_commit(send_invitation, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: Actor) -> Invitation:
    """Mail ``invitation`` again with a new link valid for seven more days; the previous
    link stops working at once (administrators). Raises Conflict when it was accepted
    or revoked meanwhile."""
    require_staff_manager(actor)
    expires_at = timezone.now() + INVITATION_LIFETIME
    changed = Invitation.objects.filter(_open(), pk=invitation.pk).update(
        digest=None, expires_at=expires_at, updated_at=timezone.now()
    )
    if changed != 1:
        raise Conflict(_("This invitation was accepted or revoked meanwhile."))
    invitation.digest, invitation.expires_at = None, expires_at
    _audit(invitation, actor, "resend")
    enqueue_after_commit(send_invitation, invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: Actor) -> bool:
    """Close ``invitation`` so that its link stops working (administrators); return False
    when it was already accepted or revoked (nothing changes, nothing is audited)."""
    require_staff_manager(actor)
    now = timezone.now()
    changed = Invitation.objects.filter(_open(), pk=invitation.pk).update(
        revoked_at=now, digest=None, updated_at=now
    )
    if changed != 1:
        return False
    invitation.revoked_at, invitation.digest = now, None
    _audit(invitation, actor, "revoke")
    return True


def invitation_token_issue(*, invitation_id: int) -> tuple[Invitation, str] | None:
    """Give the open, unexpired invitation a new link token and return it with the token,
    or None when it has one already (its mail went out), was closed or expired.

    Only the mail task calls this: a task run twice issues one token and one mail."""
    raw = secrets.token_urlsafe(32)
    issued = Invitation.objects.filter(
        _open(), pk=invitation_id, digest__isnull=True, expires_at__gt=timezone.now()
    ).update(digest=token_digest(raw))
    if issued != 1:
        return None
    invitation = Invitation.objects.select_related("invited_by").get(pk=invitation_id)
    return invitation, raw


def invitation_token_withdraw(*, invitation_id: int, raw: str) -> None:
    """Forget the token issued for a mail that could not be sent, so the task may retry."""
    Invitation.objects.filter(pk=invitation_id, digest=token_digest(raw)).update(digest=None)


def _usable(raw: str) -> QuerySet[Invitation]:
    """The open, unexpired invitation of a link token (none for a malformed token, which
    is refused before the database is asked)."""
    if not TOKEN_SHAPE.fullmatch(raw):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        _open(), digest=token_digest(raw), expires_at__gt=timezone.now()
    )


def invitation_by_token(raw: str) -> Invitation:
    """Return the invitation a link opens, with who sent it; raise NotFound for an
    unknown, malformed, used, revoked or expired link alike."""
    invitation = _usable(raw).select_related("invited_by").first()
    if invitation is None:
        raise NotFound("invitation")
    return invitation


def invitee_owing_two_factor(*, user_id: int) -> User | None:
    """Return the active account ``user_id`` while its second factor is not set up yet
    (the step after accepting an invitation when the policy asks for one), else None."""
    return User.objects.filter(pk=user_id, is_active=True, totp_enabled_at__isnull=True).first()


def invitation_list_open(*, viewer: User) -> QuerySet[Invitation]:
    """Return the invitations not yet accepted or revoked (expired ones too, to resend),
    newest first, with sender and teams (one extra query). Administrators only."""
    require_staff_manager(Actor(user=viewer))
    return (
        Invitation.objects.filter(_open())
        .select_related("invited_by")
        .prefetch_related("teams")
        .order_by("-created_at", "-pk")
    )


def invitation_team_choices(*, viewer: User) -> QuerySet[Team]:
    """Return the teams an invitation may name, by name (administrators only)."""
    require_staff_manager(Actor(user=viewer))
    return Team.objects.order_by("name")


def invitation_get(*, viewer: User, uid: str) -> Invitation:
    """Return one open invitation by public id, or raise NotFound (administrators only)."""
    try:
        return invitation_list_open(viewer=viewer).get(uid=uid)
    except (Invitation.DoesNotExist, ValidationError, ValueError):
        raise NotFound("invitation") from None


def invitation_prospect(invitation: Invitation) -> User:
    """Return the account ``invitation`` offers, unsaved: what the password validators
    compare a new password with (username, address, names)."""
    is_admin = invitation.role == Role.ADMIN
    return User(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        role=invitation.role,
        language=invitation.language,
        is_staff=is_admin,
        is_superuser=is_admin,
    )


def _new_user(invitation: Invitation, password: str) -> User:
    """Save the invitee's account, after Django's password validators accept ``password``
    (they compare it with the name and address too). Raises FieldErrors naming
    ``new_password1``, the password field of Django's forms."""
    user = invitation_prospect(invitation)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise FieldErrors({"new_password1": " ".join(error.messages)}) from None
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        messages = [str(m) for errors in error.message_dict.values() for m in errors]
        raise FieldErrors({"email": " ".join(messages)}) from None
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def invitation_accept(*, raw: str, password: str, client_ip: str | None = None) -> User:
    """Make the account the link ``raw`` offers, with ``password``, and close the
    invitation; return the new, active user (not signed in: the caller does that, after
    the second factor when the security policy asks for one).

    The user's role, language and teams are the invitation's; the new user is the actor
    of the audit rows (creating the account, joining each team). Raises NotFound for a
    link that does not work (unknown, used, revoked, expired: the same answer), Conflict
    when a staff account took the address meanwhile and FieldErrors for a password the
    validators refuse; nothing is written then.
    """
    # No join here: PostgreSQL locks no row on the nullable side of an outer join.
    invitation = _usable(raw).select_for_update().first()
    if invitation is None:
        raise NotFound("invitation")
    if _email_taken(invitation.email):
        raise Conflict(_("A staff account already uses this e-mail address. Sign in instead."))
    user = _new_user(invitation, password)
    now = timezone.now()
    closed = Invitation.objects.filter(_open(), pk=invitation.pk).update(
        accepted_at=now, digest=None, user=user, updated_at=now
    )
    if closed != 1:  # accepted by a request running alongside: undo this one
        raise NotFound("invitation")
    actor = Actor(user=user, client_ip=client_ip)
    inviter = invitation.invited_by
    audit_record(
        action=Action.USER_CREATE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
        data={
            "role": user.role,
            "invitation": str(invitation.uid),
            "invited_by": str(inviter.uid) if inviter else None,
        },
    )
    _join_teams(user, invitation, actor)
    return user


def _join_teams(user: User, invitation: Invitation, actor: Actor) -> None:
    for team in invitation.teams.order_by("name"):
        TeamMembership.objects.create(team=team, user=user)
        audit_record(
            action=Action.TEAM_MEMBER_ADD,
            result=AuditEvent.Result.OK,
            actor=actor,
            object_type="team",
            object_uid=str(team.uid),
            object_label=team.name,
            data={"user": str(user.uid), "invitation": str(invitation.uid)},
        )
