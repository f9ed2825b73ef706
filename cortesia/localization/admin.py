from __future__ import annotations

from django.contrib import admin

from cortesia.localization.models import RegisterDefault


@admin.register(RegisterDefault)
class RegisterDefaultAdmin(admin.ModelAdmin[RegisterDefault]):
    list_display = ["language", "register"]
