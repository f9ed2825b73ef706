"""Pick the interface language of each request, and a signed-in user's time zone."""

from __future__ import annotations

import zoneinfo
from collections.abc import Awaitable, Callable
from typing import cast

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware import locale
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's language choice (the language cookie, then the browser's Accept-Language,
    then ``LANGUAGE_CODE``), without the work URL language prefixes need when none is used.

    Cortesia's URLs carry no language prefix (no ``i18n_patterns``), so Django's checks
    of the path for one, on the way in and on the way out, always found nothing: a
    tenth of an anonymous redirect's time. A URL configuration with prefixes, or an
    asynchronous server, gets Django's own behaviour. The response varies on
    Accept-Language and names its language, as with Django's."""

    def __call__(self, request: HttpRequest) -> HttpResponseBase | Awaitable[HttpResponseBase]:
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        is_async: bool = self.async_mode  # type: ignore[attr-defined]  # set by MiddlewareMixin
        if is_async or is_language_prefix_patterns_used(urlconf)[0]:
            return super().__call__(request)
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        # Not in asynchronous mode, so the next layer answers with a response, not a coroutine.
        response = cast(HttpResponseBase, self.get_response(request))
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class UserPreferencesMiddleware:
    """Prefer the user's saved language over the cookie or browser; use their time zone.

    Runs after AuthenticationMiddleware and after LocaleMiddleware, whose choice it
    overrides only for signed-in users who picked a language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        signed_in = user.is_authenticated
        language = getattr(user, "language", "") if signed_in else ""
        zone_name = getattr(user, "time_zone", "") if signed_in else ""
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
