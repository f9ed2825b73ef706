"""Bearer-token authentication for ``/api/v1/`` with read and write scopes and a rate limit.

Each token may make 600 requests a minute (``API_REQUESTS_PER_TOKEN``), counted across all
web processes; the next request in the minute is refused with 429, the error code
``rate_limited`` and a ``Retry-After`` header. Tokens never open a session: the user is
set on the request only.

:class:`ApiTokenMiddleware` looks the token up and counts the request before a write
request's transaction begins, each in its own short statement: the counter row of a token
is then locked for one statement, not until the request commits, so concurrent requests
with one token do not wait for each other. :class:`TokenAuth` uses what it found, and the
middleware records the token's use (at most once a minute) after the response is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from cortesia.accounts.models import ApiToken, TokenScope, User
from cortesia.accounts.selectors import token_authenticate
from cortesia.accounts.services import token_touch
from cortesia.accounts.throttles import API_REQUESTS_PER_TOKEN
from cortesia.core.errors import Forbidden, RateLimited
from cortesia.core.ratelimit import RateDecision, rate_hit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_PREFIX = "/api/"


@dataclass(frozen=True)
class TokenCheck:
    """A bearer value, its token (None: not a valid one) and the rate decision counted."""

    raw: str
    token: ApiToken | None
    decision: RateDecision | None


def token_check(raw: str) -> TokenCheck:
    """Look ``raw`` up and, for a valid token, count one request against its limit."""
    api_token = token_authenticate(raw)
    if api_token is None:
        return TokenCheck(raw, None, None)
    decision = rate_hit(rule=API_REQUESTS_PER_TOKEN, subject=str(api_token.pk))
    return TokenCheck(raw, api_token, decision)


class ApiTokenMiddleware:
    """Check an API request's bearer token before the request's transaction opens (place
    it before :class:`cortesia.core.middleware.WriteTransactionMiddleware`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() == "bearer" and raw:
                request.api_token_check = token_check(raw)  # type: ignore[attr-defined]
        response = self.get_response(request)
        used: ApiToken | None = getattr(request, "api_token_used", None)
        if used is not None:
            # After the request's transaction: a write never holds the token's row for it.
            token_touch(token=used)
        return response


class TokenAuth(HttpBearer):
    """Accept ``Authorization: Bearer ctk_…``; a read token may only use safe methods.

    Tokens in the query string are never looked at: URLs end up in logs and histories.
    """

    openapi_description = "An API token made with `cortesia token create`."

    def __init__(self, *, reads_only: bool = False) -> None:
        super().__init__()
        # For POST operations that compute without changing anything (previews).
        self.reads_only = reads_only

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        check: TokenCheck | None = getattr(request, "api_token_check", None)
        checked_before = check is not None and check.raw == token
        if check is None or not checked_before:  # called without the middleware
            check = token_check(token)
        api_token, decision = check.token, check.decision
        if api_token is None or decision is None:
            return None
        if not decision.allowed:
            raise RateLimited(
                _(
                    "This API token made too many requests. Wait as many seconds as the "
                    "Retry-After header says, then try again."
                ),
                retry_after=decision.retry_after,
            )
        writes = request.method not in SAFE_METHODS and not self.reads_only
        if writes and api_token.scope != TokenScope.WRITE:
            raise Forbidden(
                _("This token may only read. Create a token with the write scope."),
                code="insufficient_scope",
            )
        if checked_before:
            request.api_token_used = api_token  # type: ignore[attr-defined]
        else:
            token_touch(token=api_token)
        request.user = api_token.user
        return api_token


def api_user(request: HttpRequest) -> User:
    """Return the staff user behind the request's token (set by :class:`TokenAuth`)."""
    user = request.user
    if not isinstance(user, User):
        raise AuthenticationError
    return user
