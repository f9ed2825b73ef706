"""Activate a signed-in user's own interface language and time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Prefer the user's saved language over the cookie or browser; use their time zone.

    Runs after AuthenticationMiddleware and after LocaleMiddleware, whose choice it
    overrides only for signed-in users who picked a language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        language = getattr(user, "language", "") if user.is_authenticated else ""
        zone_name = getattr(user, "time_zone", "") if user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if zone_name:
            timezone.activate(zoneinfo.ZoneInfo(zone_name))
        try:
            response = self.get_response(request)
        finally:
            timezone.deactivate()
        if language:
            response.headers.setdefault("Content-Language", language)
        return response
