"""The staff settings pages (``/settings/staff/``): the staff list and one person's page.

Each view parses its input with a form, asks one selector or service and renders or
redirects. The services decide who may do what: a Forbidden becomes a 403 page and a
NotFound the 404 page, which never says whether the object exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.invitations import (
    invitation_create,
    invitation_get,
    invitation_list_open,
    invitation_resend,
    invitation_revoke,
    invitation_team_choices,
)
from cortesia.accounts.selectors import staff_directory, staff_member_get, team_choices
from cortesia.accounts.services import user_update
from cortesia.accounts.settings_forms import InvitationForm, StaffFilterForm, UserSettingsForm
from cortesia.accounts.user_changes import user_change
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import Conflict, DomainError, Forbidden, NotFound
from cortesia.core.refusals import refusal_on_form

P = ParamSpec("P")


def refusals_as_pages(view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Answer a Forbidden with the 403 page and a NotFound with the 404 page."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except Forbidden:
            raise PermissionDenied from None
        except NotFound:
            raise Http404 from None

    return wrapped


@require_GET
@refusals_as_pages
def staff_list_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    filter_form = StaffFilterForm(request.GET or None)
    status = filter_form.chosen()
    context = {
        "users": staff_directory(viewer=viewer, status=status),
        "invitations": invitation_list_open(viewer=viewer),
        "filter_form": filter_form,
        "status": status,
    }
    return render(request, "accounts/settings/staff_list.html", context)


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def invitation_new_view(request: HttpRequest) -> HttpResponse:
    viewer = staff_user(request)
    form = InvitationForm(
        request.POST or None,
        teams=invitation_team_choices(viewer=viewer),
        initial={"language": translation.get_language()},
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(data=form.to_data(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(
                request, _("The invitation to %(email)s is on its way.") % {"email": invitation}
            )
            return redirect("staff-settings:staff-list")
    return render(request, "accounts/settings/invitation_new.html", {"form": form}, status=status)


@require_POST
@refusals_as_pages
def invitation_resend_view(request: HttpRequest, uid: str) -> HttpResponse:
    invitation = invitation_get(viewer=staff_user(request), uid=uid)
    try:
        invitation_resend(invitation=invitation, actor=Actor.from_request(request))
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("A new link is on its way to %(email)s.") % {"email": invitation}
        )
    return redirect("staff-settings:staff-list")


@require_POST
@refusals_as_pages
def invitation_revoke_view(request: HttpRequest, uid: str) -> HttpResponse:
    invitation = invitation_get(viewer=staff_user(request), uid=uid)
    invitation_revoke(invitation=invitation, actor=Actor.from_request(request))
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation}
    )
    return redirect("staff-settings:staff-list")


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def user_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    user = staff_member_get(viewer=viewer, uid=uid)
    form = UserSettingsForm(
        request.POST or None,
        teams=team_choices(viewer=viewer),
        initial=UserSettingsForm.initial_for(user),
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            user_change(user=user, actor=Actor.from_request(request), **form.cleaned_data)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("staff-settings:user-detail", uid=uid)
    context = {"person": user, "form": form, "is_self": user.pk == viewer.pk}
    return render(request, "accounts/settings/user_detail.html", context, status=status)


def _set_active(request: HttpRequest, uid: str, *, is_active: bool, done: str) -> HttpResponse:
    user = staff_member_get(viewer=staff_user(request), uid=uid)
    try:
        user_update(user=user, is_active=is_active, actor=Actor.from_request(request))
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"name": user.display_name})
    return redirect("staff-settings:user-detail", uid=uid)


@require_POST
@refusals_as_pages
def user_deactivate_view(request: HttpRequest, uid: str) -> HttpResponse:
    """Deactivate the account: its sessions end and its API tokens are revoked at once."""
    return _set_active(request, uid, is_active=False, done=_("%(name)s is deactivated."))


@require_POST
@refusals_as_pages
def user_reactivate_view(request: HttpRequest, uid: str) -> HttpResponse:
    return _set_active(request, uid, is_active=True, done=_("%(name)s is active again."))
