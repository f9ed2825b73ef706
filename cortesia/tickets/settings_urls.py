"""The settings pages of the tickets app, under /settings/ (namespace ``desk-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.tickets.views import settings_routing as routing
from cortesia.tickets.views import settings_shifts as shifts

app_name = "desk-settings"

urlpatterns: list[URLPattern] = [
    path("routing/", routing.routing_list_view, name="routing-list"),
    path("routing/rules/new/", routing.routing_rule_edit_view, name="routing-rule-create"),
    path("routing/rules/<str:uid>/", routing.routing_rule_edit_view, name="routing-rule-edit"),
    path("routing/rules/<str:uid>/move/", routing.routing_rule_move_view, name="routing-rule-move"),
    path(
        "routing/rules/<str:uid>/delete/",
        routing.routing_rule_delete_view,
        name="routing-rule-delete",
    ),
    path(
        "routing/follow-the-sun/",
        routing.routing_follow_the_sun_view,
        name="routing-follow-the-sun",
    ),
    path("shifts/", shifts.shift_list_view, name="shift-list"),
    path("shifts/agents/<str:uid>/", shifts.shift_week_view, name="shift-week"),
    path("shifts/agents/<str:uid>/edit/", shifts.shift_edit_view, name="shift-edit"),
    path("shifts/agents/<str:uid>/copy/", shifts.shift_copy_view, name="shift-copy"),
    path("shifts/agents/<str:uid>/leave/", shifts.leave_create_view, name="leave-create"),
    path("shifts/agents/<str:uid>/profile/", shifts.agent_profile_view, name="agent-profile"),
    path("shifts/leave/<str:uid>/delete/", shifts.leave_delete_view, name="leave-delete"),
    path(
        "shifts/teams/<str:uid>/assignment/",
        shifts.team_assignment_view,
        name="team-assignment",
    ),
]
