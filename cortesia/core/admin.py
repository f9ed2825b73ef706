"""The Django admin only looks: every change goes through a service that checks and audits it.

A model registered in the admin uses :class:`ReadOnlyAdmin`, so the admin's generic forms
can never bypass a service's validation or its audit row.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

M = TypeVar("M", bound=Model)


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """Lists and shows rows; adds, changes and deletes nothing (so no delete action either)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False
