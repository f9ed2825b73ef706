"""Changes to the business's localization choices: validated, for administrators, audited.

A register default is kept per base language the culture engine knows; setting the value a
language already has, or clearing a language without a default, changes nothing and writes
no audit row.
"""

from __future__ import annotations

from django.db import transaction

from cortesia.accounts.permissions import require_settings_manager
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor
from cortesia.core.choices import choice_error
from cortesia.core.errors import FieldErrors
from cortesia.culture.address_forms import SUPPORTED_LANGUAGES
from cortesia.localization.models import RegisterDefault

AUDIT_OBJECT_TYPE = "register_default"


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
