"""Django's admin, entered only through Cortesia's own sign-in.

Django's admin ships its own login form, which checks a password and opens a session with
no throttle, no second factor and no audit row. Here the admin's login, logout and
password-change pages hand over to the accounts app's pages instead, so there is exactly
one way into a staff session: ``/login/`` (then ``/login/verify/`` for two-factor users).
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from cortesia.accounts.views import logout_view


class StaffAdminSite(AdminSite):
    """The admin site whose login is the staff sign-in page."""

    @method_decorator(login_not_required)
    @method_decorator(never_cache)
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseRedirect:
        """Send the visitor to the sign-in page; never check a password here."""
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("admin:index", current_app=self.name)
        if self.has_permission(request):
            return HttpResponseRedirect(target)
        return redirect_to_login(target, reverse("accounts:login"))

    def logout(  # type: ignore[override]  # a redirect, not the admin's own page
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Sign out through the audited staff sign-out."""
        return logout_view(request)

    def password_change(  # type: ignore[override]  # a redirect, not the admin's own page
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Change passwords only through the reset link, which is throttled and audited."""
        return HttpResponseRedirect(reverse("accounts:password-reset"))
