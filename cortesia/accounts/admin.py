"""The Django admin shows staff, teams, invitations and tokens read-only.

Every change to them is audited by a service (``cortesia.accounts.services``), which the
admin's generic forms would bypass; staff are deactivated through the API, never deleted
(the audit log keeps who did what). Roles replace Django's groups, so those are not shown.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group

from cortesia.accounts.models import ApiToken, Invitation, Team, User
from cortesia.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin[User], DjangoUserAdmin[User]):
    list_display = ["username", "email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    # Django's password field shows the hash's algorithm, salt and prefix and a reset button
    # the read-only admin refuses; passwords change only through the audited reset link.
    fieldsets = (
        (None, {"fields": ("username",)}),
        *(DjangoUserAdmin.fieldsets or ())[1:],
        ("Cortesia", {"fields": ("role", "language", "time_zone")}),
    )


@admin.register(Team)
class TeamAdmin(ReadOnlyAdmin[Team]):
    list_display = ["name", "time_zone"]
    search_fields = ["name"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin[ApiToken]):
    list_display = ["prefix", "user", "scope", "created_at", "last_used_at", "revoked_at"]
    exclude = ["digest"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin[Invitation]):
    """Invitations are sent, resent and withdrawn on the staff settings page (audited)."""

    list_display = ["email", "role", "invited_by", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    exclude = ["digest"]


admin.site.unregister(Group)
