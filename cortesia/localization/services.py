"""Changes to the business's localization choices: validated, for administrators, audited.

A register default is kept per base language the culture engine knows; setting the value a
language already has, or clearing a language without a default, changes nothing and writes
no audit row.
"""

from __future__ import annotations

from django.db import transaction

from cortesia.accounts.models import User
from cortesia.accounts.permissions import require_settings_manager
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import FieldErrors, Forbidden
from cortesia.culture.address_forms import SUPPORTED_LANGUAGES
from cortesia.localization.models import RegisterDefault

AUDIT_OBJECT_TYPE = "register_default"


def can_set_register_defaults(user: User) -> bool:
    """Whether the register services below accept ``user`` (the settings managers)."""
    try:
        require_settings_manager(Actor(user=user, client_ip=None))
    except Forbidden:
        return False
    return True


def _require_valid(*, language: str, register: str | None) -> None:
    errors: dict[str, str] = {}
    language_error = choice_error(language, SUPPORTED_LANGUAGES)
    if language_error is not None:
        errors["language"] = language_error
    if register is not None:
        register_error = choice_error(register, RegisterDefault.Register.values)
        if register_error is not None:
            errors["register"] = register_error
    if errors:
        raise FieldErrors(errors)


def _audit_change(
    *, row: RegisterDefault, before: str | None, after: str | None, actor: Actor
) -> None:
    language = row.language
    audit_record(
        action=AuditEvent.Action.SETTING_CHANGE,
        result=AuditEvent.Result.OK,
        actor=actor,
        object_type=AUDIT_OBJECT_TYPE,
        object_uid=str(row.uid),
        object_label=language,
        data={language: [before, after]},
    )


@transaction.atomic
def register_default_set(*, language: str, register: str, actor: Actor) -> RegisterDefault:
    """Make ``register`` the business's default for customers writing in ``language``.

    Only administrators (or the system) may; ``language`` must be one the culture engine
    knows and ``register`` one of :class:`RegisterDefault.Register`.
    """
    require_settings_manager(actor)
    _require_valid(language=language, register=register)
    current = RegisterDefault.objects.select_for_update().filter(language=language).first()
    if current is None:
        created = RegisterDefault.objects.create(language=language, register=register)
        _audit_change(row=created, before=None, after=register, actor=actor)
        return created
    if current.register == register:
        return current
    before = current.register
    current.register = register
    current.save(update_fields=["register", "updated_at"])
    _audit_change(row=current, before=before, after=register, actor=actor)
    return current


@transaction.atomic
def register_default_clear(*, language: str, actor: Actor) -> None:
    """Remove the business's default for ``language``; the language's own default applies."""
    require_settings_manager(actor)
    _require_valid(language=language, register=None)
    current = RegisterDefault.objects.select_for_update().filter(language=language).first()
    if current is None:
        return
    before = current.register
    current.delete()
    _audit_change(row=current, before=before, after=None, actor=actor)


@transaction.atomic
def register_defaults_save(*, registers: dict[str, str | None], actor: Actor) -> int:
    """Set (a register) or clear (None) the default of each language in ``registers``, all
    or nothing; return how many changed. Each change writes its audit row; a language
    already as asked writes none, so saving a page twice changes nothing more."""
    require_settings_manager(actor)
    current = dict(RegisterDefault.objects.values_list("language", "register"))
    changed = 0
    for language, register in sorted(registers.items()):
        if current.get(language) == register:
            continue
        if register is None:
            register_default_clear(language=language, actor=actor)
        else:
            register_default_set(language=language, register=register, actor=actor)
        changed += 1
    return changed
