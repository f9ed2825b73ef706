"""Settings pages of mention sources under /settings/ (namespace ``mention-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.feedback import mention_settings_views as views

app_name = "mention-settings"

urlpatterns: list[URLPattern] = [
    path("mention-sources/", views.source_list_view, name="source-list"),
    path("mention-sources/new/", views.source_create_view, name="source-create"),
    path("mention-sources/<str:uid>/", views.source_detail_view, name="source-detail"),
    path("mention-sources/<str:uid>/renew/", views.source_renew_view, name="source-renew"),
    path("mention-sources/<str:uid>/active/", views.source_active_view, name="source-active"),
    path("mention-sources/<str:uid>/import/", views.source_import_view, name="source-import"),
]
