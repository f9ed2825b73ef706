"""The settings pages of the accounts app, under /settings/ (namespace ``staff-settings``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cortesia.accounts import settings_views, team_views

app_name = "staff-settings"

urlpatterns: list[URLPattern] = [
    path("staff/", settings_views.staff_list_view, name="staff-list"),
    path("staff/invite/", settings_views.invitation_new_view, name="invitation-new"),
    path("staff/<str:uid>/", settings_views.user_detail_view, name="user-detail"),
    path(
        "staff/<str:uid>/deactivate/",
        settings_views.user_deactivate_view,
        name="user-deactivate",
    ),
    path(
        "staff/<str:uid>/reactivate/",
        settings_views.user_reactivate_view,
        name="user-reactivate",
    ),
    path(
        "staff/invitations/<str:uid>/resend/",
        settings_views.invitation_resend_view,
        name="invitation-resend",
    ),
    path(
        "staff/invitations/<str:uid>/revoke/",
        settings_views.invitation_revoke_view,
        name="invitation-revoke",
    ),
    path("teams/", team_views.team_list_view, name="team-list"),
    path("teams/new/", team_views.team_new_view, name="team-new"),
    path("teams/<str:uid>/", team_views.team_detail_view, name="team-detail"),
    path("teams/<str:uid>/members/add/", team_views.team_member_add_view, name="team-member-add"),
    path(
        "teams/<str:uid>/members/remove/",
        team_views.team_member_remove_view,
        name="team-member-remove",
    ),
]
