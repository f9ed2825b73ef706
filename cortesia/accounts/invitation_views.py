"""The pages an invitee opens from their mail: choose a password, then (when the security
policy asks for it) set up two-factor authentication, and be signed in.

Both pages are open to anonymous visitors and limited per client address. A link that
does not work (unknown, malformed, used, revoked or expired) gets one answer, 404.

The account exists once the password is chosen (the link is spent then). Someone who
leaves before setting up the second factor signs in later with that password, and the
two-factor middleware sends them to the security page before anything else, as it does
for every account without a second factor while the policy asks for one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from cortesia.accounts.authentication import sign_in_complete
from cortesia.accounts.forms import TotpCodeForm
from cortesia.accounts.invitations import (
    invitation_accept,
    invitation_by_token,
    invitation_prospect,
    invitee_owing_two_factor,
)
from cortesia.accounts.models import User
from cortesia.accounts.services import security_policy_get
from cortesia.accounts.throttles import INVITATION_PER_IP, TWO_FACTOR_PER_ACCOUNT
from cortesia.accounts.two_factor import totp_begin, totp_confirm, totp_qr_svg
from cortesia.audit.models import AuditEvent
from cortesia.core.actor import Actor, request_client_ip
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.ratelimit import rate_hit
from cortesia.core.refusals import refusal_on_form

# The account that chose its password and owes its second factor before signing in.
TWO_FACTOR_PENDING_KEY = "cortesia_invitation_two_factor_user"


def _throttled(
    request: HttpRequest, template: str, form: TotpCodeForm | None, seconds: int
) -> HttpResponse:
    response = render(request, template, {"form": form, "retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/invitation_invalid.html", status=404)


@login_not_required
@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    decision = rate_hit(rule=INVITATION_PER_IP, subject=request_client_ip(request))
    if not decision.allowed:
        return _throttled(request, "accounts/invitation_invalid.html", None, decision.retry_after)
    try:
        invitation = invitation_by_token(token)
    except NotFound:
        return _invalid(request)
    form = SetPasswordForm(invitation_prospect(invitation), request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                raw=token,
                password=form.cleaned_data["new_password1"],
                client_ip=request_client_ip(request),
            )
        except NotFound:
            return _invalid(request)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            return _welcome(request, user)
    elif request.method == "POST":
        status = 400
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context, status=status)


def _welcome(request: HttpRequest, user: User) -> HttpResponse:
    """Sign the new user in, or first send them to set up their second factor."""
    if security_policy_get().require_two_factor:
        totp_begin(user=user)
        request.session.cycle_key()
        request.session[TWO_FACTOR_PENDING_KEY] = user.pk
        return redirect("accounts:invitation-two-factor")
    sign_in_complete(request=request, user=user, action=AuditEvent.Action.LOGIN)
    messages.success(request, _("Welcome to Cortesia. Your account is ready."))
    return redirect("accounts:home")


def _pending(request: HttpRequest) -> User | None:
    user_id = request.session.get(TWO_FACTOR_PENDING_KEY)
    return None if user_id is None else invitee_owing_two_factor(user_id=user_id)


@login_not_required
@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def invitation_two_factor_view(request: HttpRequest) -> HttpResponse:
    """Turn on the new account's second factor with a code from the phone, then sign in."""
    user = _pending(request)
    if user is None:
        return redirect("accounts:login")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = rate_hit(rule=TWO_FACTOR_PER_ACCOUNT, subject=str(user.pk))
        if not decision.allowed:
            return _throttled(
                request, "accounts/invitation_two_factor.html", form, decision.retry_after
            )
        actor = Actor(user=user, client_ip=request_client_ip(request))
        if totp_confirm(user=user, code=form.cleaned_data["code"], actor=actor):
            request.session.pop(TWO_FACTOR_PENDING_KEY, None)
            sign_in_complete(request=request, user=user, action=AuditEvent.Action.LOGIN_2FA)
            messages.success(request, _("Welcome to Cortesia. Your account is ready."))
            return redirect("accounts:home")
        form.add_error("code", _("This code is not valid. Enter the current code from your app."))
    context = {"form": form, "secret": user.totp_secret, "qr_svg": totp_qr_svg(user=user)}
    return render(request, "accounts/invitation_two_factor.html", context)
