"""The one check that a value (or each value of a list) is one of the allowed choices."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from cortesia.core.errors import FieldErrors


def choice_error(value: object, choices: Iterable[str]) -> str | None:
    """Return the message for a value outside ``choices``, or None when it is allowed.

    A list or tuple is checked item by item and the message names the unknown items, in
    order: "fax, pigeon is not one of: email, web." A single value is named as given.
    """
    allowed = list(choices)
    if isinstance(value, list | tuple):
        unknown = sorted({str(item) for item in value} - set(allowed))
        shown = ", ".join(unknown)
    else:
        unknown = [] if value in allowed else [str(value)]
        shown = str(value)
    if not unknown:
        return None
    return _("%(value)s is not one of: %(choices)s.") % {
        "value": shown,
        "choices": ", ".join(allowed),
    }


def require_choice(value: object, choices: Iterable[str], field: str) -> None:
    """Raise FieldErrors naming ``field`` when ``value`` is not one of ``choices``."""
    message = choice_error(value, choices)
    if message is not None:
        raise FieldErrors({field: message})
