"""Bearer-token authentication for ``/api/v1/`` with read and write scopes and a rate limit.

Each token may make 600 requests a minute (``API_REQUESTS_PER_TOKEN``), counted across all
web processes; the next request in the minute is refused with 429, the error code
``rate_limited`` and a ``Retry-After`` header. Tokens never open a session: the user is
set on the request only.

:class:`ApiTokenMiddleware` looks the token up and counts the request before a write
request's transaction begins: the counter row of a token is then locked for one statement,
not until the request commits, so concurrent requests with one token do not wait for each
other. On PostgreSQL (counters in the database) that is one statement, which finds the
token with its user and counts the hit on the counter row :func:`rate_hit` uses; elsewhere
the token is read, then counted. :class:`TokenAuth` uses what it found, and the middleware
records the token's use (at most once a minute) after the response is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from cortesia.accounts.models import ApiToken, TokenScope, User
from cortesia.accounts.selectors import token_authenticate
from cortesia.accounts.services import TOKEN_PREFIX, token_digest, token_touch
from cortesia.accounts.throttles import API_REQUESTS_PER_TOKEN
from cortesia.core.errors import Forbidden, RateLimited
from cortesia.core.models import RateCounter
from cortesia.core.ratelimit import (
    RateDecision,
    counter_upsert_sql,
    key_prefix,
    rate_decision,
    rate_hit,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
API_PREFIX = "/api/"
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class TokenCheck:
    """A bearer value, its token (None: not a valid one) and the rate decision counted."""

    raw: str
    token: ApiToken | None
    decision: RateDecision | None


def token_check(raw: str) -> TokenCheck:
    """Look ``raw`` up and, for a valid token, count one request against its limit."""
    connection = connections[RateCounter.objects.db]
    if connection.vendor == "postgresql" and not settings.REDIS_URL:
        return _token_check_at_once(raw)
    api_token = token_authenticate(raw)
    if api_token is None:
        return TokenCheck(raw, None, None)
    decision = rate_hit(rule=API_REQUESTS_PER_TOKEN, subject=str(api_token.pk))
    return TokenCheck(raw, api_token, decision)


# One statement: the token (active, of an active user) with its user, then its hit counted
# under :func:`rate_hit`'s key for the subject ``str(token.pk)``, computed from the token
# found: no token, no hit. In autocommit, ``unflushed`` lets the statement commit without
# waiting for its WAL flush, as :func:`rate_hit` does.
_FIND_AND_COUNT = """
    WITH {unflushed_cte}found AS (
        SELECT {token_columns}, {user_columns}
        FROM {token_table} t JOIN {user_table} u ON u.id = t.user_id
        WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active
    ),
    hit AS ({counter})
    SELECT found.*, hit.count, hit.window_started_at FROM found CROSS JOIN hit
"""
_UNFLUSHED_CTE = "unflushed AS (SELECT set_config('synchronous_commit', 'off', true)), "
_HIT_VALUES = (
    "SELECT encode(sha256(%s::bytea || convert_to(found.t_id::text, 'UTF8')), 'hex'), %s, 1 "
    "FROM found{unflushed}"
)


@cache
def _find_and_count_sql(database: str, unflushed: bool) -> str:
    quote = connections[database].ops.quote_name

    def columns(alias: str, model: type[Model]) -> str:
        return ", ".join(
            f"{alias}.{quote(field.column)} AS {quote(f'{alias}_{field.column}')}"
            for field in model._meta.concrete_fields
        )

    return _FIND_AND_COUNT.format(
        unflushed_cte=_UNFLUSHED_CTE if unflushed else "",
        token_columns=columns("t", ApiToken),
        user_columns=columns("u", User),
        token_table=quote(ApiToken._meta.db_table),
        user_table=quote(User._meta.db_table),
        counter=counter_upsert_sql(
            quote(RateCounter._meta.db_table),
            _HIT_VALUES.format(unflushed=", unflushed" if unflushed else ""),
        ),
    )


def _instance(model: type[M], values: Sequence[object], database: str) -> M:
    fields = model._meta.concrete_fields
    return model.from_db(database, [field.attname for field in fields], list(values))


def _token_check_at_once(raw: str) -> TokenCheck:
    """:func:`token_check` in one statement (PostgreSQL)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return TokenCheck(raw, None, None)
    rule = API_REQUESTS_PER_TOKEN
    now = timezone.now()
    expired = now - rule.window
    database = RateCounter.objects.db
    connection = connections[database]
    sql = _find_and_count_sql(database, connection.get_autocommit())
    with connection.cursor() as cursor:
        cursor.execute(sql, [token_digest(raw), key_prefix(rule), now, expired, expired])
        row = cursor.fetchone()
    if row is None:
        return TokenCheck(raw, None, None)
    split = len(ApiToken._meta.concrete_fields)
    api_token = _instance(ApiToken, row[:split], database)
    api_token.user = _instance(User, row[split:-2], database)
    count, started = row[-2:]
    return TokenCheck(
        raw, api_token, rate_decision(rule=rule, count=count, started=started, now=now)
    )


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
