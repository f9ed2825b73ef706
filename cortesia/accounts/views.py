"""Sign-in, sign-out, two-factor setup and the staff home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView, PasswordResetView
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cortesia.accounts.authentication import (
    pending_user,
    sign_in_complete,
    sign_in_password,
)
from cortesia.accounts.forms import (
    LoginForm,
    QueuedPasswordResetForm,
    TotpCodeForm,
    TwoFactorPolicyForm,
)
from cortesia.accounts.models import Team, User
from cortesia.accounts.permissions import can_manage_staff
from cortesia.accounts.selectors import team_list, user_list
from cortesia.accounts.services import security_policy_get, security_policy_set_two_factor
from cortesia.accounts.throttles import RESET_PER_ACCOUNT, RESET_PER_IP, TWO_FACTOR_PER_ACCOUNT
from cortesia.accounts.two_factor import (
    totp_begin,
    totp_confirm,
    totp_disable,
    totp_qr_svg,
    totp_restart,
    totp_verify,
)
from cortesia.audit.models import AuditEvent
from cortesia.audit.services import audit_record
from cortesia.calendars.conversion import business_calendar
from cortesia.core.actor import Actor, request_client_ip
from cortesia.core.errors import Forbidden
from cortesia.core.ratelimit import rate_hit
from cortesia.culture.business_time import is_open


def staff_user(request: HttpRequest) -> User:
    """Return the signed-in staff user (the login middleware guarantees one)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts:home")


def _throttled(request: HttpRequest, template: str, form: object, seconds: int) -> HttpResponse:
    response = render(request, template, {"form": form, "retry_after": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@login_not_required
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = sign_in_password(request=request, **form.cleaned_data)
        if outcome.retry_after:
            return _throttled(request, "accounts/login.html", form, outcome.retry_after)
        if outcome.needs_second_step:
            return redirect(f"{reverse('accounts:login-verify')}?next={_safe_next(request)}")
        if outcome.user is not None:
            return HttpResponseRedirect(_safe_next(request))
        form.add_error(None, _("The username or password is not correct."))
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)})


@login_not_required
@require_http_methods(["GET", "POST"])
def login_verify_view(request: HttpRequest) -> HttpResponse:
    user = pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = rate_hit(rule=TWO_FACTOR_PER_ACCOUNT, subject=str(user.pk))
        if not decision.allowed:
            return _throttled(request, "accounts/login_verify.html", form, decision.retry_after)
        if totp_verify(user=user, code=form.cleaned_data["code"]):
            sign_in_complete(request=request, user=user, action=AuditEvent.Action.LOGIN_2FA)
            return HttpResponseRedirect(_safe_next(request))
        form.add_error("code", _("This code is not valid. Enter the current code from your app."))
    return render(
        request, "accounts/login_verify.html", {"form": form, "next": _safe_next(request)}
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    audit_record(
        action=AuditEvent.Action.LOGOUT,
        result=AuditEvent.Result.OK,
        actor=Actor.from_request(request),
    )
    logout(request)
    return redirect("accounts:login")


@dataclass(frozen=True)
class TeamNow:
    team: Team
    local_now: datetime
    is_open: bool | None  # None: the team has no business calendar


def home_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    now = timezone.now()
    teams = [
        TeamNow(
            team,
            now.astimezone(ZoneInfo(team.time_zone)),
            is_open(business_calendar(team.calendar), now) if team.calendar else None,
        )
        for team in team_list(viewer=user)
    ]
    return render(
        request,
        "accounts/home.html",
        {
            "teams": teams,
            "now": now,
            "staff_count": user_list(viewer=user).count(),
            "team_count": len(teams),
        },
    )


@require_http_methods(["GET", "POST"])
def security_view(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    actor = Actor.from_request(request)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "disable":
        # A current code is required, so a borrowed session cannot remove the second factor.
        code_ok = form.is_valid() and totp_verify(user=user, code=form.cleaned_data["code"])
        if code_ok and not security_policy_get().require_two_factor:
            totp_disable(user=user, actor=actor)
            messages.success(request, _("Two-factor authentication is off."))
        elif not code_ok:
            messages.error(
                request, _("This code is not valid. Enter the current code from your app.")
            )
        return redirect("accounts:security")
    if request.method == "POST" and request.POST.get("action") == "restart":
        totp_restart(user=user, actor=actor)
        messages.success(request, _("A new key is ready. Scan the new code with your app."))
        return redirect("accounts:security")
    if request.method == "POST" and form.is_valid():
        if totp_confirm(user=user, code=form.cleaned_data["code"], actor=actor):
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("accounts:security")
        form.add_error("code", _("This code is not valid. Enter the current code from your app."))
    if not user.has_two_factor:
        totp_begin(user=user)
    policy = security_policy_get()
    return render(
        request,
        "accounts/security.html",
        {
            "form": form,
            "secret": user.totp_secret if not user.has_two_factor else "",
            "qr_svg": totp_qr_svg(user=user) if not user.has_two_factor else "",
            "policy": policy,
            "policy_form": TwoFactorPolicyForm(
                initial={"require_two_factor": policy.require_two_factor}
            ),
            "can_manage_staff": can_manage_staff(user),
        },
    )


@require_POST
def security_policy_view(request: HttpRequest) -> HttpResponse:
    form = TwoFactorPolicyForm(request.POST)
    if form.is_valid():
        try:
            security_policy_set_two_factor(
                required=form.cleaned_data["require_two_factor"],
                actor=Actor.from_request(request),
            )
        except Forbidden:
            return render(request, "errors/403.html", status=403)
        messages.success(request, _("The security policy is saved."))
    return redirect("accounts:security")


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset that answers the same for known and unknown addresses, with limits."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form: QueuedPasswordResetForm) -> HttpResponse:
        email = form.cleaned_data["email"].lower()
        ip_ok = rate_hit(rule=RESET_PER_IP, subject=request_client_ip(self.request))
        account_ok = rate_hit(rule=RESET_PER_ACCOUNT, subject=email)
        if not (ip_ok.allowed and account_ok.allowed):
            seconds = max(ip_ok.retry_after, account_ok.retry_after)
            return _throttled(self.request, self.template_name, form, seconds)
        return super().form_valid(form)


password_reset_view = login_not_required(ThrottledPasswordResetView.as_view())


class AuditedPasswordResetConfirmView(PasswordResetConfirmView):
    """Set the new password from a reset link and record the change in the audit log."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        response = super().form_valid(form)
        user = form.user
        audit_record(
            action=AuditEvent.Action.PASSWORD_CHANGE,
            result=AuditEvent.Result.OK,
            actor=Actor(user=user, client_ip=request_client_ip(self.request)),
            object_type="user",
            object_uid=str(user.uid),
            object_label=user.username,
        )
        return response


password_reset_confirm_view = login_not_required(AuditedPasswordResetConfirmView.as_view())
