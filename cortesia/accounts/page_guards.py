"""Guards for staff pages whose services already check permissions: refuse early whom a
permission flag refuses, and turn the services' refusals into the right page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from cortesia.accounts.views import staff_user
from cortesia.core.errors import Forbidden, NotFound

View = Callable[..., HttpResponse]


def page_guard(flag: Callable[[object], bool]) -> Callable[[View], View]:
    """Return a view decorator that answers 403 to a staff member ``flag`` refuses, 404
    when the service finds no such object (NotFound) and 403 when it refuses the action
    (Forbidden)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not flag(staff_user(request)):
                raise PermissionDenied
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise Http404 from None
            except Forbidden:
                raise PermissionDenied from None

        return wrapped

    return decorate
