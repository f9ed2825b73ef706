from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info


def languages(request: HttpRequest) -> dict[str, object]:
    """Offer each interface language under its own name, for the language switcher."""
    return {
        "interface_languages": [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
    }
