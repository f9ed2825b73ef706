"""Time-based one-time passwords (RFC 6238): enrolment, verification, removal."""

from __future__ import annotations

import time

import pyotp
import segno
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cortesia.accounts.models import User
from cortesia.accounts.permissions import require_self_or_staff_manager
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden

ISSUER = "Cortesia"
STEP_SECONDS = 30
# One step either side absorbs clock drift between server and phone.
VALID_WINDOW = 1


def totp_begin(*, user: User) -> str:
    """Return the pending secret for ``user``, storing a fresh one only if there is none.

    The pending secret stays the same until it is confirmed or restarted with
    ``totp_restart``: a phone that scanned it keeps producing valid codes across page
    loads, wrong codes and second tabs. An active secret is left alone.
    """
    if user.has_two_factor or user.totp_secret:
        return user.totp_secret
    # Conditional update: two pages opened at once agree on one secret.
    User.objects.filter(pk=user.pk, totp_secret="", totp_enabled_at__isnull=True).update(
        totp_secret=pyotp.random_base32(), updated_at=timezone.now()
    )
    user.refresh_from_db(fields=["totp_secret", "totp_enabled_at", "updated_at"])
    return user.totp_secret


@transaction.atomic
def totp_restart(*, user: User, actor: Actor) -> str:
    """Replace the pending, unconfirmed secret of ``user`` with a new one and return it
    (only the user themselves, or the system), with an audit row. An active secret is
    left alone."""
    if actor.user is not None and actor.user.pk != user.pk:
        raise Forbidden(_("Only the user can set up their own two-factor authentication."))
    if user.has_two_factor:
        return user.totp_secret
    user.totp_secret = pyotp.random_base32()
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_last_step", "updated_at"])
    audit_record(
        action=AuditEvent.Action.TWO_FACTOR_RESTART,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
    )
    return user.totp_secret


def totp_provisioning_uri(*, user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.get_username(), issuer_name=ISSUER
    )


def totp_qr_svg(*, user: User) -> str:
    """Return the provisioning URI as an inline SVG QR code (no network, no files)."""
    return str(segno.make(totp_provisioning_uri(user=user), error="m").svg_inline(scale=4))


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now) // STEP_SECONDS
    for step in range(current - VALID_WINDOW, current + VALID_WINDOW + 1):
        if pyotp.utils.strings_equal(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def totp_verify(*, user: User, code: str, now: float | None = None) -> bool:
    """Return True if ``code`` is valid now and was not used before (codes are single-use)."""
    if not user.totp_secret:
        return False
    step = _matching_step(user.totp_secret, code, time.time() if now is None else now)
    if step is None:
        return False
    # Conditional update: two requests racing with the same code cannot both win.
    last = user.totp_last_step
    query = User.objects.filter(pk=user.pk)
    query = (
        query.filter(totp_last_step__lt=step)
        if last is not None
        else query.filter(totp_last_step__isnull=True)
    )
    if query.update(totp_last_step=step) != 1:
        return False
    user.totp_last_step = step
    return True


@transaction.atomic
def totp_confirm(*, user: User, code: str, actor: Actor) -> bool:
    """Activate two-factor authentication if ``code`` matches the pending secret (only the
    user themselves, or the system, can: the code comes from their phone)."""
    if actor.user is not None and actor.user.pk != user.pk:
        raise Forbidden(_("Only the user can turn on their own two-factor authentication."))
    if user.has_two_factor or not totp_verify(user=user, code=code):
        return False
    user.totp_enabled_at = timezone.now()
    user.save(update_fields=["totp_enabled_at", "updated_at"])
    audit_record(
        action=AuditEvent.Action.TWO_FACTOR_ENABLE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
    )
    return True


@transaction.atomic
def totp_disable(*, user: User, actor: Actor) -> None:
    """Turn two-factor authentication off for ``user`` (by the user or an administrator)."""
    require_self_or_staff_manager(actor, user)
    user.totp_secret = ""
    user.totp_enabled_at = None
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step", "updated_at"])
    audit_record(
        action=AuditEvent.Action.TWO_FACTOR_DISABLE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
    )
