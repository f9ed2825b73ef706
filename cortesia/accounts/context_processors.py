"""The permission flags every staff page gets, for the main navigation of ``base.html``.

Each flag is the very function the owning app's services and selectors ask, so the menu
never offers a page that would refuse the signed-in user, and templates never compare
roles. Apps above this one in the layer order (tickets, customers) register their flags
from their ``AppConfig.ready()`` with :func:`navigation_flag_register`; the flags of
accounts itself, the audit log and Django's admin are built in.

The flags are worked out only when a template reads them, from the user already loaded
for the page: they cost no query.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cortesia.accounts.models import User
from cortesia.accounts.permissions import can_manage_staff, can_manage_teams
from cortesia.audit.selectors import can_read_audit_log
from cortesia.core.settings_sections import can_open_settings

UserFlag = Callable[[User], bool]

_registered: dict[str, UserFlag] = {
    "can_manage_staff": can_manage_staff,
    "can_manage_teams": can_manage_teams,
    "can_view_audit_log": can_read_audit_log,
    "can_open_settings": can_open_settings,
}


def navigation_flag_register(name: str, flag: UserFlag) -> None:
    """Offer ``flag`` to every template as ``staff_permissions.<name>``."""
    if not name.startswith("can_"):
        raise ValueError(f"A permission flag's name starts with can_: {name!r}")
    _registered[name] = flag


def navigation_flags(request: HttpRequest) -> dict[str, bool]:
    """Every registered flag for the request's user (all False for anyone not on staff),
    and ``can_use_admin``: whether Django's admin site lets the user in."""
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {**dict.fromkeys(_registered, False), "can_use_admin": False}
    flags = {name: flag(user) for name, flag in _registered.items()}
    flags["can_use_admin"] = admin.site.has_permission(request)
    return flags


def staff_permissions(request: HttpRequest) -> dict[str, object]:
    """Template context: ``staff_permissions``, the flags of :func:`navigation_flags`."""
    return {"staff_permissions": SimpleLazyObject(lambda: navigation_flags(request))}
