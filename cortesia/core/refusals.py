"""One mapping from a refusal (a :class:`DomainError`) to what an interface answers.

The REST API answers ``{"error": {"code", "message", "details"?}}`` with the error's
status; an HTML page puts the message on its form and answers with the same status. A
404 never says more than "not there", so a hidden object and a missing one look alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from django.http import JsonResponse
from django.utils.translation import gettext as _

from cortesia.core.errors import DomainError, FieldErrors, RateLimited, TooLarge


@dataclass(frozen=True)
class Refusal:
    """What to answer: the HTTP status, the machine-readable code, the message for
    people, per-field details (or None) and extra response headers."""

    status: int
    code: str
    message: str
    details: object = None
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, dict[str, object]]:
        """The JSON body: ``{"error": {"code", "message", "details"?}}``."""
        error: dict[str, object] = {"code": self.code, "message": self.message}
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


def refusal_for(error: DomainError) -> Refusal:
    """Return the answer to ``error``: its status and code, the message (the same one for
    every 404), the fields of a FieldErrors and Retry-After for RateLimited."""
    message = error.message
    if error.status == 404:
        message = _("There is no such object, or you may not see it.")
    details = dict(error.errors) if isinstance(error, FieldErrors) else None
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else {}
    return Refusal(error.status, error.code, message, details, headers)


def refusal_response(refusal: Refusal) -> JsonResponse:
    """Return the JSON response for ``refusal`` (for code outside the API's own handlers,
    such as middleware)."""
    response = JsonResponse(refusal.body(), status=refusal.status)
    for name, value in refusal.headers.items():
        response[name] = value
    return response


class RefusableForm(Protocol):
    """What :func:`refusal_on_form` needs of a Django form."""

    @property
    def fields(self) -> Mapping[str, object]: ...

    def add_error(self, field: str | None, error: str) -> None: ...


def refusal_on_form(form: RefusableForm, error: DomainError, *, upload_field: str = "") -> int:
    """Put ``error`` on ``form`` and return the status the page should answer with.

    Each field error goes to its field when the form has one, otherwise to the whole
    form; a TooLarge goes to ``upload_field`` when given. HTML views use this, so a page
    and the API refuse the same things with the same status.
    """
    if isinstance(error, FieldErrors):
        for name, text in error.errors.items():
            form.add_error(name if name in form.fields else None, text)
    elif isinstance(error, TooLarge) and upload_field in form.fields:
        form.add_error(upload_field, error.message)
    else:
        form.add_error(None, refusal_for(error).message)
    return error.status
