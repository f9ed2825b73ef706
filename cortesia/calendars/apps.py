from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    name = "cortesia.calendars"
    label = "calendars"
    verbose_name = _("Business calendars")
