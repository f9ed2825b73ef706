"""The settings pages of the calendars app, under /settings/ (namespace ``calendar-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.calendars import views

app_name = "calendar-settings"

urlpatterns: list[URLPattern] = [
    path("calendars/", views.calendar_list_view, name="calendar-list"),
    path("calendars/new/", views.calendar_edit_view, name="calendar-create"),
    path("calendars/<uuid:uid>/", views.calendar_edit_view, name="calendar-edit"),
]
