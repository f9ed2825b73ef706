"""Settings pages of shifts: who is on shift now, each agent's week and leave, their
languages and skills, and how each team hands out new tickets."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import Team, User
from cortesia.accounts.selectors import team_get, user_get
from cortesia.accounts.views import staff_user
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, Forbidden, NotFound
from cortesia.core.refusals import refusal_on_form
from cortesia.tickets.routing_admin import can_change_routing
from cortesia.tickets.settings_forms import (
    AgentProfileForm,
    AssignmentForm,
    CopyWeekForm,
    LeaveForm,
    WeekForm,
)
from cortesia.tickets.shift_week import agent_local_today, agent_week, monday_of, teams_now
from cortesia.tickets.staffing import (
    ShiftData,
    agent_profile_of,
    agent_profile_set,
    leave_create,
    leave_delete,
    leave_get,
    leave_list,
    shifts_copy,
    shifts_of_user,
    shifts_replace,
    team_assignment_set,
    team_routing_of,
)


def _lead(request: HttpRequest) -> User:
    viewer = staff_user(request)
    if not can_change_routing(viewer):
        raise PermissionDenied
    return viewer


def _agent(viewer: User, uid: str) -> User:
    try:
        return user_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def _team(viewer: User, uid: str) -> Team:
    try:
        return team_get(viewer=viewer, uid=uid)
    except NotFound:
        raise Http404 from None


def _week_url(agent: User) -> str:
    return reverse("desk-settings:shift-week", kwargs={"uid": agent.uid})


@require_GET
def shift_list_view(request: HttpRequest) -> HttpResponse:
    viewer = _lead(request)
    now = timezone.now()
    context = {"teams": teams_now(viewer=viewer, now=now), "now": now}
    return render(request, "tickets/settings/shift_list.html", context)


def _monday(request: HttpRequest, agent: User) -> date:
    """The Monday of the week asked for (?week=YYYY-MM-DD), else of the agent's today."""
    try:
        asked = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        asked = None
    if asked is None or not 1900 <= asked.year <= 2999:  # the links around stay dates
        asked = agent_local_today(agent, timezone.now())
    return monday_of(asked)


def _week_context(viewer: User, agent: User, monday: date) -> dict[str, object]:
    try:
        week = agent_week(viewer=viewer, agent=agent, monday=monday)
    except Forbidden:
        raise PermissionDenied from None
    is_lead = can_change_routing(viewer)
    copy_forms = [
        (team, CopyWeekForm(colleagues=_colleagues(team, agent), auto_id=f"copy-{team.uid}-%s"))
        for team in week.teams
    ]
    return {
        "week": week,
        "agent": agent,
        "can_edit": is_lead,
        "copy_forms": copy_forms if is_lead else [],
        "leave_form": LeaveForm(),
        "leave": leave_list(user=agent, since=monday) if is_lead else [],
    }


def _colleagues(team: Team, agent: User) -> list[User]:
    return [
        user
        for user in team.members.filter(is_active=True).order_by("username")
        if user.pk != agent.pk
    ]


@require_GET
def shift_week_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    agent = _agent(viewer, uid)
    context = _week_context(viewer, agent, _monday(request, agent))
    return render(request, "tickets/settings/shift_week.html", context)


@require_http_methods(["GET", "POST"])
def shift_edit_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    agent = _agent(viewer, uid)
    form = WeekForm(request.POST or None, initial=WeekForm.initial_for(shifts_of_user(agent)))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        shifts = form.to_shifts()
        try:
            shifts_replace(user=agent, shifts=shifts, actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(_WeekErrors(form, shifts), error)
        else:
            messages.success(request, _("The shifts are saved."))
            return redirect(_week_url(agent))
    context = {"form": form, "agent": agent}
    return render(request, "tickets/settings/shift_edit.html", context, status=status)


class _WeekErrors:
    """The week form as ``refusal_on_form`` sees it: the service's ``shifts.<n>`` errors
    go to the weekday field of the n-th shift sent."""

    def __init__(self, form: WeekForm, shifts: list[ShiftData]) -> None:
        self.form, self.shifts = form, shifts
        self.fields = {f"shifts.{index}": None for index in range(len(shifts))}

    def add_error(self, field: str | None, error: str) -> None:
        self.form.add_error(self.form.field_of_shift(self.shifts, field or ""), error)


@require_POST
def shift_copy_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    agent = _agent(viewer, uid)
    team = _team(viewer, request.POST.get("team", ""))
    form = CopyWeekForm(request.POST, colleagues=_colleagues(team, agent))
    if not form.is_valid():
        messages.error(request, _("Choose at least one other agent of the team."))
        return redirect(_week_url(agent))
    try:
        changed = shifts_copy(
            source=agent, team=team, targets=form.to_targets(), actor=Actor.from_request(request)
        )
    except DomainError as error:
        text = " ".join(error.errors.values()) if isinstance(error, FieldErrors) else error.message
        messages.error(request, text)
    else:
        messages.success(request, _("The week is copied to %(count)d agents.") % {"count": changed})
    return redirect(_week_url(agent))


@require_POST
def leave_create_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    agent = _agent(viewer, uid)
    form = LeaveForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            leave = leave_create(user=agent, data=form.to_data(), actor=Actor.from_request(request))
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The leave is recorded."))
            return redirect(f"{_week_url(agent)}?week={monday_of(leave.first_day).isoformat()}")
    context = {
        **_week_context(viewer, agent, monday_of(agent_local_today(agent, timezone.now()))),
        "leave_form": form,
    }
    return render(request, "tickets/settings/shift_week.html", context, status=status)


@require_POST
def leave_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    try:
        leave = leave_get(viewer=viewer, uid=uid)
        leave_delete(leave=leave, actor=Actor.from_request(request))
    except NotFound:
        messages.info(request, _("This leave was already removed."))
        return redirect("desk-settings:shift-list")
    messages.success(request, _("The leave is removed."))
    return redirect(_week_url(leave.user))


@require_http_methods(["GET", "POST"])
def agent_profile_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    agent = _agent(viewer, uid)
    profile = agent_profile_of(agent)
    initial = {"languages": ", ".join(profile.languages), "skills": ", ".join(profile.skills)}
    form = AgentProfileForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            agent_profile_set(
                user=agent,
                languages=form.languages_list(),
                skills=form.skills_list(),
                actor=Actor.from_request(request),
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("The languages and skills are saved."))
            return redirect(_week_url(agent))
    context = {"form": form, "agent": agent}
    return render(request, "tickets/settings/agent_profile.html", context, status=status)


@require_http_methods(["GET", "POST"])
def team_assignment_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _lead(request)
    team = _team(viewer, uid)
    routing = team_routing_of(team)
    initial = {"assignment": routing.assignment, "return_on_shift_end": routing.return_on_shift_end}
    form = AssignmentForm(request.POST or None, initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            team_assignment_set(team=team, actor=Actor.from_request(request), **form.cleaned_data)
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(
                request, _("The assignment of %(team)s is saved.") % {"team": team.name}
            )
            return redirect("desk-settings:shift-list")
    context = {"form": form, "team": team}
    return render(request, "tickets/settings/team_assignment.html", context, status=status)
