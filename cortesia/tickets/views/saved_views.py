"""Saving the inbox's filters as a view, renaming and deleting views (POST only: each
returns to the inbox with a message)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cortesia.core.actor import Actor
from cortesia.core.errors import DomainError, FieldErrors, Forbidden, NotFound
from cortesia.tickets.saved_view_forms import SavedViewForm, SavedViewRenameForm
from cortesia.tickets.saved_views import (
    saved_view_create,
    saved_view_delete,
    saved_view_get,
    saved_view_query,
    saved_view_rename,
    saved_view_team_get,
    saved_view_teams,
)
from cortesia.tickets.views.inbox import _viewer


def _refused(request: HttpRequest, error: DomainError) -> HttpResponse:
    """Tell what was refused and go back to the inbox (a form in a list of views)."""
    if isinstance(error, FieldErrors):
        messages.error(request, " ".join(error.errors.values()))
    else:
        messages.error(request, error.message)
    return redirect("tickets:inbox")


@require_POST
def saved_view_create_view(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    form = SavedViewForm(request.POST, teams=list(saved_view_teams(viewer=viewer)))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("tickets:inbox")
    query = saved_view_query(_query_of(form.cleaned_data["query"]))
    try:
        team_uid = form.cleaned_data.get("team", "")
        team = saved_view_team_get(viewer=viewer, uid=team_uid) if team_uid else None
        view = saved_view_create(
            actor=Actor.from_request(request),
            name=form.cleaned_data["name"],
            query=query,
            team=team,
        )
    except NotFound:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("The view “%(name)s” is saved.") % {"name": view.name})
    return redirect(f"{reverse('tickets:inbox')}?{view.query}")


@require_POST
def saved_view_rename_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _viewer(request)
    form = SavedViewRenameForm(request.POST)
    try:
        view = saved_view_get(viewer=viewer, uid=uid)
        if not form.is_valid():
            raise FieldErrors({"name": " ".join(str(e) for e in form.errors.get("name", []))})
        saved_view_rename(
            view=view, name=form.cleaned_data["name"], actor=Actor.from_request(request)
        )
    except NotFound:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("The view is renamed “%(name)s”.") % {"name": view.name})
    return redirect("tickets:inbox")


@require_POST
def saved_view_delete_view(request: HttpRequest, uid: str) -> HttpResponse:
    viewer = _viewer(request)
    try:
        view = saved_view_get(viewer=viewer, uid=uid)
        saved_view_delete(view=view, actor=Actor.from_request(request))
    except NotFound:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None
    except DomainError as error:
        return _refused(request, error)
    messages.success(request, _("The view “%(name)s” is deleted.") % {"name": view.name})
    return redirect("tickets:inbox")


def _query_of(text: str) -> QueryDict:
    return QueryDict(text.lstrip("?"))
