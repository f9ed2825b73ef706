"""Request plumbing shared by every app: the trusted client address, default-deny login,
refusing input no view can take, and one database transaction per write request."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import resolve_url
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import gettext as _

from cortesia.core.client_ip import client_ip, parse_networks
from cortesia.core.refusals import Refusal, refusal_response
from cortesia.core.views import bad_request

# Paths with their own authentication (bearer tokens) or none by design.
PUBLIC_PREFIXES = ("/api/", "/healthz", "/static/")


class ClientIpMiddleware:
    """Store the trusted client address on ``request.client_ip``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.proxies = parse_networks(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.client_ip = client_ip(  # type: ignore[attr-defined]  # read by request_client_ip
            request.META.get("REMOTE_ADDR", ""),
            request.META.get("HTTP_X_FORWARDED_FOR", ""),
            self.proxies,
        )
        return self.get_response(request)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@functools.lru_cache(maxsize=4)
def _policy(stream_url: str, remote_images: bool) -> str:
    images = "img-src 'self' data: https: http:" if remote_images else "img-src 'self' data:"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            images,
            # the live chat streams come from their own process (settings.STREAM_URL)
            f"connect-src 'self' {_origin(stream_url)}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def content_security_policy(*, remote_images: bool = False) -> str:
    """The policy of every page; ``remote_images`` for a ticket page where an agent asked
    to see a mail's remote images."""
    return _policy(settings.STREAM_URL, remote_images)


class ContentSecurityPolicyMiddleware:
    """Forbid inline code and foreign origins on every page, Django's admin and the API
    explorer included: both load only their own files from /static/ (the explorer is
    django-ninja's bundled Swagger UI, never a CDN's)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        return response


class StaffLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Deny every page to anonymous visitors unless the view opts out.

    Views opt out with ``@login_not_required``; the API authenticates with bearer tokens
    and answers 401 itself.
    """

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith(PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(
        self, request: HttpRequest, view_func: Callable[..., Any]
    ) -> HttpResponseRedirect:
        """Redirect to the sign-in page with the page asked for as ``next``, as Django does.

        Django reverses the sign-in URL twice and rebuilds the absolute URL of the request
        on every anonymous visit, about a quarter of the time an anonymous redirect takes.
        Here a sign-in URL that is a plain path on this site is reversed once per URL
        configuration, and the redirect is built from it and the request's path alone. Any
        other sign-in URL (another site, its own query string) goes through Django."""
        field = self.get_redirect_field_name(view_func)
        login_path = _local_login_path(
            self.get_login_url(view_func),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
        )
        if login_path is None or not field:
            return super().handle_no_permission(request, view_func)
        query = f"{quote(field, safe='/')}={quote(request.get_full_path(), safe='/')}"
        return HttpResponseRedirect(f"{login_path}?{query}")


@functools.lru_cache(maxsize=64)
def _local_login_path(login_url: str, script_prefix: str, urlconf: str) -> str | None:
    """Return the sign-in URL as a path on this site, or None when it is anything else
    (an absolute URL, a query string or a fragment), which Django's redirect handles.

    The script prefix and the URL configuration are part of the key: reversing depends
    on both."""
    resolved = str(resolve_url(login_url))
    parts = urlsplit(resolved)
    plain = not (parts.scheme or parts.netloc or parts.query or parts.fragment)
    if plain and resolved.startswith("/") and not resolved.startswith("//"):
        return resolved
    return None


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class WriteTransactionMiddleware:
    """Run every write request (POST, PUT, PATCH, DELETE) in one database transaction.

    Its lookups, its changes and their events commit together, once. A server error
    (5xx) rolls everything back; a refusal (4xx) keeps what the request legitimately
    recorded, since the services roll back their own partial changes. Reads stay in
    autocommit, so they never hold a transaction open.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


Location = tuple[str | int, ...]
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def nul_location(value: object, where: Location = ()) -> Location | None:
    """Return where the first NUL character (U+0000) is in a JSON-like value, key or text,
    as the path of keys and indexes leading to it; None when there is none."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = nul_location(key, (*where, str(key))) or nul_location(item, (*where, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_location(item, (*where, index))
            if found is not None:
                return found
    return None


def _in_pairs(pairs: Iterable[tuple[str, list[str]]], section: str) -> Location | None:
    for key, values in pairs:
        if "\x00" in key or any("\x00" in value for value in values):
            return (section, key.replace("\x00", ""))
    return None


class RequestInputMiddleware:
    """Refuse, before any view runs, input that no view can take.

    * A NUL character (U+0000) anywhere in the path, the query string, a form or a JSON
      body: PostgreSQL cannot store or even compare it, so it is refused on every
      database alike. The API answers 422 naming the field; a page answers 400.
    * A body over the upload limit (413) or a multipart body that cannot be split into
      its parts (400), which would otherwise surface as server errors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path.startswith("/api/")
        try:
            location = self._nul_location(request, is_api)
        except RequestDataTooBig:
            message = _("The request body is too large.")
            return self._refuse(request, is_api, Refusal(413, "too_large", message))
        except (MultiPartParserError, SuspiciousOperation):
            message = _("The request body could not be read.")
            return self._refuse(request, is_api, Refusal(400, "bad_request", message))
        if location is not None:
            message = _("A NUL character (U+0000) is not allowed here.")
            details = [{"location": list(map(str, location)), "message": message}]
            summary = _("Some fields are missing or not valid.")
            refusal = Refusal(422, "validation_error", summary, details)
            return self._refuse(request, is_api, refusal)
        return self.get_response(request)

    def _nul_location(self, request: HttpRequest, is_api: bool) -> Location | None:
        if "\x00" in request.path:
            return ("path",)
        # Without a query string there is nothing to parse (most pages, every redirect).
        found = (
            _in_pairs(request.GET.lists(), "query") if request.META.get("QUERY_STRING") else None
        )
        content_type = request.content_type or ""
        if found is None and request.method == "POST" and content_type in FORM_TYPES:
            found = _in_pairs(request.POST.lists(), "form")
        if found is None and is_api and content_type == "application/json" and request.body:
            try:
                body = json.loads(request.body)
            except ValueError:  # not JSON: the API says so itself
                return None
            inner = nul_location(body)
            found = None if inner is None else ("body", *inner)
        return found

    def _refuse(self, request: HttpRequest, is_api: bool, refusal: Refusal) -> HttpResponse:
        if is_api:
            return refusal_response(refusal)
        response = bad_request(request)  # a page has no field list to name: 400, or 413
        response.status_code = 400 if refusal.status == 422 else refusal.status
        return response
