"""``{% load settings_nav %}{% settings_nav "staff" %}``: the side navigation of a settings
page, the sections the signed-in user may open with the current one marked."""

from __future__ import annotations

from typing import Any

from django.template import Library

from cortesia.core.settings_sections import settings_sections_for

register = Library()


@register.inclusion_tag("settings/nav.html", takes_context=True)
def settings_nav(context: dict[str, Any], current: str = "") -> dict[str, object]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"sections": settings_sections_for(user), "current": current}
