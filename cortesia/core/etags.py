"""Weak ETags carrying a row version, and the If-Match header that sends one back."""

from __future__ import annotations

from django.utils.translation import gettext as _

from cortesia.core.errors import DomainError


def version_etag(version: int) -> str:
    return f'W/"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """Return the version an If-Match header names, None without one, or raise DomainError
    for a value this API never sent."""
    if not if_match:
        return None
    digits = if_match.removeprefix("W/").strip('"')
    if not digits.isdigit():
        raise DomainError(
            _('If-Match must be an ETag of this API, e.g. W/"3".'), code="invalid_if_match"
        )
    return int(digits)
