from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "cortesia.messaging"
    label = "messaging"
    verbose_name = _("Messaging channels")
    default_auto_field = "django.db.models.BigAutoField"
