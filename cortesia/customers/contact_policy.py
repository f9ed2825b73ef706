"""Changing the business's contact window: the local hours every customer may be written
to unprompted (surveys today, campaigns later), and the zone and country used for a
customer who has neither. Administrators and managers change it; each change writes an
audit row. A customer's own contact hours (profile) still override the window.
"""

from __future__ import annotations

from datetime import time

from django.db import transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.errors import Forbidden
from cortesia.customers.contact_window import contact_policy
from cortesia.customers.models import ContactPolicy
from cortesia.customers.validation import ProfileCheck, check_country, check_time_zone

POLICY_MANAGERS = frozenset({Role.ADMIN, Role.MANAGER})
AUDIT_OBJECT_TYPE = "contact_policy"


def can_manage_contact_policy(user: object) -> bool:
    return isinstance(user, User) and user.is_active and user.role in POLICY_MANAGERS


def _check(window_start: time, window_end: time, zone: str, country: str) -> str:
    check = ProfileCheck()
    if window_start >= window_end:
        check.fail(
            "window_end",
            _("The window ends after it starts, on the same day (for example 09:00 to 19:00)."),
        )
    zone_check = ProfileCheck()
    check_time_zone(zone_check, zone)
    if zone_check.errors:
        check.fail("default_time_zone", zone_check.errors["time_zone"])
    code = check_country(check, "default_country", country)
    check.raise_if_any()
    return code


@transaction.atomic
def contact_policy_set(
    *,
    window_start: time,
    window_end: time,
    default_time_zone: str,
    default_country: str,
    actor: Actor,
) -> ContactPolicy:
    """Change the contact window; return it. Raises Forbidden (not an administrator or a
    manager) or FieldErrors (a window that ends before it starts, an unknown zone or
    country). Writes an audit row naming the fields changed, none when nothing did."""
    if actor.user is not None and not can_manage_contact_policy(actor.user):
        raise Forbidden(_("Only administrators and managers change the contact window."))
    zone = default_time_zone.strip()
    country = _check(window_start, window_end, zone, default_country)
    policy = contact_policy()
    policy = ContactPolicy.objects.select_for_update().get(pk=policy.pk)
    values: dict[str, object] = {
        "window_start": window_start.replace(second=0, microsecond=0),
        "window_end": window_end.replace(second=0, microsecond=0),
        "default_time_zone": zone,
        "default_country": country,
    }
    changed = [name for name, value in values.items() if getattr(policy, name) != value]
    if not changed:
        return policy
    before: dict[str, JsonValue] = {name: str(getattr(policy, name)) for name in changed}
    for name in changed:
        setattr(policy, name, values[name])
    policy.save(update_fields=[*changed, "updated_at"])
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_label=str(policy),
        data={
            "change": "changed",
            "before": before,
            "after": {name: str(values[name]) for name in changed},
        },
    )
    return policy
