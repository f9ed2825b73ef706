from __future__ import annotations

from django.contrib import admin

from cortesia.core.admin import ReadOnlyAdmin
from cortesia.localization.models import RegisterDefault


@admin.register(RegisterDefault)
class RegisterDefaultAdmin(ReadOnlyAdmin[RegisterDefault]):
    """Read-only: the admin's generic form would store an unchecked language, with no audit
    row; a register default changes only through a service that validates and audits it."""

    list_display = ["language", "register"]
