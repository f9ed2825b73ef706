"""Enforce the instance's "two-factor authentication required" switch on every staff page."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse

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
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        return not request.path.startswith(_allowed_prefixes(get_script_prefix(), urlconf))


@lru_cache(maxsize=16)
def _allowed_prefixes(script_prefix: str, urlconf: str) -> tuple[str, ...]:
    """The paths open without two-factor authentication: the security page (to set it up)
    and signing out, as reversed under ``script_prefix`` with ``urlconf`` (the key: both
    are what ``reverse`` reads)."""
    return (*ALWAYS_ALLOWED_PREFIXES, reverse("accounts:security"), reverse("accounts:logout"))
