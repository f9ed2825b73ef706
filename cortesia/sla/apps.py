from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlaConfig(AppConfig):
    name = "cortesia.sla"
    verbose_name = _("Service levels")
    default_auto_field = "django.db.models.BigAutoField"
