"""Writing the audit log."""

from __future__ import annotations

from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


def _clean(value: str, length: int) -> str:
    # CR/LF and other control characters never reach the log verbatim: they could forge
    # lines in an export or a syslog forwarder.
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in value)[:length]


def audit_record(
    *,
    action: AuditEvent.Action,
    result: AuditEvent.Result,
    actor: Actor,
    object_type: str = "",
    object_uid: str = "",
    object_label: str = "",
    data: dict[str, JsonValue] | None = None,
) -> AuditEvent:
    """Append one event to the audit log and return it.

    ``actor.user`` is ``None`` for the system or for an unknown account (failed sign-in).
    The actor's username, uid and display name are copied into the row as they are now, so
    the row never needs to change when the account does.
    """
    user = actor.user
    return AuditEvent.objects.create(
        actor=user,
        actor_label=_clean(user.get_username(), 150) if user is not None else "",
        actor_uid=user.uid if user is not None else None,
        actor_name=_clean(user.display_name, 300) if user is not None else "",
        client_ip=actor.client_ip or None,
        action=action,
        result=result,
        object_type=object_type,
        object_uid=object_uid,
        object_label=_clean(object_label, 200),
        data=data or {},
    )
