"""The sign-in flow: throttles, password, optional second step, audit.

This is the only code that opens a staff session (the admin's login hands over to it).
The throttles and why none of them locks an account out are described in
:mod:`cortesia.accounts.throttles`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate, login
from django.http import HttpRequest

from cortesia.accounts.models import User
from cortesia.accounts.selectors import user_by_username
from cortesia.accounts.throttles import (
    LOGIN_FAILURE_BUDGET_PER_ACCOUNT,
    LOGIN_FAILURES_OVER_BUDGET_PER_ACCOUNT_AND_IP,
    LOGIN_FAILURES_PER_ACCOUNT_AND_IP,
    LOGIN_PER_IP,
)
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.core.actor import Actor, request_client_ip
from cortesia.core.ratelimit import rate_check, rate_hit, rate_reset

PENDING_SESSION_KEY = "cortesia_2fa_pending_user"


@dataclass(frozen=True)
class SignInOutcome:
    user: User | None = None
    retry_after: int = 0  # > 0: throttled
    needs_second_step: bool = False


def _pair(username: str, client_ip: str) -> str:
    return f"{username.lower()}\x00{client_ip}"


def sign_in_throttle(*, request: HttpRequest, username: str) -> int:
    """Count this attempt against the client address; return Retry-After seconds or 0.

    An address is also refused when it failed too often at this account (see the rules
    in :mod:`cortesia.accounts.throttles`); other addresses are never refused for it.
    """
    client_ip = request_client_ip(request)
    ip_decision = rate_hit(rule=LOGIN_PER_IP, subject=client_ip)
    if not ip_decision.allowed:
        return ip_decision.retry_after
    pair = _pair(username, client_ip)
    decision = rate_check(rule=LOGIN_FAILURES_PER_ACCOUNT_AND_IP, subject=pair)
    if decision.allowed and _over_budget(username):
        decision = rate_check(rule=LOGIN_FAILURES_OVER_BUDGET_PER_ACCOUNT_AND_IP, subject=pair)
    return 0 if decision.allowed else decision.retry_after


def _over_budget(username: str) -> bool:
    return not rate_check(rule=LOGIN_FAILURE_BUDGET_PER_ACCOUNT, subject=username.lower()).allowed


def _count_failure(*, username: str, client_ip: str) -> None:
    pair = _pair(username, client_ip)
    if _over_budget(username):
        rate_hit(rule=LOGIN_FAILURES_OVER_BUDGET_PER_ACCOUNT_AND_IP, subject=pair)
    rate_hit(rule=LOGIN_FAILURE_BUDGET_PER_ACCOUNT, subject=username.lower())
    rate_hit(rule=LOGIN_FAILURES_PER_ACCOUNT_AND_IP, subject=pair)


def sign_in_password(*, request: HttpRequest, username: str, password: str) -> SignInOutcome:
    """Check the password; start the second step or finish the sign-in.

    A wrong password and an unknown user produce the same outcome (and the same work:
    Django's backend hashes a dummy password for unknown users).
    """
    retry_after = sign_in_throttle(request=request, username=username)
    if retry_after:
        return SignInOutcome(retry_after=retry_after)
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User):
        _count_failure(username=username, client_ip=request_client_ip(request))
        known = user_by_username(username=username)
        audit_record(
            action=AuditEvent.Action.LOGIN,
            result=AuditEvent.Result.FAILED,
            actor=Actor(user=None, client_ip=request_client_ip(request)),
            object_type="user",
            object_uid=str(known.uid) if known else "",
            object_label=known.username if known else "",
        )
        return SignInOutcome()
    if user.has_two_factor:
        request.session.cycle_key()
        request.session[PENDING_SESSION_KEY] = user.pk
        return SignInOutcome(user=user, needs_second_step=True)
    sign_in_complete(request=request, user=user, action=AuditEvent.Action.LOGIN)
    return SignInOutcome(user=user)


def sign_in_complete(*, request: HttpRequest, user: User, action: AuditEvent.Action) -> None:
    """Log ``user`` in with a new session id and audit it."""
    request.session.pop(PENDING_SESSION_KEY, None)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    # The address proved itself; the account's budget keeps counting other addresses.
    pair = _pair(user.get_username(), request_client_ip(request))
    rate_reset(rule=LOGIN_FAILURES_PER_ACCOUNT_AND_IP, subject=pair)
    rate_reset(rule=LOGIN_FAILURES_OVER_BUDGET_PER_ACCOUNT_AND_IP, subject=pair)
    audit_record(
        action=action,
        result=AuditEvent.Result.OK,
        actor=Actor.from_request(request),
        object_type="user",
        object_uid=str(user.uid),
        object_label=user.username,
    )


def pending_user(request: HttpRequest) -> User | None:
    """Return the user who passed the password step and owes a code, if any."""
    user_id = request.session.get(PENDING_SESSION_KEY)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()
