"""Django's admin app, installed with the staff admin site (see ``admin_site``)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    """Install :class:`cortesia.accounts.admin_site.StaffAdminSite` as ``admin.site``."""

    default_site = "cortesia.accounts.admin_site.StaffAdminSite"
