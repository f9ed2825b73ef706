"""The SLA pages of the settings area (administrators and managers): the policies in the
order they are tried, the editor with its Test button, and the escalation overview."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_list
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.organizations import organization_list
from cortesia.sla.forms import PolicyForm, SampleForm
from cortesia.sla.models import SlaPolicy
from cortesia.sla.permissions import can_manage_sla
from cortesia.sla.policies import policy_get, policy_list, policy_save
from cortesia.sla.trial import Trial, policy_try


def _manager(request: HttpRequest) -> User:
    if not isinstance(request.user, User) or not can_manage_sla(request.user):
        raise PermissionDenied
    return request.user


@require_GET
def policy_list_view(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    context = {"policies": policy_list(viewer=viewer)}
    return render(request, "sla/settings/policy_list.html", context)


@require_GET
def escalation_view(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    context = {"policies": policy_list(viewer=viewer)}
    return render(request, "sla/settings/escalation.html", context)


def _forms(
    request: HttpRequest, viewer: User, policy: SlaPolicy | None
) -> tuple[PolicyForm, SampleForm]:
    posted = request.POST if request.method == "POST" else None
    teams = team_list(viewer=viewer)
    initial = PolicyForm.initial_of(policy) if policy else None
    now = timezone.localtime()
    sample = SampleForm(
        posted if "test" in request.POST else None,
        teams=teams,
        organizations=organization_list(viewer=viewer).filter(calendar__isnull=False),
        initial={
            "created_date": now.date(),
            "created_time": now.time().replace(second=0, microsecond=0),
        },
    )
    return PolicyForm(posted, teams=teams, initial=initial), sample


def _try(
    request: HttpRequest, form: PolicyForm, sample: SampleForm, policy: SlaPolicy | None
) -> tuple[Trial | None, int]:
    """Answer the Test button: the trial and 200, or None and the status of the refusal."""
    if not (form.is_valid() and sample.is_valid()):
        return None, 400
    try:
        data = form.data_of()
        return policy_try(
            policy=policy, data=data, sample=sample.sample(), actor=Actor.from_request(request)
        ), 200
    except DomainError as error:
        return None, refusal_on_form(form, error)


@require_http_methods(["GET", "POST"])
def policy_edit_view(request: HttpRequest, uid: UUID | None = None) -> HttpResponse:
    viewer = _manager(request)
    try:
        policy = policy_get(viewer=viewer, uid=str(uid)) if uid else None
    except NotFound:
        raise Http404 from None
    form, sample = _forms(request, viewer, policy)
    trial, status = None, 200
    if "test" in request.POST:
        trial, status = _try(request, form, sample, policy)
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = policy_save(
                    policy=policy, data=form.data_of(), actor=Actor.from_request(request)
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                messages.success(request, _("The policy is saved."))
                return redirect("sla-settings:policy-edit", uid=saved.uid)
    context = {"form": form, "sample": sample, "policy": policy, "trial": trial}
    return render(request, "sla/settings/policy_edit.html", context, status=status)
