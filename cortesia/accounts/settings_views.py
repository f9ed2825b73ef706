"""The staff settings pages (``/settings/staff/``): the staff list and one person's page.

Each view parses its input with a form, asks one selector or service and renders or
redirects. The services decide who may do what: a Forbidden becomes a 403 page and a
NotFound the 404 page, which never says whether the object exists.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cortesia.accounts.selectors import staff_directory
from cortesia.accounts.settings_forms import StaffFilterForm
from cortesia.accounts.views import staff_user
from cortesia.core.errors import Forbidden, NotFound

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
    users = staff_directory(viewer=viewer, status=status)
    context = {"users": users, "filter_form": filter_form, "status": status}
    return render(request, "accounts/settings/staff_list.html", context)
