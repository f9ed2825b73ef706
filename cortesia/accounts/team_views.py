"""The team settings pages (``/settings/teams/``): list, create, change, members.

Administrators and managers manage every team (the team services say so); everyone else
gets a 403 page. Each view parses a form and calls one service.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cortesia.accounts.models import Team
from cortesia.accounts.permissions import require_team_manager
from cortesia.accounts.selectors import (
    team_directory,
    team_member_candidates,
    team_settings_get,
    user_get,
)
from cortesia.accounts.services import team_member_add, team_member_remove
from cortesia.accounts.settings_forms import TeamForm, TeamMemberForm
from cortesia.accounts.settings_views import refusals_as_pages
from cortesia.accounts.team_changes import team_settings_save
from cortesia.accounts.views import staff_user
from cortesia.calendars.selectors import calendar_list
from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, NotFound
from cortesia.core.refusals import refusal_on_form


@require_GET
@refusals_as_pages
def team_list_view(request: HttpRequest) -> HttpResponse:
    teams = team_directory(viewer=staff_user(request))
    return render(request, "accounts/settings/team_list.html", {"teams": teams})


def _team_form_page(request: HttpRequest, team: Team | None) -> HttpResponse:
    viewer = staff_user(request)
    initial = TeamForm.initial_for(team) if team is not None else {}
    form = TeamForm(request.POST or None, calendars=calendar_list(), initial=initial)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = team_settings_save(
                team=team, data=form.to_data(), actor=Actor.from_request(request)
            )
        except DomainError as error:
            status = refusal_on_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("staff-settings:team-detail", uid=saved.uid)
    context: dict[str, object] = {"team": team, "form": form}
    if team is not None:
        context["candidates"] = team_member_candidates(viewer=viewer, team=team)
    return render(request, "accounts/settings/team_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def team_new_view(request: HttpRequest) -> HttpResponse:
    require_team_manager(Actor.from_request(request))
    return _team_form_page(request, None)


@require_http_methods(["GET", "POST"])
@refusals_as_pages
def team_detail_view(request: HttpRequest, uid: str) -> HttpResponse:
    return _team_form_page(request, team_settings_get(viewer=staff_user(request), uid=uid))


@require_POST
@refusals_as_pages
def team_member_add_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = staff_user(request)
    team = team_settings_get(viewer=viewer, uid=uid)
    form = TeamMemberForm(request.POST)
    try:
        if not form.is_valid():
            raise NotFound("user")
        member = user_get(viewer=viewer, uid=str(form.cleaned_data["member"]))
    except NotFound:
        messages.error(request, _("Choose an active person to add."))
    else:
        name = member.display_name
        if team_member_add(team=team, user=member, actor=Actor.from_request(request)):
            messages.success(request, _("%(name)s joined the team.") % {"name": name})
        else:
            messages.info(request, _("%(name)s is in the team already.") % {"name": name})
    return redirect("staff-settings:team-detail", uid=uid)


@require_POST
@refusals_as_pages
def team_member_remove_view(request: HttpRequest, uid: str) -> HttpResponse:
    team = team_settings_get(viewer=staff_user(request), uid=uid)
    form = TeamMemberForm(request.POST)
    wanted = form.cleaned_data["member"] if form.is_valid() else None
    member = next((person for person in team.members.all() if person.uid == wanted), None)
    if member is not None:
        team_member_remove(team=team, user=member, actor=Actor.from_request(request))
        messages.success(request, _("%(name)s left the team.") % {"name": member.display_name})
    return redirect("staff-settings:team-detail", uid=uid)
