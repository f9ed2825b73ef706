"""The append-only security audit log."""

from __future__ import annotations

import uuid
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAppendOnlyError(RuntimeError):
    """Audit events are never changed or deleted by the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditAppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One security-relevant action: who, from where, what, on which object, with what result.

    Rows are inserted by :func:`cortesia.audit.services.audit_record` and never updated:
    the queryset refuses ``update``/``delete`` and a database trigger refuses ``UPDATE``.
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Sign-in")
        LOGIN_2FA = "login_2fa", _("Sign-in, second step")
        LOGOUT = "logout", _("Sign-out")
        PASSWORD_RESET_REQUEST = "password_reset_request", _("Password reset requested")
        PASSWORD_CHANGE = "password_change", _("Password changed")
        TWO_FACTOR_ENABLE = "2fa_enable", _("Two-factor authentication turned on")
        TWO_FACTOR_DISABLE = "2fa_disable", _("Two-factor authentication turned off")
        TWO_FACTOR_POLICY = "2fa_policy", _("Two-factor requirement changed")
        USER_CREATE = "user_create", _("User created")
        USER_UPDATE = "user_update", _("User changed")
        USER_DEACTIVATE = "user_deactivate", _("User deactivated")
        USER_REACTIVATE = "user_reactivate", _("User reactivated")
        ROLE_CHANGE = "role_change", _("Role changed")
        TEAM_CREATE = "team_create", _("Team created")
        TEAM_UPDATE = "team_update", _("Team changed")
        TEAM_MEMBER_ADD = "team_member_add", _("Team member added")
        TEAM_MEMBER_REMOVE = "team_member_remove", _("Team member removed")
        TOKEN_CREATE = "token_create", _("API token created")
        TOKEN_REVOKE = "token_revoke", _("API token revoked")
        CALENDAR_CREATE = "calendar_create", _("Business calendar created")
        CALENDAR_UPDATE = "calendar_update", _("Business calendar changed")
        ATTACHMENT_OVERRIDE = "attachment_override", _("Infected file downloaded despite the block")
        SETTING_CHANGE = "setting_change", _("Setting changed")
        TWO_FACTOR_RESTART = "2fa_restart", _("Two-factor setup started again with a new key")

    class Result(models.TextChoices):
        OK = "ok", _("Succeeded")
        FAILED = "failed", _("Failed")
        DENIED = "denied", _("Refused")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    # PROTECT: a row never changes, so deleting its actor must not null it (SET_NULL is an
    # UPDATE, which the trigger refuses) nor delete it (CASCADE would erase evidence). Staff
    # are deactivated instead; the uid and name below keep who acted, as they were then.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("actor username"), max_length=150, blank=True)
    actor_uid = models.UUIDField(_("actor id"), null=True, blank=True)
    actor_name = models.CharField(_("actor name"), max_length=300, blank=True)
    client_ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_uid = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action} {self.result}"
