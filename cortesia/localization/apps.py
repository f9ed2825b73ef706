from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocalizationConfig(AppConfig):
    name = "cortesia.localization"
    label = "localization"
    verbose_name = _("Localization")
