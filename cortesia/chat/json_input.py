"""Reading the JSON bodies the widget and the console send, with refusals that name the
field (one way for both, so both answer bad input alike)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cortesia.core.errors import FieldErrors

MAX_BODY = 16_384


def json_object(request: HttpRequest) -> dict[str, Any]:
    """The POSTed JSON object ({} for other methods). Raises FieldErrors for a body that
    is too large or is not a JSON object."""
    if request.method != "POST":
        return {}
    if len(request.body) > MAX_BODY:
        raise FieldErrors({"body": _("The request is too large.")})
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise FieldErrors({"body": _("Send a JSON object.")}) from None
    if not isinstance(data, dict):
        raise FieldErrors({"body": _("Send a JSON object.")})
    return data


def text_field(data: dict[str, Any], name: str) -> str:
    """The text at ``name`` ("" when absent). Raises FieldErrors for any other type."""
    value = data.get(name, "")
    if not isinstance(value, str):
        raise FieldErrors({name: _("Give text.")})
    return value
