"""The settings pages of mention sources (administrators): the list with counts, a new
source (its secret shown once, with the headers and a curl example), renewing the secret,
switching a source off or on, and a CSV upload of mentions.

A new or renewed secret is kept in the session only for the page the form redirects to,
which takes it out again: it is shown once and never stored in clear anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cortesia.accounts.views import staff_user
from cortesia.core.errors import Forbidden, NotFound
from cortesia.feedback.mention_signing import source_list
from cortesia.feedback.permissions import can_manage_mention_sources

View = Callable[..., HttpResponse]


def admins_only(view: View) -> View:
    """Refuse anyone who may not manage mention sources (403); a missing source is 404."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not can_manage_mention_sources(staff_user(request)):
            raise PermissionDenied
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except Forbidden:
            raise PermissionDenied from None

    return wrapped


@require_GET
@admins_only
def source_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/settings/mention_source_list.html", {"rows": source_list()})
