from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from cortesia.accounts import invitation_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_verify_view, name="login-verify"),
    path("logout/", views.logout_view, name="logout"),
    path("account/security/", views.security_view, name="security"),
    path("account/security/policy/", views.security_policy_view, name="security-policy"),
    path(
        "invitation/two-factor/",
        invitation_views.invitation_two_factor_view,
        name="invitation-two-factor",
    ),
    path(
        "invitation/<str:token>/",
        invitation_views.invitation_accept_view,
        name="invitation-accept",
    ),
    path("password-reset/", views.password_reset_view, name="password-reset"),
    path(
        "password-reset/sent/",
        login_not_required(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password-reset-complete",
    ),
]
