from __future__ import annotations

from django.urls import path

from cortesia.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_view, name="notification-list"),
    path("bell/", views.bell_view, name="bell"),
    path("open/", views.notification_open_view, name="notification-open"),
    path("read/", views.notification_read_view, name="notification-read"),
    path("read-all/", views.notification_read_all_view, name="notification-read-all"),
    path("preferences/", views.preferences_view, name="preferences"),
]
