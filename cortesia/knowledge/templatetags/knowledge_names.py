"""Template filters of the knowledge-base editor: a category's or section's name in the
page's language (else English, else any)."""

from __future__ import annotations

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def name_here(names: dict[str, str] | None) -> str:
    """The name in the active language, else in English, else the first one written."""
    if not names:
        return ""
    language = translation.get_language() or ""
    return names.get(language) or names.get("en") or next(iter(names.values()), "")
