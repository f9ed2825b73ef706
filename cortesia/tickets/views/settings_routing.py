"""Settings pages of routing: the ordered rules, follow-the-sun and "test this rule"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import User
from cortesia.accounts.selectors import team_list
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.customers.segments import segment_list
from cortesia.tickets.models import RoutingRule, Ticket
from cortesia.tickets.routing_admin import (
    can_change_routing,
    routing_rule_delete,
    routing_rule_get,
    routing_rule_list,
    routing_rule_move,
    routing_rule_save,
    routing_settings_get,
    routing_settings_set,
)
from cortesia.tickets.routing_preview import routing_preview
from cortesia.tickets.settings_forms import FollowTheSunForm, MoveForm, RuleForm, SampleForm

LIST = "desk-settings:routing-list"


def _lead(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if not can_change_routing(viewer):
        raise PermissionDenied
    return viewer


def _rule(viewer: User, uid: str) -> RoutingRule:
    try:
        return routing_rule_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def _rule_form(request: HttpRequest, viewer: User, **kwargs: object) -> RuleForm:
    teams = list(team_list(viewer=viewer).prefetch_related(None))
    segments = list(segment_list(viewer=viewer))
    return RuleForm(request.POST or None, teams=teams, segments=segments, **kwargs)


Row = tuple[RoutingRule, str | None, str | None, list[str]]


def _rows(rules: list[RoutingRule]) -> list[Row]:
    """Each rule with where "move up" and "move down" put it (after the rule named, ""
    for first, None where it cannot move) and its channels' names. Sending a place, not a
    step, keeps a double click from moving a rule twice."""
    names = dict(Ticket.Channel.choices)
    rows = []
    for index, rule in enumerate(rules):
        up = None if index == 0 else (str(rules[index - 2].uid) if index >= 2 else "")
        down = str(rules[index + 1].uid) if index + 1 < len(rules) else None
        rows.append((rule, up, down, [str(names.get(code, code)) for code in rule.channels]))
    return rows


@require_GET
def routing_list_view(request: HttpRequest) -> HttpResponse:
    viewer = _lead(request)
    sample = SampleForm(request.GET if "subject" in request.GET else None)
    preview = None
    if sample.is_bound and sample.is_valid():
        preview = routing_preview(sample=sample.to_sample(timezone.now()), viewer=viewer)
    context = {
        "rows": _rows(routing_rule_list(viewer=viewer)),
        "follow_form": FollowTheSunForm(initial={"follow_the_sun": _follow_the_sun()}),
        "sample_form": sample,
        "preview": preview,
    }
    return render(request, "tickets/settings/routing_list.html", context)


def _follow_the_sun() -> bool:
    return routing_settings_get().follow_the_sun


@require_http_methods(["GET", "POST"])
def routing_rule_edit_view(request: HttpRequest, uid: str | None = None) -> HttpResponse:
    viewer = _lead(request)
    rule = _rule(viewer, uid) if uid else None
    form = _rule_form(request, viewer, initial=RuleForm.initial_for(rule) if rule else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = routing_rule_save(
                    rule=rule, data=form.to_data(), actor=Actor.from_request(request)
                )
            except DomainError as error:
                status = refusal_on_form(form, error)
            else:
                messages.success(request, _("The rule %(name)s is saved.") % {"name": saved.name})
                return redirect(LIST)
    context = {"form": form, "rule": rule}
    return render(request, "tickets/settings/routing_rule_form.html", context, status=status)


@require_POST
def routing_rule_move_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    rule = _rule(viewer, uid)
    form = MoveForm(request.POST)
    after_uid = form.cleaned_data["after"] if form.is_valid() else ""
    after = _rule(viewer, after_uid) if after_uid else None
    routing_rule_move(rule=rule, after=after, actor=Actor.from_request(request))
    messages.success(request, _("The rule %(name)s is moved.") % {"name": rule.name})
    return redirect(LIST)


@require_POST
def routing_rule_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    try:
        rule = routing_rule_get(viewer=viewer, uid=uid)
        routing_rule_delete(rule=rule, actor=Actor.from_request(request))
    except NotFound:
        messages.info(request, _("This rule was already deleted."))
    else:
        messages.success(request, _("The rule %(name)s is deleted.") % {"name": rule.name})
    return redirect(LIST)


@require_POST
def routing_follow_the_sun_view(request: HttpRequest) -> HttpResponse:
    _lead(request)
    form = FollowTheSunForm(request.POST)
    form.is_valid()  # a checkbox: absent means off
    routing_settings_set(
        follow_the_sun=form.cleaned_data.get("follow_the_sun", False),
        actor=Actor.from_request(request),
    )
    messages.success(request, _("Follow-the-sun is saved."))
    return redirect(LIST)
