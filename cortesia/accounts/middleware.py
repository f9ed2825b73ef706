"""Enforce the instance's "two-factor authentication required" switch on every staff page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from cortesia.accounts.models import User
from cortesia.accounts.selectors import two_factor_required

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/healthz", "/api/", "/i18n/")


class TwoFactorRequiredMiddleware:
    """Send staff without two-factor authentication to its setup page when it is required."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and not user.has_two_factor
            and self._guarded(request)
            and two_factor_required(viewer=user)
        ):
            return redirect("accounts:security")
        return self.get_response(request)

    @staticmethod
    def _guarded(request: HttpRequest) -> bool:
        allowed = (reverse("accounts:security"), reverse("accounts:logout"))
        return not request.path.startswith(ALWAYS_ALLOWED_PREFIXES + allowed)
