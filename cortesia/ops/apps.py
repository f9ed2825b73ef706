from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operating commands: demo, serve, worker, export_openapi."""

    name = "cortesia.ops"
    label = "ops"
    verbose_name = _("Operations")
