"""Errors a service raises for a user to see. Interfaces map them to 4xx responses."""

from __future__ import annotations

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A rule of the domain refuses the request (HTTP 400)."""

    code = "invalid_request"
    status = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class NotFound(DomainError):
    """The object does not exist, or the actor may not know that it exists (HTTP 404)."""

    code = "not_found"
    status = 404


class Forbidden(DomainError):
    """The actor is known but lacks the role or scope for this action (HTTP 403)."""

    code = "forbidden"
    status = 403


class Conflict(DomainError):
    """The object changed or already exists (HTTP 409)."""

    code = "conflict"
    status = 409


class TooLarge(DomainError):
    """An upload is larger than allowed (HTTP 413)."""

    code = "too_large"
    status = 413


class ExpandsTooLarge(TooLarge):
    """A file is small but would be huge once opened: a zip bomb, a pixel flood (HTTP 413,
    like any upload too large to process; the sender's remedy is the same)."""

    code = "expands_too_large"


class RateLimited(DomainError):
    """Too many requests of one kind from one source (HTTP 429); retry after
    ``retry_after`` seconds."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FieldErrors(DomainError):
    """Several fields are invalid; ``errors`` maps each field to its message."""

    code = "validation_error"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(_("Some fields are not valid."))
        self.errors = errors
