"""Request plumbing shared by every app: the trusted client address, default-deny login and
one database transaction per write request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from cortesia.core.client_ip import client_ip, parse_networks

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


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# A ticket page where an agent asked to see a mail's remote images.
REMOTE_IMAGES_POLICY = CONTENT_SECURITY_POLICY.replace(
    "img-src 'self' data:", "img-src 'self' data: https: http:"
)
# Third-party pages with their own inline code: the API explorer and Django's admin.
CSP_EXEMPT_PREFIXES = ("/api/v1/docs", "/admin/")


class ContentSecurityPolicyMiddleware:
    """Forbid inline scripts and foreign origins on every page we render."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
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
