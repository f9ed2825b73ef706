"""Bearer-token authentication for ``/api/v1/`` with read and write scopes."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from cortesia.accounts.models import ApiToken, TokenScope, User
from cortesia.accounts.selectors import token_authenticate
from cortesia.accounts.services import token_touch
from cortesia.core.errors import Forbidden

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
