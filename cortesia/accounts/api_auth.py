"""Bearer-token authentication for ``/api/v1/`` with read and write scopes and a rate limit.

Each token may make 600 requests a minute (``API_REQUESTS_PER_TOKEN``), counted across all
web processes; the next request in the minute is refused with 429, the error code
``rate_limited`` and a ``Retry-After`` header. Tokens never open a session: the user is
set on the request only.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from cortesia.accounts.models import ApiToken, TokenScope, User
from cortesia.accounts.selectors import token_authenticate
from cortesia.accounts.services import token_touch
from cortesia.accounts.throttles import API_REQUESTS_PER_TOKEN
from cortesia.core.errors import Forbidden, RateLimited
from cortesia.core.ratelimit import rate_hit

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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
        api_token = token_authenticate(token)
        if api_token is None:
            return None
        decision = rate_hit(rule=API_REQUESTS_PER_TOKEN, subject=str(api_token.pk))
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
        token_touch(token=api_token)
        request.user = api_token.user
        return api_token


def api_user(request: HttpRequest) -> User:
    """Return the staff user behind the request's token (set by :class:`TokenAuth`)."""
    user = request.user
    if not isinstance(user, User):
        raise AuthenticationError
    return user
