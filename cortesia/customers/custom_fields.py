"""Admin-defined custom fields: their definitions and the checks every value passes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cortesia.accounts.models import Role, User
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import JsonValue, audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import Conflict, FieldErrors, Forbidden, NotFound
from cortesia.customers.models import Customer, CustomField
from cortesia.customers.validation import ProfileCheck

TEXT_MAX_LENGTH = 1000
CustomValue = str | int | float
AUDIT_OBJECT_TYPE = "custom_field"
FIELD_MANAGERS = frozenset({Role.ADMIN})


def can_manage_custom_fields(user: User) -> bool:
    """Define custom fields and change, deactivate or reactivate them."""
    return user.is_active and user.role in FIELD_MANAGERS


def custom_field_list(*, include_inactive: bool = False) -> list[CustomField]:
    fields = CustomField.objects.all()
    return list(fields if include_inactive else fields.filter(is_active=True))


def custom_field_get(*, uid: str) -> CustomField:
    try:
        return CustomField.objects.get(uid=uuid.UUID(str(uid)))
    except (ValueError, CustomField.DoesNotExist):
        raise NotFound("custom_field") from None


def _number(raw: object) -> int | float | None:
    if isinstance(raw, bool):
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def check_custom_value(definition: CustomField, raw: object) -> CustomValue:
    """Return the stored form of ``raw`` for this field, or raise ValueError with a message."""
    kind = definition.field_type
    if kind == CustomField.FieldType.NUMBER:
        number = _number(raw)
        if number is None:
            raise ValueError(_("%(value)s is not a number.") % {"value": raw})
        return number
    text = str(raw).strip()
    if kind == CustomField.FieldType.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(
                _("%(value)s is not a date in the form YYYY-MM-DD.") % {"value": raw}
            ) from None
    if kind == CustomField.FieldType.CHOICE:
        message = choice_error(text, definition.choices)
        if message is not None:
            raise ValueError(message)
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(_("Use at most %(count)d characters.") % {"count": TEXT_MAX_LENGTH})
    return text


def check_custom_fields(
    check: ProfileCheck, values: dict[str, object], current: dict[str, CustomValue]
) -> dict[str, CustomValue]:
    """Return ``current`` with ``values`` applied: a ``None`` or empty value removes a key,
    an unknown or inactive key or a badly typed value is a field error ``custom_fields.KEY``."""
    definitions = {field.key: field for field in custom_field_list()}
    merged = dict(current)
    for key, raw in values.items():
        name = f"custom_fields.{key}"
        definition = definitions.get(key)
        if definition is None:
            check.fail(name, _("There is no custom field %(key)s.") % {"key": key})
        elif raw is None or raw == "":
            merged.pop(key, None)
        else:
            try:
                merged[key] = check_custom_value(definition, raw)
            except ValueError as error:
                check.fail(name, str(error))
    return merged


@dataclass
class CustomFieldData:
    key: str | None = None
    label: str | None = None
    field_type: str | None = None
    choices: list[str] | None = None
    is_active: bool | None = None
    position: int | None = None


def _require_admin(actor: Actor) -> None:
    if actor.user is not None and not can_manage_custom_fields(actor.user):
        raise Forbidden(_("Only administrators can change custom fields."))


def _audit(field: CustomField, actor: Actor, data: dict[str, JsonValue]) -> None:
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(field.uid),
        object_label=field.key,
        data=data,
    )


def _state(field: CustomField) -> dict[str, JsonValue]:
    choices: list[JsonValue] = list(field.choices)
    return {
        "label": field.label,
        "choices": choices,
        "is_active": field.is_active,
        "position": field.position,
    }


def _checked_choices(check: ProfileCheck, field_type: str, choices: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(choice.strip() for choice in choices if choice.strip()))
    if field_type == CustomField.FieldType.CHOICE and not cleaned:
        check.fail("choices", _("A choice field needs at least one choice."))
    return cleaned if field_type == CustomField.FieldType.CHOICE else []


@transaction.atomic
def custom_field_create(*, data: CustomFieldData, actor: Actor) -> CustomField:
    """Define a new custom field. Raises Forbidden, FieldErrors or Conflict (key taken)."""
    _require_admin(actor)
    check = ProfileCheck()
    key = (data.key or "").strip()
    if not key or not key.isascii() or not key.replace("_", "").isalnum() or not key[0].isalpha():
        check.fail(
            "key", _("Use lower-case letters, digits and underscores, starting with a letter.")
        )
    key = key.lower()
    if not (data.label or "").strip():
        check.fail("label", _("Give the field a label."))
    if (message := choice_error(data.field_type, CustomField.FieldType.values)) is not None:
        check.fail("field_type", message)
    choices = _checked_choices(check, data.field_type or "", data.choices or [])
    check.raise_if_any()
    try:
        with transaction.atomic():
            field = CustomField.objects.create(
                key=key,
                label=(data.label or "").strip(),
                field_type=data.field_type or "",
                choices=choices,
                is_active=True if data.is_active is None else data.is_active,
                position=data.position or 0,
            )
    except IntegrityError:
        raise Conflict(
            _("A custom field with the key %(key)s already exists.") % {"key": key},
            code="duplicate_key",
        ) from None
    _audit(field, actor, {"change": "created", "field_type": field.field_type, **_state(field)})
    return field


@transaction.atomic
def custom_field_update(*, field: CustomField, data: CustomFieldData, actor: Actor) -> CustomField:
    """Change label, choices, order or activity. Key and type never change, because stored
    values and segments depend on them (define a new field instead)."""
    _require_admin(actor)
    errors = {
        name: _("This cannot change once the field exists.")
        for name in ("key", "field_type")
        if getattr(data, name) is not None and getattr(data, name) != getattr(field, name)
    }
    if errors:
        raise FieldErrors(errors)
    before = _state(field)
    check = ProfileCheck()
    if data.label is not None:
        if not data.label.strip():
            check.fail("label", _("Give the field a label."))
        field.label = data.label.strip()
    if data.choices is not None:
        field.choices = _checked_choices(check, field.field_type, data.choices)
    check.raise_if_any()
    if data.is_active is not None:
        field.is_active = data.is_active
    if data.position is not None:
        field.position = data.position
    after = _state(field)
    changed: dict[str, JsonValue] = {
        name: [before[name], after[name]] for name in after if before[name] != after[name]
    }
    if not changed:  # nothing to write, nothing to record
        return field
    field.save(update_fields=["label", "choices", "is_active", "position", "updated_at"])
    _audit(field, actor, {"change": "changed", **changed})
    return field


@dataclass(frozen=True)
class ShownValue:
    """A customer's value of one custom field, typed for display."""

    label: str
    field_type: str
    value: str | int | float | date


def custom_values_shown(customer: Customer, definitions: list[CustomField]) -> list[ShownValue]:
    """Return the customer's values of the active ``definitions``, in their order, typed
    (a number stays a number, a date becomes a date); fields without a value are left
    out, and so is a stored value that no longer fits its field's type."""
    shown: list[ShownValue] = []
    for definition in definitions:
        raw = (customer.custom_fields or {}).get(definition.key)
        if raw is None or raw == "":
            continue
        value: str | int | float | date
        if definition.field_type == CustomField.FieldType.NUMBER:
            number = _number(raw)
            if number is None:
                continue
            value = number
        elif definition.field_type == CustomField.FieldType.DATE:
            try:
                value = date.fromisoformat(str(raw))
            except ValueError:
                continue
        else:
            value = str(raw)
        shown.append(ShownValue(definition.label, definition.field_type, value))
    return shown
