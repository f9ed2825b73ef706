"""URL map: staff pages, settings, the API, health, language switching, Django admin."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from cortesia.api import api
from cortesia.audit import views as audit_views
from cortesia.core import views as core_views
from cortesia.localization import views as localization_views

urlpatterns = [
    path("", include("cortesia.accounts.urls")),
    path("audit/", audit_views.audit_log_view, name="audit-log"),
    path("customers/", include("cortesia.customers.urls")),
    path("tickets/", include("cortesia.tickets.urls")),
    path("tickets/", include("cortesia.mail.urls")),
    path("tickets/", include("cortesia.knowledge.staff_suggest_urls")),
    path("portal/", include("cortesia.portal.urls")),
    path("help/", include("cortesia.knowledge.help_urls")),
    path("knowledge/", include("cortesia.knowledge.staff_urls")),
    path("chat/", include("cortesia.chat.urls")),
    path("chat/", include("cortesia.knowledge.widget_suggest_urls")),
    path("messaging/", include("cortesia.messaging.urls")),
    path("notifications/", include("cortesia.notifications.urls")),
    path("automations/", include("cortesia.automations.urls")),
    path("feedback/", include("cortesia.feedback.urls")),
    path("survey/", include("cortesia.feedback.public_urls")),
    path("reports/weekly/", include("cortesia.reports.weekly_urls")),
    path("reports/", include("cortesia.reports.urls")),
    path("settings/", core_views.settings_index_view, name="settings-index"),
    # Each app's settings pages, under their own paths below /settings/.
    path("settings/", include("cortesia.accounts.settings_urls")),
    path("settings/", include("cortesia.calendars.settings_urls")),
    path("settings/", include("cortesia.sla.settings_urls")),
    path("settings/", include("cortesia.tickets.settings_urls")),
    path("settings/", include("cortesia.tickets.canned_settings_urls")),
    path("settings/", include("cortesia.customers.settings_urls")),
    path("settings/", include("cortesia.mail.settings_urls")),
    path("settings/", include("cortesia.messaging.settings_urls")),
    path("settings/", include("cortesia.localization.settings_urls")),
    path("settings/", include("cortesia.notifications.settings_urls")),
    path("settings/", include("cortesia.webhooks.settings_urls")),
    path("settings/", include("cortesia.automations.settings_urls")),
    path("settings/", include("cortesia.feedback.settings_urls")),
    path("settings/", include("cortesia.feedback.mention_settings_urls")),
    path("settings/", include("cortesia.reports.settings_urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/language/", localization_views.set_language_view, name="set-language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "cortesia.core.views.bad_request"
handler403 = "cortesia.core.views.permission_denied"
handler404 = "cortesia.core.views.page_not_found"
handler500 = "cortesia.core.views.server_error"
